import RampSource

/// Renders diagnostics as JSON Lines: one JSON object per diagnostic, each
/// on its own line, for tools that read ramp's output as data.
///
/// A location is three keys, `file`, `start` and `end`, all null for a
/// diagnostic without one. `start` and `end` are objects of `line` and
/// `column` (1-based, counting Unicode scalars as text output does) and
/// `offset` (0-based UTF-8 byte offset). `end` is exclusive: it is the
/// position just after the range. A diagnostic object has the location,
/// then `code`, `name`, `severity`, `message`, `highlights` (location and
/// `label`), `notes` (`message` and location) and `fixIts` (`message`,
/// location and `replacement`).
public struct JSONLinesRenderer {
    public init() {}

    public func render(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map { object(for: $0).serialized() + "\n" }.joined()
    }

    func object(for diagnostic: Diagnostic) -> JSONValue {
        var members = location(diagnostic.range)
        members += [
            ("code", .string(diagnostic.id.code)),
            ("name", .string(diagnostic.id.name)),
            ("severity", .string(diagnostic.severity.rawValue)),
            ("message", .string(diagnostic.message)),
            ("highlights", .array(diagnostic.highlights.map { highlight in
                .object(location(highlight.range) + [("label", .string(highlight.label))])
            })),
            ("notes", .array(diagnostic.notes.map { note in
                .object([("message", .string(note.message))] + location(note.range))
            })),
            ("fixIts", .array(diagnostic.fixIts.map { fixIt in
                .object(
                    [("message", .string(fixIt.message))] + location(fixIt.range)
                        + [("replacement", .string(fixIt.replacement))]
                )
            })),
        ]
        return .object(members)
    }

    private func location(_ range: SourceRange?) -> [(String, JSONValue)] {
        guard let range else {
            return [("file", .null), ("start", .null), ("end", .null)]
        }
        return [
            ("file", .string(range.file.path)),
            ("start", position(range.startPosition)),
            ("end", position(range.endPosition)),
        ]
    }

    private func position(_ position: SourcePosition) -> JSONValue {
        .object([
            ("line", .int(position.line)),
            ("column", .int(position.column)),
            ("offset", .int(position.offset)),
        ])
    }
}
