import Foundation
import RampDiagnostics
import RampDriver
import RampSource
import RampSynthetic
import XCTest

/// Inputs that no one writes on purpose: megabytes on one line, deep
/// nesting, binary data and other encodings. Each must give diagnostics and
/// must not crash; the tests check the diagnostics, not the time taken.
final class HostileInputTests: XCTestCase {
    private func compileBytes(_ bytes: [UInt8]) -> Compilation {
        var compilation = Compilation()
        compilation.compile([SourceFile(path: "hostile.ramp", bytes: bytes)])
        return compilation
    }

    /// Renders the diagnostics as the driver does, so rendering is covered too.
    private func render(_ compilation: Compilation) -> String {
        TextRenderer().render(compilation.diagnostics.sorted())
    }

    // MARK: - Size

    func testTenMegabyteWordOnOneLine() {
        let compilation = compile(String(repeating: "a", count: 10 << 20))

        XCTAssertEqual(messages(compilation), [
            "1:1: error: expected 'namespace', 'network', 'profile', 'parameter' or 'environment', found '\(String(repeating: "a", count: 64))…' (10485760 characters)",
        ])
    }

    /// Ten thousand clients with names of a kilobyte: ten megabytes in one statement.
    func testTenMegabyteStatementOnOneLine() {
        let client = String(repeating: "w", count: 1_022) + ", "
        let compilation = compile("namespace a { " + String(repeating: client, count: 10 << 10) + "}")

        XCTAssertEqual(messages(compilation), [
            "1:10485775: error: expected a service, 'namespace', 'namespaces', 'cluster', 'internet' or 'network', found '}'",
        ])
    }

    func testTenMegabyteStringLiteral() {
        let compilation = compile("namespace a {\n  service s [app=\"" + String(repeating: "x", count: 10 << 20) + "\"]\n}\n")

        XCTAssertEqual(messages(compilation), [
            "2:18: error: invalid label value '\(String(repeating: "x", count: 64))…' (10485760 characters): value must be at most 63 characters, found 10485760",
        ])
    }

    func testManyErrorLines() {
        let compilation = compile(String(repeating: "(\n", count: 100_000))

        XCTAssertEqual(compilation.diagnostics.errorCount, 100_000)
        XCTAssertEqual(messages(compilation).last, "100000:1: error: expected 'namespace', 'network', 'profile', 'parameter' or 'environment', found '('")
    }

    // MARK: - Nesting

    func testHundredThousandParentheses() {
        let compilation = compile("namespace a {\n  web -> api:" + String(repeating: "(", count: 100_000) + "\n}\n")

        XCTAssertEqual(messages(compilation), ["2:15: error: expected port name or number, found '('"])
    }

    func testHundredThousandBrackets() {
        let compilation = compile("namespace a {\n  service s " + String(repeating: "[", count: 100_000) + "\n}\n")

        XCTAssertEqual(messages(compilation), ["2:14: error: expected label key, found '['"])
    }

    func testHundredThousandBraces() {
        let compilation = compile(String(repeating: "namespace a {", count: 100_000))

        XCTAssertEqual(messages(compilation), ["1:14: error: expected a statement, found 'namespace'"])
    }

    // MARK: - Encodings and binary data

    func testBinaryBytesStopAtTheFirstInvalidByte() {
        var random = SplitMix64(seed: 42)
        let bytes = (0..<(1 << 20)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
        let offset = SourceFile.firstInvalidUTF8Offset(bytes)!

        let compilation = compileBytes(bytes)

        let (line, column) = SourceFile(path: "x", bytes: bytes).lineAndColumn(of: offset)
        XCTAssertEqual(messages(compilation), [
            "\(line):\(column): error: invalid UTF-8 byte sequence at byte offset \(offset); save the file as UTF-8",
        ])
    }

    /// Valid UTF-8 made of random characters: every line has an error, and
    /// each is reported once.
    func testRandomCharactersGiveOneErrorPerLine() {
        var random = SplitMix64(seed: 7)
        var text = ""
        for _ in 0..<200_000 {
            let value = UInt32(random.next(below: 0x3000))
            text.unicodeScalars.append(Unicode.Scalar(value) ?? "?")
        }
        let compilation = compile(text)

        let lines = Set(compilation.diagnostics.diagnostics.compactMap { $0.range.map { $0.file.lineIndex(of: $0.start) } })
        XCTAssertTrue(compilation.diagnostics.hasErrors)
        XCTAssertEqual(lines.count, compilation.diagnostics.errorCount)
        XCTAssertFalse(render(compilation).isEmpty)
    }

    func testOtherEncodingsAreRejectedAtTheirFirstByte() {
        let cases: [(name: String, bytes: [UInt8], offset: Int)] = [
            ("Latin-1", Array("namespace caf".utf8) + [0xE9], 13),
            ("UTF-16 with byte order mark", [0xFF, 0xFE, 0x6E, 0x00], 0),
            ("overlong slash", Array("a".utf8) + [0xC0, 0xAF], 1),
            ("surrogate half", [0x61, 0xED, 0xA0, 0x80], 1),
            ("five-byte sequence", [0xF8, 0x88, 0x80, 0x80, 0x80], 0),
            ("truncated sequence at the end", Array("namespace a {}".utf8) + [0xE2, 0x82], 14),
        ]
        for (name, bytes, offset) in cases {
            let compilation = compileBytes(bytes)
            XCTAssertEqual(
                messages(compilation).map { $0.drop { $0 != " " } },
                [" error: invalid UTF-8 byte sequence at byte offset \(offset); save the file as UTF-8"],
                name
            )
        }
    }

    func testNullBytesAndControlCharacters() {
        let compilation = compileBytes(Array("namespace a {\n  web\u{0} -> api\n\u{1B}[2J\n}\n".utf8))

        XCTAssertEqual(messages(compilation), [
            "2:6: error: unexpected character U+0000 in contract",
            "3:1: error: unexpected character U+001B in contract",
        ])
    }

    /// Code points beyond four digits keep all of them.
    func testCodePointOfFiveDigits() {
        let compilation = compileBytes(Array("namespace a {\n  web \u{1F600}\n}\n".utf8))

        XCTAssertEqual(messages(compilation), ["2:7: error: unexpected character '\u{1F600}' (U+1F600) in contract"])
    }
}
