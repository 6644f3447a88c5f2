@testable import RampSema
import RampDiagnostics
import XCTest

/// The index that spares the overlapping-selectors check from comparing
/// every pair of services in a namespace.
final class SelectorOverlapCandidatesTests: XCTestCase {
    func testCandidatesAgreeOnSharedKeys() {
        var index = SelectorOverlapCandidates()
        index.insert(["app": "a"], index: 0)
        index.insert(["app": "b"], index: 1)
        index.insert(["tier": "x"], index: 2)
        index.insert(["app": "a", "tier": "y"], index: 3)
        index.insert([:], index: 4)
        index.insert(["app": "a"], index: 5)

        XCTAssertEqual(index.candidates(for: ["app": "a"]), [0, 2, 3, 4, 5])
        XCTAssertEqual(index.candidates(for: ["app": "c"]), [2, 4])
        XCTAssertEqual(index.candidates(for: ["tier": "y"]), [0, 1, 3, 4, 5])
        XCTAssertEqual(index.candidates(for: [:]), [0, 1, 2, 3, 4, 5])
    }

    func testCandidatesMayDisagreeOnSecondKey() {
        var index = SelectorOverlapCandidates()
        index.insert(["app": "a", "tier": "x"], index: 0)
        index.insert(["app": "a", "tier": "y"], index: 1)
        index.insert(["app": "b", "tier": "x"], index: 2)

        // One shared key selects the candidates, so the caller still has to
        // reject index 1 or index 2, depending on the key chosen.
        let found = index.candidates(for: ["app": "a", "tier": "x"])
        XCTAssertTrue(found == [0, 1] || found == [0, 2], "found \(found)")
    }

    func testEmptyIndexHasNoCandidates() {
        let index = SelectorOverlapCandidates()
        XCTAssertEqual(index.candidates(for: ["app": "a"]), [])
    }

    func testCheckReportsEveryOverlapInOrder() {
        let messages = compile("""
        namespace shop {
          service a [app=a]
          service b [app=b]
          service t [tier=x]
          service at [app=a, tier=y]
          service a2 [app=a, track exists]
          service b2 [app=b, tier=x]
          a -> b
          b -> t
          t -> at
          at -> a2
          a2 -> b2
          b2 -> a
        }
        """).diagnostics.sorted().filter { $0.id == .overlappingSelectors }.map(\.message)

        XCTAssertEqual(messages, [
            "services 'a' and 't' in namespace 'shop' can select the same pod, which then gets the connections of both; make the selectors exclusive",
            "services 'b' and 't' in namespace 'shop' can select the same pod, which then gets the connections of both; make the selectors exclusive",
            "services 'a' and 'at' in namespace 'shop' can select the same pod, which then gets the connections of both; make the selectors exclusive",
            "services 'a' and 'a2' in namespace 'shop' can select the same pod, which then gets the connections of both; make the selectors exclusive",
            "services 't' and 'a2' in namespace 'shop' can select the same pod, which then gets the connections of both; make the selectors exclusive",
            "services 'at' and 'a2' in namespace 'shop' can select the same pod, which then gets the connections of both; make the selectors exclusive",
            "services 'b' and 'b2' in namespace 'shop' can select the same pod, which then gets the connections of both; make the selectors exclusive",
            "services 't' and 'b2' in namespace 'shop' can select the same pod, which then gets the connections of both; make the selectors exclusive",
        ])
    }
}
