import RampDiagnostics
import RampSource
import RampYAML

/// Decodes one NetworkPolicy object, collecting its errors and ranges.
final class NetworkPolicyObjectDecoder {
    let reader: ManifestFieldReader
    let defaultNamespace: String

    init(diagnostics: DiagnosticEngine, defaultNamespace: String) {
        self.reader = ManifestFieldReader(diagnostics: diagnostics)
        self.defaultNamespace = defaultNamespace
    }

    private static let objectFields = ["apiVersion", "kind", "metadata", "spec", "status"]
    private static let specFields = ["podSelector", "policyTypes", "ingress", "egress"]

    /// Returns the policy, or nil when any error was reported.
    func decode(_ object: YAMLValue, comments: [String]) -> DecodedNetworkPolicy? {
        guard let entries = reader.mapping(object, path: "", known: NetworkPolicyObjectDecoder.objectFields) else { return nil }

        let metadata = decodeMetadata(entries["metadata"], object: object)
        guard let specEntry = reader.require("spec", in: entries, path: "", at: object.range) else { return nil }
        guard let spec = decodeSpec(specEntry.value) else { return nil }
        guard reader.errorCount == 0, let name = metadata.name else { return nil }

        let policy = NetworkPolicy(
            name: name,
            namespace: metadata.namespace ?? defaultNamespace,
            podSelector: spec.podSelector,
            policyTypes: spec.policyTypes,
            ingress: spec.ingress?.map(\.rule),
            egress: spec.egress?.map(\.rule),
            comments: comments
        )
        let ranges = NetworkPolicyRanges(
            object: object.range,
            name: metadata.nameRange,
            namespace: metadata.namespaceRange,
            podSelector: spec.podSelectorRange,
            policyTypes: spec.policyTypesRange,
            ingress: spec.ingress?.map(\.ranges),
            egress: spec.egress?.map(\.ranges),
            fields: reader.fields
        )
        return DecodedNetworkPolicy(policy: policy, ranges: ranges)
    }

    // MARK: - Metadata

    private struct Metadata {
        var name: String?
        var nameRange: SourceRange?
        var namespace: String?
        var namespaceRange: SourceRange?
    }

    /// Reads the name and namespace. Other metadata, such as labels,
    /// annotations and managedFields, does not affect the policy.
    private func decodeMetadata(_ entry: YAMLMappingEntry?, object: YAMLValue) -> Metadata {
        var metadata = Metadata()
        guard let entry else {
            reader.error(.manifestMissingField("metadata", in: "the object"), at: object.range)
            return metadata
        }
        guard let fields = reader.mapping(entry.value, path: "metadata", known: nil) else { return metadata }

        if let nameEntry = reader.require("name", in: fields, path: "metadata", at: entry.key.range),
           let name = reader.string(nameEntry.value, path: "metadata.name") {
            if let reason = KubernetesNames.dns1123SubdomainError(name) {
                reader.error(.manifestInvalidObjectName(name, reason: reason), at: nameEntry.value.range)
            }
            metadata.name = name
            metadata.nameRange = nameEntry.value.range
        }
        if let namespaceEntry = fields["namespace"], let namespace = reader.string(namespaceEntry.value, path: "metadata.namespace") {
            if let reason = KubernetesNames.dns1123LabelError(namespace) {
                reader.error(.invalidNamespaceName(namespace, reason: reason), at: namespaceEntry.value.range)
            }
            metadata.namespace = namespace
            metadata.namespaceRange = namespaceEntry.value.range
        }
        return metadata
    }

    // MARK: - Spec

    private struct Spec {
        var podSelector = LabelSelector()
        var podSelectorRange: SourceRange?
        var policyTypes: [NetworkPolicy.PolicyType] = []
        var policyTypesRange: SourceRange?
        var ingress: [DecodedRule]?
        var egress: [DecodedRule]?
    }

    private func decodeSpec(_ value: YAMLValue) -> Spec? {
        guard let fields = reader.mapping(value, path: "spec", known: NetworkPolicyObjectDecoder.specFields) else { return nil }
        var spec = Spec()

        if let entry = reader.require("podSelector", in: fields, path: "spec", at: value.range) {
            spec.podSelector = decodeLabelSelector(entry.value, path: "spec.podSelector") ?? LabelSelector()
            spec.podSelectorRange = entry.value.range
        }
        if let entry = fields["ingress"] {
            spec.ingress = decodeRules(entry.value, path: "spec.ingress", peersKey: "from")
        }
        if let entry = fields["egress"] {
            spec.egress = decodeRules(entry.value, path: "spec.egress", peersKey: "to")
        }
        decodePolicyTypes(fields["policyTypes"], into: &spec)
        return spec
    }

    /// Reads `policyTypes`, or applies the API server's default when it is
    /// omitted or empty: Ingress always, Egress when `egress` has a rule.
    private func decodePolicyTypes(_ entry: YAMLMappingEntry?, into spec: inout Spec) {
        var types: [NetworkPolicy.PolicyType] = []
        if let entry {
            let items = reader.strings(entry.value, path: "spec.policyTypes")
            // The API server's validation rejects a list of more than two.
            if items.count > 2 { reader.error(.manifestTooManyPolicyTypes(items.count), at: entry.value.range) }
            for (text, item) in items {
                guard let type = NetworkPolicy.PolicyType(rawValue: text) else {
                    reader.error(.manifestInvalidPolicyType(text), at: item.range)
                    continue
                }
                types.append(type)
            }
        }
        if types.isEmpty {
            types = [.ingress]
            if let egress = spec.egress, !egress.isEmpty { types.append(.egress) }
        } else {
            spec.policyTypesRange = entry?.value.range
        }
        spec.policyTypes = types
    }
}
