import RampDiagnostics
import RampIR
import RampKube
import RampSource
import RampSyntax

/// Binds every name in the parsed files and checks every value, producing
/// the program that lowering reads.
///
/// Declarations are collected from all files first, so a dependency may name
/// a service declared in any file. Problems are reported to the engine; the
/// returned program leaves out what could not be resolved, so callers must
/// check `diagnostics.hasErrors` before using it.
public struct Resolver {
    // The engine and the two caches are variables so that a copy of the
    // resolver can run on another thread with its own.
    var diagnostics: DiagnosticEngine
    var suggester = Suggester()
    var portLookup = PortLookup()
    var networks: [String: NetworkEntry] = [:]
    var namespaces: [String: NamespaceBuilder] = [:]
    var declarations = EnvironmentDeclarations()
    /// The environment the build is for; nil for the build without `--env`.
    var selection: EnvironmentMix?
    /// Every declared profile and environment's enforcement, by name.
    var profiles: [String: ClusterProfile] = [:]
    var enforcements: [String: Enforcement] = [:]
    var environment = Environment.unnamed
    /// Names whose declarations were rejected with an error. References to
    /// them resolve to nothing without a second error, so one mistake is
    /// reported once.
    var rejectedNetworks: Set<String> = []
    /// Namespaces with an invalid name, still collected so that the
    /// mistakes inside them are reported too.
    var rejectedNamespaces: [String: NamespaceBuilder] = [:]
    /// The services of each valid namespace, filled once every declaration
    /// is collected. Looking a service up here copies no namespace builder.
    var servicesByNamespace: [String: [String: Service]] = [:]
    /// The services that `checkServicesConcurrently` checked ahead, by the
    /// range of their name, or nil when they are checked one by one.
    var servicesCheckedAhead: [SourceRange: Service]?
    /// Whether `prepare` declares the services of each namespace. Without
    /// them it collects the names of namespaces, their labels and postures.
    var declaresServices = true

    struct NetworkEntry {
        let declaration: NetworkDecl
        /// Nil when the value was invalid or missing, which was reported, so
        /// that uses of the network are not reported again as unknown.
        let blocks: [IPBlock]?
    }

    /// Resolves the files for one environment, or for none when
    /// `environmentName` is nil: then the standard profile applies and every
    /// namespace enforces both directions.
    public static func resolve(_ files: [ContractFile], environment environmentName: String? = nil, diagnostics: DiagnosticEngine) -> Program {
        resolve(files, selection: environmentName.map { EnvironmentMix(environment: $0) }, diagnostics: diagnostics)
    }

    /// Resolves the files for an environment with some parts taken from another.
    public static func resolve(_ files: [ContractFile], mix: EnvironmentMix, diagnostics: DiagnosticEngine) -> Program {
        resolve(files, selection: mix, diagnostics: diagnostics)
    }

    private static func resolve(_ files: [ContractFile], selection: EnvironmentMix?, diagnostics: DiagnosticEngine) -> Program {
        var resolver = Resolver(diagnostics: diagnostics)
        resolver.prepare(files, selection: selection)
        for file in files {
            for network in file.networks { resolver.declare(network) }
        }
        let dependencies = resolver.resolveDependencies()
        let (expectations, invariants) = resolver.resolveAssertions()
        let namespaces = resolver.namespaces.values.map { $0.build() }
        let program = Program(
            namespaces: namespaces, dependencies: dependencies, expectations: expectations, invariants: invariants,
            environment: resolver.environment, environmentNames: resolver.declarations.environments.keys.sorted()
        )
        resolver.checkAgainstProfile(program)
        return program
    }

    /// Collects every declaration and assembles the environment, up to but
    /// not including networks and dependencies, which depend on it.
    mutating func prepare(_ files: [ContractFile], selection: EnvironmentMix?) {
        collectEnvironmentDeclarations(files)
        select(selection)
        servicesCheckedAhead = declaresServices ? checkServicesConcurrently(files) : nil
        for file in files {
            for namespace in file.namespaces { declare(namespace, in: file) }
        }
        servicesCheckedAhead = nil
        checkEnvironmentDeclarations()
        buildEnvironment()
        servicesByNamespace = namespaces.mapValues(\.services)
    }

    // MARK: - Networks

    private mutating func declare(_ network: NetworkDecl) {
        if let first = networks[network.name.text] {
            diagnostics.emit(
                .duplicateNetwork(network.name.text), at: network.name.range,
                notes: [Note("network \(QuotedText.quote(network.name.text)) is first declared here", at: first.declaration.name.range)]
            )
            return
        }
        let syntax: [CIDRBlockSyntax]
        if let parameter = network.parameter {
            guard let value = parameterValue(parameter) else {
                rejectedNetworks.insert(network.name.text)
                networks[network.name.text] = NetworkEntry(declaration: network, blocks: nil)
                return
            }
            syntax = value
        } else {
            syntax = network.blocks
        }
        let blocks = syntax.compactMap { ipBlock(cidr: $0.cidr, excepts: $0.excepts) }
        if blocks.count != syntax.count { rejectedNetworks.insert(network.name.text) }
        networks[network.name.text] = NetworkEntry(declaration: network, blocks: blocks.count == syntax.count ? blocks : nil)
    }

    /// Checks a CIDR and its except blocks as the API server does: each except
    /// must be a strict subset of the CIDR and of the same family.
    func ipBlock(cidr cidrWord: Word, excepts exceptWords: [Word]) -> IPBlock? {
        guard let cidr = parseCIDR(cidrWord) else { return nil }
        var excepts: [CIDR] = []
        for word in exceptWords {
            guard let except = parseCIDR(word) else { return nil }
            guard except.family == cidr.family else {
                diagnostics.emit(.exceptFamilyMismatch(word.text, cidr: cidrWord.text), at: word.range,
                                 highlights: [Highlight(cidrWord.range, label: "\(cidr.family.rawValue) block")])
                return nil
            }
            guard cidr.contains(except), except.prefixLength > cidr.prefixLength else {
                diagnostics.emit(.exceptOutsideCIDR(word.text, cidr: cidrWord.text), at: word.range,
                                 highlights: [Highlight(cidrWord.range, label: "the block it must lie inside")])
                return nil
            }
            excepts.append(except)
        }
        return IPBlock(cidr: cidr, except: Array(Set(excepts)).sorted())
    }

    func parseCIDR(_ word: Word) -> CIDR? {
        do {
            return try CIDR.parse(word.text)
        } catch {
            diagnostics.emit(.invalidCIDR(word.text, reason: error.reason), at: word.range)
            return nil
        }
    }

    // MARK: - Namespaces and services

    private mutating func declare(_ declaration: NamespaceDecl, in file: ContractFile) {
        let name = declaration.name
        var rejected = false
        if let reason = KubernetesNames.dns1123LabelError(name.text) {
            if rejectedNamespaces[name.text] == nil {
                diagnostics.emit(.invalidNamespaceName(name.text, reason: reason), at: name.range)
            }
            rejected = true
        }
        var builder = (rejected ? rejectedNamespaces[name.text] : namespaces[name.text]) ?? NamespaceBuilder(name: name.text)
        builder.files.insert(file.source.path)
        builder.declareLabels(declaration, conversion: SelectorConversion(diagnostics: diagnostics), diagnostics: diagnostics)
        for member in declaration.members {
            switch member {
            case .posture(let posture): builder.declarePosture(posture, diagnostics: diagnostics)
            case .dns(let dns): builder.declareDNS(dns, diagnostics: diagnostics)
            case .service(let service):
                if !declaresServices { continue }
                if statementApplies(service.scope, statement: service.range) {
                    declare(service, in: &builder)
                } else {
                    builder.servicesElsewhere[service.name.text] = service
                }
            case .dependency(let dependency):
                if statementApplies(dependency.scope, statement: dependency.range) { builder.dependencies.append(dependency) }
            case .expectation(let expectation):
                if statementApplies(expectation.scope, statement: expectation.range) { builder.assertions.append(member) }
            case .invariant(let invariant):
                if statementApplies(invariant.scope, statement: invariant.range) { builder.assertions.append(member) }
            }
        }
        if rejected {
            rejectedNamespaces[name.text] = builder
        } else {
            namespaces[name.text] = builder
        }
    }

    private func declare(_ declaration: ServiceDecl, in builder: inout NamespaceBuilder) {
        let name = declaration.name
        if let first = builder.services[name.text] {
            diagnostics.emit(
                .duplicateService(name.text, namespace: builder.name), at: name.range,
                notes: [Note("service \(QuotedText.quote(name.text)) is first declared here", at: first.origin)]
            )
            return
        }
        guard let service = servicesCheckedAhead?[name.range] ?? checkedService(declaration, namespace: builder.name) else {
            builder.rejectedServices.insert(name.text)
            return
        }
        builder.rejectedServices.remove(name.text)
        builder.services[name.text] = service
    }

    /// Returns the service, or nil after reporting what makes it invalid.
    func checkedService(_ declaration: ServiceDecl, namespace: String) -> Service? {
        let name = declaration.name
        if let reason = KubernetesNames.dns1123LabelError(name.text) {
            diagnostics.emit(.invalidServiceName(name.text, reason: reason), at: name.range)
            return nil
        }
        if name.text == NamespaceBuilder.namespacePolicyName {
            diagnostics.emit(.reservedObjectName(name.text), at: name.range)
            return nil
        }
        // Ports and selector are both checked, so that a mistake in each is reported.
        let ports = containerPorts(declaration)
        guard let selector = SelectorConversion(diagnostics: diagnostics).labelSelector(declaration.selector.requirements),
              let ports else {
            return nil
        }
        if selector.isEmpty {
            diagnostics.emit(.emptySelector(service: name.text), at: declaration.selector.range)
            return nil
        }
        // Every rule of such a service would name no pod.
        if let key = selector.contradictingKey {
            diagnostics.emit(.contradictorySelector(service: name.text, key: key), at: declaration.selector.range)
            return nil
        }
        let id = ServiceID(namespace: namespace, name: name.text)
        return Service(id: id, selector: selector, ports: ports, origin: name.range)
    }

    private func containerPorts(_ declaration: ServiceDecl) -> [ContainerPort]? {
        let conversion = PortConversion(diagnostics: diagnostics)
        var ports: [ContainerPort] = []
        var names: [String: Word] = [:]
        for syntax in declaration.ports {
            guard let port = conversion.containerPort(syntax) else { return nil }
            if let name = syntax.name {
                if let first = names[name.text] {
                    diagnostics.emit(.duplicatePortName(name.text, service: declaration.name.text), at: name.range,
                                     notes: [Note("port \(QuotedText.quote(name.text)) is first declared here", at: first.range)])
                    return nil
                }
                names[name.text] = name
            }
            ports.append(port)
        }
        return ports
    }
}
