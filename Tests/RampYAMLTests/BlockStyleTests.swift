import RampYAML
import XCTest

final class BlockStyleTests: XCTestCase {
    func testNestedMappingsAndSequences() {
        let text = """
        apiVersion: v1
        kind: List
        items:
          - name: a
            ports:
              - 80
              - "80"
          - name: b
        """
        XCTAssertEqual(renderYAML(text), [#"{"apiVersion": "v1", "kind": "List", "items": [{"name": "a", "ports": [80, "80"]}, {"name": "b"}]}"#])
    }

    func testKubectlSequenceAtKeyIndentation() {
        let text = """
        spec:
          policyTypes:
          - Ingress
          - Egress
          ingress:
          - from:
            - podSelector: {}
            ports:
            - port: 80
        """
        XCTAssertEqual(renderYAML(text), [#"{"spec": {"policyTypes": ["Ingress", "Egress"], "ingress": [{"from": [{"podSelector": {}}], "ports": [{"port": 80}]}]}}"#])
    }
}

final class BlockStyleMoreTests: XCTestCase {
    func testCompactNestedSequence() {
        XCTAssertEqual(renderYAML("- - a\n  - b\n- c\n"), [#"[["a", "b"], "c"]"#])
    }

    func testEmptyValues() {
        XCTAssertEqual(renderYAML("a:\nb: ~\nc: null\nd:\n- x\n"), [#"{"a": null, "b": null, "c": null, "d": ["x"]}"#])
    }

    func testEmptySequenceItem() {
        XCTAssertEqual(renderYAML("-\n- b\n-\n"), [#"[null, "b", null]"#])
    }

    func testMultiLinePlainScalar() {
        let text = """
        key: first
          second

          third
        next: x
        """
        XCTAssertEqual(renderYAML(text), [#"{"key": "first second\nthird", "next": "x"}"#])
    }

    func testPlainScalarWithInnerIndicators() {
        let text = "url: http://example.com:8080/a#b\ntext: a - b, c [d] {e}\ncolon: a:b\n"
        XCTAssertEqual(renderYAML(text), [#"{"url": "http://example.com:8080/a#b", "text": "a - b, c [d] {e}", "colon": "a:b"}"#])
    }

    func testQuotedKeys() {
        XCTAssertEqual(renderYAML("\"a b\": 1\n'c': 2\nd e : 3\n"), [#"{"a b": 1, "c": 2, "d e": 3}"#])
    }

    func testSequenceOfMappingsWithNestedSequence() {
        let text = """
        - a: 1
          b:
          - x
          c: 2
        - d: 3
        """
        XCTAssertEqual(renderYAML(text), [#"[{"a": 1, "b": ["x"], "c": 2}, {"d": 3}]"#])
    }

    func testRootScalar() {
        XCTAssertEqual(renderYAML("just text\n"), [#""just text""#])
    }

    func testCRLFLineBreaks() {
        XCTAssertEqual(renderYAML("a: 1\r\nb:\r\n- x\r\n"), [#"{"a": 1, "b": ["x"]}"#])
    }

    func testByteOrderMark() {
        XCTAssertEqual(renderYAML("\u{FEFF}a: 1\n"), [#"{"a": 1}"#])
    }

    func testManagedFieldsKeys() {
        let text = """
        f:ports:
          .: {}
          k:{"port":80,"protocol":"TCP"}:
            .: {}
        """
        XCTAssertEqual(renderYAML(text), [#"{"f:ports": {".": {}, "k:{\"port\":80,\"protocol\":\"TCP\"}": {".": {}}}}"#])
    }

    func testTabAfterIndicatorIsSeparation() {
        XCTAssertEqual(renderYAML("a:\t1\nb:\n-\tx\n"), [#"{"a": 1, "b": ["x"]}"#])
    }
}
