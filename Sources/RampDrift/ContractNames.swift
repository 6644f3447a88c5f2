import RampEvaluator
import RampIR
import RampKube

/// Names the endpoints of a connection in the terms of the contracts:
/// services, namespaces, cluster DNS, networks, `internet` and `apiserver`.
///
/// Names are found for the concrete example of a difference. Every
/// endpoint of one difference's class is treated alike by every selector
/// and block that the compared policies use, so the example's name holds
/// for the class whenever the name comes from such a selector or block.
struct ContractNames {
    private struct NamedBlocks {
        let name: String
        /// The addresses of the blocks as ranges, computed once because
        /// every address difference reads them.
        let covered: [AddressRange]

        init(name: String, blocks: [IPBlock]) {
            self.name = name
            covered = AddressRange.covered(by: blocks)
        }

        struct Key: Hashable {
            let name: String
            let covered: [AddressRange]
        }

        var key: Key { Key(name: name, covered: covered) }
    }

    /// A dependency with one endpoint outside the cluster, and that endpoint's blocks.
    private struct ExternalDependency {
        let dependency: Dependency
        let external: NamedBlocks
    }

    /// Dependencies with one endpoint outside the cluster, in program order,
    /// found by the namespace that their other endpoint can contain, so that
    /// naming a range reads the few that can pair with its peer.
    private struct ExternalDependencies {
        let all: [ExternalDependency]
        private var byNamespace: [String: [Int]] = [:]
        /// The dependencies whose other endpoint can contain pods of any namespace.
        private var anyNamespace: [Int] = []
        /// The dependencies whose other endpoint lies outside the cluster too.
        private var outside: [Int] = []

        /// `other` returns the endpoint that the peer of a range must match.
        init(_ all: [ExternalDependency], other: (Dependency) -> RampIR.Endpoint) {
            self.all = all
            for (index, candidate) in all.enumerated() {
                switch other(candidate.dependency) {
                case .service(let id): byNamespace[id.namespace, default: []].append(index)
                case .namespace(let name): byNamespace[name, default: []].append(index)
                case .namespaces, .cluster: anyNamespace.append(index)
                case .external: outside.append(index)
                }
            }
        }

        /// Returns the dependencies whose other endpoint can match `peer`, in program order.
        func candidates(for peer: RampEvaluator.Endpoint) -> [ExternalDependency] {
            guard case .pod(let pod) = peer else { return outside.map { all[$0] } }
            let indices = (byNamespace[pod.namespace.name] ?? []) + anyNamespace
            return (anyNamespace.isEmpty ? indices : indices.sorted()).map { all[$0] }
        }
    }

    private let declaredNamespaces: Set<String>
    private let knownNamespaces: Set<String>
    private let services: [ServiceID: LabelSelector]
    /// The services of `services` by namespace, sorted, with their
    /// selectors, so that naming a pod reads only its own namespace's
    /// services and looks none of them up.
    private let servicesByNamespace: [String: [(id: ServiceID, selector: LabelSelector)]]
    private let dnsPods: [(namespace: String, selector: LabelSelector)]
    private let addressNames: [NamedBlocks]
    /// The dependencies whose client is outside the cluster, and those
    /// whose server is, each in the order of the programs.
    private let externalClientDependencies: ExternalDependencies
    private let externalServerDependencies: ExternalDependencies

    init(programs: [Program]) {
        var declared: Set<String> = []
        var known: Set<String> = []
        var services: [ServiceID: LabelSelector] = [:]
        var dnsPods: [(String, LabelSelector)] = []
        var addressNames: [NamedBlocks] = []
        for program in programs {
            for namespace in program.namespaces {
                declared.insert(namespace.name)
                for service in namespace.services { services[service.id] = service.selector }
            }

            for target in program.environment.profile.dns {
                switch target.peer {
                case let .pods(namespace, selector):
                    known.insert(namespace)
                    dnsPods.append((namespace, selector))
                case .address(let block):
                    addressNames.append(NamedBlocks(name: "cluster DNS", blocks: [block]))
                }
            }

            for endpoint in program.dependencies.flatMap({ [$0.client, $0.server] }) {
                switch endpoint {
                case .namespace(let name): known.insert(name)
                case let .external(name, blocks): addressNames.append(NamedBlocks(name: ContractNames.addressName(name), blocks: blocks))
                default: break
                }
            }
        }

        declaredNamespaces = declared
        knownNamespaces = known.union(declared)
        self.services = services
        servicesByNamespace = Dictionary(grouping: services.sorted { $0.key < $1.key }.map { (id: $0.key, selector: $0.value) }, by: \.id.namespace)
        self.dnsPods = dnsPods
        // A name that is already listed with the same blocks names nothing
        // more, as the first of equal candidates wins.
        var seenNames: Set<NamedBlocks.Key> = []
        self.addressNames = addressNames.filter { seenNames.insert($0.key).inserted }
        let dependencies = programs.flatMap(\.dependencies)
        externalClientDependencies = ExternalDependencies(dependencies.compactMap { ContractNames.external($0, $0.client) }, other: \.server)
        externalServerDependencies = ExternalDependencies(dependencies.compactMap { ContractNames.external($0, $0.server) }, other: \.client)
    }

    private static func external(_ dependency: Dependency, _ endpoint: RampIR.Endpoint) -> ExternalDependency? {
        guard case let .external(name, blocks) = endpoint else { return nil }
        return ExternalDependency(dependency: dependency, external: NamedBlocks(name: ContractNames.addressName(name), blocks: blocks))
    }

    /// Writes an external endpoint as a contract does: `internet`, `apiserver`,
    /// `network NAME` or a CIDR written in place.
    private static func addressName(_ name: String) -> String {
        if name == "internet" || name == "apiserver" || name.contains("/") { return name }
        return "network " + name
    }

    // MARK: - Naming

    /// The names of both endpoints of a connection, each with the address
    /// range of its class when it is outside the cluster.
    typealias EndpointNames = (source: (name: String, range: AddressRange?), destination: (name: String, range: AddressRange?))

    /// Returns the names of both endpoints of a connection, and for an
    /// address, the range of its class, which `sourceAddresses` and
    /// `destinationAddresses` give.
    func names(
        of connection: Connection, sourceAddresses: AddressRange?, destinationAddresses: AddressRange?
    ) -> EndpointNames {
        (name(of: connection.source, addresses: sourceAddresses, peer: connection.destination, isSource: true),
         name(of: connection.destination, addresses: destinationAddresses, peer: connection.source, isSource: false))
    }

    private func name(
        of endpoint: RampEvaluator.Endpoint, addresses: AddressRange?, peer: RampEvaluator.Endpoint, isSource: Bool
    ) -> (name: String, range: AddressRange?) {
        switch endpoint {
        case .pod(let pod):
            return (name(of: pod), nil)
        case .ipAddress(let address):
            let range = addresses ?? AddressRange(first: address, last: address)
            return (name(ofAddresses: range, peer: peer, isSource: isSource), range)
        }
    }

    private func name(of pod: Pod) -> String {
        let namespace = pod.namespace.name
        if declaredNamespaces.contains(namespace) {
            let matching = (servicesByNamespace[namespace] ?? []).filter { $0.selector.matches(pod.labels) }
            if matching.isEmpty { return "other pods of namespace \(namespace)" }
            return matching.map(\.id.description).joined(separator: " and ")
        }
        if dnsPods.contains(where: { $0.namespace == namespace && $0.selector.matches(pod.labels) }) {
            return "cluster DNS pods in \(namespace)"
        }
        if knownNamespaces.contains(namespace) {
            return "pods of namespace \(namespace)"
        }
        let labels = pod.namespace.labels.filter { $0.key != RampEvaluator.Namespace.nameLabel }
        guard !labels.isEmpty else { return "pods of other namespaces" }
        let text = labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")
        return "pods of other namespaces labelled \(text)"
    }

    /// Names a range of addresses after the endpoint of a dependency between
    /// it and the peer in the same direction, which names the rule that
    /// allows the connection, or else after the smallest named block that
    /// contains it. A peer's dependencies may name other addresses only, so
    /// the fallback keeps one range under one name whichever pod it meets.
    private func name(ofAddresses range: AddressRange, peer: RampEvaluator.Endpoint, isSource: Bool) -> String {
        let candidates = (isSource ? externalClientDependencies : externalServerDependencies).candidates(for: peer)
        let paired = candidates.compactMap { candidate -> NamedBlocks? in
            let other = isSource ? candidate.dependency.server : candidate.dependency.client
            return DeclaredConnections.matches(other, peer, services) ? candidate.external : nil
        }
        return ContractNames.smallest(covering: range, in: paired)
            ?? ContractNames.smallest(covering: range, in: addressNames)
            ?? "addresses outside the cluster"
    }

    /// Returns the name of the smallest block of `names` that covers `range`.
    /// The optimizer joins adjacent blocks, so a class may span several
    /// blocks of one endpoint; it is named when their union covers it.
    private static func smallest(covering range: AddressRange, in names: [NamedBlocks]) -> String? {
        var best: (name: String, size: UInt128)?
        for named in names {
            for covered in named.covered
            where covered.first <= range.first && range.last <= covered.last && covered.first.family == range.first.family {
                let size = covered.last.value - covered.first.value
                if best == nil || size < best!.size { best = (named.name, size) }
            }
        }
        return best?.name
    }
}

extension IPBlock {
    /// Returns whether the address lies in the CIDR and outside every except block.
    func contains(_ address: IPAddress) -> Bool {
        let inside = { (cidr: CIDR) in cidr.contains(address: address.value, family: address.family) }
        return inside(cidr) && !except.contains(where: inside)
    }
}

/// An inclusive range of addresses of one family.
public struct AddressRange: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let first: IPAddress
    public let last: IPAddress

    /// Writes the range as CIDR blocks when it is at most two of them, and
    /// as `first-last` otherwise.
    public var description: String {
        let blocks = AddressRangeText.cidrs(first: first.value, last: last.value, family: first.family)
        if blocks.count <= 2 { return blocks.map(\.description).joined(separator: ", ") }
        return "\(first)-\(last)"
    }

    public static func < (lhs: AddressRange, rhs: AddressRange) -> Bool {
        lhs.first != rhs.first ? lhs.first < rhs.first : lhs.last < rhs.last
    }

    /// Returns the addresses of the blocks, without their except blocks, as
    /// the fewest ranges.
    static func covered(by blocks: [IPBlock]) -> [AddressRange] {
        var ranges: [AddressRange] = []
        for block in blocks {
            let family = block.cidr.family
            func range(_ first: UInt128, _ last: UInt128) -> AddressRange {
                AddressRange(first: IPAddress(family: family, value: first), last: IPAddress(family: family, value: last))
            }
            var start = block.cidr.first
            var reachesEnd = true
            for except in block.except.sorted() where except.last >= start {
                if except.first > start { ranges.append(range(start, except.first - 1)) }
                if except.last >= block.cidr.last {
                    reachesEnd = false
                    break
                }
                start = except.last + 1
            }
            if reachesEnd { ranges.append(range(start, block.cidr.last)) }
        }
        return coalesced(ranges)
    }

    /// Joins ranges that overlap or touch, so that neighbouring classes of
    /// one name read as one range.
    static func coalesced(_ ranges: [AddressRange]) -> [AddressRange] {
        var result: [AddressRange] = []
        for range in ranges.sorted() {
            if let previous = result.last, previous.first.family == range.first.family,
               previous.last.value == UInt128.max || range.first.value <= previous.last.value + 1 {
                result[result.count - 1] = AddressRange(first: previous.first, last: max(previous.last, range.last))
            } else {
                result.append(range)
            }
        }
        return result
    }
}

enum AddressRangeText {

    /// Splits an inclusive range into the fewest CIDR blocks, lowest first.
    static func cidrs(first: UInt128, last: UInt128, family: IPFamily) -> [CIDR] {
        var result: [CIDR] = []
        var start = first
        while true {
            // The largest block that starts at `start` and ends at or before `last`.
            var hostBits = start == 0 ? family.bitWidth : min(start.trailingZeroBitCount, family.bitWidth)
            while hostBits > 0 && blockEnd(start, hostBits: hostBits) > last { hostBits -= 1 }
            result.append(CIDR(family: family, address: start, prefixLength: family.bitWidth - hostBits))
            let end = blockEnd(start, hostBits: hostBits)
            if end >= last { return result }
            start = end + 1
        }
    }

    private static func blockEnd(_ start: UInt128, hostBits: Int) -> UInt128 {
        hostBits >= 128 ? UInt128.max : start | ((UInt128(1) << hostBits) - 1)
    }
}
