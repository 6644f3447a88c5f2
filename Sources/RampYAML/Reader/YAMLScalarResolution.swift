import RampDiagnostics

/// A tag written on a node. The YAML 1.2 core schema tags are recognised in
/// their shorthand (`!!int`) and verbatim (`!<tag:yaml.org,2002:int>`) forms.
public enum YAMLTag: Hashable, Sendable {
    case string
    case integer
    case boolean
    case null
    case float
    case mapping
    case sequence
    /// `!` alone, which makes a scalar a string.
    case nonSpecific
    /// Any other tag, as written.
    case other(String)

    private static let coreTags: [String: YAMLTag] = [
        "str": .string, "int": .integer, "bool": .boolean, "null": .null,
        "float": .float, "map": .mapping, "seq": .sequence,
    ]

    /// Reads a tag as written, including its leading `!`.
    public init(written text: String) {
        if text == "!" {
            self = .nonSpecific
        } else if text.hasPrefix("!!"), let tag = YAMLTag.coreTags[String(text.dropFirst(2))] {
            self = tag
        } else if text.hasPrefix("!<tag:yaml.org,2002:"), text.hasSuffix(">"),
                  let tag = YAMLTag.coreTags[String(text.dropFirst(20).dropLast())] {
            self = tag
        } else {
            self = .other(text)
        }
    }

    /// The shorthand form, as used in messages.
    public var text: String {
        switch self {
        case .string: return "!!str"
        case .integer: return "!!int"
        case .boolean: return "!!bool"
        case .null: return "!!null"
        case .float: return "!!float"
        case .mapping: return "!!map"
        case .sequence: return "!!seq"
        case .nonSpecific: return "!"
        case .other(let text): return text
        }
    }
}

/// The value of a scalar under the YAML 1.2 core schema.
public enum YAMLResolvedScalar: Hashable, Sendable, CustomStringConvertible {
    case null
    case bool(Bool)
    case int(Int)
    /// An integer outside `Int`'s range, as written.
    case largeInt(String)
    case float(Double)
    case string(String)

    public var description: String {
        switch self {
        case .null: return "null"
        case .bool(let flag): return "boolean \(flag)"
        case .int(let number): return "integer \(number)"
        case .largeInt(let text): return "integer \(text)"
        case .float(let number): return "float \(number)"
        case .string(let text): return "string \(QuotedText.quote(text))"
        }
    }
}

extension YAMLScalar {
    /// Resolves the scalar without a tag: only plain scalars can be anything
    /// but a string, so `80` is an integer while `"80"` and `'yes'` are strings.
    public var resolved: YAMLResolvedScalar { resolved(tag: nil) }

    /// Resolves the scalar with its node's tag. A core tag decides the type.
    /// When the text does not fit it (`!!int abc`), the value stays a string,
    /// and the reader has reported the mismatch. Unknown tags are ignored.
    public func resolved(tag: YAMLTag?) -> YAMLResolvedScalar {
        switch tag {
        case .string?, .nonSpecific?:
            return .string(value)
        case .integer?:
            let number = YAMLScalar.resolvePlain(value)
            if case .int = number { return number }
            if case .largeInt = number { return number }
            return .string(value)
        case .float?:
            switch YAMLScalar.resolvePlain(value) {
            case .float(let number): return .float(number)
            case .int(let number): return .float(Double(number))
            case .largeInt(let text): return .float(Double(text) ?? .infinity)
            default: return .string(value)
            }
        case .boolean?:
            let flag = YAMLScalar.resolvePlain(value)
            if case .bool = flag { return flag }
            return .string(value)
        case .null?:
            return YAMLScalar.resolvePlain(value) == .null ? .null : .string(value)
        case .mapping?, .sequence?, .other?, nil:
            return style == .plain ? YAMLScalar.resolvePlain(value) : .string(value)
        }
    }

    /// The boolean that a YAML 1.1 reader gives this scalar where the 1.2
    /// core schema gives a string: plain `y`, `yes`, `on`, `n`, `no` and
    /// `off`, in lowercase, capitalised or uppercase. Nil for anything else.
    ///
    /// Kubernetes reads manifests with sigs.k8s.io/yaml, which is built on
    /// go-yaml v2 (gopkg.in/yaml.v2), and go-yaml before v3 resolves these
    /// YAML 1.1 booleans in untyped values.
    public var yaml11Boolean: Bool? {
        guard style == .plain else { return nil }
        return YAMLScalar.yaml11Booleans[value]
    }

    private static let yaml11Booleans: [String: Bool] = {
        var table: [String: Bool] = [:]
        for word in ["y", "yes", "on"] {
            for spelling in [word, word.capitalized, word.uppercased()] { table[spelling] = true }
        }
        for word in ["n", "no", "off"] {
            for spelling in [word, word.capitalized, word.uppercased()] { table[spelling] = false }
        }
        return table
    }()

    // MARK: - Core schema

    /// Resolves the text of a plain scalar by the core schema's regular
    /// expressions. Null is `null`, `Null`, `NULL`, `~` or empty. Booleans are
    /// `true`, `True`, `TRUE` and the same forms of `false`. Integers are
    /// decimal, `0o` octal or `0x` hexadecimal. Floats are decimal, with
    /// `.inf` and `.nan` in three spellings each. Anything else is a string.
    public static func resolvePlain(_ text: String) -> YAMLResolvedScalar {
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .float(.infinity)
        case "-.inf", "-.Inf", "-.INF": return .float(-.infinity)
        case ".nan", ".NaN", ".NAN": return .float(.nan)
        default: break
        }
        if let integer = resolveInteger(text) { return integer }
        if isCoreFloat(text), let number = Double(text) { return .float(number) }
        return .string(text)
    }

    private static func resolveInteger(_ text: String) -> YAMLResolvedScalar? {
        let bytes = Array(text.utf8)
        if bytes.count > 2, bytes[0] == UInt8(ascii: "0"), bytes[1] == UInt8(ascii: "o") {
            return parseInteger(text, digits: bytes[2...], radix: 8)
        }
        if bytes.count > 2, bytes[0] == UInt8(ascii: "0"), bytes[1] == UInt8(ascii: "x") {
            return parseInteger(text, digits: bytes[2...], radix: 16)
        }
        let signLength = bytes.first == UInt8(ascii: "-") || bytes.first == UInt8(ascii: "+") ? 1 : 0
        guard bytes.count > signLength, bytes[signLength...].allSatisfy(isDecimalDigit) else { return nil }
        return Int(text).map(YAMLResolvedScalar.int) ?? .largeInt(text)
    }

    private static func parseInteger(_ text: String, digits: ArraySlice<UInt8>, radix: Int) -> YAMLResolvedScalar? {
        let digitText = String(decoding: digits, as: UTF8.self)
        let valid = digits.allSatisfy { byte in
            radix == 8 ? (UInt8(ascii: "0")...UInt8(ascii: "7")).contains(byte) : isHexDigit(byte)
        }
        guard valid else { return nil }
        return Int(digitText, radix: radix).map(YAMLResolvedScalar.int) ?? .largeInt(text)
    }

    /// Matches `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`.
    private static func isCoreFloat(_ text: String) -> Bool {
        var bytes = Array(text.utf8)[...]
        if let first = bytes.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") { bytes = bytes.dropFirst() }

        let integerDigits = bytes.prefix(while: isDecimalDigit).count
        bytes = bytes.dropFirst(integerDigits)
        var fractionDigits = 0
        if bytes.first == UInt8(ascii: ".") {
            bytes = bytes.dropFirst()
            fractionDigits = bytes.prefix(while: isDecimalDigit).count
            bytes = bytes.dropFirst(fractionDigits)
            if integerDigits == 0 && fractionDigits == 0 { return false }
        } else if integerDigits == 0 {
            return false
        }

        if let first = bytes.first, first == UInt8(ascii: "e") || first == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if let sign = bytes.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
            let exponentDigits = bytes.prefix(while: isDecimalDigit).count
            guard exponentDigits > 0 else { return false }
            bytes = bytes.dropFirst(exponentDigits)
        }
        return bytes.isEmpty
    }

    private static func isDecimalDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        isDecimalDigit(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
            || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte)
    }
}
