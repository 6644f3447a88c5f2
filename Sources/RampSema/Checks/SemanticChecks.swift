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
    /// The dependencies in the order they are written (by file, then
    /// position, then client), grouped for the checks that compare them.
    /// Several checks read it, so it is sorted and indexed once.
    let dependencyIndex: DependencyIndex

    init(program: Program, files: [ContractFile], diagnostics: DiagnosticEngine) {
        self.program = program
        self.syntax = SyntaxIndex(files)
        self.diagnostics = diagnostics
        self.dependencyIndex = DependencyIndex(CheckContext.sortedBySource(program.dependencies))
    }

    var dependenciesInSourceOrder: [Dependency] { dependencyIndex.dependencies }

    private static func sortedBySource(_ dependencies: [Dependency]) -> [Dependency] {
        dependencies.sorted { left, right in
            if left.origin != right.origin { return left.origin < right.origin }
            guard let leftClient = left.clientOrigin, let rightClient = right.clientOrigin else { return false }
            return leftClient < rightClient
        }
    }
}

/// The declarations of the parsed files, found by the ranges and names that
/// the resolved program keeps.
struct SyntaxIndex {
    /// A target of a dependency statement and the namespace it is written in.
    struct Target {
        let statement: DependencyDecl
        let index: Int
        let namespace: String
    }

    private(set) var services: [ServiceID: ServiceDecl] = [:]
    private(set) var targets: [SourceRange: Target] = [:]
    /// Services named by a dependency with `only in`, which some builds leave out.
    private(set) var servicesInScopedDependencies: Set<ServiceID> = []

    init(_ files: [ContractFile]) {
        for file in files {
            for namespace in file.namespaces {
                add(namespace)
            }
        }
    }

    private mutating func add(_ namespace: NamespaceDecl) {
        for member in namespace.members {
            switch member {
            case .service(let service):
                let id = ServiceID(namespace: namespace.name.text, name: service.name.text)
                if services[id] == nil { services[id] = service }
            case .dependency(let statement):
                for (index, target) in statement.targets.enumerated() {
                    targets[target.range] = Target(statement: statement, index: index, namespace: namespace.name.text)
                }
                if statement.scope != nil {
                    let endpoints = statement.clients + statement.targets.map(\.endpoint)
                    for case let .service(serviceNamespace, name) in endpoints.map(\.kind) {
                        servicesInScopedDependencies.insert(ServiceID(namespace: serviceNamespace?.text ?? namespace.name.text, name: name.text))
                    }
                }
            case .posture, .dns, .expectation, .invariant:
                continue
            }
        }
    }
}
