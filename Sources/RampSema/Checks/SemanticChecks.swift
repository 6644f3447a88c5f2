import RampDiagnostics
import RampIR
import RampSource
import RampSyntax

/// One check of a resolved program. A check reports warnings about
/// contracts that compile but most likely mean something else, and never
/// changes the program.
protocol SemanticCheck: Sendable {
    /// The check's name, in kebab case, for tests and listings.
    var name: String { get }
    func run(_ context: CheckContext)
}

/// Runs the semantic checks after name resolution.
public enum SemanticChecks {
    /// Every check, in the order they run. The order does not change the
    /// output, because the engine sorts diagnostics by position.
    static let all: [any SemanticCheck] = [
        UnusedServiceCheck(),
        RolloutLabelCheck(),
        OverlappingSelectorsCheck(),
        DuplicateDependencyCheck(),
        CoveredDependencyCheck(),
        DNSOffCheck(),
    ]

    /// Runs every check over `program`, which `files` resolved to without
    /// errors. A program with resolution errors lacks the declarations that
    /// failed, so checks would report their absence.
    public static func run(_ program: Program, files: [ContractFile], diagnostics: DiagnosticEngine) {
        let context = CheckContext(program: program, files: files, diagnostics: diagnostics)
        for check in all {
            check.run(context)
        }
    }
}

/// The input of a check: the resolved program, the syntax it came from, and
/// the engine to report to.
struct CheckContext {
    let program: Program
    let syntax: SyntaxIndex
    let diagnostics: DiagnosticEngine
    /// The dependencies in the order they are written, grouped for the
    /// checks that compare them. Several checks read it, so it is sorted
    /// and indexed once.
    let dependencyIndex: DependencyIndex
    let dependencyCoverage: DependencyCoverage

    init(program: Program, files: [ContractFile], diagnostics: DiagnosticEngine) {
        self.program = program
        self.syntax = SyntaxIndex(files)
        self.diagnostics = diagnostics
        let dependencies = SourceOrderedDependencies(program.dependencies)
        let syntax = self.syntax
        self.dependencyIndex = DependencyIndex(dependencies) { dependency in
            syntax.target(at: dependency.origin)?.statement.scope.map { $0.environments.map(\.text).sorted() }
        }
        self.dependencyCoverage = DependencyCoverage(dependencies, program: program)
    }

    var dependenciesInSourceOrder: SourceOrderedDependencies { dependencyIndex.dependencies }

    /// Returns whether the statement of `outer` applies in every build that
    /// the statement of `inner` applies in, judged by their `only in`.
    func appliesWherever(_ outer: Dependency, _ inner: Dependency) -> Bool {
        guard let outerScope = syntax.target(at: outer.origin)?.statement.scope else { return true }
        guard let innerScope = syntax.target(at: inner.origin)?.statement.scope else { return false }
        let outerEnvironments = Set(outerScope.environments.map(\.text))
        return innerScope.environments.allSatisfy { outerEnvironments.contains($0.text) }
    }
}

/// The declarations of the parsed files, found by the ranges and names that
/// the resolved program keeps.
struct SyntaxIndex {
    /// A target of a dependency statement.
    struct Target {
        let statement: DependencyDecl
        let index: Int
    }

    private(set) var services: [ServiceID: ServiceDecl] = [:]
    /// Services named by a dependency with `only in`, which some builds leave out.
    private(set) var servicesInScopedDependencies: Set<ServiceID> = []
    private let targetIndex: TargetIndex

    init(_ files: [ContractFile]) {
        targetIndex = TargetIndex(files)
        for file in files {
            for namespace in file.namespaces {
                add(namespace)
            }
        }
    }

    /// Returns the dependency target written at `range` and its statement.
    func target(at range: SourceRange) -> Target? {
        targetIndex.target(at: range)
    }

    private mutating func add(_ namespace: NamespaceDecl) {
        for member in namespace.members {
            switch member {
            case .service(let service):
                let id = ServiceID(namespace: namespace.name.text, name: service.name.text)
                if services[id] == nil { services[id] = service }
            case .dependency(let statement):
                guard statement.scope != nil else { continue }
                let endpoints = statement.clients + statement.targets.map(\.endpoint)
                for case let .service(serviceNamespace, name) in endpoints.map(\.kind) {
                    servicesInScopedDependencies.insert(ServiceID(namespace: serviceNamespace?.text ?? namespace.name.text, name: name.text))
                }
            case .posture, .dns, .expectation, .invariant:
                continue
            }
        }
    }
}

/// The dependency targets of each file by range. Only the dependencies that
/// a check reports are looked up, so a file's targets are indexed on the
/// first lookup in that file. It is a class so that the checks, which share
/// the context by value, share the index too.
private final class TargetIndex {
    private let files: [ObjectIdentifier: ContractFile]
    private var targetsByFile: [ObjectIdentifier: [SourceRange: SyntaxIndex.Target]] = [:]

    init(_ files: [ContractFile]) {
        self.files = Dictionary(files.map { (ObjectIdentifier($0.source), $0) }, uniquingKeysWith: { first, _ in first })
    }

    func target(at range: SourceRange) -> SyntaxIndex.Target? {
        let key = ObjectIdentifier(range.file)
        if targetsByFile[key] == nil {
            guard let file = files[key] else { return nil }
            targetsByFile[key] = TargetIndex.targets(of: file)
        }
        return targetsByFile[key]?[range]
    }

    private static func targets(of file: ContractFile) -> [SourceRange: SyntaxIndex.Target] {
        var targets: [SourceRange: SyntaxIndex.Target] = [:]
        for namespace in file.namespaces {
            for case .dependency(let statement) in namespace.members {
                for (index, target) in statement.targets.enumerated() {
                    targets[target.range] = SyntaxIndex.Target(statement: statement, index: index)
                }
            }
        }
        return targets
    }
}
