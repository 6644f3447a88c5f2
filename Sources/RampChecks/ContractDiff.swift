import RampEvaluator
import RampIR
import RampKube
import RampLowering

/// One compiled version of the contracts.
public struct ContractVersion {
    public let program: Program
    public let plan: PolicyPlan
    /// The version's name in reports, such as `main:contracts` or a path.
    public let label: String

    public init(program: Program, plan: PolicyPlan, label: String) {
        self.program = program
        self.plan = plan
        self.label = label
    }
}

/// The semantic difference between two versions of the contracts: the
/// connections that the new policies add or remove, the invariants added
/// or removed, and the policy objects that change. Every list is sorted, so
/// identical inputs give identical reports.
public struct ContractDiff {
    public enum Change: String, Sendable {
        case added
        case removed
        case changed
    }

    /// Connections between two contract-named endpoints on one protocol.
    public struct ConnectionChange: Sendable, Equatable {
        public let source: String
        public let destination: String
        /// Such as `TCP 6379` or `TCP ports named 'metrics'`.
        public let ports: String
    }

    public struct InvariantChange: Sendable, Equatable {
        /// Such as `never shop/web -> data/postgres on every port`.
        public let text: String
        public let location: String
    }

    public struct ObjectChange: Sendable, Equatable {
        public let change: Change
        /// `namespace/name`.
        public let object: String
        /// The contract locations printed above the object, from the new
        /// version, or from the old one for a removed object.
        public let origins: [String]
    }

    public let old: ContractVersion
    public let new: ContractVersion
    public private(set) var addedConnections: [ConnectionChange] = []
    public private(set) var removedConnections: [ConnectionChange] = []
    public private(set) var addedInvariants: [InvariantChange] = []
    public private(set) var removedInvariants: [InvariantChange] = []
    public private(set) var objects: [ObjectChange] = []

    /// Compares the two versions' policies in every possible cluster and
    /// names the differences by the services, namespaces and networks of
    /// either version.
    public init(old: ContractVersion, new: ContractVersion) throws(PolicyValidationError) {
        self.old = old
        self.new = new
        let vocabulary = ContractVocabulary(programs: [new.program, old.program])
        try compareConnections(vocabulary)
        compareInvariants(vocabulary)
        compareObjects()
    }

    public var isEmpty: Bool {
        addedConnections.isEmpty && removedConnections.isEmpty && addedInvariants.isEmpty && removedInvariants.isEmpty && objects.isEmpty
    }

    // MARK: - Connections

    private mutating func compareConnections(_ vocabulary: ContractVocabulary) throws(PolicyValidationError) {
        let oldPolicies = old.plan.networkPolicies
        let newPolicies = new.plan.networkPolicies
        let differences = try connectivityDifferences(
            between: oldPolicies, and: newPolicies, refinedBy: vocabulary.refiningPeers,
            namespaceLabels: AssertionAnalysis.declaredLabels([new.program, old.program])
        )
        let refinement = DeclaredPortRefinement(
            programs: [new.program, old.program],
            old: try NetworkPolicyEvaluator(policies: oldPolicies),
            new: try NetworkPolicyEvaluator(policies: newPolicies)
        )

        var ranges: [ConnectionKey: [ClosedRange<Int>]] = [:]
        for difference in differences {
            let example = difference.example.connection
            let source = vocabulary.describe(difference.source, example: example.source)
            let destination = vocabulary.describe(difference.destination, example: example.destination)
            for part in refinement.refine(difference) {
                let key = ConnectionKey(
                    added: part.allowedBy == .second,
                    sourceRank: vocabulary.rank(of: example.source), source: source,
                    destinationRank: vocabulary.rank(of: example.destination), destination: destination,
                    networkProtocol: difference.protocol, namedPorts: part.namedPorts
                )
                ranges[key, default: []].append(part.ports)
            }
        }

        for key in ranges.keys.sorted() {
            let ports = vocabulary.describePorts(key.networkProtocol, AssertionAnalysis.merge(ranges[key]!), namedPorts: key.namedPorts)
            let change = ConnectionChange(source: key.source, destination: key.destination, ports: ports)
            if key.added { addedConnections.append(change) } else { removedConnections.append(change) }
        }
    }

    /// Orders services first and addresses last (see `ContractVocabulary.rank`), then by name.
    private struct ConnectionKey: Hashable, Comparable {
        let added: Bool
        let sourceRank: Int
        let source: String
        let destinationRank: Int
        let destination: String
        let networkProtocol: NetworkProtocol
        let namedPorts: [String]

        static func < (lhs: ConnectionKey, rhs: ConnectionKey) -> Bool {
            if lhs.sourceRank != rhs.sourceRank { return lhs.sourceRank < rhs.sourceRank }
            if lhs.source != rhs.source { return lhs.source < rhs.source }
            if lhs.destinationRank != rhs.destinationRank { return lhs.destinationRank < rhs.destinationRank }
            if lhs.destination != rhs.destination { return lhs.destination < rhs.destination }
            if lhs.networkProtocol != rhs.networkProtocol { return lhs.networkProtocol < rhs.networkProtocol }
            return lhs.namedPorts.lexicographicallyPrecedes(rhs.namedPorts)
        }
    }

    // MARK: - Invariants

    private mutating func compareInvariants(_ vocabulary: ContractVocabulary) {
        let oldEntries = ContractDiff.invariants(of: old.program, vocabulary)
        let newEntries = ContractDiff.invariants(of: new.program, vocabulary)
        let oldTexts = Set(oldEntries.map(\.text))
        let newTexts = Set(newEntries.map(\.text))
        addedInvariants = newEntries.filter { !oldTexts.contains($0.text) }
        removedInvariants = oldEntries.filter { !newTexts.contains($0.text) }
    }

    /// Returns one entry per invariant and target, sorted by text, the first of repeated texts only.
    private static func invariants(of program: Program, _ vocabulary: ContractVocabulary) -> [InvariantChange] {
        var seen: Set<String> = []
        let entries = program.invariants.compactMap { invariant -> InvariantChange? in
            let text = "\(invariant.kind.rawValue) \(vocabulary.describe(invariant.clients)) -> "
                + "\(vocabulary.describe(invariant.server)) on \(vocabulary.describe(invariant.ports))"
            guard seen.insert(text).inserted else { return nil }
            return InvariantChange(text: text, location: invariant.origin.locationDescription)
        }
        return entries.sorted { $0.text < $1.text }
    }

    // MARK: - Objects

    private mutating func compareObjects() {
        let oldObjects = ContractDiff.objectsByName(old.plan)
        let newObjects = ContractDiff.objectsByName(new.plan)
        for name in Set(oldObjects.keys).union(newObjects.keys).sorted() {
            switch (oldObjects[name], newObjects[name]) {
            case let (nil, added?):
                objects.append(ObjectChange(change: .added, object: name, origins: added.origins))
            case let (removed?, nil):
                objects.append(ObjectChange(change: .removed, object: name, origins: removed.origins))
            case let (before?, after?) where ContractDiff.uncommented(before.networkPolicy) != ContractDiff.uncommented(after.networkPolicy):
                objects.append(ObjectChange(change: .changed, object: name, origins: after.origins))
            default:
                continue
            }
        }
    }

    private static func objectsByName(_ plan: PolicyPlan) -> [String: (origins: [String], networkPolicy: NetworkPolicy)] {
        var result: [String: (origins: [String], networkPolicy: NetworkPolicy)] = [:]
        for (object, policy) in zip(plan.objects, plan.networkPolicies) {
            result[object.namespace + "/" + object.name] = (object.origins, policy)
        }
        return result
    }

    /// Returns the policy without comments, which hold contract locations
    /// that move whenever a line above them changes.
    private static func uncommented(_ policy: NetworkPolicy) -> NetworkPolicy {
        var result = policy
        result.comments = []
        result.ingress = policy.ingress?.map { NetworkPolicyRule(peers: $0.peers, ports: $0.ports) }
        result.egress = policy.egress?.map { NetworkPolicyRule(peers: $0.peers, ports: $0.ports) }
        return result
    }
}
