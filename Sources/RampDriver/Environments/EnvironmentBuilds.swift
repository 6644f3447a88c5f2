import Foundation
import RampDiagnostics
import RampIR
import RampKube
import RampLowering
import RampSource
import RampSyntax

/// Compiles the same contracts once without `--env` and once for each
/// declared environment, as `ramp build --all-environments` and
/// `ramp check` do.
struct EnvironmentBuilds {
    /// The build without `--env` first, then one per environment by name.
    let compilations: [(environment: String?, compilation: Compilation)]
    /// The diagnostics of every build, each reported once although every
    /// build finds the mistakes in shared statements again.
    let diagnostics: [Diagnostic]

    var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    /// The parsed files of the build without `--env`, empty when they do not parse.
    var contractFiles: [ContractFile] { compilations.first.map { $0.compilation.contractFiles } ?? [] }

    /// Compiles the build without `--env`, or takes `base` when the caller
    /// compiled it already with the same options, and then every declared
    /// environment.
    init(_ sources: [SourceFile], optimizationLevel: OptimizationLevel, kubernetesVersion: KubernetesVersion?, base: Compilation? = nil) {
        let base = base ?? EnvironmentBuilds.compile(
            sources, parsed: nil, environment: nil, optimizationLevel: optimizationLevel, kubernetesVersion: kubernetesVersion
        )
        let names = Set(base.contractFiles.flatMap(\.environments).map(\.name.text)).sorted()
            .filter { KubernetesNames.dns1123LabelError($0) == nil }
        // The environments parse the same files, and any parse error is
        // already the base build's, so they start from its syntax trees.
        let parsed = base.contractFiles.isEmpty || base.diagnostics.hasErrors ? nil : base.contractFiles
        // Each environment compiles on its own, so they compile at once.
        let environments = ConcurrentIndices.map(count: names.count, itemSize: 1) { index in
            EnvironmentBuilds.compile(
                sources, parsed: parsed, environment: names[index], optimizationLevel: optimizationLevel, kubernetesVersion: kubernetesVersion
            )
        }
        let compilations = [(nil, base)] + zip(names, environments).map { ($0, $1) }
        self.compilations = compilations
        diagnostics = EnvironmentBuilds.unique(compilations.flatMap { $0.1.diagnostics.sorted() })
    }

    private static func compile(
        _ sources: [SourceFile], parsed: [ContractFile]?, environment: String?, optimizationLevel: OptimizationLevel,
        kubernetesVersion: KubernetesVersion?
    ) -> Compilation {
        var compilation = Compilation()
        compilation.optimizationLevel = optimizationLevel
        compilation.requestedKubernetesVersion = kubernetesVersion
        compilation.environment = environment
        compilation.compile(sources, parsed: parsed)
        return compilation
    }

    /// Keeps the first of diagnostics with the same code, location and
    /// message, and orders them as `DiagnosticEngine.sorted()` does.
    static func unique(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        var seen: Set<String> = []
        let kept = diagnostics.filter { diagnostic in
            let location = diagnostic.range.map { "\($0.file.path):\($0.start):\($0.end)" } ?? ""
            return seen.insert("\(diagnostic.id.code)\u{0}\(location)\u{0}\(diagnostic.message)").inserted
        }
        return kept.enumerated().sorted { left, right in
            switch (left.element.range, right.element.range) {
            case (nil, nil): return left.offset < right.offset
            case (nil, _): return true
            case (_, nil): return false
            case let (l?, r?): return l == r ? left.offset < right.offset : l < r
            }
        }.map(\.element)
    }
}
