import RampYAML
import XCTest

final class YAMLEmitterTests: XCTestCase {
    func testEmitsNestedBlockStyleWithComments() {
        let document = YAMLDocument(.mapping([
            YAMLEntry("kind", .string("NetworkPolicy")),
            YAMLEntry("spec", .mapping([
                YAMLEntry("podSelector", .mapping([])),
                YAMLEntry("policyTypes", .sequence([YAMLItem(.string("Ingress"))])),
                YAMLEntry("ingress", .sequence([
                    YAMLItem(.mapping([
                        YAMLEntry("from", .sequence([YAMLItem(.mapping([
                            YAMLEntry("podSelector", .mapping([YAMLEntry("matchLabels", .mapping([YAMLEntry("app", .string("web"))]))])),
                        ]))])),
                        YAMLEntry("ports", .sequence([YAMLItem(.mapping([
                            YAMLEntry("protocol", .string("TCP")),
                            YAMLEntry("port", .integer(8080)),
                        ]))])),
                    ]), comments: ["shop.ramp:3:5"]),
                ])),
            ])),
        ]), comments: ["object comment"])

        let output = YAMLEmitter().emit(header: ["header"], documents: [document])

        XCTAssertEqual(output, """
        # header
        ---
        # object comment
        kind: NetworkPolicy
        spec:
          podSelector: {}
          policyTypes:
          - Ingress
          ingress:
          # shop.ramp:3:5
          - from:
            - podSelector:
                matchLabels:
                  app: web
            ports:
            - protocol: TCP
              port: 8080

        """)
    }

    func testCommentsCannotBreakOutOfTheirLine() {
        let document = YAMLDocument(.mapping([YAMLEntry("a", .integer(1))]), comments: ["one\nkey: injected"])
        let output = YAMLEmitter().emit(header: [], documents: [document])
        XCTAssertEqual(output, "---\n# one key: injected\na: 1\n")
    }

    func testQuotesKeysAndValues() {
        let document = YAMLDocument(.mapping([YAMLEntry("on", .string("yes")), YAMLEntry("list", .sequence([YAMLItem(.string("-"))]))]))
        XCTAssertEqual(YAMLEmitter().emit(header: [], documents: [document]), "---\n\"on\": \"yes\"\nlist:\n- \"-\"\n")
    }

    func testLineSpansMatchEmittedLines() {
        let rule = YAMLItem(.mapping([
            YAMLEntry("from", .sequence([YAMLItem(.mapping([YAMLEntry("podSelector", .mapping([]))]))])),
            YAMLEntry("ports", .sequence([YAMLItem(.mapping([
                YAMLEntry("protocol", .string("TCP")),
                YAMLEntry("port", .integer(8080)),
            ]))])),
        ]), comments: ["rule"])
        let documents = [
            YAMLDocument(.mapping([YAMLEntry("kind", .string("A"))]), comments: ["first"]),
            YAMLDocument(.mapping([YAMLEntry("ingress", .sequence([rule]))])),
        ]
        let emitter = YAMLEmitter()
        let (text, spans) = emitter.emitWithLineSpans(header: ["header"], documents: documents)

        XCTAssertEqual(text, emitter.emit(header: ["header"], documents: documents))
        XCTAssertEqual(text, """
        # header
        ---
        # first
        kind: A
        ---
        ingress:
        # rule
        - from:
          - podSelector: {}
          ports:
          - protocol: TCP
            port: 8080

        """)
        func lines(_ document: Int, _ path: [YAMLPathComponent]) -> [Int]? {
            spans.first { $0.document == document && $0.path == path }.map { [$0.firstLine, $0.lastLine] }
        }
        XCTAssertEqual(lines(0, []), [3, 4])
        XCTAssertEqual(lines(0, [.key("kind")]), [4, 4])
        XCTAssertEqual(lines(1, []), [6, 12])
        XCTAssertEqual(lines(1, [.key("ingress"), .index(0)]), [7, 12])
        XCTAssertEqual(lines(1, [.key("ingress"), .index(0), .key("from"), .index(0)]), [9, 9])
        XCTAssertEqual(lines(1, [.key("ingress"), .index(0), .key("ports"), .index(0)]), [11, 12])
        XCTAssertEqual(lines(1, [.key("ingress"), .index(0), .key("ports"), .index(0), .key("port")]), [12, 12])
    }
}
