import RampSource

/// Renders diagnostics as clang and swiftc print them, for terminals and for
/// editors that parse the first line of each diagnostic:
///
///     shop.ramp:3:21: error: service 'api' declares no port named 'htp' [RAMP0301]
///     3 |     frontend -> api:htp
///       |                     ^~~
///       = note: ...
///       = fix-it: use the declared port: replace 'htp' with 'http' at 3:21
///     shop.ramp:2:13: note: service 'api' is declared here
///
/// After the snippet come the notes without a location, then the fix-its,
/// then each note with a location, under its own header and snippet.
/// Highlights in the primary file are marked in its snippet. Those in other
/// files follow in a snippet of their own, introduced by `::: path:line:column`.
///
/// Columns in `path:line:column` count Unicode scalars, as
/// `SourceFile.lineAndColumn(of:)` does. Unlike bytes, scalars count a
/// non-ASCII character once, and unlike grapheme clusters, they do not
/// depend on the Unicode version of the tool that reads the column.
/// The markers under a line are laid out by grapheme cluster and terminal
/// width instead (see `LineLayout`), because there they must line up with
/// what the terminal draws.
public struct TextRenderer {
    public var colored: Bool

    public init(colored: Bool = false) {
        self.colored = colored
    }

    public func render(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map(render).joined()
    }

    public func render(_ diagnostic: Diagnostic) -> String {
        let style = TerminalStyle(colored: colored)
        let snippets = SnippetRenderer(style: style)
        var output = header(
            location: diagnostic.range,
            severity: diagnostic.severity,
            message: diagnostic.message + " [\(diagnostic.id.code)]"
        )

        var gutterWidth = 1
        if let range = diagnostic.range {
            let groups = markGroups(primary: range, highlights: diagnostic.highlights)
            gutterWidth = SnippetRenderer.gutterWidth(for: groups[0])
            output += snippets.render(groups[0])
            for group in groups.dropFirst() {
                let width = SnippetRenderer.gutterWidth(for: group)
                let location = TextRenderer.sanitized(group[0].range.locationDescription)
                output += String(repeating: " ", count: width + 1) + style.paint(":::", .blue) + " " + location + "\n"
                output += snippets.render(group)
            }
        }

        let bullet = String(repeating: " ", count: gutterWidth + 1) + "= "
        for note in diagnostic.notes where note.range == nil {
            output += bullet + style.paint("note:", .bold) + " " + TextRenderer.sanitized(note.message) + "\n"
        }
        for fixIt in diagnostic.fixIts {
            output += bullet + style.paint("fix-it:", .green) + " "
                + TextRenderer.sanitized(fixIt.message + ": " + fixIt.editDescription(primaryFile: diagnostic.range?.file)) + "\n"
        }
        for note in diagnostic.notes {
            guard let range = note.range else { continue }
            output += header(location: range, severity: .note, message: note.message)
            output += snippets.render([SnippetMark(range: range, kind: .primary, label: "")])
        }
        return output
    }

    // MARK: - Parts

    private func header(location: SourceRange?, severity: Severity, message: String) -> String {
        let style = TerminalStyle(colored: colored)
        let label = style.paint("\(severity.rawValue):", TerminalStyle.color(of: severity))
        let text = style.paint(TextRenderer.sanitized(message), .bold)
        guard let location else {
            return "ramp: " + label + " " + text + "\n"
        }
        return style.paint(TextRenderer.sanitized(location.locationDescription) + ":", .bold) + " " + label + " " + text + "\n"
    }

    /// Splits the marks by file: the primary span's file first, then the
    /// other files in the order their first highlight appears.
    private func markGroups(primary: SourceRange, highlights: [Highlight]) -> [[SnippetMark]] {
        var groups: [[SnippetMark]] = [[SnippetMark(range: primary, kind: .primary, label: "")]]
        var files: [SourceFile] = [primary.file]
        for highlight in highlights {
            let mark = SnippetMark(range: highlight.range, kind: .secondary, label: TextRenderer.sanitized(highlight.label))
            if let index = files.firstIndex(where: { $0 === highlight.range.file }) {
                groups[index].append(mark)
            } else {
                files.append(highlight.range.file)
                groups.append([mark])
            }
        }
        return groups
    }

    // MARK: - Escaping

    /// Replaces control characters with visible symbols, so that a message
    /// that quotes a contract cannot break the line or send terminal escapes.
    static func sanitized(_ text: String) -> String {
        // Printable ASCII, the usual case, needs no replacement.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            if let replacement = DisplayWidth.visibleReplacement(for: scalar) {
                result += replacement
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
