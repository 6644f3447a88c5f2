import Foundation
import RampChecks
import RampDiagnostics
import RampIR
import RampKube
import RampLowering
import RampSema
import RampSource
import RampSyntax

/// One run of the compiler over a set of contract files: read, parse,
/// resolve, check, lower. Every stage reports to one diagnostic engine, and
/// a stage runs only when the stages before it found no error. The checks
/// are the exception, because they run beside lowering, whose result is
/// dropped when they find an error.
public struct Compilation {
    public let diagnostics = DiagnosticEngine()
    public private(set) var sources: [SourceFile] = []
    /// The parsed files, for analyses that build the contracts again, such
    /// as the comparison of environments.
    public private(set) var contractFiles: [ContractFile] = []
    public private(set) var program: Program?
    public private(set) var plan: PolicyPlan?
    public private(set) var policies: [NetworkPolicy] = []
    /// The policies with their YAML, written once for the limits, the hash and the files.
    public private(set) var renderedPolicies: [RenderedPolicy] = []
    public var optimizationLevel: OptimizationLevel = .standard
    /// The target version; nil takes the environment profile's, else the default.
    public var requestedKubernetesVersion: KubernetesVersion?
    /// The environment to build for; nil builds without one.
    public var environment: String?
    /// Whether to prove the invariants on the generated policies, which
    /// reports each violation as an error. `ramp diff` and `ramp test
    /// --policies` turn it off.
    public var checksInvariants = true
    /// Whether to keep `contractFiles`, `plan` and `policies` once the build
    /// no longer needs them. `ramp build` needs only the program and the
    /// rendered policies, and turns this off for large input so that each
    /// stage's input is freed while later stages run, which lowers the peak
    /// memory.
    public var keepsIntermediateResults = true

    public init() {}

    /// Compiles files already in memory; the driver reads them first.
    /// `parsed` gives the files' syntax trees when another compilation
    /// parsed them without errors, so that the builds of several
    /// environments parse the files once.
    public mutating func compile(_ files: [SourceFile], parsed: [ContractFile]? = nil) {
        sources = files
        guard let (program, checks) = resolveAndStartChecks(files, parsed: parsed) else { return }
        // Without the intermediate results, the checks hold the last
        // reference to the syntax trees. Waiting for them before lowering
        // keeps the trees and the lowering's tables from being in memory at
        // once: on 45,000 small namespaces that lowered the peak by about a
        // fifth. With them, the checks run beside lowering.
        let checksFirst = !keepsIntermediateResults
        if checksFirst {
            guard finishChecks(checks) else { return }
        }

        var plan: PolicyPlan? = Pipeline.lower(program, level: optimizationLevel, kubernetesVersion: kubernetesVersion)
        let policies = plan!.networkPolicies
        if !keepsIntermediateResults && !needsPlanForInvariants(program) { plan = nil }
        let renderedPolicies = RenderedPolicy.render(policies)
        if !checksFirst {
            guard finishChecks(checks) else { return }
        }

        if keepsIntermediateResults {
            self.plan = plan
            self.policies = policies
        }
        self.renderedPolicies = renderedPolicies
        ObjectLimits.check(renderedPolicies, program: program, diagnostics: diagnostics)
        if let plan, needsPlanForInvariants(program) { checkInvariants(program, plan: plan, policies: policies) }
    }

    /// Parses and resolves the files, and starts the semantic checks, or
    /// returns nil when either stage found an error.
    ///
    /// The checks only report, and lowering does not read their result, so
    /// with `keepsIntermediateResults` both run at once, and the lowered
    /// policies are dropped when a check found an error. Otherwise the
    /// checks hold the only reference to the syntax trees, which are freed
    /// on the checks' thread when they finish.
    private mutating func resolveAndStartChecks(_ files: [SourceFile], parsed: [ContractFile]?) -> (Program, BackgroundTask<[Diagnostic]>)? {
        let parsed = parsed ?? parse(files)
        guard !diagnostics.hasErrors else { return nil }
        if keepsIntermediateResults { contractFiles = parsed }

        let program = Resolver.resolve(parsed, environment: environment, diagnostics: diagnostics)
        reportMissingNamespaces(program, parsed: parsed)
        guard !diagnostics.hasErrors else { return nil }
        // `kubernetesVersion` reads the environment's profile from the program.
        self.program = program
        return (program, startChecks(program, files: parsed))
    }

    /// The size of the contracts above which `ramp build` drops the
    /// intermediate results, to lower its peak memory instead of its time.
    /// Below it, freeing them and running the checks alone cost `small`
    /// about 5 ms of its 90 ms (measured in alternating runs).
    public static let largeInputBytes = 16_000_000

    /// Waits for the checks, reports their diagnostics in the order they
    /// were emitted, and returns whether the compilation is still free of errors.
    private func finishChecks(_ checks: BackgroundTask<[Diagnostic]>) -> Bool {
        for diagnostic in checks.wait() { diagnostics.emit(diagnostic) }
        return !diagnostics.hasErrors
    }

    private func needsPlanForInvariants(_ program: Program) -> Bool {
        checksInvariants && !program.invariants.isEmpty
    }
}

extension Compilation {
    /// Reports that there is nothing to generate when no file declares a
    /// namespace. Namespaces that were declared but rejected, for example for
    /// an invalid name, have their own errors, so they are not reported again.
    /// With one file, the message points at its start.
    func reportMissingNamespaces(_ program: Program, parsed: [ContractFile]) {
        guard program.namespaces.isEmpty else { return }
        let declaresNamespace = parsed.contains { !$0.namespaces.isEmpty }
        guard !declaresNamespace || !diagnostics.hasErrors else { return }

        let location = sources.count == 1 ? SourceRange(file: sources[0], start: 0, end: 0) : nil
        diagnostics.emit(.noNamespaces(fileCount: sources.count), at: location)
    }

    /// Parses the files on all processor cores. Each file reports to an
    /// engine of its own, and those diagnostics are passed on in file order,
    /// so the output is the same as when the files are parsed one by one.
    func parse(_ files: [SourceFile]) -> [ContractFile] {
        let results = files.concurrentMap(Compilation.parse)
        for (_, fileDiagnostics) in results {
            for diagnostic in fileDiagnostics { diagnostics.emit(diagnostic) }
        }
        return results.compactMap(\.file)
    }

    /// Parses one file, or returns no file when it is not valid UTF-8.
    @Sendable
    private static func parse(_ file: SourceFile) -> (file: ContractFile?, diagnostics: [Diagnostic]) {
        let diagnostics = DiagnosticEngine()
        if let offset = SourceFile.firstInvalidUTF8Offset(file.bytes) {
            diagnostics.emit(.invalidUTF8(offset: offset), at: SourceRange(file: file, start: offset, end: offset + 1))
            return (nil, diagnostics.diagnostics)
        }
        for control in DirectionalControls.find(in: file.bytes) {
            diagnostics.emit(.directionalControl(codePoint: control.codePoint, name: control.name), at: control.range(in: file))
        }
        return (Parser.parse(file, diagnostics: diagnostics), diagnostics.diagnostics)
    }
}

extension Compilation {
    /// Starts the semantic checks and the check of the Kubernetes version on
    /// another thread. They report to an engine of their own, and the caller
    /// passes those diagnostics on in the order they were emitted, so the
    /// output is the same as when the checks run before lowering.
    func startChecks(_ program: Program, files: [ContractFile]) -> BackgroundTask<[Diagnostic]> {
        let version = kubernetesVersion
        return BackgroundTask {
            let diagnostics = DiagnosticEngine()
            SemanticChecks.run(program, files: files, diagnostics: diagnostics)
            Compilation.checkKubernetesVersion(program, version: version, diagnostics: diagnostics)
            return diagnostics.diagnostics
        }
    }
}

extension Compilation {
    /// The version the build targets: the one requested, else the profile's, else the default.
    public var kubernetesVersion: KubernetesVersion {
        requestedKubernetesVersion ?? program?.environment.profile.kubernetesVersion ?? .defaultTarget
    }

    /// Reports every port range when `version` predates `endPort`. Older API
    /// servers drop `endPort` silently, and a dropped `endPort` would admit
    /// only the first port.
    static func checkKubernetesVersion(_ program: Program, version: KubernetesVersion, diagnostics: DiagnosticEngine) {
        guard version < .endPortStable else { return }
        for dependency in program.dependencies {
            guard case .some(let items) = dependency.ports else { continue }
            for item in items {
                guard case let .range(first, last) = item.value, first != last else { continue }
                diagnostics.emit(.endPortUnsupported("\(first)-\(last)", version: version.description), at: dependency.origin)
            }
        }
    }
}
