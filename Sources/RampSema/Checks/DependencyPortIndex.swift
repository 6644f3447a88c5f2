import RampIR
import RampKube

/// The dependencies whose ports may cover those of another, found without
/// comparing them with every other: thousands of dependencies between two
/// services, each on its own port, made the checks for repeated and covered
/// dependencies compare every pair of them.
///
/// Ports cover an item only when some item of the same protocol meets it:
/// its first port lies in a range, or its name is the same name. So the
/// candidates for a dependency are those that admit every port, those with
/// a single port or name equal to the start of its first item, and those
/// with a range of that protocol.
struct DependencyPortIndex {
    private enum Key: Hashable {
        case number(NetworkProtocol, Int)
        case name(NetworkProtocol, String)
    }

    /// The first item of each dependency's ports, nil when it admits every port.
    private let firstItems: [PortItem?]
    /// The dependencies that admit every port, in position order.
    private let admittingEveryPort: [Int]
    /// The dependencies with a single port or a name, by it, in position order.
    private let byKey: [Key: [Int]]
    /// The dependencies with a range of several ports, by protocol, in position order.
    private let ranges: [NetworkProtocol: [Int]]

    init(_ ports: [PortSet]) {
        var firstItems: [PortItem?] = []
        var admittingEveryPort: [Int] = []
        var byKey: [Key: [Int]] = [:]
        var ranges: [NetworkProtocol: [Int]] = [:]
        for (position, portSet) in ports.enumerated() {
            guard case .some(let items) = portSet, let first = items.first else {
                firstItems.append(nil)
                admittingEveryPort.append(position)
                continue
            }
            firstItems.append(first)
            for item in items {
                switch item.value {
                case let .range(low, high) where low != high:
                    if ranges[item.protocol]?.last != position { ranges[item.protocol, default: []].append(position) }
                case let .range(low, _):
                    if byKey[.number(item.protocol, low)]?.last != position { byKey[.number(item.protocol, low), default: []].append(position) }
                case .name(let name):
                    if byKey[.name(item.protocol, name)]?.last != position { byKey[.name(item.protocol, name), default: []].append(position) }
                }
            }
        }
        self.firstItems = firstItems
        self.admittingEveryPort = admittingEveryPort
        self.byKey = byKey
        self.ranges = ranges
    }

    /// Returns lists in position order that hold every dependency whose
    /// ports may cover those of the one at `position`.
    func candidates(for position: Int) -> [[Int]] {
        guard let item = firstItems[position] else { return [admittingEveryPort] }
        switch item.value {
        case .range(let low, _):
            return [admittingEveryPort, byKey[.number(item.protocol, low)] ?? [], ranges[item.protocol] ?? []]
        case .name(let name):
            return [admittingEveryPort, byKey[.name(item.protocol, name)] ?? []]
        }
    }
}
