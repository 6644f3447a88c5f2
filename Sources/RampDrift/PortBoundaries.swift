import RampKube

/// The port numbers at which some policy's ports start or end, by protocol.
///
/// A difference whose cause names statements with `only in` is split at
/// these boundaries too, because whether a statement states a connection
/// reads the port, and a statement's ports are among those of the policies
/// of the environment where it applies.
struct PortBoundaries {
    private var starts: [NetworkProtocol: [Int]] = [:]

    init(_ policySets: [[NetworkPolicy]]) {
        var starts: [NetworkProtocol: Set<Int>] = [:]
        for policy in policySets.joined() {
            for rule in (policy.ingress ?? []) + (policy.egress ?? []) {
                for port in rule.ports ?? [] {
                    guard case .number(let first) = port.port else { continue }
                    let networkProtocol = port.protocol ?? .tcp
                    starts[networkProtocol, default: []].insert(first)
                    starts[networkProtocol, default: []].insert((port.endPort ?? first) + 1)
                }
            }
        }
        self.starts = starts.mapValues { $0.sorted() }
    }

    /// Returns the port before the first boundary of `networkProtocol`
    /// after `port`, or the highest port when none follows.
    func lastPort(from port: Int, protocol networkProtocol: NetworkProtocol) -> Int {
        let starts = starts[networkProtocol] ?? []
        var (low, high) = (0, starts.count)
        while low < high {
            let middle = (low + high) / 2
            if starts[middle] <= port { low = middle + 1 } else { high = middle }
        }
        return low < starts.count ? starts[low] - 1 : 65535
    }
}
