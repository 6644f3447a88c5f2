import RampYAML
import XCTest

/// Comments carry contract paths, which users control, so no character may
/// end a comment line early or make the stream invalid.
final class CommentSafetyTests: XCTestCase {
    private func emitComment(_ text: String) -> String {
        YAMLEmitter().emit(header: [text], documents: [])
    }

    func testLineBreaksBecomeSpaces() {
        XCTAssertEqual(emitComment("a\nkind: Secret"), "# a kind: Secret\n")
        XCTAssertEqual(emitComment("a\r\nkind: Secret"), "# a  kind: Secret\n")
        XCTAssertEqual(emitComment("a\rb"), "# a b\n")
    }

    /// YAML 1.1 readers such as PyYAML also break lines at NEL, LS and PS.
    func testUnicodeLineBreaksBecomeSpaces() {
        XCTAssertEqual(emitComment("a\u{85}b"), "# a b\n")
        XCTAssertEqual(emitComment("a\u{2028}kind: Secret"), "# a kind: Secret\n")
        XCTAssertEqual(emitComment("a\u{2029}b"), "# a b\n")
    }

    func testNonPrintableCharactersBecomeSpaces() {
        XCTAssertEqual(emitComment("nul\u{0}esc\u{1B}del\u{7F}c1\u{9B}"), "# nul esc del c1 \n")
        XCTAssertEqual(emitComment("tab\tcafé ✓"), "# tab\tcafé ✓\n")
    }

    func testQuotedScalarsEscapeEveryNonPrintableCharacter() {
        XCTAssertEqual(ScalarQuoting.render("c1\u{9B}"), "\"c1\\x9B\"")
        XCTAssertEqual(ScalarQuoting.render("bom\u{FEFF}"), "\"bom\\uFEFF\"")
        XCTAssertEqual(ScalarQuoting.render("nonchar\u{FFFE}"), "\"nonchar\\uFFFE\"")
    }
}
