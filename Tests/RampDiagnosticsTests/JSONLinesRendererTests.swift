import Foundation
import RampSource
import XCTest

@testable import RampDiagnostics

final class JSONLinesRendererTests: XCTestCase {
    func testSnapshot() {
        let unreadable = Diagnostic(.fileUnreadable("missing.ramp", reason: "No such file or directory"), at: nil)
        let output = JSONLinesRenderer().render([Fixtures.unknownPort, unreadable])
        let expected = """
            {"file":"contracts/shop.ramp","start":{"line":5,"column":16,"offset":139},"end":{"line":5,"column":19,"offset":142},\
            "code":"RAMP0301","name":"unknown-port-name","severity":"error","message":"service 'api' declares no port named 'htp'",\
            "highlights":[{"file":"contracts/shop.ramp","start":{"line":5,"column":5,"offset":128},"end":{"line":5,"column":8,"offset":131},"label":"client"}],\
            "notes":[{"message":"service 'api' is declared here","file":"contracts/shop.ramp","start":{"line":3,"column":13,"offset":54},"end":{"line":3,"column":16,"offset":57}},\
            {"message":"a dependency names a port that its target service declares","file":null,"start":null,"end":null}],\
            "fixIts":[{"message":"use the declared port","file":"contracts/shop.ramp","start":{"line":5,"column":16,"offset":139},"end":{"line":5,"column":19,"offset":142},"replacement":"http"}]}
            {"file":null,"start":null,"end":null,"code":"RAMP0001","name":"file-unreadable","severity":"error",\
            "message":"cannot read 'missing.ramp': No such file or directory","highlights":[],"notes":[],"fixIts":[]}

            """
        XCTAssertEqual(output, expected)
    }

    func testEachLineParsesAsJSON() throws {
        let output = JSONLinesRenderer().render([Fixtures.unknownPort, Fixtures.unknownPort])
        let lines = output.split(separator: "\n")
        XCTAssertEqual(lines.count, 2)
        for line in lines {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            XCTAssertEqual(object?["code"] as? String, "RAMP0301")
        }
    }

    func testColumnsCountScalarsAndOffsetsCountBytes() throws {
        let file = SourceFile(path: "wide.ramp", text: "日本 -> 🚀x\n")
        let diagnostic = Diagnostic(.unknownService("x", namespace: "shop"), at: Fixtures.range(of: "x", in: file))
        let line = JSONLinesRenderer().render([diagnostic])
        let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
        let start = object["start"] as! [String: Any]
        XCTAssertEqual(start["column"] as? Int, 8)
        XCTAssertEqual(start["offset"] as? Int, 14)
    }

    // MARK: - String escaping

    func testEscapesQuotesAndBackslashes() {
        XCTAssertEqual(JSONValue.quoted(#"say "hi" \ bye"#), #""say \"hi\" \\ bye""#)
    }

    func testEscapesControlCharacters() {
        XCTAssertEqual(JSONValue.quoted("a\nb\rc\td\u{08}e\u{0C}f"), #""a\nb\rc\td\be\ff""#)
        XCTAssertEqual(JSONValue.quoted("\u{00}\u{1B}\u{1F}"), #""\u0000\u001b\u001f""#)
    }

    func testEscapesLineAndParagraphSeparators() {
        XCTAssertEqual(JSONValue.quoted("a\u{2028}b\u{2029}c"), #""a\u2028b\u2029c""#)
    }

    func testKeepsNonASCIIAndSlashes() {
        XCTAssertEqual(JSONValue.quoted("日本/🚀é\u{7F}"), "\"日本/🚀é\u{7F}\"")
    }

    func testEscapedStringsRoundTrip() throws {
        let texts = ["", "plain", "quote \" and \\", "\u{00}\u{01}\u{1F} controls", "\r\n", "\u{2028}\u{2029}", "日本 🚀 é́"]
        for text in texts {
            let document = "[" + JSONValue.quoted(text) + "]"
            let parsed = try JSONSerialization.jsonObject(with: Data(document.utf8)) as? [String]
            XCTAssertEqual(parsed, [text], "round trip of \(text.debugDescription)")
        }
    }

    func testPrettyPrinting() {
        let value: JSONValue = .object([("a", .array([.int(1), .bool(true)])), ("b", .object([])), ("c", .array([])), ("d", .null)])
        let expected = """
            {
              "a": [
                1,
                true
              ],
              "b": {},
              "c": [],
              "d": null
            }
            """
        XCTAssertEqual(value.prettyPrinted(), expected)
    }
}
