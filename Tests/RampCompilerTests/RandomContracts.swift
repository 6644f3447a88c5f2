/// Seeded random contracts for property tests: several namespaces with
/// postures, overlapping selectors, named ports and ranges, networks with
/// except blocks in both IP families, and dependencies of every endpoint
/// kind. The same seed always gives the same text.
struct RandomContracts {
    /// SplitMix64: small, fast, and identical on every platform.
    struct Generator {
        var state: UInt64

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }

        mutating func below(_ bound: Int) -> Int {
            Int(next() % UInt64(bound))
        }

        mutating func chance(_ percent: Int) -> Bool {
            below(100) < percent
        }

        mutating func pick<T>(_ items: [T]) -> T {
            items[below(items.count)]
        }
    }

    private static let portChoices: [(name: String?, spec: String)] = [
        ("http", "8080"), ("metrics", "9090"), (nil, "80"), (nil, "443"), ("dns", "53/udp"),
        (nil, "30000-30010"), ("grpc", "50051"), (nil, "5432/sctp"), (nil, "8081"),
    ]

    static func contract(seed: UInt64) -> String {
        var random = Generator(state: seed)
        var lines = ["# seed \(seed)"]
        let networkCount = random.below(3)
        for index in 0..<networkCount {
            switch random.below(3) {
            case 0: lines.append("network net\(index) = 203.0.\(index).0/24 except 203.0.\(index).128/26, 2001:db8:\(index)::/48")
            case 1: lines.append("network net\(index) = 198.51.\(index).0/25, 198.51.\(index).128/25")
            default: lines.append("network net\(index) = 10.\(index).0.0/16 except (10.\(index).1.0/24, 10.\(index).2.0/24)")
            }
        }

        let namespaces = (0..<(1 + random.below(3))).map { "ns\($0)" }
        var services: [(namespace: String, name: String, ports: [(name: String?, spec: String)])] = []
        var bodies: [String: [String]] = [:]
        for namespace in namespaces {
            var body: [String] = []
            let posture = random.pick(["", "deny ingress", "deny egress", "deny all"])
            if !posture.isEmpty { body.append(posture) }
            if random.chance(25) { body.append("dns off") }
            for index in 0..<(1 + random.below(4)) {
                var selector = ["app=s\(index)"]
                if random.chance(30) { selector = ["tier in (\(random.pick(["a", "b"])), c)"] }
                if random.chance(20) { selector.append("!canary") }
                if random.chance(15) { selector.append("track notin (beta)") }
                var ports: [(name: String?, spec: String)] = []
                for choice in portChoices where random.chance(25) { ports.append(choice) }
                let portText = ports.map { ($0.name.map { "\($0):" } ?? "") + $0.spec }.joined(separator: ", ")
                body.append("service s\(index) [\(selector.joined(separator: ", "))]" + (ports.isEmpty ? "" : " ports \(portText)"))
                services.append((namespace, "s\(index)", ports))
            }
            bodies[namespace] = body
        }

        for _ in 0..<(1 + random.below(8)) {
            let client = random.pick(services)
            let target = randomTarget(&random, from: client.namespace, services: services, namespaces: namespaces, networkCount: networkCount)
            let line = random.chance(15) ? "\(random.pick(["internet", "cluster", "namespace \(random.pick(namespaces))"])) -> \(client.name)"
                : "\(client.name) -> \(target)"
            bodies[client.namespace]!.append(line)
        }

        for namespace in namespaces {
            lines.append("namespace \(namespace) [team=\(random.pick(["x", "y"]))] {")
            lines += bodies[namespace]!.map { "  " + $0 }
            lines.append("}")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func randomTarget(
        _ random: inout Generator, from namespace: String,
        services: [(namespace: String, name: String, ports: [(name: String?, spec: String)])],
        namespaces: [String], networkCount: Int
    ) -> String {
        switch random.below(10) {
        case 0...5:
            let server = random.pick(services)
            var text = server.namespace == namespace ? server.name : "\(server.namespace)/\(server.name)"
            if !server.ports.isEmpty, random.chance(70) {
                let port = random.pick(server.ports)
                text += ":" + (port.name ?? String(port.spec.split(separator: "/")[0]))
            }
            return text
        case 6:
            return "namespace \(random.pick(namespaces)):\(random.pick(["8080", "metrics", "53/udp", "(80, 443)"]))"
        case 7:
            return "namespaces [team=\(random.pick(["x", "y"]))]:80"
        case 8:
            return random.pick(["cluster:9090", "cluster"])
        default:
            if networkCount > 0, random.chance(50) { return "network net\(random.below(networkCount)):443" }
            return random.pick(["internet:443", "192.0.2.0/24:22", "2001:db8:ff::/64:443"])
        }
    }
}
