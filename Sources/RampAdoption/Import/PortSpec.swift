import RampKube

/// A set of ports as a NetworkPolicy rule admits them: every port of every
/// protocol, or numeric ranges and container port names per protocol.
///
/// A name and a number never cover each other here, because whether a name
/// resolves to a number depends on the destination pod.
struct PortSpec: Hashable {
    /// Nil admits every port of every protocol.
    private(set) var ranges: [NetworkProtocol: [ClosedRange<Int>]]?
    private(set) var names: [NetworkProtocol: Set<String>]

    static let all = PortSpec(ranges: nil, names: [:])
    static let none = PortSpec(ranges: [:], names: [:])

    private init(ranges: [NetworkProtocol: [ClosedRange<Int>]]?, names: [NetworkProtocol: Set<String>]) {
        self.ranges = ranges.map { $0.mapValues(PortSpec.merged).filter { !$0.value.isEmpty } }
        self.names = names.filter { !$0.value.isEmpty }
    }

    /// Reads the `ports` of a rule: omitted or empty admits every port.
    init(_ ports: [NetworkPolicyPort]?) {
        guard let ports, !ports.isEmpty else {
            self = .all
            return
        }
        var ranges: [NetworkProtocol: [ClosedRange<Int>]] = [:]
        var names: [NetworkProtocol: Set<String>] = [:]
        for port in ports {
            let networkProtocol = port.protocol ?? .tcp
            switch port.port {
            case nil: ranges[networkProtocol, default: []].append(1...65535)
            case .number(let first): ranges[networkProtocol, default: []].append(first...(port.endPort ?? first))
            case .name(let name): names[networkProtocol, default: []].insert(name)
            }
        }
        self.init(ranges: ranges, names: names)
    }

    init(numbers: [NetworkProtocol: [ClosedRange<Int>]], names: [NetworkProtocol: Set<String>] = [:]) {
        self.init(ranges: numbers, names: names)
    }

    var isAll: Bool { ranges == nil }
    var isEmpty: Bool { ranges?.isEmpty == true && names.isEmpty }
    var hasNames: Bool { !names.isEmpty }

    /// Returns whether every port of `other` is a port of this set.
    func contains(_ other: PortSpec) -> Bool {
        guard let ranges else { return true }
        guard let otherRanges = other.ranges else { return false }
        for (networkProtocol, wanted) in otherRanges {
            let available = ranges[networkProtocol] ?? []
            for range in wanted where !available.contains(where: { $0.lowerBound <= range.lowerBound && range.upperBound <= $0.upperBound }) {
                return false
            }
        }
        return other.names.allSatisfy { names[$0.key, default: []].isSuperset(of: $0.value) }
    }

    func union(_ other: PortSpec) -> PortSpec {
        guard let ranges, let otherRanges = other.ranges else { return .all }
        return PortSpec(ranges: ranges.merging(otherRanges, uniquingKeysWith: +), names: names.merging(other.names) { $0.union($1) })
    }

    func intersection(_ other: PortSpec) -> PortSpec {
        guard let ranges else { return other }
        guard let otherRanges = other.ranges else { return self }
        var result: [NetworkProtocol: [ClosedRange<Int>]] = [:]
        for (networkProtocol, own) in ranges {
            for left in own {
                for right in otherRanges[networkProtocol] ?? [] where left.overlaps(right) {
                    result[networkProtocol, default: []].append(max(left.lowerBound, right.lowerBound)...min(left.upperBound, right.upperBound))
                }
            }
        }
        var sharedNames: [NetworkProtocol: Set<String>] = [:]
        for (networkProtocol, own) in names { sharedNames[networkProtocol] = own.intersection(other.names[networkProtocol] ?? []) }
        return PortSpec(ranges: result, names: sharedNames)
    }

    /// Returns the same set without one name.
    func removing(name: String, protocol networkProtocol: NetworkProtocol) -> PortSpec {
        guard ranges != nil else { return self }
        var remaining = names
        remaining[networkProtocol]?.remove(name)
        return PortSpec(ranges: ranges, names: remaining)
    }

    /// The same set without names, which never match an address outside the cluster.
    var withoutNames: PortSpec { ranges == nil ? self : PortSpec(ranges: ranges, names: [:]) }

    /// Replaces a name by a number, as `--workloads` resolved it.
    func resolving(_ name: String, protocol networkProtocol: NetworkProtocol, to number: Int) -> PortSpec {
        guard var ranges, names[networkProtocol]?.contains(name) == true else { return self }
        var remaining = names
        remaining[networkProtocol]?.remove(name)
        ranges[networkProtocol, default: []].append(number...number)
        return PortSpec(ranges: ranges, names: remaining)
    }

    /// The ports in a fixed order: by protocol, numbers before names.
    var items: [PortItemValue] {
        guard let ranges else { return [] }
        var result: [PortItemValue] = []
        for networkProtocol in NetworkProtocol.allCases {
            result += (ranges[networkProtocol] ?? []).map { .range($0, networkProtocol) }
            result += (names[networkProtocol] ?? []).sorted().map { .name($0, networkProtocol) }
        }
        return result
    }

    /// Sorts ranges and joins those that overlap or touch.
    private static func merged(_ ranges: [ClosedRange<Int>]) -> [ClosedRange<Int>] {
        var result: [ClosedRange<Int>] = []
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = result.last, range.lowerBound <= last.upperBound + 1 {
                result[result.count - 1] = last.lowerBound...max(last.upperBound, range.upperBound)
            } else {
                result.append(range)
            }
        }
        return result
    }
}

/// One entry of a `PortSpec`.
enum PortItemValue: Hashable {
    case range(ClosedRange<Int>, NetworkProtocol)
    case name(String, NetworkProtocol)
}
