import RampSource

/// Renders diagnostics as a SARIF 2.1.0 log for GitHub code scanning and
/// other SARIF viewers.
///
/// The log has one run. Its driver lists a rule for every code that occurs,
/// ordered by code, with the catalogue summary and, where one exists, the
/// explanation from `Explanations`. Each located diagnostic is a result with
/// one location. Its highlights and located notes become related locations,
/// and its fix-its become fixes. Notes without a location are appended to the
/// message as `note:` lines.
///
/// A diagnostic without a location, such as an unreadable input file, becomes
/// a tool execution notification of the run's invocation instead of a result,
/// because GitHub rejects the whole log when one result has no location.
/// Such an error marks the invocation as not successful.
///
/// Columns are in UTF-16 code units, as the run states in `columnKind`.
/// That is SARIF's usual kind, and the one that viewers written in
/// JavaScript or C# use to index lines, so a viewer that ignores
/// `columnKind` still lands on the right character. Text, JSON and GitHub
/// output count Unicode scalars instead. The two differ only after a
/// character outside the Basic Multilingual Plane, such as most emoji.
public struct SARIFRenderer {
    public static let schemaURI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

    /// The ramp version for `tool.driver.version`, left out when nil.
    public var toolVersion: String?
    public var informationURI: String?

    public init(toolVersion: String?, informationURI: String? = nil) {
        self.toolVersion = toolVersion
        self.informationURI = informationURI
    }

    /// Returns the log as indented JSON that ends with a newline.
    public func render(_ diagnostics: [Diagnostic]) -> String {
        log(diagnostics).prettyPrinted() + "\n"
    }

    func log(_ diagnostics: [Diagnostic]) -> JSONValue {
        let rules = Dictionary(diagnostics.map { ($0.id.code, $0.id) }, uniquingKeysWith: { first, _ in first })
            .values.sorted { $0.number < $1.number }
        let ruleIndex = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($1.code, $0) })

        let located = diagnostics.filter { $0.range != nil }
        let unlocated = diagnostics.filter { $0.range == nil }
        let run: JSONValue = .object([
            ("tool", .object([("driver", driver(rules))])),
            ("invocations", .array([invocation(unlocated, ruleIndex: ruleIndex)])),
            ("columnKind", .string("utf16CodeUnits")),
            ("results", .array(located.map { result($0, ruleIndex: ruleIndex[$0.id.code]!) })),
        ])
        return .object([
            ("$schema", .string(SARIFRenderer.schemaURI)),
            ("version", .string("2.1.0")),
            ("runs", .array([run])),
        ])
    }

    // MARK: - Tool

    private func driver(_ rules: [DiagnosticID]) -> JSONValue {
        var members: [(String, JSONValue)] = [("name", .string("ramp"))]
        if let toolVersion {
            members.append(("version", .string(toolVersion)))
        }
        if let informationURI {
            members.append(("informationUri", .string(informationURI)))
        }
        members.append(("rules", .array(rules.map(rule))))
        return .object(members)
    }

    private func rule(_ id: DiagnosticID) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("id", .string(id.code)),
            ("name", .string(id.name)),
            ("shortDescription", text(id.summary)),
        ]
        if let explanation = Explanations.text(for: id.code) {
            members.append(("fullDescription", text(Explanations.firstParagraph(of: explanation))))
            members.append(("help", .object([("text", .string(explanation)), ("markdown", .string(explanation))])))
        }
        members.append(("defaultConfiguration", .object([("level", level(id.severity))])))
        return .object(members)
    }

    private func invocation(_ unlocated: [Diagnostic], ruleIndex: [String: Int]) -> JSONValue {
        let failed = unlocated.contains { $0.severity == .error }
        let notifications: [JSONValue] = unlocated.map { diagnostic in
            var members: [(String, JSONValue)] = [
                ("level", level(diagnostic.severity)),
                ("message", text(messageText(diagnostic, includingFixIts: true))),
            ]
            let locations = relatedLocations(diagnostic)
            if !locations.isEmpty {
                members.append(("locations", .array(locations)))
            }
            members.append(("associatedRule", .object([
                ("id", .string(diagnostic.id.code)),
                ("index", .int(ruleIndex[diagnostic.id.code]!)),
            ])))
            return .object(members)
        }
        return .object([
            ("executionSuccessful", .bool(!failed)),
            ("toolExecutionNotifications", .array(notifications)),
        ])
    }

    // MARK: - Results

    private func result(_ diagnostic: Diagnostic, ruleIndex: Int) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("ruleId", .string(diagnostic.id.code)),
            ("ruleIndex", .int(ruleIndex)),
            ("level", level(diagnostic.severity)),
            ("message", text(messageText(diagnostic, includingFixIts: false))),
            ("locations", .array([location(diagnostic.range!, id: nil, message: nil)])),
        ]
        let related = relatedLocations(diagnostic)
        if !related.isEmpty {
            members.append(("relatedLocations", .array(related)))
        }
        let fixes = uniqueFixes(diagnostic.fixIts)
        if !fixes.isEmpty {
            members.append(("fixes", .array(fixes.map(fix))))
        }
        return .object(members)
    }

    /// Returns the message with a `note:` line for each note without a
    /// location and, where SARIF has no place for them, a `fix-it:` line
    /// for each fix-it.
    private func messageText(_ diagnostic: Diagnostic, includingFixIts: Bool) -> String {
        var lines = [diagnostic.message]
        for note in diagnostic.notes where note.range == nil {
            lines.append("note: " + note.message)
        }
        if includingFixIts {
            for fixIt in diagnostic.fixIts {
                lines.append("fix-it: " + fixIt.message + ": " + fixIt.editDescription(primaryFile: nil))
            }
        }
        return lines.joined(separator: "\n")
    }

    /// Returns the highlights, then the notes with a location, numbered from
    /// 1 so that every entry is distinct, as the schema requires.
    private func relatedLocations(_ diagnostic: Diagnostic) -> [JSONValue] {
        var entries: [(SourceRange, String?)] = diagnostic.highlights.map { ($0.range, $0.label.isEmpty ? nil : $0.label) }
        for note in diagnostic.notes {
            if let range = note.range { entries.append((range, note.message)) }
        }
        return entries.enumerated().map { index, entry in
            location(entry.0, id: index + 1, message: entry.1)
        }
    }

    /// Drops fix-its equal to an earlier one: the schema requires the fixes
    /// of a result to be distinct, and a repeated edit adds nothing.
    private func uniqueFixes(_ fixIts: [FixIt]) -> [FixIt] {
        var seen: [FixIt] = []
        for fixIt in fixIts where !seen.contains(where: {
            $0.range == fixIt.range && $0.replacement == fixIt.replacement && $0.message == fixIt.message
        }) {
            seen.append(fixIt)
        }
        return seen
    }

    private func fix(_ fixIt: FixIt) -> JSONValue {
        let replacement: JSONValue = .object([
            ("deletedRegion", region(fixIt.range)),
            ("insertedContent", .object([("text", .string(fixIt.replacement))])),
        ])
        let change: JSONValue = .object([
            ("artifactLocation", artifactLocation(fixIt.range.file)),
            ("replacements", .array([replacement])),
        ])
        return .object([
            ("description", text(fixIt.message)),
            ("artifactChanges", .array([change])),
        ])
    }

    // MARK: - Locations

    private func location(_ range: SourceRange, id: Int?, message: String?) -> JSONValue {
        var members: [(String, JSONValue)] = []
        if let id {
            members.append(("id", .int(id)))
        }
        members.append(("physicalLocation", .object([
            ("artifactLocation", artifactLocation(range.file)),
            ("region", region(range)),
        ])))
        if let message {
            members.append(("message", text(message)))
        }
        return .object(members)
    }

    private func artifactLocation(_ file: SourceFile) -> JSONValue {
        .object([("uri", .string(SARIFRenderer.uri(forPath: file.path)))])
    }

    /// Returns the region with 1-based lines and UTF-16 columns. `endColumn`
    /// is the column just after the range, so an empty range is an insertion point.
    private func region(_ range: SourceRange) -> JSONValue {
        let start = range.startPosition
        let end = range.endPosition
        return .object([
            ("startLine", .int(start.line)),
            ("startColumn", .int(start.utf16Column)),
            ("endLine", .int(end.line)),
            ("endColumn", .int(end.utf16Column)),
        ])
    }

    private func text(_ value: String) -> JSONValue {
        .object([("text", .string(value))])
    }

    private func level(_ severity: Severity) -> JSONValue {
        .string(severity.rawValue)
    }

    // MARK: - URIs

    /// Returns a relative path as a relative URI reference, which GitHub
    /// resolves against the repository root, and an absolute path as a
    /// `file://` URI. A leading `./` is dropped, and every byte other than
    /// an unreserved character (RFC 3986, section 2.3) or `/` is
    /// percent-encoded, so spaces, `%`, `#` and non-ASCII names stay valid.
    static func uri(forPath path: String) -> String {
        var relative = Substring(path)
        while relative.hasPrefix("./") {
            relative = relative.dropFirst(2)
        }
        let encoded = percentEncoded(String(relative))
        return path.hasPrefix("/") ? "file://" + encoded : encoded
    }

    private static func percentEncoded(_ text: String) -> String {
        var result = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                result += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return result
    }
}
