// Messages about profiles, parameters, environments and assertions.

extension DiagnosticID {
    public static let unknownProfile = DiagnosticID(211, "unknown-profile", .error, "an environment names a profile that no contract declares")
    public static let unknownParameter = DiagnosticID(212, "unknown-parameter", .error, "a name refers to a parameter that no contract declares")
    public static let unknownEnvironment = DiagnosticID(213, "unknown-environment", .error, "--env or 'only in' names an environment that no contract declares")
    public static let duplicateDeclaration = DiagnosticID(214, "duplicate-declaration", .error, "a profile, parameter or environment is declared twice")
    public static let parameterNotSet = DiagnosticID(215, "parameter-not-set", .error, "a parameter has no value in the environment being built")
    public static let noAPIServer = DiagnosticID(216, "no-apiserver", .error, "'apiserver' is used but the profile declares no API server")
    public static let invalidProfileSetting = DiagnosticID(217, "invalid-profile-setting", .error, "a profile setting has an invalid value")
    public static let duplicateEnforcement = DiagnosticID(218, "duplicate-enforcement", .error, "an environment states one namespace's enforcement twice")
    public static let ipBlockOverlapsPodNetwork = DiagnosticID(690, "ipblock-overlaps-pod-network", .warning, "an ipBlock overlaps the pod network of the profile")
    public static let sctpNotEnforced = DiagnosticID(691, "sctp-not-enforced", .warning, "an SCTP rule in an environment whose network plugin ignores SCTP")
    public static let portRangeNotEnforced = DiagnosticID(692, "port-range-not-enforced", .warning, "a port range in an environment whose network plugin ignores endPort")
}

extension DiagnosticMessage {
    public static func unknownProfile(_ name: String) -> Self {
        Self(.unknownProfile, "unknown profile \(QuotedText.quote(name)); declare it with \(QuotedText.quote("profile " + name + " { ... }"))")
    }

    public static func unknownParameter(_ name: String) -> Self {
        Self(.unknownParameter, "unknown parameter \(QuotedText.quote(name)); declare it with \(QuotedText.quote("parameter " + name))")
    }

    public static func unknownEnvironment(_ name: String, declared: [String]) -> Self {
        let list = declared.isEmpty
            ? "the contracts declare no environment, so add \(QuotedText.quote("environment " + name + " { ... }"))"
            : "declared environments: " + declared.joined(separator: ", ")
        return Self(.unknownEnvironment, "unknown environment \(QuotedText.quote(name)); \(list)")
    }

    public static func duplicateDeclaration(_ kind: String, _ name: String) -> Self {
        Self(.duplicateDeclaration, "\(kind) \(QuotedText.quote(name)) is already declared")
    }

    public static func parameterNotSet(_ name: String, environment: String) -> Self {
        guard !environment.isEmpty else {
            return Self(.parameterNotSet, "parameter \(QuotedText.quote(name)) has no default value; build with '--env' or give it one with \(QuotedText.quote("parameter \(name) = CIDR"))")
        }
        return Self(.parameterNotSet, "parameter \(QuotedText.quote(name)) has no value in environment \(QuotedText.quote(environment)); add \(QuotedText.quote("set \(name) = CIDR")) to it")
    }

    /// `environment` is nil in the build without `--env`, and `profile` is
    /// nil for an environment that names no profile.
    public static func noAPIServer(environment: String?, profile: String?) -> Self {
        guard let environment else {
            return Self(.noAPIServer, "the build without '--env' knows no API server; build with '--env', or limit this statement with 'only in'")
        }
        guard let profile else {
            return Self(.noAPIServer, "environment \(QuotedText.quote(environment)) names no profile, so it knows no API server; give it a profile with 'apiserver CIDR port 6443'")
        }
        return Self(.noAPIServer, "profile \(QuotedText.quote(profile)) declares no API server; add 'apiserver CIDR port 6443' to it")
    }

    public static func invalidProfileSetting(_ value: String, expected: String) -> Self {
        Self(.invalidProfileSetting, "invalid value \(QuotedText.quote(value)); expected \(expected)")
    }

    public static func duplicateEnforcement(_ namespace: String) -> Self {
        Self(.duplicateEnforcement, "enforcement of \(QuotedText.quote(namespace)) is already stated in this environment")
    }

    public static func ipBlockOverlapsPodNetwork(_ block: String, podNetwork: String) -> Self {
        Self(
            .ipBlockOverlapsPodNetwork,
            "\(QuotedText.quote(block)) overlaps the pod network \(podNetwork); whether an ipBlock matches pod traffic depends on the network plugin, so name the pods with a service or namespace"
        )
    }

    public static func sctpNotEnforced(profile: String) -> Self {
        Self(.sctpNotEnforced, "profile \(QuotedText.quote(profile)) says the network plugin does not enforce SCTP, so this SCTP rule restricts nothing there")
    }

    public static func portRangeNotEnforced(_ range: String, profile: String) -> Self {
        Self(.portRangeNotEnforced, "profile \(QuotedText.quote(profile)) says the network plugin ignores 'endPort', so port range \(range) admits only its first port there")
    }
}
