// Messages about reading Kubernetes manifests: YAML syntax (501-529) and
// the decoding of NetworkPolicy objects (550-599). They follow the
// conventions of Contracts.swift: one lowercase phrase, no final period,
// naming the offending value and what to do.

// MARK: - Identities

extension DiagnosticID {
    // YAML syntax.
    public static let yamlUnexpected = DiagnosticID(501, "yaml-unexpected", .error, "the YAML reader expected another construct")
    public static let yamlUnterminatedScalar = DiagnosticID(502, "yaml-unterminated-scalar", .error, "a quoted YAML scalar has no closing quote")
    public static let yamlUnterminatedFlow = DiagnosticID(503, "yaml-unterminated-flow", .error, "a YAML flow collection has no closing bracket")
    public static let yamlTabIndentation = DiagnosticID(504, "yaml-tab-indentation", .error, "YAML indentation contains a tab")
    public static let yamlDuplicateKey = DiagnosticID(505, "yaml-duplicate-key", .error, "a YAML mapping contains one key twice")
    public static let yamlInvalidEscape = DiagnosticID(506, "yaml-invalid-escape", .error, "a double-quoted YAML scalar contains an invalid escape")
    public static let yamlNestingTooDeep = DiagnosticID(507, "yaml-nesting-too-deep", .error, "a YAML document nests deeper than the reader allows")
    public static let yamlUnknownAlias = DiagnosticID(508, "yaml-unknown-alias", .error, "a YAML alias names no anchor")
    public static let yamlAliasExpansion = DiagnosticID(509, "yaml-alias-expansion", .error, "YAML aliases expand to too many nodes")
    public static let yamlUnsupported = DiagnosticID(510, "yaml-unsupported", .error, "a YAML feature that ramp does not read")
    public static let yamlInvalidBlockHeader = DiagnosticID(511, "yaml-invalid-block-header", .error, "a block scalar header is invalid")
    public static let yamlIndentation = DiagnosticID(512, "yaml-indentation", .error, "a YAML line is indented inconsistently")
    public static let yamlTagMismatch = DiagnosticID(513, "yaml-tag-mismatch", .error, "a YAML value does not match its tag")
    public static let yamlUnknownTag = DiagnosticID(514, "yaml-unknown-tag", .warning, "a YAML tag that ramp ignores")
    public static let yamlCollectionOnKeyLine = DiagnosticID(515, "yaml-collection-on-key-line", .error, "a block collection starts on the line of its key")
    public static let yamlReservedIndicator = DiagnosticID(516, "yaml-reserved-indicator", .error, "a plain YAML scalar starts with a reserved character")

    // Kubernetes objects.
    public static let manifestNotObject = DiagnosticID(550, "manifest-not-object", .error, "a YAML document is not a Kubernetes object")
    public static let manifestWrongType = DiagnosticID(551, "manifest-wrong-type", .error, "a manifest field has the wrong YAML type")
    public static let manifestUnknownField = DiagnosticID(552, "manifest-unknown-field", .error, "a manifest contains a field that the API does not define")
    public static let manifestMissingField = DiagnosticID(553, "manifest-missing-field", .error, "a manifest lacks a required field")
    public static let manifestUnsupportedAPIVersion = DiagnosticID(554, "manifest-unsupported-api-version", .error, "a NetworkPolicy of an API version that ramp does not read")
    public static let manifestInvalidProtocol = DiagnosticID(555, "manifest-invalid-protocol", .error, "a NetworkPolicy port protocol other than TCP, UDP or SCTP")
    public static let manifestInvalidPolicyType = DiagnosticID(556, "manifest-invalid-policy-type", .error, "a policy type other than Ingress or Egress, or more than two")
    public static let manifestInvalidOperator = DiagnosticID(557, "manifest-invalid-operator", .error, "a label selector operator that Kubernetes does not define")
    public static let manifestValuesNotAllowed = DiagnosticID(558, "manifest-values-not-allowed", .error, "an Exists or DoesNotExist requirement with values")
    public static let manifestValuesRequired = DiagnosticID(559, "manifest-values-required", .error, "an In or NotIn requirement without values")
    public static let manifestInvalidEndPort = DiagnosticID(560, "manifest-invalid-end-port", .error, "an endPort that Kubernetes rejects")
    public static let manifestInvalidPeer = DiagnosticID(561, "manifest-invalid-peer", .error, "a NetworkPolicy peer that Kubernetes rejects")
    public static let manifestNullList = DiagnosticID(562, "manifest-null-list", .warning, "a rule list written as null, which Kubernetes reads as omitted")
    public static let manifestInvalidObjectName = DiagnosticID(563, "manifest-invalid-object-name", .error, "an object name that Kubernetes rejects")
    public static let manifestExceptEqualsCIDR = DiagnosticID(564, "manifest-except-equals-cidr", .error, "an except block equal to its CIDR")
    public static let manifestYAML11Boolean = DiagnosticID(565, "manifest-yaml11-boolean", .warning, "a plain string that YAML 1.1 reads as a boolean")
    public static let manifestCIDRHostBits = DiagnosticID(566, "manifest-cidr-host-bits", .warning, "an ipBlock CIDR with bits set after its prefix")
}

// MARK: - YAML messages

extension DiagnosticMessage {
    public static func yamlExpected(_ expected: String, found: String) -> Self {
        Self(.yamlUnexpected, "expected \(expected), found \(found)")
    }

    public static func yamlUnterminatedScalar(quote: Character) -> Self {
        let style = quote == "'" ? "single-quoted" : "double-quoted"
        return Self(.yamlUnterminatedScalar, "unterminated \(style) scalar; add the closing \(quote)")
    }

    public static func yamlUnterminatedFlow(closing: Character) -> Self {
        let kind = closing == "]" ? "sequence" : "mapping"
        return Self(.yamlUnterminatedFlow, "unterminated flow \(kind); add the closing '\(closing)'")
    }

    public static let yamlTabIndentation = Self(.yamlTabIndentation, "tab character in indentation; indent YAML with spaces")

    public static func yamlDuplicateKey(_ key: String) -> Self {
        Self(.yamlDuplicateKey, "duplicate mapping key \(QuotedText.quote(key)); remove or rename one of the entries")
    }

    public static func yamlInvalidEscape(_ escape: String) -> Self {
        Self(.yamlInvalidEscape, "invalid escape sequence \(QuotedText.quote(escape)) in double-quoted scalar; write '\\\\' for a backslash")
    }

    public static func yamlNestingTooDeep(limit: Int) -> Self {
        Self(.yamlNestingTooDeep, "YAML nests deeper than \(limit) collections; the rest of the document is skipped")
    }

    public static func yamlUnknownAlias(_ name: String) -> Self {
        Self(.yamlUnknownAlias, "alias '*\(name)' refers to no anchor; define '&\(name)' on a node before it")
    }

    public static func yamlAliasExpansion(limit: Int) -> Self {
        Self(.yamlAliasExpansion, "aliases expand this document to more than \(limit) nodes; write the repeated values out or remove the aliases")
    }

    public static func yamlUnsupported(_ feature: String, advice: String) -> Self {
        Self(.yamlUnsupported, "\(feature) is not supported; \(advice)")
    }

    public static func yamlInvalidBlockHeader(_ found: String) -> Self {
        Self(
            .yamlInvalidBlockHeader,
            "invalid block scalar header \(found); after '|' or '>' write at most one of '+' or '-' and one indentation digit 1-9"
        )
    }

    public static func yamlIndentation(_ found: String, column: Int, expectedColumn: Int) -> Self {
        Self(
            .yamlIndentation,
            "\(found) is indented to column \(column), but its block expects column \(expectedColumn); align it with the entries above"
        )
    }

    /// `subject` names the node, such as `value 'abc'` or `a sequence`.
    public static func yamlTagMismatch(_ subject: String, tag: String) -> Self {
        Self(.yamlTagMismatch, "\(subject) cannot be read as \(tag); remove the tag or change the value")
    }

    public static func yamlUnknownTag(_ tag: String) -> Self {
        Self(.yamlUnknownTag, "unknown tag \(QuotedText.quote(tag)) is ignored; the value is read as if it had no tag")
    }

    public static func yamlCollectionOnKeyLine(_ kind: String) -> Self {
        Self(.yamlCollectionOnKeyLine, "a block \(kind) cannot start on the line of its key; move it to the next line and indent it")
    }

    public static func yamlReservedIndicator(_ character: Character) -> Self {
        Self(.yamlReservedIndicator, "'\(character)' is reserved in YAML and cannot start a plain scalar; quote the value")
    }
}

// MARK: - Manifest messages

extension DiagnosticMessage {
    public static func manifestNotObject(found: String) -> Self {
        Self(.manifestNotObject, "expected a Kubernetes object (a mapping with apiVersion and kind), found \(found)")
    }

    public static func manifestWrongType(_ field: String, expected: String, found: String, advice: String? = nil) -> Self {
        Self(.manifestWrongType, "\(QuotedText.quote(field)) must be \(expected), found \(found)" + (advice.map { "; " + $0 } ?? ""))
    }

    public static func manifestUnknownField(_ field: String, in owner: String, suggestion: String?) -> Self {
        let advice = suggestion.map { "did you mean \(QuotedText.quote($0))?" } ?? "remove it or correct its spelling"
        return Self(.manifestUnknownField, "unknown field \(QuotedText.quote(field)) in \(owner); \(advice)")
    }

    public static func manifestMissingField(_ field: String, in owner: String) -> Self {
        Self(.manifestMissingField, "missing required field \(QuotedText.quote(field)) in \(owner)")
    }

    public static func manifestUnsupportedAPIVersion(_ version: String) -> Self {
        Self(.manifestUnsupportedAPIVersion, "NetworkPolicy apiVersion \(QuotedText.quote(version)) is not supported; use 'networking.k8s.io/v1'")
    }

    public static func manifestInvalidProtocol(_ text: String) -> Self {
        Self(.manifestInvalidProtocol, "invalid protocol \(QuotedText.quote(text)); use TCP, UDP or SCTP, in capitals")
    }

    public static func manifestInvalidPolicyType(_ text: String) -> Self {
        Self(.manifestInvalidPolicyType, "invalid policy type \(QuotedText.quote(text)); use Ingress or Egress")
    }

    public static func manifestTooManyPolicyTypes(_ count: Int) -> Self {
        Self(.manifestInvalidPolicyType, "policyTypes lists \(count) entries, but Kubernetes accepts at most two; list Ingress, Egress or both, each once")
    }

    public static func manifestInvalidOperator(_ text: String) -> Self {
        Self(.manifestInvalidOperator, "invalid operator \(QuotedText.quote(text)); use In, NotIn, Exists or DoesNotExist")
    }

    public static func manifestValuesNotAllowed(operator name: String) -> Self {
        Self(.manifestValuesNotAllowed, "operator \(name) takes no values; remove 'values' or leave it empty")
    }

    public static func manifestValuesRequired(operator name: String) -> Self {
        Self(.manifestValuesRequired, "operator \(name) requires at least one value; add them under 'values'")
    }

    public static func manifestEndPortBelowPort(endPort: Int, port: Int) -> Self {
        Self(.manifestInvalidEndPort, "endPort \(endPort) is less than port \(port); endPort must not be less than port")
    }

    public static let manifestEndPortWithoutNumber = Self(
        .manifestInvalidEndPort,
        "endPort requires 'port' to be a port number; set 'port' to the first number of the range"
    )

    public static let manifestEmptyPeer = Self(
        .manifestInvalidPeer,
        "peer sets none of podSelector, namespaceSelector and ipBlock; write 'podSelector: {}' to admit every pod of the namespace"
    )

    public static let manifestIPBlockWithSelector = Self(
        .manifestInvalidPeer,
        "ipBlock cannot be combined with podSelector or namespaceSelector in one peer; split them into two peers"
    )

    public static func manifestNullList(_ field: String, meaning: String) -> Self {
        Self(.manifestNullList, "\(QuotedText.quote(field)) is null and Kubernetes reads null as omitted, so it \(meaning); list its entries, or remove the key if that is intended")
    }

    public static func manifestInvalidObjectName(_ name: String, reason: String) -> Self {
        Self(.manifestInvalidObjectName, "invalid object name \(QuotedText.quote(name)): \(reason)")
    }

    public static func manifestYAML11Boolean(_ text: String, value: Bool) -> Self {
        Self(
            .manifestYAML11Boolean,
            "plain value \(QuotedText.quote(text)) is the boolean \(value) in YAML 1.1, which Kubernetes' YAML library follows; put it in quotes to keep it a string"
        )
    }

    public static func manifestCIDRHostBits(_ text: String, network: String) -> Self {
        Self(
            .manifestCIDRHostBits,
            "CIDR \(QuotedText.quote(text)) has bits set after its prefix; Kubernetes accepts it and matches the network \(network), so write \(network)"
        )
    }

    public static func manifestExceptEqualsCIDR(_ except: String) -> Self {
        Self(.manifestExceptEqualsCIDR, "except block \(QuotedText.quote(except)) equals its CIDR; an except block must be strictly smaller than the CIDR")
    }
}
