// The list of every diagnostic identity, which `-W no-<name>`, SARIF rules
// and `ramp --explain` look names and codes up in.
//
// Swift cannot enumerate static properties, so a new identity must be added
// here too. RampDiagnosticsTests reads the Catalogue sources and fails when
// one is missing.

extension DiagnosticID {
    /// Every identity in the catalogue, ordered by code.
    public static let all: [DiagnosticID] = (contractIDs + optionIDs + manifestIDs + warningIDs + assertionIDs + adoptionIDs + driftIDs + limitIDs)
        .sorted { $0.number < $1.number }

    /// Returns the identity with a kebab-case `name`, as `-W no-<name>` spells it.
    public static func named(_ name: String) -> DiagnosticID? {
        all.first { $0.name == name }
    }

    /// Returns the identity with `code`, such as `RAMP0201`, in any letter case.
    public static func withCode(_ code: String) -> DiagnosticID? {
        let upper = code.uppercased()
        return all.first { $0.code == upper }
    }

    /// The identities declared in Contracts.swift.
    static let contractIDs: [DiagnosticID] = [
        // Input and output.
        .fileUnreadable, .noContracts, .outputUnwritable, .invalidUTF8, .noNamespaces, .emptyManifest,
        // Syntax.
        .unexpectedToken, .unterminatedString, .invalidCharacter, .nestingTooDeep, .invalidEscape, .directionalControl,
        .unsupportedDenyRule, .unsupportedPriority, .unsupportedFQDN, .unsupportedLayer7,
        .unsupportedServiceName, .unsupportedNodeSelector,
        // Names and declarations.
        .unknownService, .unknownNamespace, .unknownNetwork, .duplicateService, .duplicateNetwork,
        .duplicatePosture, .duplicateDNS, .conflictingNamespaceLabels, .duplicatePortName, .reservedObjectName,
        // Ports.
        .unknownPortName, .undeclaredPortNumber, .invalidPort, .invalidPortRange, .invalidProtocol,
        .invalidPortName, .namedPortOnNetwork, .endPortUnsupported,
        // Values checked against Kubernetes' rules.
        .invalidCIDR, .exceptOutsideCIDR, .exceptFamilyMismatch, .invalidLabelKey, .invalidLabelValue,
        .invalidNamespaceName, .invalidServiceName, .emptySelector, .noPodsInDependency, .contradictorySelector,
        // Warnings.
        .undeclaredNamespaceResemblesDeclared,
        // Profiles, parameters and environments.
        .unknownProfile, .unknownParameter, .unknownEnvironment, .duplicateDeclaration, .parameterNotSet,
        .noAPIServer, .invalidProfileSetting, .duplicateEnforcement,
        .ipBlockOverlapsPodNetwork, .sctpNotEnforced, .portRangeNotEnforced,
    ]

    /// The identities declared in Manifests.swift.
    static let manifestIDs: [DiagnosticID] = [
        // YAML syntax.
        .yamlUnexpected, .yamlUnterminatedScalar, .yamlUnterminatedFlow, .yamlTabIndentation, .yamlDuplicateKey,
        .yamlInvalidEscape, .yamlNestingTooDeep, .yamlUnknownAlias, .yamlAliasExpansion, .yamlUnsupported,
        .yamlInvalidBlockHeader, .yamlIndentation, .yamlTagMismatch, .yamlUnknownTag, .yamlCollectionOnKeyLine,
        .yamlReservedIndicator,
        // Kubernetes objects.
        .manifestNotObject, .manifestWrongType, .manifestUnknownField, .manifestMissingField,
        .manifestUnsupportedAPIVersion, .manifestInvalidProtocol, .manifestInvalidPolicyType, .manifestInvalidOperator,
        .manifestValuesNotAllowed, .manifestValuesRequired, .manifestInvalidEndPort, .manifestInvalidPeer,
        .manifestNullList, .manifestInvalidObjectName, .manifestExceptEqualsCIDR, .manifestYAML11Boolean, .manifestCIDRHostBits,
    ]
}

extension DiagnosticID {
    /// The identities declared in Lint.swift.
    static let adoptionIDs: [DiagnosticID] = [
        .lintSplitPeer, .lintPortsWithoutPeers, .lintEmptyRule, .lintIgnoredRules, .lintImplicitIngressIsolation,
        .lintEgressWithoutDNS, .lintSingleFamilyInternet, .lintMutableNamespaceLabel, .lintSelectorMatchesNoWorkload,
        .lintWorkloadNotSelected, .lintRedundantPolicy, .lintNamedPortAmbiguous, .lintNamedPortUndefined, .lintServicePort, .lintRedundancyNotChecked,
        .importNotExact, .importApproximated, .importDiffers,
        .driftLiveAllows, .driftLiveBlocks,
    ]

    /// The identities declared in Limits.swift.
    static let limitIDs: [DiagnosticID] = [
        .outputSymbolicLink, .outputLocked, .objectTooLarge, .largeObject, .tooManyPortsInRule, .largePolicyMap, .tooManyRules,
    ]
}
