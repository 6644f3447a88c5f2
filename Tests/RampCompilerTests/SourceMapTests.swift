import Foundation
@testable import RampDriver
import XCTest

final class SourceMapTests: XCTestCase {
    private func maps(_ text: String) -> [String: SourceMap] {
        let compilation = compile(text, path: "shop.ramp")
        XCTAssertFalse(compilation.diagnostics.hasErrors, messages(compilation).joined(separator: "\n"))
        return ManifestLayout.sourceMaps(compilation.policies, program: compilation.program!, version: "test")
    }

    func testSmallMapExactly() {
        let map = maps("""
        namespace shop {
          service web [app=web] ports 8080
          internet -> web
        }

        """)["shop.yaml"]!
        let target = #"{"path":"shop.ramp","start":{"line":3,"column":3,"offset":54},"end":{"line":3,"column":11,"offset":62},"role":"client","description":"dependency 'internet -> web'"},{"path":"shop.ramp","start":{"line":3,"column":15,"offset":66},"end":{"line":3,"column":18,"offset":69},"role":"target","description":"dependency 'internet -> web'"}"#
        XCTAssertEqual(map.json, """
        {
          "generator": "ramp test",
          "version": 1,
          "file": "shop.yaml",
          "lineCount": 25,
          "digest": "\(map.digest)",
          "mappings": [
            {"kind":"object","object":"shop/web","path":"","lines":{"first":4,"last":25},"sources":[{"path":"shop.ramp","start":{"line":2,"column":11,"offset":27},"end":{"line":2,"column":14,"offset":30},"role":"service","description":"service 'web'"}]},
            {"kind":"rule","object":"shop/web","path":"spec.ingress[0]","lines":{"first":17,"last":25},"sources":[\(target)]},
            {"kind":"peer","object":"shop/web","path":"spec.ingress[0].from[0]","lines":{"first":19,"last":20},"sources":[\(target)]},
            {"kind":"peer","object":"shop/web","path":"spec.ingress[0].from[1]","lines":{"first":21,"last":22},"sources":[\(target)]},
            {"kind":"port","object":"shop/web","path":"spec.ingress[0].ports[0]","lines":{"first":24,"last":25},"sources":[\(target)]}
          ]
        }

        """)
    }

    func testLinesMatchRenderedYAML() throws {
        let text = """
        namespace shop {
          service web [app=web] ports 8080
          internet -> web
        }

        """
        let compilation = compile(text, path: "shop.ramp")
        let yaml = ManifestLayout.render(compilation.policies, program: compilation.program!, version: "test")["shop.yaml"]!
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
        let map = maps(text)["shop.yaml"]!
        XCTAssertEqual(map.digest, SourceMap.digest(yaml))
        XCTAssertEqual(map.lineCount, lines.count - 1)
        XCTAssertEqual(lines[16], "  # shop.ramp:3:15")
        XCTAssertEqual(lines[18], "    - ipBlock:")
        XCTAssertEqual(lines[19], "        cidr: 0.0.0.0/0")
        XCTAssertEqual(lines[21], "        cidr: \"::/0\"")
        XCTAssertEqual(lines[23], "    - protocol: TCP")
        XCTAssertEqual(lines[24], "      port: 8080")
    }

    /// After rules merge, each peer and port names only the dependencies it serves.
    func testPeersOfMergedRulesKeepTheirDependencies() {
        let text = """
        namespace shop {
          service web [app=web]
          service admin [app=admin]
          service api [app=api] ports http:8080, metrics:9090
          web -> api:http
          admin -> api:http
          admin -> api:metrics
        }

        """
        let map = maps(text)["shop.yaml"]!
        let compilation = compile(text, path: "shop.ramp")
        let yaml = ManifestLayout.render(compilation.policies, program: compilation.program!, version: "test")["shop.yaml"]!
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let web = "dependency 'web -> api:http'"
        let adminHTTP = "dependency 'admin -> api:http'"
        let adminMetrics = "dependency 'admin -> api:metrics'"

        let rules = map.mappings.filter { $0.object == "shop/api" && $0.kind == .rule }
        XCTAssertTrue(rules.contains { $0.sources.count >= 4 }, "no rule merges two dependencies")

        let entries = map.mappings.filter { $0.object == "shop/api" && ($0.kind == .peer || $0.kind == .port) }
        for entry in entries {
            let text = lines[(entry.firstLine - 1)...(entry.lastLine - 1)].joined(separator: "\n")
            let descriptions = Set(entry.sources.map(\.description))
            if text.contains("app: web") {
                XCTAssertEqual(descriptions, [web], text)
            } else if text.contains("app: admin") {
                XCTAssertFalse(descriptions.isEmpty, text)
                XCTAssertTrue(descriptions.isSubset(of: [adminHTTP, adminMetrics]), text)
            } else if text.contains("port: 9090") {
                XCTAssertEqual(descriptions, [adminMetrics], text)
            } else {
                XCTAssertTrue(text.contains("port: 8080"), text)
                XCTAssertFalse(descriptions.isEmpty, text)
                XCTAssertTrue(descriptions.isSubset(of: [web, adminHTTP]), text)
            }
        }
    }

    func testJSONReadsBack() throws {
        let map = maps("""
        namespace shop {
          deny all
          service web [app=web] ports 8080
          internet -> web
        }

        """)["shop.yaml"]!
        XCTAssertEqual(try SourceMap(json: map.json), map)
    }
}
