import RampSource

extension FixIt {
    /// Returns the edit in words: `replace 'old' with 'new' at line:column`,
    /// `insert 'new' at …` for an empty range, `remove 'old' at …` for an
    /// empty replacement. The path is prefixed to the location when the
    /// fix-it is in another file than `primaryFile`. Newlines, tabs and
    /// backslashes in the quoted text are spelled `\n`, `\t` and `\\`, so the
    /// description is one line.
    func editDescription(primaryFile: SourceFile?) -> String {
        let start = range.startPosition
        var location = "\(start.line):\(start.column)"
        if primaryFile !== range.file {
            location = range.file.path + ":" + location
        }
        let old = FixIt.quoted(range.text)
        let new = FixIt.quoted(replacement)

        if range.start == range.end {
            return "insert \(new) at \(location)"
        }
        if replacement.isEmpty {
            return "remove \(old) at \(location)"
        }
        return "replace \(old) with \(new) at \(location)"
    }

    private static func quoted(_ text: String) -> String {
        let needsEscapes = text.utf8.contains { byte in
            byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "\r") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\t")
        }
        guard needsEscapes else { return "'" + text + "'" }
        var escaped = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": escaped += "\\\\"
            case "\r": escaped += "\\r"
            case "\n": escaped += "\\n"
            case "\t": escaped += "\\t"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return "'" + escaped + "'"
    }
}
