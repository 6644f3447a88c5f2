import RampSource
import XCTest

@testable import RampDiagnostics

final class TextRendererTests: XCTestCase {
    private let shop = Fixtures.shop

    private func range(_ text: String, in file: SourceFile? = nil, occurrence: Int = 0) -> SourceRange {
        Fixtures.range(of: text, in: file ?? shop, occurrence: occurrence)
    }

    // MARK: - Plain and coloured

    func testPlainSnapshot() {
        let expected = """
            contracts/shop.ramp:5:16: error: service 'api' declares no port named 'htp' [RAMP0301]
            5 |     web -> api:htp
              |     ---        ^~~
              |     |
              |     client
              = note: a dependency names a port that its target service declares
              = fix-it: use the declared port: replace 'htp' with 'http' at 5:16
            contracts/shop.ramp:3:13: note: service 'api' is declared here
            3 |     service api [app=api] ports http:8080
              |             ^~~

            """
        XCTAssertEqual(TextRenderer().render([Fixtures.unknownPort]), expected)
    }

    func testColoredSnapshot() {
        let bold = "\u{1B}[1m", red = "\u{1B}[1;31m", green = "\u{1B}[1;32m", blue = "\u{1B}[1;34m", reset = "\u{1B}[0m"
        let expected = """
            \(bold)contracts/shop.ramp:5:16:\(reset) \(red)error:\(reset) \(bold)service 'api' declares no port named 'htp' [RAMP0301]\(reset)
            \(blue)5 |\(reset)     web -> api:htp
              \(blue)|\(reset)     \(blue)---\(reset)        \(green)^~~\(reset)
              \(blue)|\(reset)     \(blue)|\(reset)
              \(blue)|\(reset)     \(blue)client\(reset)
              = \(bold)note:\(reset) a dependency names a port that its target service declares
              = \(green)fix-it:\(reset) use the declared port: replace 'htp' with 'http' at 5:16
            \(bold)contracts/shop.ramp:3:13:\(reset) \(bold)note:\(reset) \(bold)service 'api' is declared here\(reset)
            \(blue)3 |\(reset)     service api [app=api] ports http:8080
              \(blue)|\(reset)             \(green)^~~\(reset)

            """
        XCTAssertEqual(TextRenderer(colored: true).render([Fixtures.unknownPort]), expected)
    }

    func testWarningHeaderIsMagenta() {
        let warning = DiagnosticID(9001, "test-warning", .warning, "a warning for tests")
        let output = TextRenderer(colored: true).render(Diagnostic(DiagnosticMessage(warning, "unused"), at: nil))
        XCTAssertEqual(output, "ramp: \u{1B}[1;35mwarning:\u{1B}[0m \u{1B}[1munused [RAMP9001]\u{1B}[0m\n")
    }

    func testDiagnosticWithoutLocation() {
        let diagnostic = Diagnostic(.fileUnreadable("missing.ramp", reason: "No such file or directory"), at: nil)
        XCTAssertEqual(
            TextRenderer().render(diagnostic),
            "ramp: error: cannot read 'missing.ramp': No such file or directory [RAMP0001]\n"
        )
    }

    // MARK: - Columns

    func testTabsAreReusedInMarkerLines() {
        // The gutter "2 | " is 4 columns wide, so the first tab fills 4 columns
        // and the second, after "web", 5: the marked one is drawn as 5 dashes.
        let file = SourceFile(path: "tabs.ramp", text: "namespace shop {\n\tweb\t-> api:htp\n}\n")
        let diagnostic = Diagnostic(
            .unknownPortName("htp", service: "api"),
            at: range("htp", in: file),
            highlights: [Highlight(range("\t-> ", in: file), label: "arrow")]
        )
        let expected = """
            tabs.ramp:2:13: error: service 'api' declares no port named 'htp' [RAMP0301]
            2 | \tweb\t-> api:htp
              | \t   --------    ^~~
              | \t   |
              | \t   arrow

            """
        XCTAssertEqual(TextRenderer().render(diagnostic), expected)
    }

    func testWideCharactersAndEmoji() {
        // Columns count scalars, so 🚀 is column 23. Markers are two cells wide
        // under each CJK ideograph and under the emoji.
        let file = SourceFile(path: "wide.ramp", text: "namespace 日本 { web -> 🚀:http }\n")
        let diagnostic = Diagnostic(
            .unknownService("🚀", namespace: "日本"),
            at: range("🚀", in: file),
            highlights: [Highlight(range("日本", in: file), label: "namespace")]
        )
        let expected = """
            wide.ramp:1:23: error: unknown service '🚀' in namespace '日本' [RAMP0201]
            1 | namespace 日本 { web -> 🚀:http }
              |           ----          ^~
              |           |
              |           namespace

            """
        XCTAssertEqual(TextRenderer().render(diagnostic), expected)
    }

    func testCombiningMarks() {
        // "café́" is five scalars in four clusters and "x̃" two scalars in one:
        // the column counts scalars, the markers count clusters.
        let file = SourceFile(path: "marks.ramp", text: "service café́ [app=x̃] ports 80800\n")
        let diagnostic = Diagnostic(
            .invalidPort("80800"),
            at: range("80800", in: file),
            highlights: [Highlight(range("x̃", in: file), label: "combining")]
        )
        let expected = """
            marks.ramp:1:30: error: invalid port '80800'; a port is a number from 1 to 65535 [RAMP0303]
            1 | service café́ [app=x̃] ports 80800
              |                   -        ^~~~~
              |                   |
              |                   combining

            """
        XCTAssertEqual(TextRenderer().render(diagnostic), expected)
    }

    /// A Latin-1 'é' is a leading byte of a 3-byte sequence without its
    /// continuation bytes, so only that byte becomes U+FFFD: the 'b' and the
    /// space after it stay in the snippet and in the column count.
    func testInvalidByteKeepsTheBytesAfterIt() {
        let bytes = Array("service w".utf8) + [0xE9] + Array("b ports 80800\n".utf8)
        let file = SourceFile(path: "latin1.ramp", bytes: bytes)
        let diagnostic = Diagnostic(.invalidPort("80800"), at: SourceRange(file: file, start: 18, end: 23))
        let expected = """
            latin1.ramp:1:19: error: invalid port '80800'; a port is a number from 1 to 65535 [RAMP0303]
            1 | service w\u{FFFD}b ports 80800
              |                   ^~~~~

            """
        XCTAssertEqual(TextRenderer().render(diagnostic), expected)
    }

    func testControlCharactersAreShownAsSymbols() {
        let file = SourceFile(path: "control.ramp", text: "web\u{1B}[31m -> api\n")
        let output = TextRenderer().render(Diagnostic(.invalidCharacter("'\\u{1B}'"), at: range("\u{1B}", in: file)))
        let expected = """
            control.ramp:1:4: error: unexpected character '\\u{1B}' in contract [RAMP0103]
            1 | web\u{241B}[31m -> api
              |    ^

            """
        XCTAssertEqual(output, expected)
        XCTAssertFalse(output.unicodeScalars.contains("\u{1B}"))
    }

    /// Editors and log viewers break lines at U+2028 and U+2029, which would
    /// split a diagnostic in the middle of its message or snippet.
    func testLineSeparatorsAreReplaced() {
        let file = SourceFile(path: "separators.ramp", text: "service a\u{2028}b [app=a\u{2029}]\n")
        let output = TextRenderer().render(
            Diagnostic(.invalidCharacter("'a\u{2029}'"), at: range("\u{2029}", in: file))
        )
        let expected = """
            separators.ramp:1:19: error: unexpected character 'a\u{FFFD}' in contract [RAMP0103]
            1 | service a\u{FFFD}b [app=a\u{FFFD}]
              |                   ^

            """
        XCTAssertEqual(output, expected)
        XCTAssertFalse(output.unicodeScalars.contains("\u{2028}"))
        XCTAssertFalse(output.unicodeScalars.contains("\u{2029}"))
    }

    // MARK: - Spans, files and fix-its

    func testHighlightsAndNotesInOtherFiles() {
        let billing = SourceFile(path: "billing.ramp", text: "namespace billing {\n    service api [app=api]\n}\n")
        let diagnostic = Diagnostic(
            .duplicateService("api", namespace: "shop"),
            at: range("api"),
            highlights: [Highlight(range("api", in: billing), label: "same name here")],
            notes: [Note("first declared here", at: range("service api", in: billing))]
        )
        let expected = """
            contracts/shop.ramp:3:13: error: service 'api' is already declared in namespace 'shop' [RAMP0204]
            3 |     service api [app=api] ports http:8080
              |             ^~~
              ::: billing.ramp:2:13
            2 |     service api [app=api]
              |             --- same name here
            billing.ramp:2:5: note: first declared here
            2 |     service api [app=api]
              |     ^~~~~~~~~~~

            """
        XCTAssertEqual(TextRenderer().render(diagnostic), expected)
    }

    func testLongSpanShowsFirstTwoAndLastLines() {
        let span = range("{\n    deny").merged(with: range("}"))
        let expected = """
            contracts/shop.ramp:1:16: error: namespace 'shop' already states its posture; list every direction in one 'deny' statement [RAMP0206]
            1 | namespace shop {
              |                ^
            2 |     deny ingress, egress
              |     ~~~~~~~~~~~~~~~~~~~~
            ...
            6 | }
              | ~

            """
        XCTAssertEqual(TextRenderer().render(Diagnostic(.duplicatePosture(namespace: "shop"), at: span)), expected)
    }

    func testSpanOverTwoLinesMarksBoth() {
        let span = range("web [app=web]").merged(with: range("web ->"))
        let expected = """
            contracts/shop.ramp:4:13: error: service 'web' is already declared in namespace 'shop' [RAMP0204]
            4 |     service web [app=web] ports http:80
              |             ^~~~~~~~~~~~~~~~~~~~~~~~~~~
            5 |     web -> api:htp
              |     ~~~~~~

            """
        XCTAssertEqual(TextRenderer().render(Diagnostic(.duplicateService("web", namespace: "shop"), at: span)), expected)
    }

    func testRangeAtNewlineAndFixItKinds() {
        let htp = range("htp")
        let newline = SourceRange(file: shop, start: htp.end, end: htp.end + 1)
        let billing = SourceFile(path: "billing.ramp", text: "namespace billing {\n}\n")
        let diagnostic = Diagnostic(
            .expected("'}'", found: "newline"),
            at: newline,
            fixIts: [
                FixIt("close the block", replacing: SourceRange(file: shop, start: htp.end, end: htp.end), with: " }"),
                FixIt("drop the dependency", replacing: range("web -> "), with: ""),
                FixIt("rename", replacing: range("billing", in: billing), with: "a\nb"),
            ]
        )
        let expected = """
            contracts/shop.ramp:5:19: error: expected '}', found newline [RAMP0101]
            5 |     web -> api:htp
              |                   ^
              = fix-it: close the block: insert ' }' at 5:19
              = fix-it: drop the dependency: remove 'web -> ' at 5:5
              = fix-it: rename: replace 'billing' with 'a\\nb' at billing.ramp:1:11

            """
        XCTAssertEqual(TextRenderer().render(diagnostic), expected)
    }

    func testGapOfOneLineIsPrinted() {
        let diagnostic = Diagnostic(
            .unknownPortName("htp", service: "api"),
            at: range("htp"),
            highlights: [Highlight(range("api [app=api]"), label: "declared without it")]
        )
        let expected = """
            contracts/shop.ramp:5:16: error: service 'api' declares no port named 'htp' [RAMP0301]
            3 |     service api [app=api] ports http:8080
              |             ------------- declared without it
            4 |     service web [app=web] ports http:80
            5 |     web -> api:htp
              |                ^~~

            """
        XCTAssertEqual(TextRenderer().render(diagnostic), expected)
    }

    func testGutterWidensForTwoDigitLines() {
        let text = String(repeating: "\n", count: 9) + "web -> api:htp\n"
        let file = SourceFile(path: "long.ramp", text: text)
        let expected = """
            long.ramp:10:12: error: service 'api' declares no port named 'htp' [RAMP0301]
            10 | web -> api:htp
               |            ^~~
               = note: check the spelling

            """
        let diagnostic = Diagnostic(.unknownPortName("htp", service: "api"), at: range("htp", in: file), notes: [Note("check the spelling")])
        XCTAssertEqual(TextRenderer().render(diagnostic), expected)
    }
}
