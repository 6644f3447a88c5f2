import RampYAML
import XCTest

/// `ScalarQuoting.needsQuotes` works on bytes for speed. These tests compare
/// it with the rules written out plainly over Unicode scalars, on many
/// generated strings.
final class ScalarQuotingReferenceTests: XCTestCase {
    func testAgreesWithPlainRulesOnGeneratedStrings() {
        let alphabet: [String] = [
            "a", "Y", "e", "E", "s", "N", "o", "x", "0", "1", "9", "_", ".", ":", "+", "-", " ", "#", ",", "[", "]",
            "{", "}", "&", "*", "!", "|", ">", "'", "\"", "%", "@", "`", "?", "~", "/", "\t", "\n", "\r\n", "\u{85}",
            "\u{2028}", "é", "ß", "\u{7F}", "inf", "nan", "true", "null", "2001-", "12",
        ]
        var values = alphabet.flatMap { first in alphabet.map { first + $0 } }
        // A fixed linear congruential sequence, so every run checks the same strings.
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        for _ in 0..<20_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let length = 3 + Int(state >> 60)
            values.append((0..<length).map { position in
                alphabet[Int((state >> (UInt64(position) * 5 % 59)) % UInt64(alphabet.count))]
            }.joined())
        }
        for value in values where ScalarQuoting.needsQuotes(value) != PlainQuotingRules.needsQuotes(value) {
            XCTFail("needsQuotes disagrees with the plain rules for \(value.debugDescription)")
        }
    }
}

/// The quoting rules over Unicode scalars and Characters, as first written.
private enum PlainQuotingRules {
    static func needsQuotes(_ value: String) -> Bool {
        if value.isEmpty { return true }
        if ["y", "yes", "n", "no", "true", "false", "on", "off", "null", "~"].contains(value.lowercased()) { return true }
        if looksNumeric(value) { return true }
        return hasUnsafeCharacters(value)
    }

    static func looksNumeric(_ value: String) -> Bool {
        if [".inf", "-.inf", "+.inf", ".nan"].contains(value.lowercased()) { return true }
        guard let first = value.unicodeScalars.first else { return false }
        guard ("0"..."9").contains(first) || first == "-" || first == "+" || first == "." else { return false }
        let numberCharacters = Set("0123456789abcdefABCDEFxXoO_.:+-eE")
        if value.allSatisfy({ numberCharacters.contains($0) }) { return true }
        let scalars = Array(value.unicodeScalars)
        guard scalars.count >= 10 else { return false }
        return scalars[0..<4].allSatisfy { ("0"..."9").contains($0) } && scalars[4] == "-"
    }

    static func hasUnsafeCharacters(_ value: String) -> Bool {
        let scalars = Array(value.unicodeScalars)
        if Set("-?:,[]{}#&*!|>'\"%@` ".unicodeScalars).contains(scalars[0]) { return true }
        if scalars.last == " " || scalars.last == ":" { return true }
        for (index, scalar) in scalars.enumerated() {
            if scalar.value < 0x20 || scalar.value >= 0x7F { return true }
            if scalar == ":" && index + 1 < scalars.count && scalars[index + 1] == " " { return true }
            if scalar == "#" && index > 0 && scalars[index - 1] == " " { return true }
            if ["[", "]", "{", "}", ","].contains(scalar) { return true }
        }
        return false
    }
}
