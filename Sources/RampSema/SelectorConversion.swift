import RampDiagnostics
import RampKube
import RampSyntax

/// Turns selector syntax into a Kubernetes label selector, checking every
/// key and value against Kubernetes' rules.
struct SelectorConversion {
    let diagnostics: DiagnosticEngine

    /// Returns nil after reporting when any requirement is invalid.
    func labelSelector(_ requirements: [LabelSyntax]) -> LabelSelector? {
        var selector = LabelSelector()
        var valid = true
        var expressions: [LabelSelectorRequirement] = []
        for requirement in requirements {
            guard checkKey(requirement.key), requirement.values.allSatisfy(checkValue) else {
                valid = false
                continue
            }
            let key = requirement.key.text
            let texts = requirement.values.map(\.text)
            let values = texts.count <= 1 ? texts : Array(Set(texts)).sorted()
            switch requirement.operator {
            case .equals where selector.matchLabels[key] == nil:
                selector.matchLabels[key] = values[0]
            case .equals:
                // A second `key=value` with another value cannot match; keep it as In so both apply.
                expressions.append(LabelSelectorRequirement(key: key, operator: .in, values: values))
            case .notEquals:
                expressions.append(LabelSelectorRequirement(key: key, operator: .notIn, values: values))
            case .in:
                expressions.append(LabelSelectorRequirement(key: key, operator: .in, values: values))
            case .notIn:
                expressions.append(LabelSelectorRequirement(key: key, operator: .notIn, values: values))
            case .exists:
                expressions.append(LabelSelectorRequirement(key: key, operator: .exists))
            case .doesNotExist:
                expressions.append(LabelSelectorRequirement(key: key, operator: .doesNotExist))
            }
        }
        selector.matchExpressions = expressions
        return valid ? selector : nil
    }

    /// Returns namespace labels, which are plain `key=value` pairs.
    func labels(_ requirements: [LabelSyntax]) -> [String: String]? {
        var labels: [String: String] = [:]
        var valid = true
        for requirement in requirements {
            guard requirement.operator == .equals else {
                diagnostics.emit(.expected("'key=value' namespace label", found: QuotedText.quote(requirement.range.text)), at: requirement.range)
                valid = false
                continue
            }
            guard checkKey(requirement.key), checkValue(requirement.values[0]) else {
                valid = false
                continue
            }
            labels[requirement.key.text] = requirement.values[0].text
        }
        return valid ? labels : nil
    }

    func checkKey(_ key: Word) -> Bool {
        guard let reason = KubernetesNames.labelKeyError(key.text) else { return true }
        diagnostics.emit(.invalidLabelKey(key.text, reason: reason), at: key.range)
        return false
    }

    func checkValue(_ value: Word) -> Bool {
        guard let reason = KubernetesNames.labelValueError(value.text) else { return true }
        diagnostics.emit(.invalidLabelValue(value.text, reason: reason), at: value.range)
        return false
    }
}
