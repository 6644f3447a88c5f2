// Messages about the output directory and about generated objects that
// exceed what Kubernetes or common network plugins accept. The wording
// follows Contracts.swift: one lowercase phrase, no final period, naming the
// offending value, the limit and the fix.

// MARK: - Identities

extension DiagnosticID {
    // Output directory.
    public static let outputSymbolicLink = DiagnosticID(
        701, "output-symbolic-link", .error, "an output path is a symbolic link, which ramp does not follow"
    )
    public static let outputLocked = DiagnosticID(
        702, "output-locked", .error, "another ramp build holds the lock of the output directory"
    )

    // Size and shape of generated objects.
    public static let objectTooLarge = DiagnosticID(
        711, "object-too-large", .error, "a generated object is too large for client-side 'kubectl apply'"
    )
    public static let largeObject = DiagnosticID(
        712, "large-object", .warning, "a generated object approaches the size limit of client-side 'kubectl apply'"
    )
    public static let tooManyPortsInRule = DiagnosticID(
        713, "too-many-ports-in-rule", .warning, "a rule lists more ports of one protocol than some network plugins accept"
    )
    public static let largePolicyMap = DiagnosticID(
        714, "large-policy-map", .warning, "the estimated policy-map entries of a pod approach Cilium's default map size"
    )
    public static let tooManyRules = DiagnosticID(
        715, "too-many-rules", .warning, "a generated object has more rules than a reviewer can check"
    )
}

// MARK: - Output directory

extension DiagnosticMessage {
    public static func outputDirectorySymbolicLink(_ path: String, target: String) -> Self {
        Self(
            .outputSymbolicLink,
            "output path '\(path)' is a symbolic link to '\(target)'; ramp does not write through symbolic links, so replace the link with a directory, or pass the real directory with '-o'"
        )
    }

    public static func outputFileSymbolicLink(_ path: String, target: String) -> Self {
        Self(
            .outputSymbolicLink,
            "output file '\(path)' is a symbolic link to '\(target)'; ramp does not write through symbolic links, so remove the link and build again"
        )
    }

    /// Reports a lock file that cannot be created or locked. The message
    /// names the directory, because a build deletes its lock file when it
    /// ends, and the fix, such as write permission, concerns the directory.
    public static func outputLockFailed(_ directory: String, reason: String) -> Self {
        Self(.outputUnwritable, "cannot lock output directory '\(directory)': \(reason)")
    }

    public static func outputLocked(_ directory: String, lockFile: String) -> Self {
        Self(
            .outputLocked,
            "output directory '\(directory)' is locked by another ramp build (lock file '\(lockFile)'); wait for that build to finish and run ramp again"
        )
    }
}

// MARK: - Generated objects

extension DiagnosticMessage {
    public static func objectTooLarge(_ object: String, bytes: Int, limit: Int) -> Self {
        Self(
            .objectTooLarge,
            "NetworkPolicy \(QuotedText.quote(object)) is \(bytes) bytes of YAML without comments, more than the \(limit) bytes that 'kubectl apply' can store in its last-applied-configuration annotation; split the service or its dependencies"
        )
    }

    public static func largeObject(_ object: String, bytes: Int, limit: Int, hardLimit: Int) -> Self {
        Self(
            .largeObject,
            "NetworkPolicy \(QuotedText.quote(object)) is \(bytes) bytes of YAML without comments, more than \(limit); client-side 'kubectl apply' fails above \(hardLimit) bytes"
        )
    }

    public static func tooManyPortsInRule(
        _ object: String, direction: String, rule: Int, ports: Int, protocolName: String, limit: Int
    ) -> Self {
        Self(
            .tooManyPortsInRule,
            "\(direction) rule \(rule) of NetworkPolicy \(QuotedText.quote(object)) lists \(ports) \(protocolName) ports, more than the \(limit) that Amazon VPC CNI accepts in one rule; declare a port range instead"
        )
    }

    public static func largePolicyMap(_ object: String, entries: Int, limit: Int, mapSize: Int) -> Self {
        Self(
            .largePolicyMap,
            "pods of NetworkPolicy \(QuotedText.quote(object)) need an estimated \(entries) policy-map entries (peers times ports), more than \(limit), half of Cilium's default map of \(mapSize); use namespace endpoints or port ranges"
        )
    }

    public static func tooManyRules(_ object: String, rules: Int, limit: Int) -> Self {
        Self(
            .tooManyRules,
            "NetworkPolicy \(QuotedText.quote(object)) has \(rules) rules, more than \(limit); split the service, or use a 'namespace' endpoint where every pod of a namespace may connect"
        )
    }
}
