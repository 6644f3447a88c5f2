import RampYAML
import XCTest

final class ScalarTests: XCTestCase {
    func testCoreSchemaResolution() {
        let cases: [(String, YAMLResolvedScalar)] = [
            ("80", .int(80)), ("-5", .int(-5)), ("+7", .int(7)), ("0o17", .int(15)), ("0x1F", .int(31)),
            ("1.5", .float(1.5)), ("1e3", .float(1000)), (".5", .float(0.5)), ("1.", .float(1)), ("-.inf", .float(-.infinity)),
            ("true", .bool(true)), ("False", .bool(false)), ("TRUE", .bool(true)),
            ("null", .null), ("~", .null), ("", .null), ("NULL", .null),
            ("yes", .string("yes")), ("on", .string("on")), ("y", .string("y")), ("0b101", .string("0b101")),
            ("1_000", .string("1_000")), ("0x", .string("0x")), ("1e", .string("1e")), ("tRue", .string("tRue")),
            ("99999999999999999999", .largeInt("99999999999999999999")), ("080", .int(80)), ("1:30", .string("1:30")),
        ]
        for (text, expected) in cases {
            XCTAssertEqual(YAMLScalar.resolvePlain(text), expected, "resolving '\(text)'")
        }
    }

    func testYAML11Booleans() {
        let (documents, _) = readYAML("[yes, No, ON, y, off, 'yes', true, maybe]\n")
        let flags = documents[0].root.sequence!.map { $0.scalar!.yaml11Boolean }
        XCTAssertEqual(flags, [true, false, true, true, false, nil, nil, nil])
    }

    func testNaNResolvesToFloat() {
        guard case .float(let number) = YAMLScalar.resolvePlain(".nan") else { return XCTFail("expected a float") }
        XCTAssertTrue(number.isNaN)
    }

    func testQuotedScalarsAreStrings() {
        XCTAssertEqual(renderYAML("a: \"80\"\nb: 80\nc: 'yes'\nd: yes\ne: 'true'\nf: true\ng: \"\"\nh: ''\n"), [
            #"{"a": "80", "b": 80, "c": "yes", "d": "yes", "e": "true", "f": true, "g": "", "h": ""}"#,
        ])
    }

    func testScalarStylesAreKept() {
        let (documents, _) = readYAML("a: plain\nb: 'single'\nc: \"double\"\nd: |\n  lit\ne: >\n  fold\n")
        let styles = documents[0].root.mapping!.map { $0.value.scalar!.style }
        XCTAssertEqual(styles, [.plain, .singleQuoted, .doubleQuoted, .literal, .folded])
    }

    func testDoubleQuotedEscapes() {
        let text = #"a: "tab\tnl\nq\"bs\\sl\/x\x41u\u00e9U\U0001F600nul\0e\e sp\ ""#
        XCTAssertEqual(renderYAML(text), [#"{"a": "tab\tnl\nq\"bs\\sl/xAuéU😀nul\x00e\x1B sp "}"#])
    }

    func testSingleQuotedEscape() {
        XCTAssertEqual(renderYAML("a: 'it''s'\n"), [#"{"a": "it's"}"#])
    }

    func testQuotedScalarFolding() {
        let text = "a: \"one\n  two\n\n  three  \"\nb: 'x\n   y'\nc: \"join\\\n   ed\"\n"
        XCTAssertEqual(renderYAML(text), [#"{"a": "one two\nthree  ", "b": "x y", "c": "joined"}"#])
    }

    func testLiteralBlockScalarChomping() {
        let text = "clip: |\n  a\n  b\n\nstrip: |-\n  a\n\nkeep: |+\n  a\n\n\nlast: x\n"
        XCTAssertEqual(renderYAML(text), [#"{"clip": "a\nb\n", "strip": "a", "keep": "a\n\n\n", "last": "x"}"#])
    }

    func testFoldedBlockScalar() {
        let text = "a: >\n  one\n  two\n\n  three\n    indented\n  four\nb: >-\n  x\n  y\n"
        XCTAssertEqual(renderYAML(text), [#"{"a": "one two\nthree\n  indented\nfour\n", "b": "x y"}"#])
    }

    func testBlockScalarExplicitIndentation() {
        XCTAssertEqual(renderYAML("a: |2\n    indented\n  base\n"), [#"{"a": "  indented\nbase\n"}"#])
    }

    func testBlockScalarKeepsHashAndColon() {
        XCTAssertEqual(renderYAML("a: | # comment\n  # not a comment\n  k: v\nb: 1\n"), [##"{"a": "# not a comment\nk: v\n", "b": 1}"##])
    }

    func testBlockScalarInSequenceAndAtEnd() {
        XCTAssertEqual(renderYAML("- |\n  a\n- >-\n  b\n  c"), [#"["a\n", "b c"]"#])
    }

    func testEmptyBlockScalar() {
        XCTAssertEqual(renderYAML("a: |\nb: >+\n\n"), [#"{"a": "", "b": "\n"}"#])
    }

    func testScalarRangesPointAtValues() {
        let (documents, _) = readYAML("metadata:\n  name: \"web\"\n  port: 80\n")
        let metadata = documents[0].root["metadata"]!
        XCTAssertEqual(position(metadata["name"]!.range), "2:9")
        XCTAssertEqual(metadata["name"]!.range.text, "\"web\"")
        XCTAssertEqual(position(metadata["port"]!.range), "3:9")
        XCTAssertEqual(metadata.mapping![1].key.range.text, "port")
        XCTAssertEqual(position(metadata.range), "2:3")
    }
}
