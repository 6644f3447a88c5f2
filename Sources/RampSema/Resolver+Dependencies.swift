import RampDiagnostics
import RampIR
import RampKube
import RampSource
import RampSyntax

extension Resolver {
    // MARK: - Dependencies

    /// Resolves the dependency statements of every namespace, in the order
    /// of the namespace names and then of the statements.
    func resolveDependencies() -> [Dependency] {
        if let dependencies = resolveDependenciesConcurrently() {
            return dependencies
        }
        return resolveDependenciesInOrder()
    }

    func resolveDependenciesInOrder() -> [Dependency] {
        var dependencies: [Dependency] = []
        dependencies.reserveCapacity(maximumDependencyCount())
        for namespaceName in namespaces.keys.sorted() {
            for declaration in namespaces[namespaceName]!.dependencies {
                resolve(declaration, in: namespaceName, into: &dependencies)
            }
        }
        // Resolved only for their diagnostics: a namespace with an invalid name produces no policy.
        var discarded: [Dependency] = []
        for namespaceName in rejectedNamespaces.keys.sorted() {
            for declaration in rejectedNamespaces[namespaceName]!.dependencies {
                resolve(declaration, in: namespaceName, into: &discarded)
            }
        }
        return dependencies
    }

    /// Returns the number of dependencies if every statement of a valid
    /// namespace resolves, so that their array is allocated once.
    private func maximumDependencyCount() -> Int {
        var count = 0
        for namespace in namespaces.values {
            for declaration in namespace.dependencies {
                count += declaration.clients.count * declaration.targets.count
            }
        }
        return count
    }

    /// Appends the dependencies of one statement to `dependencies`, which
    /// builds one array for the program instead of one for each statement.
    func resolve(_ declaration: DependencyDecl, in namespace: String, into dependencies: inout [Dependency]) {
        let clients = declaration.clients.map { resolve($0, in: namespace) }
        for target in declaration.targets {
            let (server, service) = resolveServer(target.endpoint, in: namespace)
            guard let server, let ports = resolvePorts(target, server: server, service: service) else {
                continue
            }
            // The clients are read by index, because a loop over the syntax
            // would copy every client's syntax once for each target.
            for index in clients.indices {
                guard let client = clients[index] else { continue }
                let clientRange = declaration.clients[index].range
                if client.isExternal && server.isExternal {
                    diagnostics.emit(.noPodsInDependency, at: clientRange, highlights: [Highlight(target.endpoint.range)])
                    continue
                }
                dependencies.append(Dependency(
                    client: client, server: server, ports: ports, origin: target.range, clientOrigin: clientRange
                ))
            }
        }
    }

    /// Resolves the server of a target and returns the declared service it
    /// names, if any, so that its ports are read without a second lookup.
    private func resolveServer(_ endpoint: EndpointSyntax, in namespace: String) -> (Endpoint?, Service?) {
        if case let .service(namespaceName, name) = endpoint.kind,
           let service = servicesByNamespace[namespaceName?.text ?? namespace]?[name.text] {
            return (.service(service.id), service)
        }
        let server = resolve(endpoint, in: namespace)
        return (server, server.flatMap(serviceDeclaration))
    }

    // MARK: - Endpoints

    func resolve(_ endpoint: EndpointSyntax, in namespace: String) -> Endpoint? {
        switch endpoint.kind {
        case let .service(namespaceName, name):
            return resolveService(name, namespace: namespaceName, current: namespace)
        case .namespace(let name):
            return resolveNamespacePeer(name)
        case .namespaces(let selector):
            guard let labelSelector = SelectorConversion(diagnostics: diagnostics).labelSelector(selector.requirements) else {
                return nil
            }
            return .namespaces(labelSelector)
        case .cluster:
            return .cluster
        case .internet:
            // Only the families the clusters use, so a single-stack profile gets one block.
            let blocks = Endpoint.internet.blocks.filter { environment.profile.ipFamilies.contains($0.cidr.family) }
            return .external(name: "internet", blocks: blocks)
        case .apiserver:
            guard let apiserver = environment.profile.apiserver else {
                let profile = environment.profile.origin == nil ? nil : environment.profile.name
                diagnostics.emit(.noAPIServer(environment: selection?.environment, profile: profile), at: endpoint.range)
                return nil
            }
            return .external(name: "apiserver", blocks: apiserver.blocks)
        case .network(let name):
            guard let network = networks[name.text] else {
                if rejectedNetworks.contains(name.text) { return nil }
                reportUnknown(.unknownNetwork(name.text), name, candidates: Array(networks.keys))
                return nil
            }
            guard let blocks = network.blocks else { return nil }
            return .external(name: name.text, blocks: blocks)
        case .cidr(let word):
            guard let block = ipBlock(cidr: word, excepts: []) else { return nil }
            return .external(name: word.text, blocks: [block])
        }
    }

    private func resolveService(_ name: Word, namespace namespaceName: Word?, current: String) -> Endpoint? {
        let namespace = namespaceName?.text ?? current
        if let id = servicesByNamespace[namespace]?[name.text]?.id {
            return .service(id)
        }
        guard let builder = namespaces[namespace] else {
            if rejectedNamespaces[namespace] == nil {
                reportUnknown(.unknownNamespace(namespace), namespaceName!, candidates: Array(namespaces.keys))
            }
            return nil
        }
        if let service = builder.services[name.text] {
            return .service(service.id)
        }
        if builder.rejectedServices.contains(name.text) {
            return nil
        }
        if let elsewhere = builder.servicesElsewhere[name.text], let scope = elsewhere.scope {
            diagnostics.emit(
                .serviceNotInEnvironment(name.text, namespace: namespace, environments: scope.environments.map(\.text), build: selection?.environment),
                at: name.range, notes: [Note("service \(QuotedText.quote(name.text)) is declared here", at: elsewhere.name.range)]
            )
            return nil
        }
        var notes: [Note] = []
        var fixIts: [FixIt] = []
        if suggester.spendHint() {
            if let suggestion = NameSuggestion.closest(to: name.text, in: Array(builder.services.keys)) {
                notes.append(Note("did you mean \(QuotedText.quote(suggestion))?"))
                fixIts.append(FixIt("use the declared service", replacing: name.range, with: suggestion))
            } else if namespaceName == nil,
                      let other = namespaces.keys.sorted().first(where: { namespaces[$0]!.services[name.text] != nil }) {
                notes.append(Note("namespace \(QuotedText.quote(other)) declares a service \(QuotedText.quote(name.text)); write \(QuotedText.quote("\(other)/\(name.text)"))"))
                fixIts.append(FixIt("name the namespace", replacing: name.range, with: "\(other)/\(name.text)"))
            }
        }
        diagnostics.emit(.unknownService(name.text, namespace: namespace), at: name.range, notes: notes, fixIts: fixIts)
        return nil
    }

    /// Resolves a `namespace NAME` peer, which may name a namespace that no
    /// contract declares, such as `kube-system`, because ramp need not manage it.
    private func resolveNamespacePeer(_ name: Word) -> Endpoint? {
        if let reason = KubernetesNames.dns1123LabelError(name.text) {
            diagnostics.emit(.invalidNamespaceName(name.text, reason: reason), at: name.range)
            return nil
        }
        if namespaces[name.text] == nil, let suggestion = suggester.namespaceLookalike(for: name.text, in: Array(namespaces.keys)) {
            diagnostics.emit(.undeclaredNamespaceResemblesDeclared(name.text, declared: suggestion), at: name.range,
                             fixIts: [FixIt("use the declared namespace", replacing: name.range, with: suggestion)])
        }
        return .namespace(name.text)
    }

    private func reportUnknown(_ message: DiagnosticMessage, _ name: Word, candidates: [String]) {
        guard let suggestion = suggester.hint(for: name.text, in: candidates) else {
            diagnostics.emit(message, at: name.range)
            return
        }
        diagnostics.emit(message, at: name.range, notes: [Note("did you mean \(QuotedText.quote(suggestion))?")],
                         fixIts: [FixIt("use the declared name", replacing: name.range, with: suggestion)])
    }
}
