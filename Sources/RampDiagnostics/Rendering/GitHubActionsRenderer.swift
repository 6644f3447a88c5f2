import RampSource

/// Renders diagnostics as GitHub Actions workflow commands, which the runner
/// turns into annotations on the run and on the pull request diff:
///
///     ::error file=shop.ramp,line=5,col=16,endLine=5,endColumn=19,title=RAMP0301%3A …::message
///
/// Errors become `::error`, warnings `::warning`, and notes `::notice`. The
/// title is the code and the rule's summary. A note with a location becomes
/// a `::notice` at that location, with its diagnostic's title. Notes without
/// a location, highlights and fix-its are added to the message as extra lines.
///
/// Columns count Unicode scalars and `endColumn` is exclusive, as in SARIF.
/// `col` and `endColumn` are left out when a range spans several lines,
/// because the runner (actions/runner, `IssueCommandExtension`) drops both
/// in that case. `endLine` is the line of the range's last character, so a
/// range that ends with a newline does not reach into the next line.
///
/// NOTE: GitHub's documentation does not state whether `endColumn` is
/// inclusive, so ramp follows SARIF and makes it exclusive.
public struct GitHubActionsRenderer {
    public init() {}

    public func render(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map(render).joined()
    }

    public func render(_ diagnostic: Diagnostic) -> String {
        let title = "\(diagnostic.id.code): \(diagnostic.id.summary)"
        var lines = [diagnostic.message]
        for highlight in diagnostic.highlights {
            let location = highlight.range.locationDescription
            lines.append(highlight.label.isEmpty ? location : location + ": " + highlight.label)
        }
        for note in diagnostic.notes where note.range == nil {
            lines.append("note: " + note.message)
        }
        for fixIt in diagnostic.fixIts {
            lines.append("fix-it: " + fixIt.message + ": " + fixIt.editDescription(primaryFile: diagnostic.range?.file))
        }

        var output = command(
            GitHubActionsRenderer.commandName(for: diagnostic.severity),
            range: diagnostic.range,
            title: title,
            message: lines.joined(separator: "\n")
        )
        for note in diagnostic.notes {
            guard let range = note.range else { continue }
            output += command("notice", range: range, title: title, message: note.message)
        }
        return output
    }

    static func commandName(for severity: Severity) -> String {
        switch severity {
        case .error: return "error"
        case .warning: return "warning"
        case .note: return "notice"
        }
    }

    private func command(_ name: String, range: SourceRange?, title: String, message: String) -> String {
        var properties: [(String, String)] = []
        if let range {
            let start = range.startPosition
            let lastLine = range.file.lastLineIndex(of: range) + 1
            properties.append(("file", range.file.path))
            properties.append(("line", String(start.line)))
            if lastLine == start.line {
                properties.append(("col", String(start.column)))
            }
            properties.append(("endLine", String(lastLine)))
            if lastLine == start.line, range.end > range.start {
                properties.append(("endColumn", String(endColumn(of: range))))
            }
        }
        properties.append(("title", title))

        let list = properties.map { $0.0 + "=" + GitHubActionsRenderer.escapeProperty($0.1) }
        return "::\(name) " + list.joined(separator: ",") + "::" + GitHubActionsRenderer.escapeData(message) + "\n"
    }

    /// Returns the column just after a one-line range. A range that ends
    /// with its newline ends on the next line, so there the column is taken
    /// from the newline byte itself, which is one column wide.
    private func endColumn(of range: SourceRange) -> Int {
        let end = range.endPosition
        if end.line == range.startPosition.line {
            return end.column
        }
        return range.file.position(of: range.end - 1).column + 1
    }

    // MARK: - Escaping

    /// Escapes a command's message. The runner decodes `%0D` and `%0A`
    /// before `%25`, so `%` is encoded first and a literal `%0A` in the
    /// message survives as `%250A`.
    static func escapeData(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "%": result += "%25"
            case "\r": result += "%0D"
            case "\n": result += "%0A"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Escapes a property value, which in addition ends at `,` (the next
    /// property) and at `:` (the `::` before the message).
    static func escapeProperty(_ text: String) -> String {
        var result = ""
        for scalar in escapeData(text).unicodeScalars {
            switch scalar {
            case ":": result += "%3A"
            case ",": result += "%2C"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
