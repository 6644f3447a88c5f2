import RampDiagnostics
import RampSource
import RampYAML

/// Reads the fields of one Kubernetes object from YAML values: checks
/// types, reports unknown fields, records where every field was written,
/// and counts the errors, so that an object with errors can be left out.
final class ManifestFieldReader {
    let diagnostics: DiagnosticEngine
    private(set) var errorCount = 0
    private(set) var fields: [String: FieldRanges] = [:]

    init(diagnostics: DiagnosticEngine) {
        self.diagnostics = diagnostics
    }

    // MARK: - Reporting

    func error(_ message: DiagnosticMessage, at range: SourceRange, notes: [Note] = []) {
        errorCount += 1
        diagnostics.emit(message, at: range, notes: notes)
    }

    func warning(_ message: DiagnosticMessage, at range: SourceRange) {
        diagnostics.emit(message, at: range)
    }

    func wrongType(_ value: YAMLValue, path: String, expected: String) {
        var advice: String?
        if expected.hasPrefix("a string"), value.scalar != nil, !value.isNull {
            advice = "put the value in quotes to make it a string"
        }
        error(.manifestWrongType(path, expected: expected, found: value.kindDescription, advice: advice), at: value.range)
    }

    // MARK: - Mappings

    /// Returns the entries of a mapping by key and records them as fields
    /// under `path`. Keys outside `known` are reported unless listed in
    /// `ignored`, and a nil `known` accepts every key. A null value reads as
    /// an empty mapping, as the API server decodes it. Another type is
    /// reported and returns nil.
    func mapping(
        _ value: YAMLValue, path: String, known: [String]?, ignored: Set<String> = []
    ) -> [String: YAMLMappingEntry]? {
        if value.isNull { return [:] }
        guard let entries = value.mapping else {
            wrongType(value, path: path, expected: "a mapping")
            return nil
        }
        var result: [String: YAMLMappingEntry] = [:]
        for entry in entries {
            guard case .string(let key)? = entry.key.resolvedScalar else {
                wrongType(entry.key, path: path + " key", expected: "a string")
                continue
            }
            if let known, !known.contains(key) {
                if !ignored.contains(key) { reportUnknownField(key, at: entry.key.range, path: path, known: known) }
                continue
            }
            result[key] = entry
            record(entry, path: ManifestFieldReader.child(path, key))
        }
        return result
    }

    private func reportUnknownField(_ key: String, at range: SourceRange, path: String, known: [String]) {
        let owner = path.isEmpty ? "the object" : QuotedText.quote(path)
        error(.manifestUnknownField(key, in: owner, suggestion: FieldNameSuggestion.closest(to: key, among: known)), at: range)
    }

    func record(_ entry: YAMLMappingEntry, path: String) {
        fields[path] = FieldRanges(key: entry.key.range, value: entry.value.range)
    }

    func record(item: YAMLValue, path: String) {
        fields[path] = FieldRanges(key: nil, value: item.range)
    }

    /// Reports a required field that is absent, at the mapping that lacks it.
    func require(_ name: String, in entries: [String: YAMLMappingEntry], path: String, at range: SourceRange) -> YAMLMappingEntry? {
        if let entry = entries[name] { return entry }
        let owner = path.isEmpty ? "the object" : QuotedText.quote(path)
        error(.manifestMissingField(name, in: owner), at: range)
        return nil
    }

    // MARK: - Scalars and sequences

    /// Returns the string of a scalar, and warns when Kubernetes would read
    /// the same text as a YAML 1.1 boolean.
    func string(_ value: YAMLValue, path: String) -> String? {
        guard case .string(let text)? = value.resolvedScalar else {
            wrongType(value, path: path, expected: "a string")
            return nil
        }
        warnIfYAML11Boolean(value)
        return text
    }

    func warnIfYAML11Boolean(_ value: YAMLValue) {
        guard value.tag == nil, let scalar = value.scalar, let flag = scalar.yaml11Boolean else { return }
        warning(.manifestYAML11Boolean(scalar.value, value: flag), at: value.range)
    }

    func integer(_ value: YAMLValue, path: String) -> Int? {
        guard case .int(let number)? = value.resolvedScalar else {
            wrongType(value, path: path, expected: "an integer")
            return nil
        }
        return number
    }

    /// Returns the items of a sequence and records them as fields. A null
    /// value returns nil, which callers read as an omitted list.
    func sequence(_ value: YAMLValue, path: String) -> [YAMLValue]? {
        if value.isNull { return nil }
        guard let items = value.sequence else {
            wrongType(value, path: path, expected: "a sequence")
            return nil
        }
        for (index, item) in items.enumerated() {
            record(item: item, path: ManifestFieldReader.item(path, index))
        }
        return items
    }

    /// Returns the strings of a sequence, each with its value, skipping and
    /// reporting items of another type.
    func strings(_ value: YAMLValue, path: String) -> [(String, YAMLValue)] {
        guard let items = sequence(value, path: path) else { return [] }
        var result: [(String, YAMLValue)] = []
        for (index, item) in items.enumerated() {
            if let text = string(item, path: ManifestFieldReader.item(path, index)) { result.append((text, item)) }
        }
        return result
    }

    // MARK: - Paths

    static func child(_ path: String, _ key: String) -> String {
        path.isEmpty ? key : path + "." + key
    }

    static func item(_ path: String, _ index: Int) -> String {
        path + "[\(index)]"
    }

    /// Returns the path of a map key such as a label key, which may contain
    /// dots and slashes.
    static func key(_ path: String, _ key: String) -> String {
        path + "[" + key + "]"
    }
}

/// Suggests the known field name a misspelt one was meant to be.
enum FieldNameSuggestion {
    /// Fields written in the wrong direction of a rule.
    private static let counterparts = ["to": "from", "from": "to"]

    /// Returns the known name within two edits, ignoring case, or the
    /// counterpart of a rule's peer field when that one is known. A name of
    /// one or two letters gets a suggestion only at fewer edits than its length.
    static func closest(to name: String, among known: [String]) -> String? {
        if let counterpart = counterparts[name], known.contains(counterpart) { return counterpart }
        return NameSuggestion.closest(to: name, in: known, maxDistance: min(2, name.count - 1), ignoringCase: true)
    }
}
