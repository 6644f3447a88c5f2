import RampDriver
import XCTest

final class RuleMergingTests: XCTestCase {
    /// Merging the n-th copy of a dependency into its rule once scanned the
    /// n comments already there, so 100,000 copies took about a minute.
    func testManyCopiesOfOneDependencyMergeIntoOneRule() {
        let copies = 20_000
        let compilation = compile("namespace shop {\n  service web [app=web]\n  service api [app=api] ports 80\n"
            + String(repeating: "  web -> api:80\n", count: copies) + "}\n")

        XCTAssertEqual(messages(compilation), [])
        let api = compilation.policies.first { $0.name == "api" }
        XCTAssertEqual(api?.ingress?.count, 1)
        XCTAssertEqual(api?.ingress?.first?.comments.count, copies)
        XCTAssertEqual(api?.ingress?.first?.origins.count, copies)
        XCTAssertEqual(api?.ingress?.first?.comments.last, "test.ramp:\(copies + 3):10")
    }

    /// Two clients with the same selector give the same peer, so their
    /// rules merge, and the location they share is listed once.
    func testSharedLocationIsListedOnce() {
        let compilation = compile("""
        namespace shop {
          service web [app=web]
          service web2 [app=web]
          service api [app=api] ports 80
          web, web2 -> api:80
        }
        """)

        let api = compilation.policies.first { $0.name == "api" }
        XCTAssertEqual(api?.ingress?.count, 1)
        XCTAssertEqual(api?.ingress?.first?.comments, ["test.ramp:5:16"])
        XCTAssertEqual(api?.ingress?.first?.origins.count, 1)
    }
}
