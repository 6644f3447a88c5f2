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

    /// Appends `value` to `bytes` as `render` writes it, without building a
    /// string when the value is written plain.
    public static func append(_ value: String, to bytes: inout [UInt8]) {
        var copy = value
        let quoted = copy.withUTF8 { utf8 in
            if needsQuotes(utf8: utf8) { return true }
            bytes.append(contentsOf: utf8)
            return false
        }
        if quoted { appendDoubleQuoted(copy, to: &bytes) }
    }

    /// Returns whether `value` must be double-quoted. It works on the UTF-8
    /// bytes, because every value that is not printable ASCII is quoted
    /// anyway, and it runs for every key and value ramp emits.
    public static func needsQuotes(_ value: String) -> Bool {
        var copy = value
        return copy.withUTF8 { needsQuotes(utf8: $0) }
    }

    private static func needsQuotes(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !bytes.isEmpty else { return true }
        if hasUnsafeCharacters(bytes) { return true }
        if isReserved(bytes) { return true }
        if looksNumeric(bytes) { return true }
        return false
    }

    // MARK: - Reserved words

    /// Booleans and nulls of YAML 1.1 (the superset) in every case form.
    private static let reservedWords: [[UInt8]] = [
        "y", "yes", "n", "no", "true", "false", "on", "off", "null", "~",
    ].map { Array($0.utf8) }

    private static func isReserved(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count <= 5, startsReservedWord(bytes[0]) else { return false }
        return reservedWords.contains { $0.count == bytes.count && zip($0, bytes).allSatisfy { $0 == lowercased($1) } }
    }

    /// Returns whether a byte is the first of a reserved word in any case
    /// form, which rules out most values without comparing any word.
    private static func startsReservedWord(_ byte: UInt8) -> Bool {
        switch lowercased(byte) {
        case UInt8(ascii: "y"), UInt8(ascii: "n"), UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "o"), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    // MARK: - Numbers and timestamps

    /// Special floats of YAML 1.1 and 1.2, lowercase.
    private static let specialFloats: [[UInt8]] = [".inf", "-.inf", "+.inf", ".nan"].map { Array($0.utf8) }

    /// True for anything a 1.1 or 1.2 reader could resolve to a number or a
    /// timestamp. It is deliberately broad: a value that starts with a digit,
    /// a sign or a dot and contains only number-like characters is quoted
    /// (`0123`, `1e3`, `0x1F`, `1_000`, `1:30`, `.5`, `.inf`, `2001-12-14`).
    private static func looksNumeric(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let first = bytes[0]
        let startsLikeNumber = isDigit(first) || first == UInt8(ascii: "-") || first == UInt8(ascii: "+") || first == UInt8(ascii: ".")
        // Every special float starts with a sign or a dot, so no value is
        // one unless it starts like a number.
        guard startsLikeNumber else { return false }
        if specialFloats.contains(where: { $0.count == bytes.count && zip($0, bytes).allSatisfy { $0 == lowercased($1) } }) {
            return true
        }
        return bytes.allSatisfy(isNumberCharacter) || isTimestamp(bytes)
    }

    /// Digits, hex letters, base prefixes (`x`, `o`), exponents and separators.
    private static func isNumberCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"), UInt8(ascii: "A")...UInt8(ascii: "F"),
             UInt8(ascii: "x"), UInt8(ascii: "X"), UInt8(ascii: "o"), UInt8(ascii: "O"),
             UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: ":"), UInt8(ascii: "+"), UInt8(ascii: "-"):
            return true
        default:
            return false
        }
    }

    private static func isTimestamp(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count >= 10 else { return false }
        return bytes[0..<4].allSatisfy(isDigit) && bytes[4] == UInt8(ascii: "-")
    }

    // MARK: - Characters

    /// Returns whether a character starts an indicator when it begins a plain scalar.
    private static func isLeadingIndicator(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: ":"), UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"),
             UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "#"), UInt8(ascii: "&"), UInt8(ascii: "*"), UInt8(ascii: "!"),
             UInt8(ascii: "|"), UInt8(ascii: ">"), UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "%"), UInt8(ascii: "@"),
             UInt8(ascii: "`"), UInt8(ascii: " "):
            return true
        default:
            return false
        }
    }

    /// Returns whether a character is a flow indicator, which would end the
    /// scalar inside a flow collection.
    private static func isFlowIndicator(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: ","): return true
        default: return false
        }
    }

    /// True for a leading indicator, a trailing space or colon, `: `, ` #`,
    /// or a flow indicator or a character that is not printable ASCII anywhere.
    private static func hasUnsafeCharacters(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        if isLeadingIndicator(bytes[0]) { return true }
        let last = bytes[bytes.count - 1]
        if last == UInt8(ascii: " ") || last == UInt8(ascii: ":") { return true }
        for index in bytes.indices {
            let byte = bytes[index]
            if isPlainInside(byte) { continue }
            if !isPrintableASCII(byte) { return true }
            if byte == UInt8(ascii: ":") && index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: " ") { return true }
            if byte == UInt8(ascii: "#") && index > 0 && bytes[index - 1] == UInt8(ascii: " ") { return true }
            if isFlowIndicator(byte) { return true }
        }
        return false
    }

    /// Returns whether a byte needs no check inside a scalar: a letter, a
    /// digit, one of `- . / ; < = > ? @ ^ _` or the backtick. Most bytes of
    /// names and labels are. `:` and `#` are not, because `: ` and ` #` are unsafe.
    private static func isPlainInside(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "-") && byte <= UInt8(ascii: "9"))
            || (byte >= UInt8(ascii: ";") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "^") && byte <= UInt8(ascii: "z"))
    }

    /// Printable ASCII only; every other character, including tabs, line
    /// breaks and Unicode line or paragraph separators, forces quoting.
    private static func isPrintableASCII(_ byte: UInt8) -> Bool {
        byte >= 0x20 && byte < 0x7F
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
    }

    // MARK: - Double quoting

    /// Appends `value` double-quoted. Printable ASCII other than `"` and `\`
    /// is copied byte by byte, and any other value takes `doubleQuoted`.
    private static func appendDoubleQuoted(_ value: String, to bytes: inout [UInt8]) {
        var copy = value
        let copied = copy.withUTF8 { utf8 in
            guard utf8.allSatisfy({ isPrintableASCII($0) && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }) else { return false }
            bytes.append(UInt8(ascii: "\""))
            bytes.append(contentsOf: utf8)
            bytes.append(UInt8(ascii: "\""))
            return true
        }
        if !copied {
            var quoted = doubleQuoted(value)
            quoted.withUTF8 { bytes.append(contentsOf: $0) }
        }
    }

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
                if needsEscape(scalar) {
                    output += escapeCode(scalar)
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        return output + "\""
    }

    /// Characters outside YAML's printable set (`c-printable`), the line
    /// breaks of YAML 1.1 and the byte order mark, which a reader would drop
    /// or misread unescaped.
    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00..<0x20, 0x7F...0x9F, 0x2028, 0x2029, 0xFEFF, 0xFFFE, 0xFFFF: return true
        default: return false
        }
    }

    private static func escapeCode(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        if scalar.value <= 0xFF {
            return "\\x" + String(repeating: "0", count: 2 - hex.count) + hex
        }
        return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
    }
}
