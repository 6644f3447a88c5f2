/// Decides how a string scalar is written so that every YAML 1.1 and 1.2
/// reader returns the same string.
///
/// A plain scalar is used only when no reader could take it for something
/// else: a boolean (`yes`, `off`, `y`), null (`~`, `null`), a number in any
/// base or notation, a timestamp, an alias, a tag, or a value with leading
/// or trailing spaces, `: ` or ` #` inside, or a character that starts
/// another construct. Everything else is double-quoted with escapes.
public enum ScalarQuoting {
    public static func render(_ value: String) -> String {
        needsQuotes(value) ? doubleQuoted(value) : value
    }

    public static func needsQuotes(_ value: String) -> Bool {
        if value.isEmpty { return true }
        if isReserved(value) { return true }
        if looksNumeric(value) { return true }
        if hasUnsafeCharacters(value) { return true }
        return false
    }

    // MARK: - Reserved words

    /// Booleans and nulls of YAML 1.1 (the superset) in every case form.
    private static let reservedWords: Set<String> = [
        "y", "yes", "n", "no", "true", "false", "on", "off", "null", "~",
    ]

    private static func isReserved(_ value: String) -> Bool {
        reservedWords.contains(value.lowercased())
    }

    // MARK: - Numbers and timestamps

    /// True for anything a 1.1 or 1.2 reader could resolve to a number or a
    /// timestamp. It is deliberately broad: a value that starts with a digit,
    /// a sign or a dot and contains only number-like characters is quoted
    /// (`0123`, `1e3`, `0x1F`, `1_000`, `1:30`, `.5`, `.inf`, `2001-12-14`).
    private static func looksNumeric(_ value: String) -> Bool {
        let lowered = value.lowercased()
        if [".inf", "-.inf", "+.inf", ".nan"].contains(lowered) { return true }
        guard let first = value.unicodeScalars.first else { return false }
        let startsLikeNumber = ("0"..."9").contains(first) || first == "-" || first == "+" || first == "."
        guard startsLikeNumber else { return false }
        let numberCharacters = Set("0123456789abcdefABCDEFxXoO_.:+-eE")
        return value.allSatisfy { numberCharacters.contains($0) } || isTimestamp(value)
    }

    private static func isTimestamp(_ value: String) -> Bool {
        let scalars = Array(value.unicodeScalars)
        guard scalars.count >= 10 else { return false }
        let digits = CharacterSet.decimalDigitsASCII
        return digits(scalars[0]) && digits(scalars[1]) && digits(scalars[2]) && digits(scalars[3]) && scalars[4] == "-"
    }

    // MARK: - Characters

    /// Characters that start an indicator when they begin a plain scalar.
    private static let leadingIndicators: Set<Unicode.Scalar> = [
        "-", "?", ":", ",", "[", "]", "{", "}", "#", "&", "*", "!", "|", ">", "'", "\"", "%", "@", "`", " ",
    ]

    private static func hasUnsafeCharacters(_ value: String) -> Bool {
        let scalars = Array(value.unicodeScalars)
        if leadingIndicators.contains(scalars[0]) { return true }
        if scalars.last == " " || scalars.last == ":" { return true }
        for (index, scalar) in scalars.enumerated() {
            if !isPrintableSafe(scalar) { return true }
            if scalar == ":" && index + 1 < scalars.count && scalars[index + 1] == " " { return true }
            if scalar == "#" && index > 0 && scalars[index - 1] == " " { return true }
            // Flow indicators would end the scalar inside a flow collection.
            if ["[", "]", "{", "}", ","].contains(scalar) { return true }
        }
        return false
    }

    /// Printable ASCII only; every other character, including tabs, line
    /// breaks and Unicode line or paragraph separators, forces quoting.
    private static func isPrintableSafe(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value >= 0x20 && scalar.value < 0x7F
    }

    // MARK: - Double quoting

    public static func doubleQuoted(_ value: String) -> String {
        var output = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || scalar.value == 0x85
                    || scalar.value == 0x2028 || scalar.value == 0x2029 || scalar.value == 0xFEFF {
                    output += escapeCode(scalar)
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        return output + "\""
    }

    private static func escapeCode(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        if scalar.value <= 0xFF {
            return "\\x" + String(repeating: "0", count: 2 - hex.count) + hex
        }
        return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
    }
}

private enum CharacterSet {
    static func decimalDigitsASCII(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value >= 0x30 && scalar.value <= 0x39
    }
}
