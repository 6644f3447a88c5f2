// Warnings of the semantic checks, about contracts that compile but most
// likely mean something else than was intended. Each message states what
// goes wrong and what to do. The wording follows Contracts.swift.

// MARK: - Identities

extension DiagnosticID {
    public static let unusedService = DiagnosticID(
        602, "unused-service", .warning, "a service appears in no dependency"
    )
    public static let rolloutLabel = DiagnosticID(
        603, "rollout-label", .warning, "a service selector pins a label that changes with every rollout"
    )
    public static let overlappingSelectors = DiagnosticID(
        604, "overlapping-selectors", .warning, "two services of one namespace can select the same pod"
    )
    public static let duplicateDependency = DiagnosticID(
        605, "duplicate-dependency", .warning, "a dependency is declared twice"
    )
    public static let coveredDependency = DiagnosticID(
        606, "covered-dependency", .warning, "a dependency allows nothing that a broader one does not"
    )
    public static let dnsOffBlocksLookups = DiagnosticID(
        607, "dns-off-blocks-lookups", .warning, "DNS is off in a namespace whose pods call services by name"
    )

    /// The identities declared in this file, for `DiagnosticID.all`.
    static let warningIDs: [DiagnosticID] = [
        .unusedService, .rolloutLabel, .overlappingSelectors, .duplicateDependency, .coveredDependency, .dnsOffBlocksLookups,
    ]
}

// MARK: - Messages

extension DiagnosticMessage {
    public static func unusedService(_ name: String, namespace: String) -> Self {
        Self(
            .unusedService,
            "service \(QuotedText.quote(name)) in namespace \(QuotedText.quote(namespace)) appears in no dependency, so no rule names its pods; add a dependency or remove the service"
        )
    }

    public static func rolloutLabel(_ key: String, service: String) -> Self {
        Self(
            .rolloutLabel,
            "label \(QuotedText.quote(key)) changes with every rollout, so the pods of the next rollout of service \(QuotedText.quote(service)) escape this selector; select by a label that stays, such as 'app'"
        )
    }

    public static func overlappingSelectors(_ first: String, _ second: String, namespace: String) -> Self {
        Self(
            .overlappingSelectors,
            "services \(QuotedText.quote(first)) and \(QuotedText.quote(second)) in namespace \(QuotedText.quote(namespace)) can select the same pod, which then gets the connections of both; make the selectors exclusive"
        )
    }

    public static func duplicateDependency(_ dependency: String) -> Self {
        Self(.duplicateDependency, "dependency \(QuotedText.quote(dependency)) is already declared; remove the repetition")
    }

    public static func coveredDependency(_ dependency: String, broader: String) -> Self {
        Self(
            .coveredDependency,
            "dependency \(QuotedText.quote(dependency)) is already allowed by \(QuotedText.quote(broader)); remove it, or narrow the broader dependency"
        )
    }

    public static func dnsOffBlocksLookups(namespace: String, client: String, server: String) -> Self {
        Self(
            .dnsOffBlocksLookups,
            "DNS is off in namespace \(QuotedText.quote(namespace)), so \(QuotedText.quote(client)) cannot look up the name of service \(QuotedText.quote(server)) that it calls; remove 'dns off'"
        )
    }
}
