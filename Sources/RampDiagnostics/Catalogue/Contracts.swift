// Every message ramp prints, in one place so that their wording can be read
// side by side. Messages follow the Swift compiler's conventions: one
// lowercase phrase, no final period, naming the rule that was broken and the
// offending value.

// MARK: - Identities

extension DiagnosticID {
    // Input and output.
    public static let fileUnreadable = DiagnosticID(1, "file-unreadable", .error, "an input file cannot be read")
    public static let noContracts = DiagnosticID(2, "no-contracts", .error, "an input directory holds no contract files")
    public static let outputUnwritable = DiagnosticID(3, "output-unwritable", .error, "the output directory or a file in it cannot be read or written")
    public static let invalidUTF8 = DiagnosticID(4, "invalid-utf8", .error, "an input file is not valid UTF-8")
    public static let noNamespaces = DiagnosticID(5, "no-namespaces", .error, "the contracts declare no namespace")
    public static let emptyManifest = DiagnosticID(6, "empty-manifest", .warning, "a manifest file contains no Kubernetes object")

    // Syntax.
    public static let unexpectedToken = DiagnosticID(101, "unexpected-token", .error, "the parser expected another token")
    public static let unterminatedString = DiagnosticID(102, "unterminated-string", .error, "a string literal has no closing quote")
    public static let invalidCharacter = DiagnosticID(103, "invalid-character", .error, "a character that the language does not use")
    public static let nestingTooDeep = DiagnosticID(104, "nesting-too-deep", .error, "the input nests deeper than the parser allows")
    public static let invalidEscape = DiagnosticID(105, "invalid-escape", .error, "a backslash in a string before a character that it cannot escape")
    public static let directionalControl = DiagnosticID(
        106, "directional-control", .error, "a character that reorders how the text around it is displayed"
    )
    public static let unsupportedDenyRule = DiagnosticID(110, "unsupported-deny-rule", .error, "NetworkPolicy has no deny rules")
    public static let unsupportedPriority = DiagnosticID(111, "unsupported-priority", .error, "NetworkPolicy has no priorities")
    public static let unsupportedFQDN = DiagnosticID(112, "unsupported-fqdn", .error, "NetworkPolicy cannot select domain names")
    public static let unsupportedLayer7 = DiagnosticID(113, "unsupported-layer7", .error, "NetworkPolicy cannot match HTTP or other layer 7 attributes")
    public static let unsupportedServiceName = DiagnosticID(114, "unsupported-service-name", .error, "NetworkPolicy cannot select a Kubernetes Service by name")
    public static let unsupportedNodeSelector = DiagnosticID(115, "unsupported-node-selector", .error, "NetworkPolicy cannot select nodes")

    // Names and declarations.
    public static let unknownService = DiagnosticID(201, "unknown-service", .error, "a dependency names a service that no contract declares")
    public static let unknownNamespace = DiagnosticID(202, "unknown-namespace", .error, "a reference names a namespace that no contract declares")
    public static let unknownNetwork = DiagnosticID(203, "unknown-network", .error, "a dependency names a network that no contract declares")
    public static let duplicateService = DiagnosticID(204, "duplicate-service", .error, "a service is declared twice")
    public static let duplicateNetwork = DiagnosticID(205, "duplicate-network", .error, "a network is declared twice")
    public static let duplicatePosture = DiagnosticID(206, "duplicate-posture", .error, "a namespace states its posture twice")
    public static let duplicateDNS = DiagnosticID(207, "duplicate-dns", .error, "a namespace states its DNS setting twice")
    public static let conflictingNamespaceLabels = DiagnosticID(208, "conflicting-namespace-labels", .error, "a namespace is declared with different labels")
    public static let duplicatePortName = DiagnosticID(209, "duplicate-port-name", .error, "a service declares one port name twice")
    public static let reservedObjectName = DiagnosticID(210, "reserved-object-name", .error, "a service name is reserved for the namespace policy")

    // Ports.
    public static let unknownPortName = DiagnosticID(301, "unknown-port-name", .error, "a dependency names a port that the service does not declare")
    public static let undeclaredPortNumber = DiagnosticID(302, "undeclared-port-number", .error, "a dependency uses a port number that the service does not declare")
    public static let invalidPort = DiagnosticID(303, "invalid-port", .error, "a port number is outside 1-65535")
    public static let invalidPortRange = DiagnosticID(304, "invalid-port-range", .error, "a port range ends before it starts")
    public static let invalidProtocol = DiagnosticID(305, "invalid-protocol", .error, "a protocol other than tcp, udp or sctp")
    public static let invalidPortName = DiagnosticID(306, "invalid-port-name", .error, "a port name that Kubernetes rejects")
    public static let namedPortOnNetwork = DiagnosticID(307, "named-port-on-network", .error, "a named port on an address outside the cluster")

    // Values checked against Kubernetes' rules.
    public static let invalidCIDR = DiagnosticID(401, "invalid-cidr", .error, "a CIDR that does not parse")
    public static let exceptOutsideCIDR = DiagnosticID(402, "except-outside-cidr", .error, "an except block that is not inside its CIDR")
    public static let exceptFamilyMismatch = DiagnosticID(403, "except-family-mismatch", .error, "an except block of another IP family than its CIDR")
    public static let invalidLabelKey = DiagnosticID(404, "invalid-label-key", .error, "a label key that Kubernetes rejects")
    public static let invalidLabelValue = DiagnosticID(405, "invalid-label-value", .error, "a label value that Kubernetes rejects")
    public static let invalidNamespaceName = DiagnosticID(406, "invalid-namespace-name", .error, "a namespace name that Kubernetes rejects")
    public static let invalidServiceName = DiagnosticID(407, "invalid-service-name", .error, "a service name that cannot name a NetworkPolicy")
    public static let emptySelector = DiagnosticID(408, "empty-selector", .error, "a service selector with no requirement")
    public static let noPodsInDependency = DiagnosticID(409, "no-pods-in-dependency", .error, "a dependency between two addresses outside the cluster")
    public static let contradictorySelector = DiagnosticID(410, "contradictory-selector", .error, "a service selector whose requirements no pod can meet together")
}

// MARK: - Messages

extension DiagnosticMessage {
    public static func fileUnreadable(_ path: String, reason: String) -> Self {
        Self(.fileUnreadable, "cannot read '\(path)': \(reason)")
    }

    public static func noContracts(_ path: String) -> Self {
        Self(.noContracts, "no '.ramp' files found in directory '\(path)'")
    }

    public static func outputUnwritable(_ path: String, reason: String) -> Self {
        Self(.outputUnwritable, "cannot write '\(path)': \(reason)")
    }

    /// Reports a failure to read the output directory or a file in it, which
    /// a build reads to compare and to check ownership before it writes.
    public static func outputUnreadable(_ path: String, reason: String) -> Self {
        Self(.outputUnwritable, "cannot read '\(path)': \(reason)")
    }

    public static func invalidUTF8(offset: Int) -> Self {
        Self(.invalidUTF8, "invalid UTF-8 byte sequence at byte offset \(offset); save the file as UTF-8")
    }

    public static func noNamespaces(fileCount: Int) -> Self {
        Self(
            .noNamespaces,
            "the \(fileCount) contract file\(fileCount == 1 ? " declares" : "s declare") no namespace, so there is nothing to generate; "
                + "add a 'namespace NAME { ... }' block, because a build would otherwise delete every file it generated earlier"
        )
    }

    /// Reports a workloads file whose objects hold no workload, Service or
    /// Namespace, such as a misspelt kind or a file that is not a manifest.
    public static func noWorkloads(_ path: String) -> Self {
        Self(
            .emptyManifest,
            "'\(path)' contains no workload, Service or Namespace that ramp reads, so the checks that use workloads have nothing to check; "
                + "check that the path names the intended file and that each object has a 'kind' and a 'metadata.name'"
        )
    }

    /// `expected` names what the file should contain, such as "NetworkPolicy"
    /// for a policy file.
    public static func emptyManifest(_ path: String, expected: String = "NetworkPolicy") -> Self {
        Self(
            .emptyManifest,
            "'\(path)' contains no \(expected) because it is empty or contains only comments and '---'; check that the path names the intended file"
        )
    }

    public static func expected(_ expected: String, found: String) -> Self {
        Self(.unexpectedToken, "expected \(expected), found \(found)")
    }

    public static let unterminatedString = Self(.unterminatedString, "unterminated string literal; add the closing '\"' on the same line")

    public static let loneCarriageReturn = Self(.invalidCharacter, "line ends with a lone carriage return (CR); use LF or CRLF")

    public static func invalidEscape(_ escape: String) -> Self {
        Self(.invalidEscape, "invalid escape \(QuotedText.quote(escape)) in a string; only '\\\"' and '\\\\' are escapes, so write '\\\\' for a backslash")
    }

    public static func invalidCharacter(_ character: String) -> Self {
        Self(.invalidCharacter, "unexpected character \(character) in contract")
    }

    /// `name` is the character's Unicode name, such as RIGHT-TO-LEFT OVERRIDE.
    public static func directionalControl(codePoint: UInt32, name: String) -> Self {
        Self(.directionalControl, directionalControlText(codePoint: codePoint, name: name))
    }

    /// Returns the text of a directional control's error in a contract and
    /// its warning in a manifest.
    static func directionalControlText(codePoint: UInt32, name: String) -> String {
        let hex = String(codePoint, radix: 16, uppercase: true)
        return "the character U+\(hex) (\(name)) reorders how the text after it is displayed, so a reader may see other text than ramp reads; remove it"
    }

    public static func nestingTooDeep(limit: Int) -> Self {
        Self(.nestingTooDeep, "nesting deeper than \(limit) levels; flatten the parentheses or brackets")
    }

    public static let unsupportedDenyRule = Self(
        .unsupportedDenyRule,
        "NetworkPolicy cannot express deny rules; remove the dependency that allows the connection instead"
    )

    public static let unsupportedPriority = Self(
        .unsupportedPriority,
        "NetworkPolicy has no priorities because its allow rules are additive; remove 'priority'"
    )

    public static func unsupportedFQDN(_ name: String) -> Self {
        Self(.unsupportedFQDN, "NetworkPolicy cannot select the domain name \(QuotedText.quote(name)); declare its addresses with a 'network' CIDR")
    }

    public static func unsupportedLayer7(_ keyword: String) -> Self {
        Self(.unsupportedLayer7, "NetworkPolicy cannot match \(QuotedText.quote(keyword)) because it filters only addresses, ports and protocols")
    }

    public static func unsupportedServiceName(_ name: String) -> Self {
        Self(
            .unsupportedServiceName,
            "NetworkPolicy cannot select the Service \(QuotedText.quote(name)) by name; declare its pods as a ramp service with their label selector"
        )
    }

    public static let unsupportedNodeSelector = Self(
        .unsupportedNodeSelector,
        "NetworkPolicy cannot select nodes; declare the node addresses with a 'network' CIDR"
    )

    public static func unknownService(_ name: String, namespace: String) -> Self {
        Self(.unknownService, "unknown service \(QuotedText.quote(name)) in namespace \(QuotedText.quote(namespace))")
    }

    public static func unknownNamespace(_ name: String) -> Self {
        Self(.unknownNamespace, "unknown namespace \(QuotedText.quote(name))")
    }

    public static func unknownNetwork(_ name: String) -> Self {
        Self(.unknownNetwork, "unknown network \(QuotedText.quote(name))")
    }

    public static func duplicateService(_ name: String, namespace: String) -> Self {
        Self(.duplicateService, "service \(QuotedText.quote(name)) is already declared in namespace \(QuotedText.quote(namespace))")
    }

    public static func duplicateNetwork(_ name: String) -> Self {
        Self(.duplicateNetwork, "network \(QuotedText.quote(name)) is already declared")
    }

    public static func duplicatePosture(namespace: String) -> Self {
        Self(.duplicatePosture, "namespace \(QuotedText.quote(namespace)) already states its posture; list every direction in one 'deny' statement")
    }

    public static func duplicateDNS(namespace: String) -> Self {
        Self(.duplicateDNS, "namespace \(QuotedText.quote(namespace)) already states its DNS setting")
    }

    public static func conflictingNamespaceLabels(_ namespace: String) -> Self {
        Self(.conflictingNamespaceLabels, "namespace \(QuotedText.quote(namespace)) is declared with different labels elsewhere")
    }

    public static func duplicatePortName(_ port: String, service: String) -> Self {
        Self(.duplicatePortName, "port name \(QuotedText.quote(port)) is already used by service \(QuotedText.quote(service))")
    }

    public static func reservedObjectName(_ name: String) -> Self {
        Self(.reservedObjectName, "service name \(QuotedText.quote(name)) is reserved for the namespace-wide policy; rename the service")
    }

    public static func unknownPortName(_ port: String, service: String) -> Self {
        Self(.unknownPortName, "service \(QuotedText.quote(service)) declares no port named \(QuotedText.quote(port))")
    }

    public static func undeclaredPortNumber(_ port: String, service: String) -> Self {
        Self(.undeclaredPortNumber, "service \(QuotedText.quote(service)) declares no container port \(port)")
    }

    public static func invalidPort(_ text: String) -> Self {
        Self(.invalidPort, "invalid port \(QuotedText.quote(text)); a port is a number from 1 to 65535")
    }

    public static func invalidPortRange(_ text: String) -> Self {
        Self(.invalidPortRange, "invalid port range \(QuotedText.quote(text)); the first port must not be greater than the last")
    }

    public static func invalidProtocol(_ text: String) -> Self {
        Self(.invalidProtocol, "invalid protocol \(QuotedText.quote(text)); use tcp, udp or sctp")
    }

    public static func invalidPortName(_ text: String, reason: String) -> Self {
        Self(.invalidPortName, "invalid port name \(QuotedText.quote(text)): \(reason)")
    }

    public static func namedPortOnNetwork(_ port: String) -> Self {
        Self(.namedPortOnNetwork, "named port \(QuotedText.quote(port)) cannot apply to addresses outside the cluster; use a port number")
    }

    public static func invalidCIDR(_ text: String, reason: String) -> Self {
        Self(.invalidCIDR, "invalid CIDR \(QuotedText.quote(text)): \(reason)")
    }

    public static func exceptOutsideCIDR(_ except: String, cidr: String) -> Self {
        Self(.exceptOutsideCIDR, "except block \(QuotedText.quote(except)) is not inside \(QuotedText.quote(cidr))")
    }

    public static func exceptFamilyMismatch(_ except: String, cidr: String) -> Self {
        Self(.exceptFamilyMismatch, "except block \(QuotedText.quote(except)) is not of the same IP family as \(QuotedText.quote(cidr))")
    }

    public static func invalidLabelKey(_ key: String, reason: String) -> Self {
        Self(.invalidLabelKey, "invalid label key \(QuotedText.quote(key)): \(reason)")
    }

    public static func invalidLabelValue(_ value: String, reason: String) -> Self {
        Self(.invalidLabelValue, "invalid label value \(QuotedText.quote(value)): \(reason)")
    }

    public static func invalidNamespaceName(_ name: String, reason: String) -> Self {
        Self(.invalidNamespaceName, "invalid namespace name \(QuotedText.quote(name)): \(reason)")
    }

    public static func invalidServiceName(_ name: String, reason: String) -> Self {
        Self(.invalidServiceName, "invalid service name \(QuotedText.quote(name)): \(reason)")
    }

    public static func contradictorySelector(service: String, key: String) -> Self {
        Self(
            .contradictorySelector,
            "service \(QuotedText.quote(service)) has a selector that no pod matches, because no value of label \(QuotedText.quote(key)) meets all its requirements; keep the requirements on \(QuotedText.quote(key)) that the pods meet"
        )
    }

    public static func emptySelector(service: String) -> Self {
        Self(.emptySelector, "service \(QuotedText.quote(service)) has an empty selector, which would select every pod of its namespace; add a label requirement")
    }

    public static let noPodsInDependency = Self(
        .noPodsInDependency,
        "dependency connects two addresses outside the cluster, which no NetworkPolicy can govern; one side must be pods"
    )
}

// MARK: - Warnings

extension DiagnosticID {
    public static let undeclaredNamespaceResemblesDeclared = DiagnosticID(
        601, "namespace-typo", .warning, "a namespace peer names an undeclared namespace close to a declared one"
    )
}

extension DiagnosticMessage {
    public static func undeclaredNamespaceResemblesDeclared(_ name: String, declared: String) -> Self {
        Self(.undeclaredNamespaceResemblesDeclared, "namespace \(QuotedText.quote(name)) is not declared in any contract; did you mean \(QuotedText.quote(declared))?")
    }
}

// MARK: - Target cluster

extension DiagnosticID {
    public static let endPortUnsupported = DiagnosticID(
        308, "endport-unsupported", .error, "a port range needs endPort, which the target Kubernetes version lacks"
    )
}

extension DiagnosticMessage {
    public static func endPortUnsupported(_ range: String, version: String) -> Self {
        Self(.endPortUnsupported, "port range \(range) needs 'endPort', which Kubernetes \(version) does not support; target 1.25 or later with '--kube-version'")
    }
}
