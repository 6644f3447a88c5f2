import RampKube
import RampSource

// MARK: - Results

/// A set of endpoints that every policy of the compared sets treats alike.
public struct EndpointClass: Hashable, Sendable, CustomStringConvertible {
    public enum Kind: Hashable, Sendable {
        /// Pods whose labels match `podLabels`, in namespaces whose labels
        /// match `namespaceLabels`. Both are written in kubectl's selector
        /// syntax, with `!k` for a missing key and `(any labels)` for no
        /// constraint. A key that is missing or has one of a few values reads
        /// `!k or k in (a,b)`, which kubectl cannot express in one selector.
        case pods(namespaceLabels: String, podLabels: String)
        /// The addresses from `first` to `last` inclusive, outside the cluster.
        case addresses(first: IPAddress, last: IPAddress)
    }

    public let kind: Kind

    public var description: String {
        switch kind {
        case .pods(let namespaceLabels, let podLabels):
            return "pods {\(podLabels)} in namespaces {\(namespaceLabels)}"
        case .addresses(let first, let last):
            return first == last ? "address \(first)" : "addresses \(first)-\(last)"
        }
    }
}

/// One connection that exactly one of two policy sets allows, with each
/// set's verdict on it.
///
/// The verdicts, which name every rule that decides the connection, are
/// evaluated when read: a comparison of large environments makes hundreds
/// of thousands of examples and reads none of their verdicts.
public struct Counterexample: Sendable, CustomStringConvertible {
    public let connection: Connection
    public let allowedBy: PolicySetSide
    private let first: NetworkPolicyEvaluator
    private let second: NetworkPolicyEvaluator

    public var firstVerdict: Verdict { first.evaluate(connection) }
    public var secondVerdict: Verdict { second.evaluate(connection) }

    init(connection: Connection, allowedBy: PolicySetSide, first: NetworkPolicyEvaluator, second: NetworkPolicyEvaluator) {
        self.connection = connection
        self.allowedBy = allowedBy
        self.first = first
        self.second = second
    }

    public var description: String {
        "\(connection) is allowed only by the \(allowedBy.rawValue) policy set"
    }
}

/// The ports on which two policy sets disagree for one source class, one
/// destination class and one protocol.
public struct ConnectivityDifference: Sendable, CustomStringConvertible {
    public let source: EndpointClass
    public let destination: EndpointClass
    public let `protocol`: NetworkProtocol
    /// Disjoint within each `namedPorts` group, and never empty.
    public let ports: [PortDifference]
    /// A concrete connection for the first entry of `ports`.
    public var example: Counterexample { boxedExample.value }
    /// A comparison of large environments keeps hundreds of thousands of
    /// differences, and the example is the largest part of each.
    private let boxedExample: Boxed<Counterexample>

    init(source: EndpointClass, destination: EndpointClass, protocol: NetworkProtocol, ports: [PortDifference], example: Counterexample) {
        self.source = source
        self.destination = destination
        self.protocol = `protocol`
        self.ports = ports
        boxedExample = Boxed(example)
    }

    public var description: String {
        let portText = ports.map(\.description).joined(separator: "; ")
        return "\(source) -> \(destination) \(self.protocol.rawValue): \(portText)"
    }
}

// MARK: - Entry points

/// Returns nil when the two policy sets allow exactly the same connections
/// in every possible cluster: any namespaces, pods, labels, container ports
/// and external IP addresses. Otherwise returns a concrete connection that
/// only one of them allows.
///
/// The result is exact, not sampled. It comes from a finite abstraction
/// (`ClusterAbstraction`) that splits namespaces, pods and addresses by
/// every selector and CIDR boundary the policies use and splits ports at
/// every range boundary. Named ports are compared for every way the
/// destination pod can assign the names to port numbers (`PortComparison`).
/// The semantics are those of `NetworkPolicyEvaluator`, including ipBlock
/// matching only addresses outside the cluster. Each returned counterexample
/// is checked against that evaluator, and a mismatch, which would be a bug
/// in this module, stops the program.
public func equivalence(
    of first: [NetworkPolicy],
    and second: [NetworkPolicy]
) throws(PolicyValidationError) -> Counterexample? {
    try connectivityDifferences(between: first, and: second, limit: 1).first?.example
}

/// Lists every difference between two policy sets as class pairs: source
/// class, destination class, protocol and the ports allowed by only one set,
/// each with a concrete example.
///
/// There is one entry per pair of atoms (see `ClusterAbstraction`), so a
/// change that affects whole namespaces yields one entry per class pair
/// involved. Entries are ordered by source class, destination class and
/// protocol. With `limit`, only the first `limit` entries are returned, and
/// a limit below 1 counts as 1.
///
/// `refinedBy` splits the classes further by peers that neither set uses,
/// such as the services of a contract, so that each class lies inside or
/// outside each of those peers. A pod peer there needs a namespace selector.
/// `namespaceLabels` gives the labels that the named namespaces carry, and
/// leaves out the clusters where they carry others.
///
/// The selectors and blocks of the `context` policies split the classes
/// too, without taking part in the comparison, so that every connection of
/// one returned class is also treated alike by each context policy. A
/// caller that evaluates the example of a class against other policy sets
/// passes them here.
public func connectivityDifferences(
    between first: [NetworkPolicy],
    and second: [NetworkPolicy],
    limit: Int? = nil,
    refinedBy extraPeers: [NetworkPolicyPeer] = [],
    namespaceLabels: [String: [String: String]] = [:],
    context: [NetworkPolicy] = []
) throws(PolicyValidationError) -> [ConnectivityDifference] {
    Array(try connectivityDifferenceSequence(
        between: first, and: second, limit: limit, refinedBy: extraPeers, namespaceLabels: namespaceLabels, context: context
    ))
}

/// Returns the differences that `connectivityDifferences` returns, in the
/// same order, each built with its concrete example only when it is read.
///
/// With `variants`, leaves out each pair of classes and protocol on which
/// some variant allows the same ports as the compared set it is a variant
/// towards. Then a comparison that such variants mostly explain costs
/// little more than the comparisons of the variants, however many pairs
/// differ. The variants must use only selectors and blocks that the
/// compared and context policies use; otherwise their classes would differ,
/// and nothing is left out. When a variant has policies of the same effect
/// as the other set in every namespace, the result is empty without the
/// classes being built, so it cannot fail for too many of them.
///
/// A caller that already has evaluators of exactly `first` and `second`
/// passes them as `evaluators`, and the policies are not indexed again.
public func connectivityDifferenceSequence(
    between first: [NetworkPolicy],
    and second: [NetworkPolicy],
    limit: Int? = nil,
    refinedBy extraPeers: [NetworkPolicyPeer] = [],
    namespaceLabels: [String: [String: String]] = [:],
    context: [NetworkPolicy] = [],
    unlessExplainedBy variants: [PolicyVariant] = [],
    evaluators: (first: NetworkPolicyEvaluator, second: NetworkPolicyEvaluator)? = nil
) throws(PolicyValidationError) -> ConnectivityDifferenceSequence {
    try connectivityDifferenceSequence(
        between: first, and: second, limit: limit, refinedBy: extraPeers, namespaceLabels: namespaceLabels, context: context,
        unlessExplainedBy: variants, evaluators: evaluators, wideThreshold: PeerAtomIndex.defaultWideThreshold
    )
}

/// Compares as the public `connectivityDifferenceSequence` does, storing
/// each rule's side of more than `wideThreshold` atoms as a wide set. Tests
/// compare thresholds, which must not change the result.
func connectivityDifferenceSequence(
    between first: [NetworkPolicy],
    and second: [NetworkPolicy],
    limit: Int?,
    refinedBy extraPeers: [NetworkPolicyPeer],
    namespaceLabels: [String: [String: String]],
    context: [NetworkPolicy],
    unlessExplainedBy variants: [PolicyVariant] = [],
    evaluators: (first: NetworkPolicyEvaluator, second: NetworkPolicyEvaluator)? = nil,
    wideThreshold: Int
) throws(PolicyValidationError) -> ConnectivityDifferenceSequence {
    let firstEvaluator: NetworkPolicyEvaluator
    let secondEvaluator: NetworkPolicyEvaluator
    if let evaluators {
        (firstEvaluator, secondEvaluator) = evaluators
    } else {
        (firstEvaluator, secondEvaluator) = (try NetworkPolicyEvaluator(policies: first), try NetworkPolicyEvaluator(policies: second))
    }
    let firstPolicies = first.map(EffectivePolicy.init)
    let secondPolicies = second.map(EffectivePolicy.init)
    // A variant that decides every connection as the other set does
    // explains every difference, so the classes are not even built.
    let unlikeNamespaces = variants.map { $0.namespaces(unlike: $0.side == .first ? secondPolicies : firstPolicies) }
    if unlikeNamespaces.contains(where: \.isEmpty) {
        return ConnectivityDifferenceSequence(pairs: [], examples: nil)
    }

    // A context policy whose splits the compared sets already have splits
    // no atom, and callers pass many such policies: most of the policies of
    // an environment with one setting of the other are those of either.
    // Usually every context policy is covered, so the classes of the
    // compared sets alone are built at the same time, and built again only
    // when some context policy is not covered.
    let compared = firstPolicies + secondPolicies
    let (found, comparedAbstraction) = concurrently({
        var splits = AbstractionSplits(policies: compared, extraPeers: extraPeers)
        var seen: Set<NetworkPolicy> = []
        let splitting = context.filter { !splits.covers($0) && seen.insert($0).inserted }.map(EffectivePolicy.init)
        splits.insert(splitting)
        return (splits, splitting)
    }, {
        Result { () throws(PolicyValidationError) in
            try ClusterAbstraction(policies: compared, extraPeers: extraPeers, namespaceLabels: namespaceLabels)
        }
    })
    let (splits, splitting) = found
    let abstraction = try splitting.isEmpty
        ? comparedAbstraction.get()
        : ClusterAbstraction(policies: compared + splitting, extraPeers: extraPeers, namespaceLabels: namespaceLabels)
    let table = PortSetTable()
    var peerIndex = PeerAtomIndex(abstraction, wideThreshold: wideThreshold)
    let firstAccess = PolicySetAccess(policies: firstPolicies, abstraction: abstraction, table: table, peerIndex: &peerIndex)
    let secondAccess = PolicySetAccess(policies: secondPolicies, abstraction: abstraction, table: table, peerIndex: &peerIndex)
    let comparison = ConnectivityComparison(
        abstraction: abstraction, table: table, first: firstAccess, second: secondAccess, wideSets: peerIndex.wideSets
    )
    var differences: FirstDifferences
    // A variant's policies of the same effect as the other set's have the
    // same selectors and blocks, so only the others can split the classes.
    let unlikePolicies = zip(variants, unlikeNamespaces).map { variant, namespaces in
        variant.policies.filter { namespaces.contains($0.namespace) }
    }
    if !variants.isEmpty && splits.covers(unlikePolicies) {
        differences = comparison.firstDifferences(on: comparison.pairsUnexplained(by: variants, peerIndex: peerIndex), limit: limit)
    } else {
        differences = comparison.firstDifferences(limit: limit)
    }
    return ConnectivityDifferenceSequence(
        pairs: differences.ordered(), examples: CounterexampleBuilder(abstraction: abstraction, first: firstEvaluator, second: secondEvaluator)
    )
}

/// The differences between two policy sets, each built with its concrete
/// example when it is read. A caller that handles each difference once,
/// such as the comparison of two large environments, then never keeps the
/// examples of all of them, which took a sixth of its peak memory.
public struct ConnectivityDifferenceSequence: Sequence, IteratorProtocol, Sendable {
    /// The atom pairs not yet read, the next one last.
    private var pairs: [AtomPairDifference]
    /// Nil when there are no pairs.
    private var examples: CounterexampleBuilder?

    fileprivate init(pairs: [AtomPairDifference], examples: CounterexampleBuilder?) {
        self.pairs = pairs.reversed()
        self.examples = examples
    }

    /// Keeps the first `count` differences not yet read, and drops the others.
    public mutating func keepFirst(_ count: Int) {
        pairs.removeFirst(Swift.max(0, pairs.count - count))
    }

    /// The number of differences not yet read.
    public var underestimatedCount: Int { pairs.count }

    public mutating func next() -> ConnectivityDifference? {
        guard let pair = pairs.popLast() else { return nil }
        return examples!.difference(pair)
    }

    /// Splits the differences not yet read into at most `count` sequences of
    /// consecutive differences, in order, so that each can be read on
    /// another thread.
    public func split(into count: Int) -> [ConnectivityDifferenceSequence] {
        let unread = Array(pairs.reversed())
        guard count > 1, unread.count > 1 else { return [self] }
        let size = (unread.count + count - 1) / count
        return stride(from: 0, to: unread.count, by: size).map { start in
            ConnectivityDifferenceSequence(pairs: Array(unread[start..<Swift.min(start + size, unread.count)]), examples: examples)
        }
    }
}

// MARK: - Concrete examples

/// Turns atom pairs into endpoint classes and checked concrete connections.
private struct CounterexampleBuilder: Sendable {
    let abstraction: ClusterAbstraction
    let first: NetworkPolicyEvaluator
    let second: NetworkPolicyEvaluator
    private var atoms: AtomEndpoints

    init(abstraction: ClusterAbstraction, first: NetworkPolicyEvaluator, second: NetworkPolicyEvaluator) {
        self.abstraction = abstraction
        self.first = first
        self.second = second
        atoms = AtomEndpoints(abstraction: abstraction)
    }

    mutating func difference(_ pair: AtomPairDifference) -> ConnectivityDifference {
        ConnectivityDifference(
            source: atoms.endpointClass(of: pair.source),
            destination: atoms.endpointClass(of: pair.destination),
            protocol: pair.protocol,
            ports: pair.ports,
            example: example(for: pair)
        )
    }

    private mutating func example(for pair: AtomPairDifference) -> Counterexample {
        let portDifference = pair.ports[0]
        let port = portDifference.ports.lowerBound
        let containerPorts = portDifference.namedPorts.map {
            ContainerPort(name: $0, protocol: pair.protocol, containerPort: port)
        }
        let (source, destination) = atoms.endpoints(source: pair.source, destination: pair.destination, containerPorts: containerPorts)
        let connection = Connection(from: source, to: destination, protocol: pair.protocol, port: port)
        // The abstraction and the concrete evaluator must agree on the example.
        precondition(first.allows(connection) == (portDifference.allowedBy == .first)
            && second.allows(connection) == (portDifference.allowedBy == .second),
            "counterexample \(connection) disagrees with the concrete evaluator")
        return Counterexample(connection: connection, allowedBy: portDifference.allowedBy, first: first, second: second)
    }
}
