// Messages about statements limited to environments with `only in`, and
// about drift: connections that differ between two environments for a
// reason other than their profiles, parameters and enforcement. Wording
// follows Contracts.swift.

// MARK: - Identities

extension DiagnosticID {
    public static let undeclaredDrift = DiagnosticID(850, "undeclared-drift", .error, "a statement limited with 'only in' changes connections that it does not state")
    public static let serviceNotInEnvironment = DiagnosticID(851, "service-not-in-environment", .error, "a statement uses a service that exists only in other environments")
    public static let duplicateParameterAssignment = DiagnosticID(852, "duplicate-parameter-assignment", .error, "an environment sets one parameter twice")
    public static let unexplainedDrift = DiagnosticID(853, "unexplained-drift", .error, "two environments differ in connections that no setting or statement explains")
    public static let invalidEnvironmentName = DiagnosticID(854, "invalid-environment-name", .error, "an environment name that cannot name an output directory")
    public static let driftLimitReached = DiagnosticID(855, "drift-limit", .error, "two environments differ in more classes of connections than the drift check attributes")

    /// The identities declared in this file, for `DiagnosticID.all`.
    static let driftIDs: [DiagnosticID] = [
        .undeclaredDrift, .serviceNotInEnvironment, .duplicateParameterAssignment, .unexplainedDrift, .invalidEnvironmentName,
        .driftLimitReached,
    ]
}

// MARK: - Messages

extension DiagnosticMessage {
    /// `blocked` counts connections that the statement's environment blocks
    /// and `other` allows, `allowed` the reverse; `example` is one of them.
    /// With `atLeast`, the counts are lower bounds, because the drift check
    /// stopped before attributing every difference.
    public static func undeclaredDrift(
        environment: String, other: String, blocked: Int, allowed: Int, example: String, atLeast: Bool = false
    ) -> Self {
        var effects: [String] = []
        if blocked > 0 { effects.append("blocks \(connections(blocked, atLeast: atLeast)) that \(QuotedText.quote(other)) allows") }
        if allowed > 0 { effects.append("allows \(connections(allowed, atLeast: atLeast)) that \(QuotedText.quote(other)) blocks") }
        return Self(
            .undeclaredDrift,
            "this statement applies in \(QuotedText.quote(environment)) but not in \(QuotedText.quote(other)), and there it also \(effects.joined(separator: " and ")), such as \(example)"
        )
    }

    /// `build` is the environment being built, nil for the build without `--env`.
    public static func serviceNotInEnvironment(_ name: String, namespace: String, environments: [String], build: String?) -> Self {
        let list = environments.map { QuotedText.quote($0) }.joined(separator: ", ")
        let noun = environments.count == 1 ? "environment" : "environments"
        let buildText = build.map { "the build for \(QuotedText.quote($0))" } ?? "the build without '--env'"
        return Self(
            .serviceNotInEnvironment,
            "service \(QuotedText.quote(name)) in namespace \(QuotedText.quote(namespace)) exists only in \(noun) \(list), so \(buildText) cannot use it; add \(QuotedText.quote("only in " + environments.joined(separator: ", "))) to this statement"
        )
    }

    public static func duplicateParameterAssignment(_ name: String, environment: String) -> Self {
        Self(.duplicateParameterAssignment, "parameter \(QuotedText.quote(name)) is already set in environment \(QuotedText.quote(environment))")
    }

    public static func unexplainedDrift(_ first: String, _ second: String, count: Int, example: String, atLeast: Bool = false) -> Self {
        Self(
            .unexplainedDrift,
            "environments \(QuotedText.quote(first)) and \(QuotedText.quote(second)) differ in \(connections(count, atLeast: atLeast)) that no profile setting, parameter, enforcement or 'only in' statement explains, such as \(example)"
        )
    }

    public static func invalidEnvironmentName(_ name: String, reason: String) -> Self {
        Self(.invalidEnvironmentName, "invalid environment name \(QuotedText.quote(name)): \(reason)")
    }

    /// Returns the message for environments that differ beyond what their
    /// settings explain in more than `limit` classes of connections, of which
    /// the first were attributed.
    public static func driftLimitReached(_ first: String, _ second: String, limit: Int) -> Self {
        let classes = limit == 1 ? "1 class" : "\(limit) classes"
        let attributed = limit == 1 ? "the first class" : "the first \(limit) classes"
        return Self(
            .driftLimitReached,
            "environments \(QuotedText.quote(first)) and \(QuotedText.quote(second)) differ in more than \(classes) of connections that their settings do not explain, the drift check's limit, so it attributed only \(attributed) and did not check the others for drift"
        )
    }

    private static func connections(_ count: Int, atLeast: Bool = false) -> String {
        (atLeast ? "at least " : "") + (count == 1 ? "1 connection" : "\(count) connections")
    }
}
