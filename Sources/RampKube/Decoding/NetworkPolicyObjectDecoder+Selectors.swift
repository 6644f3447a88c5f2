import RampDiagnostics
import RampSource
import RampYAML

extension NetworkPolicyObjectDecoder {
    // MARK: - Label selectors

    /// Decodes a `metav1.LabelSelector`. Null reads as the empty selector.
    func decodeLabelSelector(_ value: YAMLValue, path: String) -> LabelSelector? {
        guard let fields = reader.mapping(value, path: path, known: ["matchLabels", "matchExpressions"]) else { return nil }
        var selector = LabelSelector()
        if let entry = fields["matchLabels"] {
            selector.matchLabels = decodeMatchLabels(entry.value, path: ManifestFieldReader.child(path, "matchLabels"))
        }
        if let entry = fields["matchExpressions"] {
            let expressionsPath = ManifestFieldReader.child(path, "matchExpressions")
            let items = reader.sequence(entry.value, path: expressionsPath) ?? []
            selector.matchExpressions = items.enumerated().compactMap { index, item in
                decodeRequirement(item, path: ManifestFieldReader.item(expressionsPath, index))
            }
        }
        return selector
    }

    private func decodeMatchLabels(_ value: YAMLValue, path: String) -> [String: String] {
        if value.isNull { return [:] }
        guard let entries = value.mapping else {
            reader.wrongType(value, path: path, expected: "a mapping")
            return [:]
        }
        var labels: [String: String] = [:]
        for entry in entries {
            guard let key = reader.string(entry.key, path: path + " key") else { continue }
            let labelPath = ManifestFieldReader.key(path, key)
            reader.record(entry, path: labelPath)
            if let reason = KubernetesNames.labelKeyError(key) {
                reader.error(.invalidLabelKey(key, reason: reason), at: entry.key.range)
            }
            guard let text = reader.string(entry.value, path: labelPath) else { continue }
            if let reason = KubernetesNames.labelValueError(text) {
                reader.error(.invalidLabelValue(text, reason: reason), at: entry.value.range)
            }
            labels[key] = text
        }
        return labels
    }

    // MARK: - Requirements

    private func decodeRequirement(_ item: YAMLValue, path: String) -> LabelSelectorRequirement? {
        guard let fields = reader.mapping(item, path: path, known: ["key", "operator", "values"]) else { return nil }
        let keyEntry = reader.require("key", in: fields, path: path, at: item.range)
        let operatorEntry = reader.require("operator", in: fields, path: path, at: item.range)
        guard let keyEntry, let operatorEntry,
              let key = reader.string(keyEntry.value, path: ManifestFieldReader.child(path, "key")),
              let operatorText = reader.string(operatorEntry.value, path: ManifestFieldReader.child(path, "operator")) else {
            return nil
        }
        if let reason = KubernetesNames.labelKeyError(key) {
            reader.error(.invalidLabelKey(key, reason: reason), at: keyEntry.value.range)
        }
        guard let requirementOperator = LabelSelectorRequirement.Operator(rawValue: operatorText) else {
            reader.error(.manifestInvalidOperator(operatorText), at: operatorEntry.value.range)
            return nil
        }

        let values = decodeValues(fields["values"], path: ManifestFieldReader.child(path, "values"))
        checkValueCount(values.count, operator: requirementOperator, values: fields["values"], operatorRange: operatorEntry.value.range)
        return LabelSelectorRequirement(key: key, operator: requirementOperator, values: values.sorted())
    }

    private func decodeValues(_ entry: YAMLMappingEntry?, path: String) -> [String] {
        guard let entry else { return [] }
        var values: [String] = []
        for (text, item) in reader.strings(entry.value, path: path) {
            if let reason = KubernetesNames.labelValueError(text) {
                reader.error(.invalidLabelValue(text, reason: reason), at: item.range)
            }
            values.append(text)
        }
        return values
    }

    /// Checks that `In` and `NotIn` have values and that `Exists` and
    /// `DoesNotExist` have none.
    private func checkValueCount(
        _ count: Int, operator requirementOperator: LabelSelectorRequirement.Operator,
        values: YAMLMappingEntry?, operatorRange: SourceRange
    ) {
        switch requirementOperator {
        case .in, .notIn:
            if count == 0 {
                reader.error(.manifestValuesRequired(operator: requirementOperator.rawValue), at: values?.value.range ?? operatorRange)
            }
        case .exists, .doesNotExist:
            if count > 0, let values {
                reader.error(.manifestValuesNotAllowed(operator: requirementOperator.rawValue), at: values.value.range)
            }
        }
    }
}
