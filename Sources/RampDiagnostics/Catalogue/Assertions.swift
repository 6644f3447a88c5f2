// Messages about invariants (`never`, `only`) and expectations (`expect`)
// checked against policies, about the policies `ramp test --policies`
// reads, about the generated directory that `ramp check` compares, and
// about the revision that `ramp diff --base` reads. Codes 800-849. Wording
// follows Contracts.swift.

// MARK: - Identities

extension DiagnosticID {
    // Invariants and expectations.
    public static let neverViolated = DiagnosticID(800, "never-violated", .error, "the policies allow a connection that a 'never' invariant forbids")
    public static let onlyViolated = DiagnosticID(801, "only-violated", .error, "the policies allow a connection from a client that an 'only' invariant leaves out")
    public static let expectedAllowed = DiagnosticID(802, "expected-allowed", .error, "the policies block a connection that 'expect allowed' requires")
    public static let expectedBlocked = DiagnosticID(803, "expected-blocked", .error, "the policies allow a connection that 'expect blocked' forbids")
    public static let policiesNotEvaluable = DiagnosticID(804, "policies-not-evaluable", .error, "a NetworkPolicy that the API server would reject, so it cannot be evaluated")
    public static let noPodsInAssertion = DiagnosticID(805, "no-pods-in-assertion", .error, "an expectation or invariant between two addresses outside the cluster")
    public static let policiesTooComplex = DiagnosticID(806, "policies-too-complex", .error, "pod selectors on many different keys combine into too many label classes to evaluate")

    // Policies read with --policies.
    public static let noPoliciesFound = DiagnosticID(810, "no-policies-found", .error, "'--policies' or 'ramp import' names files without any NetworkPolicy object")
    public static let objectSkipped = DiagnosticID(811, "object-skipped", .warning, "a manifest object that is not a NetworkPolicy")
    public static let duplicatePolicy = DiagnosticID(812, "duplicate-policy", .error, "two NetworkPolicy objects with the same namespace and name")
    public static let manifestDirectionalControl = DiagnosticID(
        813, "manifest-directional-control", .warning, "a manifest character that reorders how the text around it is displayed"
    )

    // The generated directory compared by `ramp check`.
    public static let generatedFileStale = DiagnosticID(820, "generated-file-stale", .error, "a generated file differs from a fresh build")
    public static let generatedFileMissing = DiagnosticID(821, "generated-file-missing", .error, "a file that a fresh build writes is missing")
    public static let generatedFileExtra = DiagnosticID(822, "generated-file-extra", .error, "a file from an earlier build that a fresh build deletes")

    // Contracts read from a Git revision.
    public static let revisionUnreadable = DiagnosticID(830, "revision-unreadable", .error, "the contracts at a Git revision cannot be read")

    /// The identities declared in this file, for `DiagnosticID.all`.
    static let assertionIDs: [DiagnosticID] = [
        .neverViolated, .onlyViolated, .expectedAllowed, .expectedBlocked, .policiesNotEvaluable, .noPodsInAssertion, .policiesTooComplex,
        .noPoliciesFound, .objectSkipped, .duplicatePolicy, .manifestDirectionalControl,
        .generatedFileStale, .generatedFileMissing, .generatedFileExtra,
        .revisionUnreadable,
    ]
}

// MARK: - Messages

extension DiagnosticMessage {
    /// `policies` names the checked policies, such as "the generated policies".
    public static func neverViolated(policies: String, source: String, destination: String, ports: String) -> Self {
        Self(.neverViolated, "'never' is violated: \(policies) allow \(source) to reach \(destination) on \(ports)")
    }

    public static func onlyViolated(policies: String, source: String, destination: String, ports: String) -> Self {
        Self(.onlyViolated, "'only' is violated: \(policies) also allow \(source) to reach \(destination) on \(ports)")
    }

    public static func expectedAllowed(policies: String, source: String, destination: String, ports: String) -> Self {
        Self(.expectedAllowed, "expected allowed, but \(policies) block \(source) from reaching \(destination) on \(ports)")
    }

    public static func expectedBlocked(policies: String, source: String, destination: String, ports: String) -> Self {
        Self(.expectedBlocked, "expected blocked, but \(policies) allow \(source) to reach \(destination) on \(ports)")
    }

    public static func policiesNotEvaluable(_ policy: String, field: String, reason: String) -> Self {
        Self(.policiesNotEvaluable, "cannot evaluate NetworkPolicy \(QuotedText.quote(policy)): \(field): \(reason)")
    }

    public static func policiesTooComplex(limit: Int) -> Self {
        Self(.policiesTooComplex, "cannot evaluate the policies: their pod selectors on different label keys combine into more than \(limit) classes of pod labels; select the services of a namespace by values of one shared key, such as [app=web]")
    }

    /// `statement` is `expect` or `never`.
    public static func noPodsInAssertion(_ statement: String) -> Self {
        Self(.noPodsInAssertion, "\(QuotedText.quote(statement)) connects two addresses outside the cluster, which no NetworkPolicy governs; one side must be pods")
    }

    public static func noPoliciesFound(_ paths: [String]) -> Self {
        let list = paths.map { "'\($0)'" }.joined(separator: ", ")
        return Self(.noPoliciesFound, "no NetworkPolicy objects found in \(list); pass the files or the 'kubectl get networkpolicy -A -o yaml' output")
    }

    public static func objectSkipped(kind: String, name: String?) -> Self {
        let object = name.map { "\(kind) \(QuotedText.quote($0))" } ?? kind
        return Self(.objectSkipped, "skipped \(object) because only NetworkPolicy objects are read")
    }

    /// Makes the message for an object whose kind is close to
    /// `NetworkPolicy`, such as `NetworkPolcy`, or `NetworkPolicy` followed
    /// by an invisible character.
    public static func misspeltPolicyKind(_ kind: String, name: String?) -> Self {
        let object = name.map { "object \(QuotedText.quote($0))" } ?? "an object"
        return Self(.objectSkipped, "skipped \(object) of kind \(QuotedText.quote(kind)) because only NetworkPolicy objects are read; did you mean 'NetworkPolicy'?")
    }

    /// `name` is the character's Unicode name, such as RIGHT-TO-LEFT OVERRIDE.
    public static func manifestDirectionalControl(codePoint: UInt32, name: String) -> Self {
        Self(.manifestDirectionalControl, directionalControlText(codePoint: codePoint, name: name))
    }

    public static func duplicatePolicy(_ policy: String) -> Self {
        Self(.duplicatePolicy, "NetworkPolicy \(QuotedText.quote(policy)) is defined twice; the API server keeps one object per namespace and name")
    }

    public static func generatedFileStale(_ path: String, command: String) -> Self {
        Self(.generatedFileStale, "'\(path)' differs from a fresh build; run '\(command)'")
    }

    public static func generatedFileMissing(_ path: String, command: String) -> Self {
        Self(.generatedFileMissing, "'\(path)' is missing; run '\(command)'")
    }

    /// `environment` names the environment of a subdirectory that no contract declares any more.
    public static func generatedFileExtra(_ path: String, command: String, environment: String? = nil) -> Self {
        let owner = environment.map { "environment \(QuotedText.quote($0))" } ?? "a namespace"
        return Self(.generatedFileExtra, "'\(path)' was generated for \(owner) that no contract declares any more; run '\(command)' to delete it")
    }

    public static func revisionUnreadable(_ revision: String, reason: String) -> Self {
        Self(.revisionUnreadable, "cannot read the contracts at revision '\(revision)': \(reason)")
    }
}
