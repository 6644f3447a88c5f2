import RampDiagnostics
import RampIR
import RampKube
import RampSource
import RampSyntax

extension Resolver {
    /// Resolves the ports of one target. No ports means every port of the
    /// server: the declared ports of a service, or all ports otherwise.
    func resolvePorts(_ target: TargetSyntax, server: Endpoint) -> PortSet? {
        resolvePorts(target, server: server, service: serviceDeclaration(server))
    }

    /// Resolves the ports of one target whose server is `service`, or not a
    /// declared service when `service` is nil.
    func resolvePorts(_ target: TargetSyntax, server: Endpoint, service: Service?) -> PortSet? {
        if target.ports.isEmpty, case .external("apiserver", _) = server, let apiserver = environment.profile.apiserver {
            return .some([apiserver.port])
        }
        guard !target.ports.isEmpty else {
            guard let service, !service.ports.isEmpty else { return .all }
            let items = service.ports.map { PortItem(protocol: $0.protocol, value: .range(first: $0.first, last: $0.last)) }
            return .some(uniqueSorted(items))
        }
        // The items of one reference are already unique and sorted, and most
        // targets name one port, so those skip the merge below.
        if target.ports.count == 1 {
            return resolve(target.ports[0], server: server, service: service).map { .some($0) }
        }
        var items: [PortItem] = []
        var valid = true
        for reference in target.ports {
            guard let resolved = resolve(reference, server: server, service: service) else {
                valid = false
                continue
            }
            items += resolved
        }
        return valid ? .some(uniqueSorted(items)) : nil
    }

    /// Returns the items without duplicates, in order; most targets name one port.
    private func uniqueSorted(_ items: [PortItem]) -> [PortItem] {
        items.count <= 1 ? items : Array(Set(items)).sorted()
    }

    func serviceDeclaration(_ endpoint: Endpoint) -> Service? {
        guard case .service(let id) = endpoint else { return nil }
        return servicesByNamespace[id.namespace]?[id.name]
    }

    private func resolve(_ reference: PortRefSyntax, server: Endpoint, service: Service?) -> [PortItem]? {
        let conversion = PortConversion(diagnostics: diagnostics)
        let explicitProtocol: NetworkProtocol?
        if let word = reference.protocolName {
            guard let parsed = conversion.networkProtocol(word) else { return nil }
            explicitProtocol = parsed
        } else {
            explicitProtocol = nil
        }
        if reference.isNumeric {
            guard let range = conversion.numberRange(reference.value) else { return nil }
            return resolveNumber(reference, range: range, protocol: explicitProtocol, service: service)
        }
        return resolveName(reference, protocol: explicitProtocol, server: server, service: service)
    }

    /// Resolves a port number on a service, which must lie inside one
    /// declared container port: a NetworkPolicy that names any other port
    /// allows nothing the pods serve. This is how the Service-port mistake is caught.
    private func resolveNumber(
        _ reference: PortRefSyntax, range: (first: Int, last: Int), protocol explicit: NetworkProtocol?, service: Service?
    ) -> [PortItem]? {
        guard let service, !service.ports.isEmpty else {
            return [PortItem(protocol: explicit ?? .tcp, value: .range(first: range.first, last: range.last))]
        }
        let covering = portLookup.ports(containing: range.first, range.last, in: service).filter {
            explicit == nil || explicit == $0.protocol
        }
        guard !covering.isEmpty else {
            var notes = [declaredPortsNote(service)]
            var fixIts: [FixIt] = []
            if range.first == range.last,
               let hint = ServicePortHint.suggestion(for: reference, number: range.first, protocol: explicit ?? .tcp, service: service) {
                notes.insert(hint.note, at: 0)
                fixIts.append(hint.fixIt)
            }
            diagnostics.emit(.undeclaredPortNumber(reference.range.text, service: service.id.name), at: reference.range,
                             notes: notes, fixIts: fixIts)
            return nil
        }
        let protocols = Set(covering.map(\.protocol)).sorted()
        return protocols.map { PortItem(protocol: $0, value: .range(first: range.first, last: range.last)) }
    }

    /// Resolves a port name. On a service it becomes the declared number, so
    /// the output does not depend on how the pod names its ports. On other
    /// pods it stays a name, which Kubernetes resolves per destination pod.
    private func resolveName(
        _ reference: PortRefSyntax, protocol explicit: NetworkProtocol?, server: Endpoint, service: Service?
    ) -> [PortItem]? {
        let name = reference.value
        if server.isExternal {
            diagnostics.emit(.namedPortOnNetwork(name.text), at: name.range)
            return nil
        }
        guard let service else {
            if let reason = KubernetesNames.portNameError(name.text) {
                diagnostics.emit(.invalidPortName(name.text, reason: reason), at: name.range)
                return nil
            }
            return [PortItem(protocol: explicit ?? .tcp, value: .name(name.text))]
        }
        guard let port = portLookup.port(named: name.text, in: service) else {
            let names = service.ports.compactMap(\.name)
            var notes = [declaredPortsNote(service)]
            var fixIts: [FixIt] = []
            if let suggestion = NameSuggestion.closest(to: name.text, in: names) {
                notes.insert(Note("did you mean \(QuotedText.quote(suggestion))?"), at: 0)
                fixIts.append(FixIt("use the declared port name", replacing: name.range, with: suggestion))
            }
            diagnostics.emit(.unknownPortName(name.text, service: service.id.name), at: name.range, notes: notes, fixIts: fixIts)
            return nil
        }
        if let explicit, explicit != port.protocol {
            diagnostics.emit(.undeclaredPortNumber(reference.range.text, service: service.id.name), at: reference.range,
                             notes: [declaredPortsNote(service)])
            return nil
        }
        return [PortItem(protocol: port.protocol, value: .range(first: port.first, last: port.last))]
    }

    private func declaredPortsNote(_ service: Service) -> Note {
        guard !service.ports.isEmpty else { return Note("service \(QuotedText.quote(service.id.name)) declares no ports") }
        let list = service.ports.map(PortText.describe).joined(separator: ", ")
        return Note("service \(QuotedText.quote(service.id.name)) declares \(list)", at: service.origin)
    }
}

/// Contract spelling of ports, for messages.
enum PortText {
    static func describe(_ port: ContainerPort) -> String {
        let number = port.first == port.last ? "\(port.first)" : "\(port.first)-\(port.last)"
        let prefix = port.name.map { "\($0):" } ?? ""
        return prefix + number + "/" + port.protocol.rawValue.lowercased()
    }
}
