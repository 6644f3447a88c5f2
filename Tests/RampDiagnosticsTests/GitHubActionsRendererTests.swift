import RampSource
import XCTest

@testable import RampDiagnostics

final class GitHubActionsRendererTests: XCTestCase {
    func testSnapshot() {
        let expected = """
            ::error file=contracts/shop.ramp,line=5,col=16,endLine=5,endColumn=19,\
            title=RAMP0301%3A a dependency names a port that the service does not declare::\
            service 'api' declares no port named 'htp'\
            %0Acontracts/shop.ramp:5:5: client\
            %0Anote: a dependency names a port that its target service declares\
            %0Afix-it: use the declared port: replace 'htp' with 'http' at 5:16
            ::notice file=contracts/shop.ramp,line=3,col=13,endLine=3,endColumn=16,\
            title=RAMP0301%3A a dependency names a port that the service does not declare::\
            service 'api' is declared here

            """
        XCTAssertEqual(GitHubActionsRenderer().render([Fixtures.unknownPort]), expected)
    }

    func testEscapesMessagePathAndTitle() {
        // The path contains the property delimiters ',' and ':', and '%'. The
        // message contains '%', CR and LF, and the title (the summary) a ','.
        let file = SourceFile(path: "dir,a:b/100%.ramp", text: "service dns ports dns:53/tpc\n")
        let diagnostic = Diagnostic(
            DiagnosticMessage(.invalidProtocol, "invalid protocol 'tpc' (100% wrong)\r\nsee: docs, page 2"),
            at: Fixtures.range(of: "tpc", in: file)
        )
        let expected = """
            ::error file=dir%2Ca%3Ab/100%25.ramp,line=1,col=26,endLine=1,endColumn=29,\
            title=RAMP0305%3A a protocol other than tcp%2C udp or sctp::\
            invalid protocol 'tpc' (100%25 wrong)%0D%0Asee: docs, page 2

            """
        XCTAssertEqual(GitHubActionsRenderer().render(diagnostic), expected)
    }

    func testEscapedCommandDecodesToOriginal() {
        // The runner decodes %0D, %0A, %3A and %2C before %25 (actions/runner,
        // ActionCommand.UnescapeProperty), and a literal "%3A" must survive that.
        let texts = ["a:b,c", "100%", "literal %3A and %0A", "line\r\nbreak", "日本:🚀"]
        for text in texts {
            XCTAssertEqual(runnerUnescapeProperty(GitHubActionsRenderer.escapeProperty(text)), text)
            XCTAssertEqual(runnerUnescapeData(GitHubActionsRenderer.escapeData(text)), text)
        }
    }

    func testMultiLineRangeHasNoColumns() {
        let span = Fixtures.range(of: "web [app=web]", in: Fixtures.shop).merged(with: Fixtures.range(of: "web ->", in: Fixtures.shop))
        let output = GitHubActionsRenderer().render(Diagnostic(.duplicateService("web", namespace: "shop"), at: span))
        XCTAssertTrue(output.hasPrefix("::error file=contracts/shop.ramp,line=4,endLine=5,title="), output)
    }

    func testRangeEndingWithNewlineStaysOnItsLine() {
        let htp = Fixtures.range(of: "htp\n", in: Fixtures.shop)
        let output = GitHubActionsRenderer().render(Diagnostic(.unknownPortName("htp", service: "api"), at: htp))
        XCTAssertTrue(output.hasPrefix("::error file=contracts/shop.ramp,line=5,col=16,endLine=5,endColumn=20,title="), output)
    }

    func testEndColumnAfterEmoji() {
        let file = SourceFile(path: "wide.ramp", text: "namespace 日本 { web -> 🚀:http }\n")
        let output = GitHubActionsRenderer().render(Diagnostic(.unknownService("🚀", namespace: "日本"), at: Fixtures.range(of: "🚀", in: file)))
        XCTAssertTrue(output.hasPrefix("::error file=wide.ramp,line=1,col=23,endLine=1,endColumn=24,title="), output)
    }

    func testEmptyRangeHasNoEndColumn() {
        let point = SourceRange(file: Fixtures.shop, start: 17, end: 17)
        let output = GitHubActionsRenderer().render(Diagnostic(.expected("'}'", found: "'deny'"), at: point))
        XCTAssertTrue(output.hasPrefix("::error file=contracts/shop.ramp,line=2,col=1,endLine=2,title="), output)
    }

    func testSeveritiesMapToCommands() {
        let warning = DiagnosticID(9001, "test-warning", .warning, "a warning for tests")
        let note = DiagnosticID(9002, "test-note", .note, "a note for tests")
        let output = GitHubActionsRenderer().render([
            Diagnostic(DiagnosticMessage(warning, "w"), at: nil),
            Diagnostic(DiagnosticMessage(note, "n"), at: nil),
        ])
        XCTAssertEqual(output, "::warning title=RAMP9001%3A a warning for tests::w\n::notice title=RAMP9002%3A a note for tests::n\n")
    }

    // MARK: - The runner's decoding

    private func runnerUnescapeData(_ text: String) -> String {
        text.replacingOccurrences(of: "%0D", with: "\r")
            .replacingOccurrences(of: "%0A", with: "\n")
            .replacingOccurrences(of: "%25", with: "%")
    }

    private func runnerUnescapeProperty(_ text: String) -> String {
        text.replacingOccurrences(of: "%0D", with: "\r")
            .replacingOccurrences(of: "%0A", with: "\n")
            .replacingOccurrences(of: "%3A", with: ":")
            .replacingOccurrences(of: "%2C", with: ",")
            .replacingOccurrences(of: "%25", with: "%")
    }
}
