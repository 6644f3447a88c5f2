import RampKube

/// The port numbers at which some policy's ports start or end, by protocol.
///
/// The evaluator splits the ports of a difference only where the two
/// compared sets change. A build with parts substituted may change
/// elsewhere, so each difference is split at these boundaries too, and each
/// piece gets its own example and cause.
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

    /// Splits `range` at every boundary of `networkProtocol` inside it.
    func pieces(of range: ClosedRange<Int>, protocol networkProtocol: NetworkProtocol) -> [ClosedRange<Int>] {
        var pieces: [ClosedRange<Int>] = []
        var lower = range.lowerBound
        for start in starts[networkProtocol] ?? [] where start > lower && start <= range.upperBound {
            pieces.append(lower...(start - 1))
            lower = start
        }
        pieces.append(lower...range.upperBound)
        return pieces
    }
}
