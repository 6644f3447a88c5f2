import RampDiagnostics
import RampKube

/// A policy that the API server would reject, so Kubernetes gives it no
/// meaning that the evaluator could reproduce, or policies whose selectors
/// combine into more classes of pod labels than the evaluator can afford.
public struct PolicyValidationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The policy as `namespace/name`, empty for too many label classes.
    public let policy: String
    /// The field path, such as `spec.ingress[0].ports[1].endPort`.
    public let field: String
    public let reason: String
    /// The number of label classes past which the evaluation stopped, or
    /// nil for an invalid policy.
    public var labelClassLimit: Int? = nil

    public var description: String {
        if let labelClassLimit {
            return "the selectors combine into more than \(labelClassLimit) classes of labels"
        }
        return "invalid NetworkPolicy \(policy): \(field): \(reason)"
    }

    /// Returns the error of an evaluation that would need more than `limit`
    /// classes of labels in one namespace class. Selectors on many different
    /// keys, any subset of which a pod may carry, have that many combinations.
    static func tooManyLabelClasses(limit: Int) -> PolicyValidationError {
        PolicyValidationError(policy: "", field: "", reason: "", labelClassLimit: limit)
    }
}

/// Checks the constraints of the `networking.k8s.io/v1` validation that the
/// evaluator depends on: peer field combinations, port ranges and names,
/// `except` blocks inside their `cidr`, and label selector syntax.
struct PolicyValidator {
    private let policy: NetworkPolicy
    private var policyName: String { policy.namespace + "/" + policy.name }

    static func validate(_ policies: [NetworkPolicy]) throws(PolicyValidationError) {
        for policy in policies {
            try PolicyValidator(policy: policy).validate()
        }
    }

    private init(policy: NetworkPolicy) {
        self.policy = policy
    }

    private func fail(_ field: String, _ reason: String) -> PolicyValidationError {
        PolicyValidationError(policy: policyName, field: field, reason: reason)
    }

    // Each check takes its field path as a closure, called only to report
    // a failure: building the paths of every valid peer and selector took
    // a third of the validation of a large environment's policies.

    private func validate() throws(PolicyValidationError) {
        if let reason = KubernetesNames.dns1123LabelError(policy.namespace) {
            throw fail("metadata.namespace", reason)
        }
        try validateSelector(policy.podSelector, at: { "spec.podSelector" })
        for (index, rule) in (policy.ingress ?? []).enumerated() {
            try validateRule(rule, at: { "spec.ingress[\(index)]" }, peersKey: "from")
        }
        for (index, rule) in (policy.egress ?? []).enumerated() {
            try validateRule(rule, at: { "spec.egress[\(index)]" }, peersKey: "to")
        }
    }

    // MARK: - Rules

    private func validateRule(_ rule: NetworkPolicyRule, at path: () -> String, peersKey: String) throws(PolicyValidationError) {
        for (index, peer) in (rule.peers ?? []).enumerated() {
            try validatePeer(peer, at: { "\(path()).\(peersKey)[\(index)]" })
        }
        for (index, port) in (rule.ports ?? []).enumerated() {
            try validatePort(port, at: { "\(path()).ports[\(index)]" })
        }
    }

    private func validatePeer(_ peer: NetworkPolicyPeer, at path: () -> String) throws(PolicyValidationError) {
        let hasSelector = peer.podSelector != nil || peer.namespaceSelector != nil
        if let block = peer.ipBlock {
            if hasSelector {
                throw fail(path(), "ipBlock may not be combined with podSelector or namespaceSelector")
            }
            try validateIPBlock(block, at: { path() + ".ipBlock" })
            return
        }
        guard hasSelector else {
            throw fail(path(), "must specify podSelector, namespaceSelector or ipBlock")
        }
        if let selector = peer.podSelector {
            try validateSelector(selector, at: { path() + ".podSelector" })
        }
        if let selector = peer.namespaceSelector {
            try validateSelector(selector, at: { path() + ".namespaceSelector" })
        }
    }

    private func validateIPBlock(_ block: IPBlock, at path: () -> String) throws(PolicyValidationError) {
        for (index, except) in block.except.enumerated() {
            // The API server requires each except entry to be a strict subset of cidr.
            guard block.cidr.contains(except), except.prefixLength > block.cidr.prefixLength else {
                throw fail("\(path()).except[\(index)]", "\(except) must be a strict subset of cidr \(block.cidr)")
            }
        }
    }

    private func validatePort(_ port: NetworkPolicyPort, at path: () -> String) throws(PolicyValidationError) {
        switch port.port {
        case nil:
            if port.endPort != nil { throw fail(path() + ".endPort", "may not be set without a numeric port") }
        case .name(let name):
            if let reason = KubernetesNames.portNameError(name) { throw fail(path() + ".port", reason) }
            if port.endPort != nil { throw fail(path() + ".endPort", "may not be set with a named port") }
        case .number(let number):
            guard (1...65535).contains(number) else {
                throw fail(path() + ".port", "must be from 1 to 65535, found \(number)")
            }
            if let endPort = port.endPort {
                guard endPort >= number, endPort <= 65535 else {
                    throw fail(path() + ".endPort", "must be from port \(number) to 65535, found \(endPort)")
                }
            }
        }
    }

    // MARK: - Label selectors

    private func validateSelector(_ selector: LabelSelector, at path: () -> String) throws(PolicyValidationError) {
        for (key, value) in selector.matchLabels {
            try validateKey(key, at: { path() + ".matchLabels" })
            if let reason = KubernetesNames.labelValueError(value) {
                throw fail("\(path()).matchLabels[\(key)]", reason)
            }
        }
        for (index, requirement) in selector.matchExpressions.enumerated() {
            try validateRequirement(requirement, at: { "\(path()).matchExpressions[\(index)]" })
        }
    }

    private func validateRequirement(_ requirement: LabelSelectorRequirement, at path: () -> String) throws(PolicyValidationError) {
        try validateKey(requirement.key, at: { path() + ".key" })
        switch requirement.operator {
        case .in, .notIn:
            if requirement.values.isEmpty {
                throw fail(path() + ".values", "must be non-empty for operator \(requirement.operator.rawValue)")
            }
        case .exists, .doesNotExist:
            if !requirement.values.isEmpty {
                throw fail(path() + ".values", "must be empty for operator \(requirement.operator.rawValue)")
            }
        }
        for value in requirement.values {
            if let reason = KubernetesNames.labelValueError(value) { throw fail(path() + ".values", QuotedText.quote(value) + " " + reason) }
        }
    }

    private func validateKey(_ key: String, at path: () -> String) throws(PolicyValidationError) {
        if let reason = KubernetesNames.labelKeyError(key) {
            throw fail(path(), "label key \(QuotedText.quote(key)) " + reason)
        }
    }
}
