/// Builds the text of a `SyntheticSystem`: first a model of namespaces,
/// services and networks, then one dependency line at a time, each drawn
/// from the seeded generator in a fixed order.
///
/// The traffic follows what real service graphs look like:
/// - Each server has one API port that its clients call: `http:8080` for
///   three quarters of the application services, `grpc:9090` for the rest,
///   and the usual port for data stores (`db` 5432, `cache` 6379, `queue`
///   5672). Data stores serve calls and make none.
/// - A tenth of the application services also serve the other of `http`
///   and `grpc`, and a twentieth a UDP port range. Their clients call the
///   extra port or both ports now and then.
/// - Half of the services expose `metrics:9100`. Only the monitoring
///   service `prometheus-0` in the first namespace calls those ports: one
///   `namespace X:metrics` line for four in five namespaces, and one
///   `namespaces [team=tN]:metrics` line for each of the teams t1 and t11,
///   whose namespaces it therefore scrapes as a whole. The other namespaces
///   are not scraped at all. In a system where a team has more than 25
///   namespaces, the scraper selects four in five teams by label instead.
/// - Of the other lines, about 85% of the service calls stay in the
///   client's namespace, the home of its team, and the rest cross
///   namespaces.
/// - A tenth of the callers send two in five of their calls outside the
///   cluster: to `internet` on 443, a declared network on 5432 or one
///   address on 8443.
/// - About 1% of all lines let `internet` call a front end (`web`,
///   `gateway` or `api`) on its API port.
///
/// So that the contracts compile without diagnostics, the generator keeps
/// the conditions of the warnings out:
/// - Each client names each target once, with one choice of ports.
/// - Only the scraper names metrics ports, and its scrapes never overlap.
/// - Each kind of external endpoint has its own port, so `internet` never
///   covers a network or address line of the same client.
/// - The services of a namespace with `dns off` call only outside addresses.
/// - Each service is the client of one of the first lines, or the server
///   for a data store, so none is unused when there are more lines than
///   services.
struct ContractGenerator {
    let size: SyntheticSystem.Size
    var random: SplitMix64
    var namespaces: [NamespaceModel] = []
    var services: [ServiceModel] = []
    /// The services that `internet` may call, or none to let it call any.
    var frontEnds: [Int] = []
    /// The services that call others: all but the data stores.
    var callers: [Int] = []
    var networkCount = 0
    /// The client and target of every line so far, so that no pair repeats.
    var drawnPairs: Set<DrawnPair> = []

    init(size: SyntheticSystem.Size, seed: UInt64) {
        self.size = size
        self.random = SplitMix64(seed: seed)
    }

    struct NamespaceModel {
        let name: String
        let team: Int
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
        /// The port that the service's clients call.
        let apiPort: PortModel
        /// A second port or a port range that some clients call too.
        let extraPort: PortModel?
        let servesMetrics: Bool
        /// Whether the service calls addresses outside the cluster.
        let callsOutside: Bool
        /// Whether `internet` may call the service.
        let isFrontEnd: Bool
        /// Whether the service is a database, cache or queue, which serves
        /// calls and makes none.
        let isDataStore: Bool

        var ports: [PortModel] {
            [apiPort] + (extraPort.map { [$0] } ?? []) + (servesMetrics ? [PortModel.metrics] : [])
        }
    }

    struct PortModel {
        let name: String?
        let first: Int
        let last: Int
        let udp: Bool

        static let http = PortModel(name: "http", first: 8080, last: 8080, udp: false)
        static let grpc = PortModel(name: "grpc", first: 9090, last: 9090, udp: false)
        static let metrics = PortModel(name: "metrics", first: 9100, last: 9100, udp: false)
        static let udpRange = PortModel(name: nil, first: 30000, last: 30010, udp: true)

        /// The port as a dependency names it: its name, or its number or
        /// range with the protocol.
        var reference: String {
            if let name { return name }
            let numbers = first == last ? "\(first)" : "\(first)-\(last)"
            return udp ? numbers + "/udp" : numbers
        }

        /// The port as a service declaration lists it.
        var declaration: String {
            let numbers = first == last ? "\(first)" : "\(first)-\(last)"
            return (name.map { "\($0):" } ?? "") + numbers + (udp ? "/udp" : "")
        }
    }

    /// One client, a service index or nil for `internet`, and the text of
    /// one target without its ports.
    struct DrawnPair: Hashable {
        let client: Int?
        let target: String
    }

    private static let serviceWords = [
        "api", "web", "cart", "checkout", "payments", "search", "catalog", "auth", "users", "orders",
        "inventory", "shipping", "email", "ads", "recommend", "cache", "db", "queue", "worker", "gateway",
    ]
    private static let namespaceWords = ["shop", "billing", "identity", "data", "platform", "media", "risk", "support"]
    private static let dataStorePorts = [
        "db": PortModel(name: "postgres", first: 5432, last: 5432, udp: false),
        "cache": PortModel(name: "redis", first: 6379, last: 6379, udp: false),
        "queue": PortModel(name: "amqp", first: 5672, last: 5672, udp: false),
    ]
    private static let frontEndWords: Set = ["web", "gateway", "api"]
    /// The number of teams, t0 to t19, that own the namespaces in turn.
    static let teamCount = 20

    mutating func generate() -> [SyntheticSystem.File] {
        createNamespaces()
        createServices()
        networkCount = max(4, size.namespaces / 10)
        addDependencies()
        return [SyntheticSystem.File(path: "networks.ramp", text: networksText())]
            + namespaces.map { SyntheticSystem.File(path: $0.name + ".ramp", text: text(of: $0)) }
    }

    // MARK: - Model

    private mutating func createNamespaces() {
        for index in 0..<size.namespaces {
            let word = index == 0 ? "monitoring" : ContractGenerator.namespaceWords[index % ContractGenerator.namespaceWords.count]
            let posture: String? = [0: "deny all", 1: "deny ingress"][index % 3]
            namespaces.append(NamespaceModel(
                name: "\(word)-\(index)",
                team: index % ContractGenerator.teamCount,
                posture: posture,
                dnsOff: posture == "deny all" && index % 17 == 5
            ))
        }
    }

    private mutating func createServices() {
        for index in 0..<size.services {
            let namespace = index % size.namespaces
            let service = index == 0 ? ContractGenerator.scraper : makeService(index: index, namespace: namespace)
            services.append(service)
            namespaces[namespace].serviceIndices.append(index)
            if service.isFrontEnd { frontEnds.append(index) }
            if !service.isDataStore { callers.append(index) }
        }
    }

    /// The monitoring service, the only client of the metrics ports.
    private static let scraper = ServiceModel(
        name: "prometheus-0", namespace: 0, selector: "app=prometheus-0",
        apiPort: PortModel(name: "web", first: 9090, last: 9090, udp: false), extraPort: nil,
        servesMetrics: false, callsOutside: false, isFrontEnd: false, isDataStore: false
    )

    private mutating func makeService(index: Int, namespace: Int) -> ServiceModel {
        let word = ContractGenerator.serviceWords[random.next(below: ContractGenerator.serviceWords.count)]
        let name = "\(word)-\(index)"
        var selector = "app=\(name)"
        if random.chance(15) { selector += ", tier in (backend, batch)" }
        if random.chance(10) { selector += ", !canary" }
        let (apiPort, extraPort) = makePorts(word: word)
        return ServiceModel(
            name: name, namespace: namespace, selector: selector, apiPort: apiPort, extraPort: extraPort,
            servesMetrics: random.chance(50), callsOutside: random.chance(10),
            isFrontEnd: ContractGenerator.frontEndWords.contains(word),
            isDataStore: ContractGenerator.dataStorePorts[word] != nil
        )
    }

    /// Returns the API port and the extra port, if any, as described on the type.
    private mutating func makePorts(word: String) -> (PortModel, PortModel?) {
        if let dataStorePort = ContractGenerator.dataStorePorts[word] { return (dataStorePort, nil) }
        let apiPort = random.chance(75) ? PortModel.http : PortModel.grpc
        let roll = random.next(below: 100)
        if roll < 10 { return (apiPort, apiPort.name == "http" ? .grpc : .http) }
        if roll < 15 { return (apiPort, .udpRange) }
        return (apiPort, nil)
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
        var lines = ["# Synthetic namespace \(namespace.name).", "namespace \(namespace.name) [team=t\(namespace.team)] {"]
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
        let ports = service.ports.map(\.declaration).joined(separator: ", ")
        return "service \(service.name) [\(service.selector)] ports \(ports)"
    }
}
