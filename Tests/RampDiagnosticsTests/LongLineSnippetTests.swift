import RampSource
import XCTest

@testable import RampDiagnostics

/// A line wider than `LineLayout.maximumColumns` prints as a window around
/// its mark, with `...` on each cut side and the caret under the same character.
final class LongLineSnippetTests: XCTestCase {
    private func render(_ text: String, at range: Range<Int>) -> String {
        let file = SourceFile(path: "long.ramp", text: text)
        let diagnostic = Diagnostic(.unterminatedString, at: SourceRange(file: file, start: range.lowerBound, end: range.upperBound))
        return TextRenderer().render(diagnostic)
    }

    private func repeated(_ text: String, _ count: Int) -> String {
        String(repeating: text, count: count)
    }

    func testCaretAtEndOfLongLine() {
        let line = "namespace a { " + repeated("x", 300)
        let expected = """
            long.ramp:1:315: error: unterminated string literal; add the closing '"' on the same line [RAMP0102]
            1 | ...\(repeated("x", 120))
              | \(repeated(" ", 123))^

            """
        XCTAssertEqual(render(line + "\n", at: 314..<314), expected)
    }

    func testCaretInMiddleOfLongLine() {
        let line = repeated("a", 500) + "b" + repeated("a", 499)
        let expected = """
            long.ramp:1:501: error: unterminated string literal; add the closing '"' on the same line [RAMP0102]
            1 | ...\(repeated("a", 40))b\(repeated("a", 79))...
              | \(repeated(" ", 43))^

            """
        XCTAssertEqual(render(line + "\n", at: 500..<501), expected)
    }

    func testLongRangeEndsUnderEllipsis() {
        let line = repeated("a", 500) + "b" + repeated("a", 499)
        let expected = """
            long.ramp:1:501: error: unterminated string literal; add the closing '"' on the same line [RAMP0102]
            1 | ...\(repeated("a", 40))b\(repeated("a", 79))...
              | \(repeated(" ", 43))^\(repeated("~", 82))

            """
        XCTAssertEqual(render(line + "\n", at: 500..<1000), expected)
    }

    func testCaretNearStartCutsOnlyTheRight() {
        let line = "ab" + repeated("c", 200)
        let expected = """
            long.ramp:1:2: error: unterminated string literal; add the closing '"' on the same line [RAMP0102]
            1 | ab\(repeated("c", 118))...
              |  ^

            """
        XCTAssertEqual(render(line + "\n", at: 1..<2), expected)
    }

    /// Two-byte characters: the window is counted in characters, and the
    /// caret stays under the marked one.
    func testMultibyteLongLine() {
        let line = repeated("é", 300) + "b" + repeated("é", 300)
        let start = 600
        let expected = """
            long.ramp:1:301: error: unterminated string literal; add the closing '"' on the same line [RAMP0102]
            1 | ...\(repeated("é", 40))b\(repeated("é", 79))...
              | \(repeated(" ", 43))^

            """
        XCTAssertEqual(render(line + "\n", at: start..<start + 1), expected)
    }

    func testLineOfMaximumWidthIsNotCut() {
        let line = repeated("a", 119) + "b"
        let expected = """
            long.ramp:1:120: error: unterminated string literal; add the closing '"' on the same line [RAMP0102]
            1 | \(line)
              | \(repeated(" ", 119))^

            """
        XCTAssertEqual(render(line + "\n", at: 119..<120), expected)
    }

    /// Ten megabytes on one line print as one screen line, not ten megabytes.
    func testTenMegabyteLineIsCut() {
        let line = "namespace a { " + repeated("x", 10 << 20)
        let output = render(line, at: line.utf8.count..<line.utf8.count)
        XCTAssertEqual(output.utf8.count, 363)
        XCTAssertTrue(output.hasSuffix("1 | ...\(repeated("x", 120))\n  | \(repeated(" ", 123))^\n"))
    }
}
