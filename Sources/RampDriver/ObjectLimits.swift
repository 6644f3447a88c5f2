import RampDiagnostics
import RampIR
import RampKube
import RampLowering
import RampSource

/// Checks the generated objects against limits of Kubernetes clients and of
/// network plugins. Every compilation runs it after lowering, so a build
/// writes nothing when an object exceeds a hard limit.
///
/// ramp never splits an object to fit a limit, because the split would
/// change what a reviewer reads. It reports the object at its contract
/// location instead, with the number found and the limit.
public enum ObjectLimits {
    // MARK: - Limits

    /// Kubernetes rejects an object whose annotations total more than 256 KiB
    /// (`TotalAnnotationSizeLimitB` in k8s.io/apimachinery), and client-side
    /// `kubectl apply` stores the whole object in the
    /// `kubectl.kubernetes.io/last-applied-configuration` annotation.
    public static let maxObjectBytes = 262_144
    public static let largeObjectBytes = 65_536
    /// The Amazon VPC CNI network policy agent (EKS) accepts at most 24
    /// unique ports of one protocol in a rule.
    public static let maxPortsPerProtocol = 24
    /// Cilium's per-endpoint policy map has room for 16,384 identity, port
    /// and protocol entries by default, and ramp warns at about half of it.
    public static let ciliumPolicyMapSize = 16_384
    public static let policyMapWarningEntries = 8_000
    /// NOTE: a threshold for reviewing, chosen for ramp; neither Kubernetes
    /// nor a network plugin is known to reject more rules.
    public static let maxRules = 100

    /// The provenance of the generated objects, built on first use, because
    /// building it indexes the whole program and most builds exceed no limit.
    final class ContractSources {
        let program: Program
        lazy var provenance = Provenance(program: program)

        init(program: Program) {
            self.program = program
        }
    }

    /// One generated object, its YAML size, and where the contracts declare it.
    struct CheckedObject {
        let policy: NetworkPolicy
        /// The size of its YAML document without comments. ramp's label and
        /// hash annotation, added when the files are written, are not counted,
        /// because they add under 200 bytes.
        let byteCount: Int
        let sources: ContractSources

        /// The contract statement of the object, found only when a limit is exceeded.
        var origin: SourceRange? { sources.provenance.objectSources(policy).first?.range }

        func ruleOrigin(_ direction: NetworkPolicy.PolicyType, _ index: Int) -> SourceRange? {
            let rules = (direction == .ingress ? policy.ingress : policy.egress) ?? []
            return sources.provenance.ruleSources(rules[index], direction: direction, in: policy).first?.range
        }
    }

    /// Reports every object of `objects` that exceeds a limit, at the
    /// contract statement that produced it.
    ///
    /// The objects that a check could report are found on all processor
    /// cores. Only those are checked again, in order, to report them, because
    /// finding a contract location builds the provenance on one thread.
    public static func check(_ objects: [RenderedPolicy], program: Program, diagnostics: DiagnosticEngine) {
        let sources = ContractSources(program: program)
        let namespaceObjects = Dictionary(
            objects.lazy.map(\.policy).filter { $0.podSelector.isEmpty }.map { ($0.namespace, $0) }, uniquingKeysWith: { first, _ in first }
        )
        let candidates = objects.concurrentMap { mayExceedLimit($0, namespaceObject: namespaceObjects[$0.policy.namespace]) }
        for (rendered, isCandidate) in zip(objects, candidates) where isCandidate {
            let policy = rendered.policy
            let object = CheckedObject(policy: policy, byteCount: rendered.byteCount, sources: sources)
            checkSize(object, diagnostics: diagnostics)
            checkRuleCount(object, diagnostics: diagnostics)
            checkPortsPerRule(object, diagnostics: diagnostics)
            checkPolicyMap(object, namespaceObject: namespaceObjects[policy.namespace], diagnostics: diagnostics)
        }
    }

    /// Returns whether any check below could report the object. The test is
    /// the union of their conditions, so an object it rejects reports nothing.
    private static func mayExceedLimit(_ rendered: RenderedPolicy, namespaceObject: NetworkPolicy?) -> Bool {
        let policy = rendered.policy
        if rendered.byteCount > largeObjectBytes { return true }
        if (policy.ingress?.count ?? 0) + (policy.egress?.count ?? 0) > maxRules { return true }
        for rules in [policy.ingress ?? [], policy.egress ?? []] where rules.contains(where: { ($0.ports?.count ?? 0) > maxPortsPerProtocol }) {
            return true
        }
        var entries = policyMapEntries(policy)
        if let namespaceObject, namespaceObject.name != policy.name {
            entries += policyMapEntries(namespaceObject)
        }
        return entries > policyMapWarningEntries
    }

    // MARK: - Checks

    /// Reports an object whose YAML document without comments is larger than
    /// a limit. That size estimates the JSON that `kubectl apply` stores,
    /// which is not computed exactly.
    private static func checkSize(_ object: CheckedObject, diagnostics: DiagnosticEngine) {
        let bytes = object.byteCount
        let name = object.policy.name
        if bytes > maxObjectBytes {
            diagnostics.emit(.objectTooLarge(name, bytes: bytes, limit: maxObjectBytes), at: object.origin)
        } else if bytes > largeObjectBytes {
            diagnostics.emit(
                .largeObject(name, bytes: bytes, limit: largeObjectBytes, hardLimit: maxObjectBytes),
                at: object.origin
            )
        }
    }

    private static func checkRuleCount(_ object: CheckedObject, diagnostics: DiagnosticEngine) {
        let policy = object.policy
        let rules = (policy.ingress?.count ?? 0) + (policy.egress?.count ?? 0)
        guard rules > maxRules else { return }
        diagnostics.emit(.tooManyRules(policy.name, rules: rules, limit: maxRules), at: object.origin)
    }

    private static func checkPortsPerRule(_ object: CheckedObject, diagnostics: DiagnosticEngine) {
        let policy = object.policy
        let directions: [(NetworkPolicy.PolicyType, [NetworkPolicyRule]?)] = [(.ingress, policy.ingress), (.egress, policy.egress)]
        for (direction, rules) in directions {
            guard let rules else { continue }
            // Indices instead of elements, so that only rules with many ports are copied.
            for index in rules.indices where (rules[index].ports?.count ?? 0) > maxPortsPerProtocol {
                let rule = rules[index]
                for (networkProtocol, count) in portCounts(rule) where count > maxPortsPerProtocol {
                    diagnostics.emit(
                        .tooManyPortsInRule(
                            policy.name, direction: direction.rawValue.lowercased(), rule: index + 1, ports: count,
                            protocolName: networkProtocol.rawValue, limit: maxPortsPerProtocol
                        ),
                        at: object.origin,
                        notes: object.ruleOrigin(direction, index).map { [Note("the rule comes from this dependency", at: $0)] } ?? []
                    )
                }
            }
        }
    }

    /// Returns the number of port entries per protocol, in protocol order.
    /// Lowering never puts one port twice into a rule, so entries are unique.
    private static func portCounts(_ rule: NetworkPolicyRule) -> [(NetworkProtocol, Int)] {
        let ports = rule.ports ?? []
        return NetworkProtocol.allCases.map { networkProtocol in
            (networkProtocol, ports.count { ($0.protocol ?? .tcp) == networkProtocol })
        }
    }

    /// Reports an object whose pods need too many policy-map entries. The
    /// pods of a service object are also selected by the namespace object,
    /// so their entries add up.
    private static func checkPolicyMap(_ object: CheckedObject, namespaceObject: NetworkPolicy?, diagnostics: DiagnosticEngine) {
        let policy = object.policy
        var entries = policyMapEntries(policy)
        if let namespaceObject, namespaceObject.name != policy.name {
            entries += policyMapEntries(namespaceObject)
        }
        guard entries > policyMapWarningEntries else { return }
        diagnostics.emit(
            .largePolicyMap(policy.name, entries: entries, limit: policyMapWarningEntries, mapSize: ciliumPolicyMapSize),
            at: object.origin
        )
    }

    /// Returns an estimate of the policy-map entries that one pod selected by
    /// `policy` needs: per rule, its peers times its ports, where an omitted
    /// list counts as one wildcard entry.
    ///
    /// NOTE: Cilium keys entries by security identity, so a peer that selects
    /// pods with several label sets, an `except` list or a port range can
    /// need more entries than counted here.
    public static func policyMapEntries(_ policy: NetworkPolicy) -> Int {
        entries(policy.ingress ?? []) + entries(policy.egress ?? [])
    }

    private static func entries(_ rules: [NetworkPolicyRule]) -> Int {
        var total = 0
        for index in rules.indices {
            total += max(1, rules[index].peers?.count ?? 1) * max(1, rules[index].ports?.count ?? 1)
        }
        return total
    }
}
