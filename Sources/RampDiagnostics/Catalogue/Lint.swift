// Messages of the adoption commands, which read NetworkPolicy that exists
// already: `ramp lint` (901-929), `ramp import` (940-949) and `ramp drift`
// (960-969). They follow the conventions of Contracts.swift.

// MARK: - Identities

extension DiagnosticID {
    // ramp lint.
    public static let lintSplitPeer = DiagnosticID(901, "lint-split-peer", .warning, "a namespace-only peer beside a pod-only peer, which Kubernetes reads as OR")
    public static let lintPortsWithoutPeers = DiagnosticID(902, "lint-ports-without-peers", .warning, "a rule with ports but no peers, which admits every peer")
    public static let lintEmptyRule = DiagnosticID(903, "lint-empty-rule", .warning, "a rule with neither peers nor ports, which admits everything")
    public static let lintIgnoredRules = DiagnosticID(904, "lint-ignored-rules", .warning, "rules of a direction that policyTypes does not list, which have no effect")
    public static let lintImplicitIngressIsolation = DiagnosticID(905, "lint-implicit-ingress-isolation", .warning, "an egress policy without policyTypes, which also isolates ingress")
    public static let lintEgressWithoutDNS = DiagnosticID(906, "lint-egress-without-dns", .warning, "egress isolation without a rule that admits DNS")
    public static let lintSingleFamilyInternet = DiagnosticID(907, "lint-single-family-internet", .warning, "an ipBlock for every address of one IP family without the other")
    public static let lintMutableNamespaceLabel = DiagnosticID(908, "lint-mutable-namespace-label", .warning, "a namespace selected by a label that anyone may set")
    public static let lintSelectorMatchesNoWorkload = DiagnosticID(909, "lint-selector-matches-no-workload", .warning, "a pod selector that matches none of the given workloads")
    public static let lintWorkloadNotSelected = DiagnosticID(910, "lint-workload-not-selected", .warning, "a workload that no policy selects in a namespace with policies")
    public static let lintRedundantPolicy = DiagnosticID(911, "lint-redundant-policy", .warning, "a policy whose removal does not change any allowed connection")
    public static let lintNamedPortAmbiguous = DiagnosticID(912, "lint-named-port-ambiguous", .warning, "a named port that resolves to different numbers on different pods")
    public static let lintNamedPortUndefined = DiagnosticID(913, "lint-named-port-undefined", .warning, "a named port that no destination workload defines")
    public static let lintServicePort = DiagnosticID(914, "lint-service-port", .warning, "a rule port that is a Service port, not a container port")
    public static let lintRedundancyNotChecked = DiagnosticID(915, "lint-redundancy-not-checked", .note, "a namespace whose policies the redundancy check cannot examine")

    // ramp import.
    public static let importNotExact = DiagnosticID(940, "import-not-exact", .error, "a policy field that no contract can state exactly")
    public static let importApproximated = DiagnosticID(941, "import-approximated", .warning, "a policy field that the imported contract states approximately")
    public static let importDiffers = DiagnosticID(942, "import-differs", .error, "the imported contract allows other connections than the policies")

    // ramp drift.
    public static let driftLiveAllows = DiagnosticID(960, "drift-live-allows", .error, "the cluster allows a connection that the contracts do not")
    public static let driftLiveBlocks = DiagnosticID(961, "drift-live-blocks", .error, "the cluster blocks a connection that the contracts allow")
}

// MARK: - Lint messages

extension DiagnosticMessage {
    public static func lintSplitPeer(namespaces: String, pods: String) -> Self {
        Self(
            .lintSplitPeer,
            "this peer admits pods \(pods) of the policy's own namespace, and the peer beside it every pod of namespaces \(namespaces); put both selectors in one peer if only those pods of those namespaces were meant"
        )
    }

    public static func lintPortsWithoutPeers(direction: String, ports: String) -> Self {
        let side = direction == "ingress" ? "from every source" : "to every destination"
        return Self(.lintPortsWithoutPeers, "\(direction) rule admits \(ports) \(side), in the cluster and outside it; add '\(direction == "ingress" ? "from" : "to")' to restrict the peers")
    }

    public static func lintEmptyRule(direction: String) -> Self {
        Self(.lintEmptyRule, "empty \(direction) rule admits every connection on every port; remove it, or add peers and ports")
    }

    public static func lintIgnoredRules(direction: String, type: String) -> Self {
        Self(.lintIgnoredRules, "\(direction) rules have no effect because policyTypes does not list \(type); add \(type) to policyTypes or remove the rules")
    }

    public static let lintImplicitIngressIsolation = Self(
        .lintImplicitIngressIsolation,
        "policyTypes is omitted, so Kubernetes sets it to Ingress and Egress and this policy also blocks all ingress to its pods; write 'policyTypes: [Egress]' if only egress was meant"
    )

    public static let lintEgressWithoutDNS = Self(
        .lintEgressWithoutDNS,
        "this policy isolates egress, and no egress rule for its pods admits UDP port 53, so the pods cannot resolve names; admit the cluster DNS pods on UDP and TCP port 53"
    )

    public static func lintSingleFamilyInternet(_ cidr: String, missing: String) -> Self {
        Self(.lintSingleFamilyInternet, "\(QuotedText.quote(cidr)) admits every address of one IP family only; add an ipBlock with cidr \(QuotedText.quote(missing)) if every address was meant")
    }

    public static func lintMutableNamespaceLabel(_ key: String, value: String) -> Self {
        Self(
            .lintMutableNamespaceLabel,
            "label \(QuotedText.quote(key)) on a namespace can be set by anyone who may edit namespaces; select namespace \(QuotedText.quote(value)) by 'kubernetes.io/metadata.name', which the API server sets"
        )
    }

    public static func lintSelectorMatchesNoWorkload(_ selector: String, namespace: String) -> Self {
        Self(.lintSelectorMatchesNoWorkload, "selector \(selector) matches no workload of namespace \(QuotedText.quote(namespace)) in the given manifests")
    }

    public static func lintWorkloadNotSelected(_ workload: String, namespace: String) -> Self {
        Self(
            .lintWorkloadNotSelected,
            "\(workload) is selected by no NetworkPolicy of namespace \(QuotedText.quote(namespace)), so its pods admit every connection while other pods there are isolated"
        )
    }

    public static func lintRedundantPolicy(_ policy: String, coveredBy: String?) -> Self {
        guard let coveredBy else {
            return Self(.lintRedundantPolicy, "policy \(QuotedText.quote(policy)) is redundant: the other policies of its namespace allow the same connections without it")
        }
        return Self(.lintRedundantPolicy, "policy \(QuotedText.quote(policy)) is redundant: policy \(QuotedText.quote(coveredBy)) allows the same connections without it")
    }

    public static func lintNamedPortAmbiguous(_ name: String, resolutions: String) -> Self {
        Self(.lintNamedPortAmbiguous, "port name \(QuotedText.quote(name)) resolves to different numbers on the destination pods: \(resolutions)")
    }

    public static func lintNamedPortUndefined(_ name: String, workloads: String) -> Self {
        Self(.lintNamedPortUndefined, "port name \(QuotedText.quote(name)) is not a container port of \(workloads), so this port admits nothing there")
    }

    public static func lintServicePort(_ port: Int, service: String, containerPort: String) -> Self {
        Self(
            .lintServicePort,
            "port \(port) is a port of Service \(QuotedText.quote(service)), which NetworkPolicy never sees; admit the container port \(containerPort) instead"
        )
    }
}

// MARK: - Import and drift messages

extension DiagnosticMessage {
    public static func importNotExact(_ reason: String) -> Self {
        Self(.importNotExact, "cannot import exactly: \(reason)")
    }

    public static func importApproximated(_ reason: String) -> Self {
        Self(.importApproximated, "imported approximately: \(reason)")
    }

    public static func importDiffers(_ connection: String, onlyByPolicies: Bool) -> Self {
        let text = onlyByPolicies
            ? "the imported contract would block \(connection), which these policies allow"
            : "the imported contract would allow \(connection), which these policies block"
        return Self(.importDiffers, text)
    }

    public static func driftLiveAllows(_ connection: String) -> Self {
        Self(.driftLiveAllows, "the cluster allows \(connection), which the contracts do not allow")
    }

    public static func driftLiveBlocks(_ connection: String) -> Self {
        Self(.driftLiveBlocks, "the cluster blocks \(connection), which the contracts allow")
    }
}

extension DiagnosticMessage {
    public static func lintRedundancyNotChecked(_ namespace: String, policies: Int, limit: Int) -> Self {
        Self(
            .lintRedundancyNotChecked,
            "the \(policies) policies of namespace \(QuotedText.quote(namespace)) were not checked for redundancy, which takes one proof per policy and runs for at most \(limit) policies per namespace"
        )
    }

    public static func lintRedundancyTooComplex(_ namespace: String, policies: Int, labelClasses: Int) -> Self {
        Self(
            .lintRedundancyNotChecked,
            "the \(policies) policies of namespace \(QuotedText.quote(namespace)) were not checked for redundancy, because their pod selectors on different label keys combine into more than \(labelClasses) classes of pod labels"
        )
    }
}
