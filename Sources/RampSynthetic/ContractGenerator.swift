/// Builds the text of a `SyntheticSystem`: first a model of namespaces,
/// services and networks, then one dependency line at a time, each drawn
/// from the seeded generator in a fixed order.
///
/// Of the dependency lines, about 80% stay in the client's namespace, 12% cross
/// namespaces, 7% name `internet`, a network or a CIDR, 0.5% every pod of
/// one namespace and 0.05% every pod of a team's namespaces.
struct ContractGenerator {
    let size: SyntheticSystem.Size
    var random: SplitMix64
    var namespaces: [NamespaceModel] = []
    var services: [ServiceModel] = []
    var networkCount = 0

    init(size: SyntheticSystem.Size, seed: UInt64) {
        self.size = size
        self.random = SplitMix64(seed: seed)
    }

    struct NamespaceModel {
        let name: String
        let team: String
        /// `deny all`, `deny ingress` or nothing.
        let posture: String?
        let dnsOff: Bool
        var serviceIndices: [Int] = []
        var dependencyLines: [String] = []
    }

    struct ServiceModel {
        let name: String
        let namespace: Int
        let selector: String
        let ports: [PortModel]
    }

    struct PortModel {
        let name: String?
        let first: Int
        let last: Int
        let udp: Bool
    }

    private static let serviceWords = [
        "api", "web", "cart", "checkout", "payments", "search", "catalog", "auth", "users", "orders",
        "inventory", "shipping", "email", "ads", "recommend", "cache", "db", "queue", "worker", "gateway",
    ]
    private static let namespaceWords = ["shop", "billing", "identity", "data", "platform", "media", "risk", "support"]

    mutating func generate() -> [SyntheticSystem.File] {
        createNamespaces()
        createServices()
        networkCount = max(4, size.namespaces / 10)
        for _ in 0..<size.dependencies {
            addDependency()
        }
        return [SyntheticSystem.File(path: "networks.ramp", text: networksText())]
            + namespaces.map { SyntheticSystem.File(path: $0.name + ".ramp", text: text(of: $0)) }
    }

    // MARK: - Model

    private mutating func createNamespaces() {
        for index in 0..<size.namespaces {
            let word = ContractGenerator.namespaceWords[index % ContractGenerator.namespaceWords.count]
            let posture: String? = [0: "deny all", 1: "deny ingress"][index % 3]
            namespaces.append(NamespaceModel(
                name: "\(word)-\(index)",
                team: "t\(index % 20)",
                posture: posture,
                dnsOff: posture == "deny all" && index % 17 == 5
            ))
        }
    }

    private mutating func createServices() {
        for index in 0..<size.services {
            let namespace = index % size.namespaces
            let word = ContractGenerator.serviceWords[random.next(below: ContractGenerator.serviceWords.count)]
            let name = "\(word)-\(index)"
            var selector = "app=\(name)"
            if random.chance(15) { selector += ", tier in (backend, batch)" }
            if random.chance(10) { selector += ", !canary" }
            services.append(ServiceModel(name: name, namespace: namespace, selector: selector, ports: makePorts()))
            namespaces[namespace].serviceIndices.append(index)
        }
    }

    /// Returns one to five ports. Every service serves `http`, so that
    /// `internet -> svc:http` always resolves.
    private mutating func makePorts() -> [PortModel] {
        var ports = [PortModel(name: "http", first: 8080, last: 8080, udp: false)]
        if random.chance(50) { ports.append(PortModel(name: "grpc", first: 9090, last: 9090, udp: false)) }
        if random.chance(40) { ports.append(PortModel(name: "metrics", first: 9100, last: 9100, udp: false)) }
        if random.chance(15) { ports.append(PortModel(name: nil, first: 5432, last: 5432, udp: false)) }
        if random.chance(8) { ports.append(PortModel(name: nil, first: 30000, last: 30010, udp: true)) }
        return ports
    }

    // MARK: - Dependencies

    private mutating func addDependency() {
        let client = services[random.next(below: services.count)]
        let roll = random.next(below: 1000)
        let line: String
        switch roll {
        case ..<800:
            let server = sameNamespacePeer(of: client)
            line = "\(client.name) -> \(server.name)\(portSuffix(server))"
        case ..<920:
            let server = otherNamespacePeer(of: client)
            line = "\(client.name) -> \(namespaces[server.namespace].name)/\(server.name)\(portSuffix(server))"
        case ..<950:
            line = "\(client.name) -> internet:443"
        case ..<970:
            line = "\(client.name) -> network net-\(random.next(below: networkCount)):5432"
        case ..<980:
            line = "\(client.name) -> 192.0.2.\(random.next(below: 256))/32:8443"
        case ..<990:
            line = "internet -> \(client.name):http"
        case ..<995:
            let namespace = namespaces[random.next(below: namespaces.count)].name
            line = "\(client.name) -> namespace \(namespace):metrics"
        default:
            // Rare, as for a team's scraper: a rule for every isolated
            // subject of a twentieth of all namespaces.
            guard random.chance(10) else { return addDependency() }
            line = "\(client.name) -> namespaces [team=t\(random.next(below: 20))]:http"
        }
        namespaces[client.namespace].dependencyLines.append(line)
    }

    /// Returns another service of the client's namespace, or the client
    /// itself when it is alone there.
    private mutating func sameNamespacePeer(of client: ServiceModel) -> ServiceModel {
        let indices = namespaces[client.namespace].serviceIndices
        let server = services[indices[random.next(below: indices.count)]]
        guard server.name == client.name, indices.count > 1 else { return server }
        let position = indices.firstIndex { services[$0].name == client.name }!
        return services[indices[(position + 1) % indices.count]]
    }

    /// Returns a service of another namespace, or of the client's own when
    /// there is only one namespace.
    private mutating func otherNamespacePeer(of client: ServiceModel) -> ServiceModel {
        let start = random.next(below: services.count)
        for offset in 0..<services.count {
            let server = services[(start + offset) % services.count]
            if server.namespace != client.namespace { return server }
        }
        return services[start]
    }

    /// Returns `:port`, `:(port, port)` or nothing (every declared port).
    /// Most calls go to `http`, which every service serves, because in real
    /// systems most servers are called by several clients on one port.
    private mutating func portSuffix(_ server: ServiceModel) -> String {
        let roll = random.next(below: 100)
        if roll < 10 { return "" }
        if roll < 80 { return ":http" }
        let first = portReference(server.ports[random.next(below: server.ports.count)])
        if roll < 15, server.ports.count > 1 {
            let second = portReference(server.ports[random.next(below: server.ports.count)])
            if second != first { return ":(\(first), \(second))" }
        }
        return ":" + first
    }

    private mutating func portReference(_ port: PortModel) -> String {
        if let name = port.name { return name }
        let number = port.first + random.next(below: port.last - port.first + 1)
        return port.udp ? "\(number)/udp" : "\(number)"
    }

    // MARK: - Text

    private func networksText() -> String {
        var text = "# Synthetic networks.\n"
        for index in 0..<networkCount {
            let prefix = "10.\(index / 256).\(index % 256)"
            let hex = String(index, radix: 16)
            text += "network net-\(index) = \(prefix).0/24 except \(prefix).128/25, fd00:\(hex)::/48\n"
        }
        return text
    }

    private func text(of namespace: NamespaceModel) -> String {
        var lines = ["# Synthetic namespace \(namespace.name).", "namespace \(namespace.name) [team=\(namespace.team)] {"]
        if let posture = namespace.posture { lines.append("  " + posture) }
        if namespace.dnsOff { lines.append("  dns off") }
        lines.append("")
        for index in namespace.serviceIndices {
            lines.append("  " + declaration(of: services[index]))
        }
        lines.append("")
        lines += namespace.dependencyLines.map { "  " + $0 }
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    private func declaration(of service: ServiceModel) -> String {
        let ports = service.ports.map { port in
            var text = port.name.map { "\($0):" } ?? ""
            text += port.first == port.last ? "\(port.first)" : "\(port.first)-\(port.last)"
            return port.udp ? text + "/udp" : text
        }
        return "service \(service.name) [\(service.selector)] ports \(ports.joined(separator: ", "))"
    }
}
