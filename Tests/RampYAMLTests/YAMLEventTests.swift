import RampYAML
import XCTest

/// The event writer and the tree builder, which share one encoding of a value.
final class YAMLEventTests: XCTestCase {
    private let document = YAMLDocument(.mapping([
        YAMLEntry("empty-map", .mapping([])),
        YAMLEntry("empty-list", .sequence([])),
        YAMLEntry("list", .sequence([
            YAMLItem(.mapping([]), comments: ["empty mapping item"]),
            YAMLItem(.sequence([]), comments: ["empty sequence item"]),
            YAMLItem(.sequence([YAMLItem(.integer(1)), YAMLItem(.sequence([YAMLItem(.boolean(true))]))]), comments: ["nested"]),
            YAMLItem(.mapping([YAMLEntry("a", .string("x"), comments: ["first entry"]), YAMLEntry("b", .mapping([]))])),
        ])),
        YAMLEntry("map", .mapping([YAMLEntry("c", .string("on"), comments: ["inner"])]), comments: ["outer"]),
    ]), comments: ["document"])

    func testWriterHandlesEveryPlaceOfACollection() {
        XCTAssertEqual(YAMLEmitter().emit(header: ["header"], documents: [document]), """
        # header
        ---
        # document
        empty-map: {}
        empty-list: []
        list:
        # empty mapping item
        - {}
        # empty sequence item
        - []
        # nested
        -
          - 1
          -
            - true
          # first entry
        - a: x
          b: {}
        # outer
        map:
          # inner
          c: "on"

        """)
    }

    func testTreeBuilderRebuildsTheNodes() {
        var builder = YAMLTreeBuilder()
        builder.document(document)
        builder.document(YAMLDocument(.string("scalar root")))

        XCTAssertEqual(builder.documents, [document, YAMLDocument(.string("scalar root"))])
    }

    func testRootsOfEveryKind() {
        let roots: [YAMLNode] = [.mapping([]), .sequence([]), .integer(7), .sequence([YAMLItem(.string("a"))])]
        XCTAssertEqual(YAMLEmitter().emit(header: [], documents: roots.map { YAMLDocument($0) }), "---\n{}\n---\n[]\n---\n7\n---\n- a\n")
    }
}
