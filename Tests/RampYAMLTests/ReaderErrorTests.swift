import RampDiagnostics
import RampSource
import RampYAML
import XCTest

/// Each malformed input with the exact diagnostics it produces, as
/// `line:column: message [code]`.
final class ReaderErrorTests: XCTestCase {
    func testTabInIndentation() {
        XCTAssertEqual(yamlDiagnostics("a:\n\t- x\n"), ["2:1: tab character in indentation; indent YAML with spaces [RAMP0504]"])
    }

    func testDuplicateKeyInBlockMapping() {
        let (_, diagnostics) = readYAML("a: 1\nb: 2\na: 3\n")
        XCTAssertEqual(diagnostics.map(describe), ["3:1: duplicate mapping key 'a'; remove or rename one of the entries [RAMP0505]"])
        XCTAssertEqual(diagnostics[0].notes.map(\.message), ["first defined at line 1, column 1"])
        XCTAssertEqual(diagnostics[0].notes.first?.range.map(position), "1:1")
    }

    func testDuplicateKeyInFlowMappingAcrossStyles() {
        XCTAssertEqual(yamlDiagnostics("{a: 1, \"a\": 2}\n"), ["1:8: duplicate mapping key 'a'; remove or rename one of the entries [RAMP0505]"])
    }

    func testIntegerAndStringKeysDiffer() {
        XCTAssertEqual(yamlDiagnostics("1: a\n\"1\": b\n"), [])
    }

    func testInvalidEscape() {
        XCTAssertEqual(yamlDiagnostics("a: \"x\\qy\"\n"), [
            "1:6: invalid escape sequence '\\q' in double-quoted scalar; write '\\\\' for a backslash [RAMP0506]",
        ])
    }

    func testShortHexEscape() {
        XCTAssertEqual(yamlDiagnostics("a: \"\\x4\"\n"), [
            "1:5: invalid escape sequence '\\x4' in double-quoted scalar; write '\\\\' for a backslash [RAMP0506]",
        ])
    }

    func testSurrogateEscape() {
        XCTAssertEqual(yamlDiagnostics("a: \"\\uD800\"\n"), [
            "1:5: invalid escape sequence '\\uD800' in double-quoted scalar; write '\\\\' for a backslash [RAMP0506]",
        ])
    }

    func testUnterminatedDoubleQuote() {
        XCTAssertEqual(yamlDiagnostics("a: 1\nb: \"open\nc: 2\n"), ["2:4: unterminated double-quoted scalar; add the closing \" [RAMP0502]"])
    }

    func testUnterminatedSingleQuoteStopsAtDocumentMarker() {
        let (documents, diagnostics) = readYAML("a: 'x\n---\nb: 1\n")
        XCTAssertEqual(diagnostics.map(describe), ["1:4: unterminated single-quoted scalar; add the closing ' [RAMP0502]"])
        XCTAssertEqual(documents.map(\.hasErrors), [true, false])
        XCTAssertEqual(render(documents[1].root), #"{"b": 1}"#)
    }

    func testUnterminatedFlowSequence() {
        XCTAssertEqual(yamlDiagnostics("a: [b\n---\nc: 1\n"), ["1:4: unterminated flow sequence; add the closing ']' [RAMP0503]"])
    }

    func testUnterminatedFlowMapping() {
        XCTAssertEqual(yamlDiagnostics("x: 1\na: {x: 1\n"), ["2:4: unterminated flow mapping; add the closing '}' [RAMP0503]"])
    }

    func testMissingCommaInFlowMapping() {
        XCTAssertEqual(yamlDiagnostics("{a: 1 b: 2}\n"), ["1:8: expected ',' or '}', found ':' [RAMP0501]"])
    }

    func testEmptyFlowEntry() {
        XCTAssertEqual(yamlDiagnostics("[1,, 2]\n"), ["1:4: expected a value before ',', found ',' [RAMP0501]"])
    }

    func testClosingBracketWithoutValue() {
        XCTAssertEqual(yamlDiagnostics("a: ]\n"), ["1:4: expected a value, found ']' [RAMP0501]"])
    }

    func testUnknownAlias() {
        XCTAssertEqual(yamlDiagnostics("a: *missing\n"), [
            "1:4: alias '*missing' refers to no anchor; define '&missing' on a node before it [RAMP0508]",
        ])
    }

    func testAnchorsDoNotCrossDocuments() {
        XCTAssertEqual(yamlDiagnostics("a: &x 1\n---\nb: *x\n"), ["3:4: alias '*x' refers to no anchor; define '&x' on a node before it [RAMP0508]"])
    }

    func testAliasBomb() {
        var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...8 {
            let previous = Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ")
            text += "a\(level): &a\(level) [\(previous)]\n"
        }
        let (documents, diagnostics) = readYAML(text)
        XCTAssertEqual(diagnostics.map(describe), [
            "6:45: aliases expand this document to more than 1000000 nodes; write the repeated values out or remove the aliases [RAMP0509]",
        ])
        XCTAssertEqual(documents.map(\.hasErrors), [true])
    }

    func testExplicitKeyUnsupported() {
        XCTAssertEqual(yamlDiagnostics("? complex\n: value\nb: 1\n"), [
            "1:1: an explicit key ('? ') is not supported; write the entry as 'key: value' [RAMP0510]",
        ])
    }

    func testTagDirectiveUnsupported() {
        XCTAssertEqual(yamlDiagnostics("%TAG ! tag:example.com,2000:\n---\na: 1\n"), [
            "1:1: the %TAG directive is not supported; write tags in full as '!<tag>' or remove the directive [RAMP0510]",
        ])
    }

    func testInvalidBlockScalarHeader() {
        XCTAssertEqual(yamlDiagnostics("a: |x\n  text\n"), [
            "1:5: invalid block scalar header 'x'; after '|' or '>' write at most one of '+' or '-' and one indentation digit 1-9 [RAMP0511]",
        ])
    }

    func testOverIndentedKey() {
        XCTAssertEqual(yamlDiagnostics("a: 1\n   b: 2\n"), [
            "2:4: 'b:' is indented to column 4, but its block expects column 1; align it with the entries above [RAMP0512]",
        ])
    }

    func testOverIndentedBlockReportedOnce() {
        let (documents, diagnostics) = readYAML("a:\n  b: 1\n    c: 2\n    d: 3\n  e: 4\n")
        XCTAssertEqual(diagnostics.map(describe), [
            "3:5: 'c:' is indented to column 5, but its block expects column 3; align it with the entries above [RAMP0512]",
        ])
        XCTAssertEqual(render(documents[0].root), #"{"a": {"b": 1, "e": 4}}"#)
    }

    func testTagMismatch() {
        XCTAssertEqual(yamlDiagnostics("a: !!int abc\nb: !!str [1]\n"), [
            "1:10: value 'abc' cannot be read as !!int; remove the tag or change the value [RAMP0513]",
            "2:10: a sequence cannot be read as !!str; remove the tag or change the value [RAMP0513]",
        ])
    }

    func testUnknownTagWarning() {
        let (documents, diagnostics) = readYAML("a: !custom 1\n")
        XCTAssertEqual(diagnostics.map(describe), ["1:4: unknown tag '!custom' is ignored; the value is read as if it had no tag [RAMP0514]"])
        XCTAssertEqual(diagnostics[0].severity, .warning)
        XCTAssertEqual(render(documents[0].root), #"{"a": 1}"#)
        XCTAssertEqual(documents[0].hasErrors, false)
    }

    func testSequenceOnKeyLine() {
        XCTAssertEqual(yamlDiagnostics("key: - a\n"), [
            "1:6: a block sequence cannot start on the line of its key; move it to the next line and indent it [RAMP0515]",
        ])
    }

    func testMappingOnKeyLine() {
        XCTAssertEqual(yamlDiagnostics("key: a: b\n"), [
            "1:6: a block mapping cannot start on the line of its key; move it to the next line and indent it [RAMP0515]",
        ])
    }

    func testReservedIndicator() {
        XCTAssertEqual(yamlDiagnostics("a: @foo\nb: `x`\n"), [
            "1:4: '@' is reserved in YAML and cannot start a plain scalar; quote the value [RAMP0516]",
            "2:4: '`' is reserved in YAML and cannot start a plain scalar; quote the value [RAMP0516]",
        ])
    }

    func testTextAfterQuotedValue() {
        XCTAssertEqual(yamlDiagnostics("a: \"x\" y\n"), ["1:8: expected end of line after the value, found 'y' [RAMP0501]"])
    }

    func testSecondRootNode() {
        XCTAssertEqual(yamlDiagnostics("- a\nb: 1\n"), ["2:1: expected '---' before another document, found 'b:' [RAMP0501]"])
    }

    func testSequenceEntryInMapping() {
        XCTAssertEqual(yamlDiagnostics("a: 1\n- b\n"), ["2:1: expected a mapping key followed by ':', found '-' [RAMP0501]"])
    }

    func testIndependentErrorsAreAllReported() {
        XCTAssertEqual(yamlDiagnostics("a: *x\nb: \"\\q\"\nc: @\n"), [
            "1:4: alias '*x' refers to no anchor; define '&x' on a node before it [RAMP0508]",
            "2:5: invalid escape sequence '\\q' in double-quoted scalar; write '\\\\' for a backslash [RAMP0506]",
            "3:4: '@' is reserved in YAML and cannot start a plain scalar; quote the value [RAMP0516]",
        ])
    }
}

/// Inputs that must end with a diagnostic instead of a crash or a hang.
final class ReaderLimitTests: XCTestCase {
    func testDeepFlowNesting() {
        let text = String(repeating: "[", count: 100_000)
        XCTAssertEqual(yamlDiagnostics(text), [
            "1:101: YAML nests deeper than 100 collections; the rest of the document is skipped [RAMP0507]",
        ])
    }

    func testDeepBlockNesting() {
        var text = ""
        for level in 0..<200 { text += String(repeating: " ", count: level) + "k\(level):\n" }
        let reader = YAMLReader(maximumDepth: 50)
        XCTAssertEqual(yamlDiagnostics(text, reader: reader), [
            "51:51: YAML nests deeper than 50 collections; the rest of the document is skipped [RAMP0507]",
        ])
    }

    /// The reader parses on its own thread, so a caller with a small stack,
    /// like a 512 KiB secondary thread, reads deep input safely.
    func testDeepNestingOnSmallStackThread() {
        let finished = expectation(description: "read on a small thread")
        let thread = Thread {
            let flow = String(repeating: "{a: ", count: 1_000)
            var block = ""
            for level in 0..<1_000 { block += String(repeating: " ", count: level) + "k\(level):\n" }
            for text in [flow, block] {
                _ = YAMLReader(maximumDepth: 1_000).read(SourceFile(path: "deep.yaml", text: text), diagnostics: DiagnosticEngine())
            }
            finished.fulfill()
        }
        thread.stackSize = 512 * 1024
        thread.start()
        wait(for: [finished], timeout: 60)
    }

    func testDepthLimitSkipsOnlyItsDocument() {
        let (documents, _) = readYAML("[[[[x]]]]\n---\na: 1\n", reader: YAMLReader(maximumDepth: 3))
        XCTAssertEqual(documents.map(\.hasErrors), [true, false])
        XCTAssertEqual(render(documents[1].root), #"{"a": 1}"#)
    }

    /// Truncates and corrupts a manifest at every byte; reading must end
    /// each time, and every error must have a position inside the file.
    func testCorruptedInputsTerminate() {
        let manifest = """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: "web", labels: {a: 'b'}}
        spec:
          podSelector:
            matchLabels:
              app: web
          ingress:
          - from:
            - ipBlock:
                cidr: 10.0.0.0/8
                except: [10.1.0.0/16]
            ports:
            - {port: 80, protocol: TCP}
          note: |
            text
          alias: &a [1, *a]
        """
        let bytes = Array(manifest.utf8)
        let replacements: [UInt8] = Array("\t\"'[]{}:-#&*!|>\n ".utf8)
        for index in 0..<bytes.count {
            checkReadable(Array(bytes[..<index]))
            for replacement in replacements {
                var corrupted = bytes
                corrupted[index] = replacement
                checkReadable(corrupted)
            }
        }
    }

    /// Reads short random strings of YAML's significant characters.
    func testRandomInputsTerminate() {
        let alphabet = Array(" \t\n\r-:[]{},#&*!|>'\"?%@ab1.\\+~".utf8)
        var generator = SplitMix64(seed: 0x5EED)
        for _ in 0..<5_000 {
            let length = Int(generator.next() % 48)
            let bytes = (0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
            checkReadable(bytes)
        }
    }

    private func checkReadable(_ bytes: [UInt8]) {
        let file = SourceFile(path: "fuzz.yaml", bytes: bytes)
        let engine = DiagnosticEngine()
        _ = YAMLReader().read(file, diagnostics: engine)
        for diagnostic in engine.diagnostics {
            guard let range = diagnostic.range else { return XCTFail("diagnostic without a range") }
            XCTAssertLessThanOrEqual(range.end, bytes.count)
        }
    }
}

/// A small seeded generator, so that a failing random input can be replayed.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}
