/// A JSON value whose objects keep their keys in the order given, so that
/// the JSON and SARIF renderers produce byte-stable output for snapshots
/// and diffs. Foundation's JSONSerialization orders keys only alphabetically
/// and escapes `/`, which is why ramp writes JSON itself.
public enum JSONValue: Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    /// Returns the value on one line, with no space after `:` and `,`.
    public func serialized() -> String {
        var output = ""
        write(to: &output, indent: nil, depth: 0)
        return output
    }

    /// Returns the value with one key or element per line, indented by two
    /// spaces per level.
    public func prettyPrinted() -> String {
        var output = ""
        write(to: &output, indent: "  ", depth: 0)
        return output
    }

    // MARK: - Writing

    private func write(to output: inout String, indent: String?, depth: Int) {
        switch self {
        case .null:
            output += "null"
        case .bool(let value):
            output += value ? "true" : "false"
        case .int(let value):
            output += String(value)
        case .string(let value):
            output += JSONValue.quoted(value)
        case .array(let elements):
            writeContainer(elements.map { (nil, $0) }, brackets: ("[", "]"), to: &output, indent: indent, depth: depth)
        case .object(let members):
            writeContainer(members.map { ($0.0, $0.1) }, brackets: ("{", "}"), to: &output, indent: indent, depth: depth)
        }
    }

    private func writeContainer(
        _ members: [(key: String?, value: JSONValue)],
        brackets: (open: String, close: String),
        to output: inout String,
        indent: String?,
        depth: Int
    ) {
        output += brackets.open
        guard !members.isEmpty else {
            output += brackets.close
            return
        }
        let separator = indent == nil ? ":" : ": "
        for (index, member) in members.enumerated() {
            if index > 0 { output += "," }
            if let indent { output += "\n" + String(repeating: indent, count: depth + 1) }
            if let key = member.key { output += JSONValue.quoted(key) + separator }
            member.value.write(to: &output, indent: indent, depth: depth + 1)
        }
        if let indent { output += "\n" + String(repeating: indent, count: depth) }
        output += brackets.close
    }

    // MARK: - Strings

    /// Returns `text` as a JSON string literal (RFC 8259, section 7).
    ///
    /// Quotes, backslashes and control characters U+0000 to U+001F are
    /// escaped as the RFC requires. U+2028 and U+2029 are escaped too: JSON
    /// allows them raw, but JavaScript before ES2019 ends a line at them, so
    /// output pasted into a script would break. Other characters, including
    /// non-ASCII ones, are written as UTF-8.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "\u{08}": result += "\\b"
            case "\u{0C}": result += "\\f"
            case "\u{2028}": result += "\\u2028"
            case "\u{2029}": result += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    result += "\\u" + hex4(scalar.value)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }

    private static func hex4(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: false)
        return String(repeating: "0", count: 4 - digits.count) + digits
    }
}
