import RampIR
import RampSource
import RampSyntax

/// The parts of the contracts that the policies of some namespaces depend
/// on, so that a build needing only those policies compiles only them.
///
/// A namespace's policies come from its posture, its DNS setting, its
/// services, and the dependencies whose endpoints contain its pods (see
/// `StatementReach`). Those dependencies name services, whose namespaces
/// must be declared for the names to resolve, and the environments' enforce
/// lines name namespaces that must be declared too. Everything else, such
/// as the dependencies among other namespaces and every assertion, is left
/// out. Other namespaces' policies in such a build are meaningless.
struct NamespaceRestriction {
    /// For each namespace, the dependency statements whose dependencies
    /// contain its pods in either environment.
    private var statementsByNamespace: [String: Set<SourceRange>] = [:]
    /// For each dependency statement, its namespace and those of the
    /// services its dependencies name.
    private var namespacesOfStatement: [SourceRange: Set<String>] = [:]
    /// The namespaces that some environment's enforce line names.
    private var enforced: Set<String> = []
    /// The declarations of each namespace, as the file's index and the declaration's index in it.
    private var declarations: [String: [(file: Int, index: Int)]] = [:]
    private let files: [ContractFile]

    init(files: [ContractFile], programs: [Program]) {
        self.files = files
        var statements: [SourceRange] = []
        for (fileIndex, file) in files.enumerated() {
            for environment in file.environments {
                for line in environment.enforcement { if let namespace = line.namespace { enforced.insert(namespace.text) } }
            }
            for (index, namespace) in file.namespaces.enumerated() {
                declarations[namespace.name.text, default: []].append((fileIndex, index))
                for case .dependency(let dependency) in namespace.members {
                    statements.append(dependency.range)
                    namespacesOfStatement[dependency.range, default: []].insert(namespace.name.text)
                }
            }
        }
        let finder = StatementFinder(statements)
        for program in programs {
            for dependency in program.dependencies {
                guard let statement = finder.statement(containing: dependency.origin) else { continue }
                for endpoint in [dependency.client, dependency.server] {
                    for namespace in StatementReach.namespaces(of: endpoint, in: program) {
                        statementsByNamespace[namespace, default: []].insert(statement)
                    }
                    if case .service(let id) = endpoint { namespacesOfStatement[statement, default: []].insert(id.namespace) }
                }
            }
        }
    }

    /// Returns the contract files restricted to what the policies of
    /// `namespaces` depend on.
    func files(for namespaces: Set<String>) -> [ContractFile] {
        var dependencies: Set<SourceRange> = []
        for namespace in namespaces { dependencies.formUnion(statementsByNamespace[namespace] ?? []) }
        var declared = namespaces.union(enforced)
        for statement in dependencies { declared.formUnion(namespacesOfStatement[statement] ?? []) }

        var indicesByFile = Array(repeating: [Int](), count: files.count)
        for namespace in declared {
            for declaration in declarations[namespace] ?? [] { indicesByFile[declaration.file].append(declaration.index) }
        }
        return zip(files, indicesByFile).map { file, indices in
            file.restricted(toNamespacesAt: indices) { declaration, member in
                switch member {
                case .service: return true
                case .dependency(let dependency): return dependencies.contains(dependency.range)
                case .posture, .dns: return namespaces.contains(declaration.name.text)
                case .expectation, .invariant: return false
                }
            }
        }
    }
}
