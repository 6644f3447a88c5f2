import Foundation
import XCTest

/// A strict reader for the block-style YAML that ramp writes, written
/// independently of the emitter so that tests can check what any YAML 1.1
/// or 1.2 reader would get back. It accepts only the line shapes ramp uses
/// and reports anything else as a failure.
struct BlockYAMLReader {
    /// A scalar as read: its decoded text, whether it was plain, and the
    /// key it is the value of (nil for keys and sequence items).
    struct Scalar: Equatable {
        let text: String
        let isPlain: Bool
        let key: String?
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Returns every key and value scalar of `text`, in order.
    static func scalars(in text: String) throws -> [Scalar] {
        try checkCharacters(text)
        var scalars: [Scalar] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            do {
                scalars += try readLine(String(line))
            } catch let failure as Failure {
                throw Failure(description: "line \(index + 1): \(failure.description): \(line.debugDescription)")
            }
        }
        return scalars
    }

    // MARK: - Characters

    /// Rejects characters that a YAML 1.1 reader takes for a line break
    /// (CR, NEL, LS, PS) and characters outside YAML's printable set.
    private static func checkCharacters(_ text: String) throws {
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0A, 0x09, 0x20...0x7E, 0xA0...0x2027, 0x202A...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF:
                continue
            default:
                throw Failure(description: "character U+\(String(scalar.value, radix: 16, uppercase: true)) outside a quoted scalar")
            }
        }
    }

    // MARK: - Lines

    private static func readLine(_ line: String) throws -> [Scalar] {
        var rest = Substring(line.drop { $0 == " " })
        if rest.isEmpty || rest == "---" || rest.hasPrefix("#") {
            guard rest.isEmpty || rest == "---" || rest == "#" || rest.hasPrefix("# ") else {
                throw Failure(description: "comment without a space after '#'")
            }
            return []
        }
        if rest == "-" { return [] }
        if rest.hasPrefix("- ") {
            rest = rest.dropFirst(2)
            if !isKeyLine(rest) { return [try readValue(rest, key: nil)] }
        }
        return try readEntry(rest)
    }

    /// True when the line (after any dash) is `key:` or `key: value`.
    private static func isKeyLine(_ text: Substring) -> Bool {
        if text.hasPrefix("\"") {
            guard let end = closingQuote(text) else { return false }
            return text[end...].dropFirst().hasPrefix(":")
        }
        return text.hasSuffix(":") || text.contains(": ")
    }

    private static func readEntry(_ text: Substring) throws -> [Scalar] {
        let keyText: Substring
        var rest: Substring
        if text.hasPrefix("\"") {
            guard let end = closingQuote(text) else { throw Failure(description: "unterminated quoted key") }
            keyText = text[...end]
            rest = text[text.index(after: end)...]
        } else {
            let colon = text.range(of: ": ")?.lowerBound ?? text.index(before: text.endIndex)
            keyText = text[..<colon]
            rest = text[colon...]
        }
        guard rest.hasPrefix(":") else { throw Failure(description: "expected ':' after a key") }
        rest = rest.dropFirst()
        let key = try readValue(keyText, key: nil)
        if rest.isEmpty { return [key] }
        guard rest.hasPrefix(" ") else { throw Failure(description: "expected a space after ':'") }
        rest = rest.dropFirst()
        if rest == "{}" || rest == "[]" { return [key] }
        return [key, try readValue(rest, key: key.text)]
    }

    // MARK: - Scalars

    private static func readValue(_ text: Substring, key: String?) throws -> Scalar {
        if text.hasPrefix("\"") {
            guard let end = closingQuote(text), text.index(after: end) == text.endIndex else {
                throw Failure(description: "text after a quoted scalar")
            }
            return Scalar(text: try unescape(text[text.index(after: text.startIndex)..<end]), isPlain: false, key: key)
        }
        if text.isEmpty || text.hasPrefix(" ") || text.hasSuffix(" ") || text.contains(": ") || text.contains(" #") {
            throw Failure(description: "plain scalar that a reader would split or trim")
        }
        return Scalar(text: String(text), isPlain: true, key: key)
    }

    /// Returns the index of the quote that closes the quoted scalar at the start.
    private static func closingQuote(_ text: Substring) -> Substring.Index? {
        var index = text.index(after: text.startIndex)
        while index < text.endIndex {
            switch text[index] {
            case "\\": index = text.index(index, offsetBy: 2, limitedBy: text.endIndex) ?? text.endIndex
            case "\"": return index
            default: index = text.index(after: index)
            }
        }
        return nil
    }

    /// Decodes the escapes of a double-quoted scalar that the YAML spec defines.
    private static func unescape(_ body: Substring) throws -> String {
        var output = ""
        var scalars = body.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            guard scalar == "\\" else {
                output.unicodeScalars.append(scalar)
                continue
            }
            guard let code = scalars.next() else { throw Failure(description: "escape at the end of a scalar") }
            switch code {
            case "\\", "\"", "/": output.unicodeScalars.append(code)
            case "n": output += "\n"
            case "r": output += "\r"
            case "t": output += "\t"
            case "0": output += "\u{0}"
            case "x", "u", "U":
                let digits: Int
                switch code {
                case "x": digits = 2
                case "u": digits = 4
                default: digits = 8
                }
                var hex = ""
                for _ in 0..<digits { hex.unicodeScalars.append(scalars.next() ?? "?") }
                guard let value = UInt32(hex, radix: 16), let decoded = Unicode.Scalar(value) else {
                    throw Failure(description: "invalid escape \\\(code)\(hex)")
                }
                output.unicodeScalars.append(decoded)
            default:
                throw Failure(description: "escape \\\(code) that ramp does not write")
            }
        }
        return output
    }
}

/// The YAML 1.1 and YAML 1.2 core schema patterns for plain scalars that are
/// not strings: null, booleans, integers, floats and timestamps.
enum PlainScalarTypes {
    private static let patterns = [
        // YAML 1.2 core schema.
        "null|Null|NULL|~",
        "true|True|TRUE|false|False|FALSE",
        "[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+",
        "[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)",
        // YAML 1.1 types.
        "y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF",
        "[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(:[0-5]?[0-9])+",
        "[-+]?([0-9][0-9_]*)?\\.[0-9.]*([eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\\.[0-9_]*",
        "[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(([Tt]|[ \\t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(\\.[0-9]*)?([ \\t]*Z|[-+][0-9]{1,2}(:[0-9]{2})?)?)?",
        "<<|=",
    ].map { try! NSRegularExpression(pattern: "^(?:\($0))$") }

    /// Returns whether some YAML reader resolves the plain scalar to a type other than string.
    static func isNonString(_ text: String) -> Bool {
        let range = NSRange(text.startIndex..., in: text)
        return patterns.contains { $0.firstMatch(in: text, range: range) != nil }
    }
}
