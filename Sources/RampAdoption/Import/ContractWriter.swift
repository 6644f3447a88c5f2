import RampDiagnostics
import RampKube

/// Writes the imported contract as a person would: networks first, then one
/// block per namespace with its posture, DNS setting, services and one
/// dependency per line, everything sorted so the output is deterministic.
struct ContractWriter {
    let builder: ContractBuilder
    let inventory: WorkloadInventory
    let header: [String]

    /// The text, the dependency written on each line (1-based), and the
    /// problems found while choosing port references.
    struct Output {
        var text = ""
        var dependencyLines: [Int: Int] = [:]
        var problems: [ImportProblem] = []
    }

    private var services: [ServiceKey: String] = [:]
    private var declaredPorts: [ServiceKey: [WorkloadPort]] = [:]
    private var networks: [[IPBlock]: String] = [:]
    private var problems: [ImportProblem] = []

    init(builder: ContractBuilder, inventory: WorkloadInventory, header: [String]) {
        self.builder = builder
        self.inventory = inventory
        self.header = header
        nameServices()
        nameNetworks()
        declarePorts()
    }

    // MARK: - Names

    private static let reservedNames: Set<String> = [
        "cluster", "internet", "namespace", "namespaces", "network", "service", "deny", "dns", "apiserver",
        "expect", "never", "only", "profile", "parameter", "environment", "namespace-default",
    ]

    /// Label keys whose values name an application, most specific first.
    private static let nameKeys = ["app.kubernetes.io/name", "app", "k8s-app", "name", "app.kubernetes.io/component", "component", "role", "tier"]

    private mutating func nameServices() {
        var keys: Set<ServiceKey> = []
        for dependency in builder.dependencies {
            for endpoint in [dependency.client, dependency.server] {
                if case .service(let key) = endpoint { keys.insert(key) }
            }
        }
        var used: [String: Set<String>] = [:]
        for key in keys.sorted() {
            let name = ContractWriter.uniqueName(candidates(for: key), taken: used[key.namespace] ?? [])
            used[key.namespace, default: []].insert(name)
            services[key] = name
        }
    }

    /// Names after the matching workloads when `--workloads` gives them,
    /// else after the values of well-known label keys, longer as needed.
    private func candidates(for key: ServiceKey) -> [String] {
        let workloads = inventory.workloads(in: key.namespace, matching: key.selector).map(\.name)
        let distinct = Array(Set(workloads)).sorted()
        var result: [String] = []
        if !distinct.isEmpty, distinct.count <= 3 { result.append(distinct.joined(separator: "-")) }
        var values = ContractWriter.nameKeys.compactMap { key.selector.matchLabels[$0] }
        values += key.selector.matchLabels.sorted { $0.key < $1.key }.filter { !ContractWriter.nameKeys.contains($0.key) }.map(\.value)
        values += key.selector.matchExpressions.filter { $0.operator == .in }.flatMap(\.values)
        for count in stride(from: 1, through: values.count, by: 1) { result.append(values.prefix(count).joined(separator: "-")) }
        result.append("pods")
        return result
    }

    private static func uniqueName(_ candidates: [String], taken: Set<String>) -> String {
        let cleaned = candidates.map(sanitized).filter { !$0.isEmpty && !reservedNames.contains($0) }
        if let free = cleaned.first(where: { !taken.contains($0) }) { return free }
        let base = cleaned.first ?? "pods"
        var number = 2
        while taken.contains("\(base)-\(number)") { number += 1 }
        return "\(base)-\(number)"
    }

    /// Returns a DNS-1123 label: lowercase letters, digits and `-`, at most 63 characters.
    private static func sanitized(_ text: String) -> String {
        let mapped = text.lowercased().map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "-" }
        var name = String(mapped).split(separator: "-").joined(separator: "-")
        if name.count > 63 { name = String(name.prefix(63)).trimmingCharacters(in: ["-"]) }
        return name
    }

    private mutating func nameNetworks() {
        var taken: Set<String> = []
        for dependency in builder.dependencies {
            for endpoint in [dependency.client, dependency.server] {
                guard case .external(let blocks) = endpoint, networks[blocks] == nil, needsDeclaration(blocks) else { continue }
                let policy = dependency.origins.first?.policy.split(separator: "/").last.map(String.init) ?? "imported"
                let role = endpoint == dependency.client ? "sources" : "destinations"
                let name = ContractWriter.uniqueName(["\(policy)-\(role)"], taken: taken)
                taken.insert(name)
                networks[blocks] = name
            }
        }
    }

    private func needsDeclaration(_ blocks: [IPBlock]) -> Bool {
        !isInternet(blocks) && !(blocks.count == 1 && blocks[0].except.isEmpty)
    }

    private func isInternet(_ blocks: [IPBlock]) -> Bool {
        Set(blocks) == [IPBlock(cidr: .allIPv4), IPBlock(cidr: .allIPv6)]
    }

    // MARK: - Ports

    /// Declares the container ports of the matching workloads, plus every
    /// number a dependency names that they do not declare, because a number
    /// on a service must lie inside one of its ports. A service that some
    /// dependency reaches on every port declares none, since a target
    /// without ports means the declared ports.
    private mutating func declarePorts() {
        guard !inventory.isEmpty else { return }
        for key in services.keys {
            let serving = builder.dependencies.filter { $0.server == .service(key) }
            if serving.contains(where: { $0.ports.isAll }) { continue }
            var ports: [WorkloadPort] = []
            for workload in inventory.workloads(in: key.namespace, matching: key.selector) {
                for port in workload.ports where !ports.contains(port) { ports.append(port) }
            }
            let ambiguous = Set(ports.filter { port in
                port.name != nil && ports.contains { $0.name == port.name && ($0.number != port.number || $0.protocol != port.protocol) }
            }.compactMap(\.name))
            // A name that the workloads give different ports cannot name one declared port.
            ports = ports.map { port in
                guard let name = port.name, ambiguous.contains(name) else { return port }
                return WorkloadPort(name: nil, protocol: port.protocol, number: port.number)
            }
            declaredPorts[key] = Array(Set(ports)).sorted { ($0.protocol, $0.number, $0.name ?? "") < ($1.protocol, $1.number, $1.name ?? "") }
        }
    }

    /// Returns the port references of a dependency's target, adding declared
    /// ports that the service lacks.
    private mutating func references(_ dependency: ImportedDependency, index: Int) -> (text: String, approximations: [String]) {
        guard !dependency.ports.isAll else { return ("", []) }
        var approximations: [String] = []
        var parts: [String] = []
        for item in dependency.ports.items {
            switch item {
            case let .range(range, networkProtocol):
                parts.append(numberReference(range, networkProtocol, server: dependency.server))
            case let .name(name, networkProtocol):
                if case .service(let key) = dependency.server {
                    problems.append(ImportProblem(
                        message: "port name \(QuotedText.quote(name)) on pods \(SelectorText.bracketed(key.selector)) of namespace \(QuotedText.quote(key.namespace)) must be a number in a contract; give the workloads with '--workloads' to resolve it",
                        origin: dependency.origins.first
                    ))
                    approximations.append("port name \(QuotedText.quote(name)) is written as every \(networkProtocol.rawValue) port")
                    parts.append(numberReference(1...65535, networkProtocol, server: dependency.server))
                } else {
                    parts.append(name + (networkProtocol == .tcp ? "" : "/" + networkProtocol.rawValue.lowercased()))
                }
            }
        }
        let unique = parts.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        return (unique.count == 1 ? ":" + unique[0] : ":(" + unique.joined(separator: ", ") + ")", approximations)
    }

    private mutating func numberReference(_ range: ClosedRange<Int>, _ networkProtocol: NetworkProtocol, server: ContractEndpoint) -> String {
        let numberText = range.count == 1 ? "\(range.lowerBound)" : "\(range.lowerBound)-\(range.upperBound)"
        let suffix = networkProtocol == .tcp ? "" : "/" + networkProtocol.rawValue.lowercased()
        guard case .service(let key) = server, var declared = declaredPorts[key] else { return numberText + suffix }

        if range.count == 1, let named = declared.first(where: { $0.number == range.lowerBound && $0.protocol == networkProtocol && $0.name != nil }) {
            return named.name!
        }
        if !declared.contains(where: { $0.protocol == networkProtocol && $0.number == range.lowerBound }) || range.count > 1 {
            let covered = declaredRanges[key]?.contains { $0.1 == networkProtocol && $0.0.lowerBound <= range.lowerBound && range.upperBound <= $0.0.upperBound } ?? false
            if !covered {
                if range.count == 1 { declared.append(WorkloadPort(name: nil, protocol: networkProtocol, number: range.lowerBound)) }
                else { declaredRanges[key, default: []].append((range, networkProtocol)) }
                declaredPorts[key] = declared
            }
        }
        let otherProtocols = declared.contains { $0.number == range.lowerBound && $0.protocol != networkProtocol }
        return numberText + (suffix.isEmpty && otherProtocols ? "/tcp" : suffix)
    }

    /// Ranges that dependencies name on a service, declared beside its container ports.
    private var declaredRanges: [ServiceKey: [(ClosedRange<Int>, NetworkProtocol)]] = [:]

    // MARK: - Text

    private func endpointText(_ endpoint: ContractEndpoint, home: String) -> String {
        switch endpoint {
        case .service(let key):
            let name = services[key]!
            return key.namespace == home ? name : "\(key.namespace)/\(name)"
        case .namespace(let name):
            return "namespace \(name)"
        case .namespaces(let selector):
            return "namespaces " + SelectorText.bracketed(selector)
        case .cluster:
            return "cluster"
        case .external(let blocks):
            if isInternet(blocks) { return "internet" }
            if let name = networks[blocks] { return "network \(name)" }
            return blocks[0].cidr.description
        }
    }

    private func home(of dependency: ImportedDependency) -> String {
        if case .service(let key) = dependency.client { return key.namespace }
        if case .service(let key) = dependency.server { return key.namespace }
        return dependency.origins.first.map { String($0.policy.split(separator: "/")[0]) } ?? "default"
    }

    private static func blockText(_ block: IPBlock) -> String {
        switch block.except.count {
        case 0: return block.cidr.description
        case 1: return "\(block.cidr) except \(block.except[0])"
        default: return "\(block.cidr) except (" + block.except.map(\.description).joined(separator: ", ") + ")"
        }
    }

    mutating func write() -> Output {
        var output = Output()
        var lines = header.map { $0.isEmpty ? "#" : "# " + $0 }

        // Port references may add declared ports, so dependencies are rendered first.
        var rendered: [(home: String, text: String, comments: [String], index: Int)] = []
        for (index, dependency) in builder.dependencies.enumerated() {
            let home = home(of: dependency)
            let (ports, approximations) = references(dependency, index: index)
            let text = endpointText(dependency.client, home: home) + " -> " + endpointText(dependency.server, home: home) + ports
            rendered.append((home, text, dependency.approximations + approximations, index))
        }

        if !networks.isEmpty {
            if !lines.isEmpty { lines.append("") }
            for (blocks, name) in networks.sorted(by: { $0.value < $1.value }) {
                lines.append("network \(name) = " + blocks.map(ContractWriter.blockText).joined(separator: ", "))
            }
        }

        let namespaces = Set(builder.declaredNamespaces).union(services.keys.map(\.namespace)).union(rendered.map(\.home))
        for namespace in namespaces.sorted() {
            if !lines.isEmpty { lines.append("") }
            let declaredLabels = (builder.labels[namespace] ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\(SelectorText.value($0.value))" }
            lines.append("namespace \(namespace)" + (declaredLabels.isEmpty ? "" : " [" + declaredLabels.joined(separator: ", ") + "]") + " {")
            let posture = builder.posture(namespace)
            if posture == [.ingress, .egress] { lines.append("  deny all") } else if let direction = posture.first { lines.append("  deny \(direction.rawValue.lowercased())") }
            if builder.dnsOff.contains(namespace), builder.declaredNamespaces.contains(namespace), !builder.units(of: .namespace(namespace), direction: .egress).isEmpty {
                lines.append("  dns off")
            }

            let ownServices = services.filter { $0.key.namespace == namespace }.sorted { $0.value < $1.value }
            if !ownServices.isEmpty, lines.last?.hasSuffix("{") == false { lines.append("") }
            for (key, name) in ownServices { lines.append("  service \(name) \(SelectorText.bracketed(key.selector))" + portsClause(key)) }

            let ownDependencies = rendered.filter { $0.home == namespace }.sorted { $0.text < $1.text }
            if !ownDependencies.isEmpty, lines.last?.hasSuffix("{") == false { lines.append("") }
            for dependency in ownDependencies {
                for comment in dependency.comments { lines.append("  # APPROXIMATION: " + comment) }
                lines.append("  " + dependency.text)
                output.dependencyLines[lines.count] = dependency.index
            }
            lines.append("}")
        }
        output.text = lines.joined(separator: "\n") + "\n"
        output.problems = problems
        return output
    }

    private func portsClause(_ key: ServiceKey) -> String {
        var parts = (declaredPorts[key] ?? []).map { port in
            (port.name.map { "\($0):" } ?? "") + "\(port.number)" + (port.protocol == .tcp ? "" : "/" + port.protocol.rawValue.lowercased())
        }
        parts += (declaredRanges[key] ?? []).map { "\($0.0.lowerBound)-\($0.0.upperBound)" + ($0.1 == .tcp ? "" : "/" + $0.1.rawValue.lowercased()) }
        return parts.isEmpty ? "" : " ports " + parts.joined(separator: ", ")
    }
}
