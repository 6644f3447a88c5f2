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
    let diagnostics: DiagnosticEngine
    let suggester = Suggester()
    let portLookup = PortLookup()
    var networks: [String: NetworkEntry] = [:]
    var namespaces: [String: NamespaceBuilder] = [:]

    struct NetworkEntry {
        let declaration: NetworkDecl
        let blocks: [IPBlock]
    }

    public static func resolve(_ files: [ContractFile], diagnostics: DiagnosticEngine) -> Program {
        var resolver = Resolver(diagnostics: diagnostics)
        for file in files {
            for network in file.networks { resolver.declare(network) }
        }
        for file in files {
            for namespace in file.namespaces { resolver.declare(namespace, in: file) }
        }
        let dependencies = resolver.resolveDependencies()
        let namespaces = resolver.namespaces.values.map { $0.build() }
        return Program(namespaces: namespaces, dependencies: dependencies)
    }

    // MARK: - Networks

    private mutating func declare(_ network: NetworkDecl) {
        if let first = networks[network.name.text] {
            diagnostics.emit(
                .duplicateNetwork(network.name.text), at: network.name.range,
                notes: [Note("network '\(network.name.text)' is first declared here", at: first.declaration.name.range)]
            )
            return
        }
        let blocks = network.blocks.compactMap { ipBlock(cidr: $0.cidr, excepts: $0.excepts) }
        guard blocks.count == network.blocks.count else { return }
        networks[network.name.text] = NetworkEntry(declaration: network, blocks: blocks)
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
        if let reason = KubernetesNames.dns1123LabelError(name.text) {
            diagnostics.emit(.invalidNamespaceName(name.text, reason: reason), at: name.range)
            return
        }
        var builder = namespaces[name.text] ?? NamespaceBuilder(name: name.text)
        builder.files.insert(file.source.path)
        builder.declareLabels(declaration, conversion: SelectorConversion(diagnostics: diagnostics), diagnostics: diagnostics)
        for member in declaration.members {
            switch member {
            case .posture(let posture): builder.declarePosture(posture, diagnostics: diagnostics)
            case .dns(let dns): builder.declareDNS(dns, diagnostics: diagnostics)
            case .service(let service): declare(service, in: &builder)
            case .dependency(let dependency): builder.dependencies.append(dependency)
            }
        }
        namespaces[name.text] = builder
    }

    private func declare(_ declaration: ServiceDecl, in builder: inout NamespaceBuilder) {
        let name = declaration.name
        if let first = builder.services[name.text] {
            diagnostics.emit(
                .duplicateService(name.text, namespace: builder.name), at: name.range,
                notes: [Note("service '\(name.text)' is first declared here", at: first.origin)]
            )
            return
        }
        if let reason = KubernetesNames.dns1123LabelError(name.text) {
            diagnostics.emit(.invalidServiceName(name.text, reason: reason), at: name.range)
            return
        }
        if name.text == NamespaceBuilder.namespacePolicyName {
            diagnostics.emit(.reservedObjectName(name.text), at: name.range)
            return
        }
        guard let ports = containerPorts(declaration) else { return }
        guard let selector = SelectorConversion(diagnostics: diagnostics).labelSelector(declaration.selector.requirements) else {
            return
        }
        if selector.isEmpty {
            diagnostics.emit(.emptySelector(service: name.text), at: declaration.selector.range)
            return
        }
        let id = ServiceID(namespace: builder.name, name: name.text)
        builder.services[name.text] = Service(id: id, selector: selector, ports: ports, origin: name.range)
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
                                     notes: [Note("port '\(name.text)' is first declared here", at: first.range)])
                    return nil
                }
                names[name.text] = name
            }
            ports.append(port)
        }
        return ports
    }
}
