import Dispatch
import RampDiagnostics
import RampIR
import RampSource
import RampSyntax

/// The parts of resolution that run on all processor cores.
///
/// Each part gives its work to copies of the resolver that report to
/// engines of their own and have their own caches, and joins the results in
/// a fixed order. When any copy reports a diagnostic, the part returns nil
/// and the caller does the work again in order with the real engine, so
/// that diagnostics, their order and the hint budget never depend on thread
/// scheduling. Only contracts with mistakes pay for the second run.
extension Resolver {
    /// Checks every service declaration of `files` on all processor cores
    /// and returns the services by the range of their name, or nil when
    /// some declaration reports a diagnostic.
    ///
    /// Declarations that a build leaves out or that repeat a name are checked
    /// too, which costs a little time and gives no other result, because
    /// `declare` looks up only the declarations it would check.
    func checkServicesConcurrently(_ files: [ContractFile]) -> [SourceRange: Service]? {
        var declarations: [(declaration: ServiceDecl, namespace: String)] = []
        for file in files {
            for namespace in file.namespaces {
                for case .service(let service) in namespace.members {
                    declarations.append((service, namespace.name.text))
                }
            }
        }
        // Chunks of services, because one service takes too little time to
        // be worth a copy of the resolver and a task of its own. One chunk
        // is checked in order: the builds of a drift comparison resolve a
        // few namespaces thousands of times, and a task each cost a sixth
        // of their resolution.
        let chunkSize = 64
        guard declarations.count > chunkSize else { return nil }
        let chunkCount = (declarations.count + chunkSize - 1) / chunkSize
        var results = [[Service]?](repeating: nil, count: chunkCount)
        results.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let base = buffer.baseAddress!
            nonisolated(unsafe) let resolver = self
            let chunks = declarations
            DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
                let range = chunk * chunkSize..<min(chunks.count, (chunk + 1) * chunkSize)
                base[chunk] = resolver.detachedCopy().checkedServices(chunks[range])
            }
        }

        var services: [SourceRange: Service] = [:]
        services.reserveCapacity(declarations.count)
        for result in results {
            guard let result else { return nil }
            for service in result { services[service.origin] = service }
        }
        return services
    }

    /// Returns the checked services in order, or nil when one reports a diagnostic.
    private func checkedServices(_ declarations: ArraySlice<(declaration: ServiceDecl, namespace: String)>) -> [Service]? {
        var services: [Service] = []
        services.reserveCapacity(declarations.count)
        for (declaration, namespace) in declarations {
            guard let service = checkedService(declaration, namespace: namespace) else { return nil }
            services.append(service)
        }
        return diagnostics.diagnostics.isEmpty ? services : nil
    }

    /// Resolves the dependencies of the valid namespaces on all processor
    /// cores, joined in the order of the namespace names, or returns nil when
    /// some namespace reports a diagnostic.
    func resolveDependenciesConcurrently() -> [Dependency]? {
        guard rejectedNamespaces.isEmpty, namespaces.count >= Resolver.fewestConcurrentNamespaces else { return nil }
        let names = namespaces.keys.sorted()

        // The namespaces go to a fixed number of chunks instead of one task
        // each, because every copy fills its own caches. A service with many
        // ports is then indexed once per chunk, not once per namespace.
        let chunkCount = min(names.count, Resolver.dependencyChunkCount)
        var results = [[Dependency]?](repeating: nil, count: chunkCount)
        results.withUnsafeMutableBufferPointer { buffer in
            // Each iteration writes only its own element, and the copies
            // share no mutable state, only the dictionaries they read.
            nonisolated(unsafe) let base = buffer.baseAddress!
            nonisolated(unsafe) let resolver = self
            DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
                let range = names.count * chunk / chunkCount..<names.count * (chunk + 1) / chunkCount
                base[chunk] = resolver.detachedCopy().resolveDependencies(ofNamespaces: names[range])
            }
        }

        var dependencies: [Dependency] = []
        dependencies.reserveCapacity(results.reduce(0) { $0 + ($1?.count ?? 0) })
        for result in results {
            guard let result else { return nil }
            dependencies.append(contentsOf: result)
        }
        return dependencies
    }

    /// The number of chunks of namespaces, chosen by estimate. More chunks
    /// balance unequal work better over many cores, and fewer chunks fill
    /// the caches of fewer copies. The output does not depend on it.
    static let dependencyChunkCount = 32

    /// Fewer namespaces resolve their dependencies in order, for the same
    /// reason as a single chunk of services. The output does not depend on it.
    static let fewestConcurrentNamespaces = 17

    /// Returns a copy that reports to a new engine and has empty caches, so
    /// that it can run beside this resolver on another thread.
    private func detachedCopy() -> Resolver {
        var copy = self
        copy.diagnostics = DiagnosticEngine()
        copy.suggester = Suggester()
        copy.portLookup = PortLookup()
        return copy
    }

    /// Returns the dependencies of valid namespaces in order, or nil when
    /// their statements report a diagnostic.
    private func resolveDependencies(ofNamespaces names: ArraySlice<String>) -> [Dependency]? {
        var dependencies: [Dependency] = []
        for name in names {
            for declaration in namespaces[name]!.dependencies {
                resolve(declaration, in: name, into: &dependencies)
            }
        }
        return diagnostics.diagnostics.isEmpty ? dependencies : nil
    }
}
