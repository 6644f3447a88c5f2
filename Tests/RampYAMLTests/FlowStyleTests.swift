import RampYAML
import XCTest

final class FlowStyleTests: XCTestCase {
    func testFlowMappingWithNestedSequence() {
        XCTAssertEqual(renderYAML("{a: 1, b: [x, y]}\n"), [#"{"a": 1, "b": ["x", "y"]}"#])
    }

    func testFlowInBlockSpanningLines() {
        let text = """
        selector: {matchLabels: {app: web},
          matchExpressions: [
            {key: tier, operator: In, values: [a, "b"]},  # comment inside
          ]}
        next: 1
        """
        XCTAssertEqual(renderYAML(text), [
            #"{"selector": {"matchLabels": {"app": "web"}, "matchExpressions": [{"key": "tier", "operator": "In", "values": ["a", "b"]}]}, "next": 1}"#,
        ])
    }

    func testEmptyFlowCollections() {
        XCTAssertEqual(renderYAML("a: {}\nb: []\nc: [ ]\n"), [#"{"a": {}, "b": [], "c": []}"#])
    }

    func testFlowPlainScalarsWithColons() {
        XCTAssertEqual(renderYAML("[a:b, http://x, {k: v:w}]\n"), [#"["a:b", "http://x", {"k": "v:w"}]"#])
    }

    func testSinglePairInFlowSequence() {
        XCTAssertEqual(renderYAML("[a: 1, b]\n"), [#"[{"a": 1}, "b"]"#])
    }

    func testFlowMappingKeyWithoutValue() {
        XCTAssertEqual(renderYAML("{a, b: 2, c:}\n"), [#"{"a": null, "b": 2, "c": null}"#])
    }

    func testMultiLinePlainScalarInFlow() {
        XCTAssertEqual(renderYAML("[one\n  two, three]\n"), [#"["one two", "three"]"#])
    }

    func testJSONDocument() {
        let text = #"{"apiVersion":"v1","items":[{"n":1,"f":1.5,"t":true,"z":null,"s":"a\"b","e":[],"o":{}}],"kind":"List"}"#
        XCTAssertEqual(renderYAML(text), [#"{"apiVersion": "v1", "items": [{"n": 1, "f": 1.5, "t": true, "z": null, "s": "a\"b", "e": [], "o": {}}], "kind": "List"}"#])
    }

    func testJSONWithTabIndentation() {
        XCTAssertEqual(renderYAML("{\n\t\"a\": [\n\t\t1\n\t]\n}\n"), [#"{"a": [1]}"#])
    }

    func testFlowRanges() {
        let (documents, _) = readYAML("ports: [80, \"http\"]\n")
        let ports = documents[0].root["ports"]!
        XCTAssertEqual(ports.range.text, "[80, \"http\"]")
        XCTAssertEqual(position(ports.sequence![1].range), "1:13")
    }
}

final class CommentTests: XCTestCase {
    func testCommentsEverywhere() {
        let text = """
        # header
        a: 1 # after value
        # between entries
        b: # after key
          # above nested
          c: 2
          d: # before sequence
          # above item
          - x # after item
          # after last item
        e: "q" # after quoted
        f: [1, # inside flow
          2] # after flow
        # trailing
        """
        XCTAssertEqual(renderYAML(text), [#"{"a": 1, "b": {"c": 2, "d": ["x"]}, "e": "q", "f": [1, 2]}"#])
    }

    func testHashInsideScalars() {
        XCTAssertEqual(renderYAML("a: x#y\nb: 'x # y'\nc: \"#\"\n"), [##"{"a": "x#y", "b": "x # y", "c": "#"}"##])
    }

    func testCommentTextsAreKept() {
        let (documents, _) = readYAML("# before\n---\n# doc one\n# doc two\nitems:\n# first\n- a\n#\n- b\n# entry\nkey: v\n")
        XCTAssertEqual(documents[0].comments, ["doc one", "doc two"])
        let entries = documents[0].root.mapping!
        XCTAssertEqual(entries[0].comments, [])
        XCTAssertEqual(entries[0].value.sequence!.map(\.comments), [["first"], [""]])
        XCTAssertEqual(entries[1].comments, ["entry"])
    }

    func testOnlyCommentsIsEmptyStream() {
        XCTAssertEqual(renderYAML("# nothing\n\n  # here\n"), [])
    }
}

final class DocumentTests: XCTestCase {
    func testMultipleDocuments() {
        let text = """
        a: 1
        ---
        b: 2
        ...
        ---
        - c
        --- text
        --- |
          block
        ---
        """
        XCTAssertEqual(renderYAML(text), [#"{"a": 1}"#, #"{"b": 2}"#, #"["c"]"#, #""text""#, #""block\n""#, "null"])
    }

    func testEmptyDocumentsBetweenMarkers() {
        XCTAssertEqual(renderYAML("---\n---\n# only a comment\n---\na: 1\n"), ["null", "null", #"{"a": 1}"#])
    }

    func testDirectiveAndEndMarker() {
        XCTAssertEqual(renderYAML("%YAML 1.2\n---\na: 1\n...\n# trailing\n"), [#"{"a": 1}"#])
    }

    func testDocumentRanges() {
        let (documents, _) = readYAML("a: 1\n---\nb: 2\n")
        XCTAssertEqual(documents.map { position($0.range) }, ["1:1", "2:1"])
        XCTAssertEqual(documents.map(\.hasErrors), [false, false])
    }

    func testDocumentMarkerInsideIndentedTextIsContent() {
        XCTAssertEqual(renderYAML("a: |\n  ---\n  x\n"), [#"{"a": "---\nx\n"}"#])
    }
}

final class TagAndAliasTests: XCTestCase {
    func testCoreTags() {
        let text = "a: !!str 80\nb: !!int \"42\"\nc: !!float 1\nd: !!bool 'true'\ne: !!null ''\nf: ! 12\ng: !<tag:yaml.org,2002:str> 7\nh: !!str\n"
        XCTAssertEqual(renderYAML(text), [#"{"a": "80", "b": 42, "c": 1.0, "d": true, "e": null, "f": "12", "g": "7", "h": ""}"#])
    }

    func testCollectionTags() {
        let (documents, diagnostics) = readYAML("a: !!map\n  b: 1\nc: !!seq [1]\n")
        XCTAssertEqual(diagnostics.map(describe), [])
        XCTAssertEqual(documents[0].root["a"]!.tag, .mapping)
        XCTAssertEqual(render(documents[0].root), #"{"a": {"b": 1}, "c": [1]}"#)
    }

    func testAnchorsAndAliases() {
        let text = "base: &labels\n  app: web\ncopy: *labels\nlist: [&x 1, *x]\n"
        let (documents, diagnostics) = readYAML(text)
        XCTAssertEqual(diagnostics.map(describe), [])
        XCTAssertEqual(render(documents[0].root), #"{"base": {"app": "web"}, "copy": {"app": "web"}, "list": [1, 1]}"#)
        XCTAssertEqual(documents[0].root["base"]!.anchor, "labels")
        XCTAssertEqual(documents[0].root["copy"]!.range.text, "*labels")
    }

    func testAliasAsKey() {
        XCTAssertEqual(renderYAML("- &k name\n- {*k : v}\n"), [#"["name", {"name": "v"}]"#])
    }
}
