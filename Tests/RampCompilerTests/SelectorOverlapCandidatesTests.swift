@testable import RampSema
import RampDiagnostics
import XCTest

/// The index that spares the overlapping-selectors check from comparing
/// every pair of services in a namespace.
final class SelectorOverlapCandidatesTests: XCTestCase {
    func testCandidatesAgreeOnSharedKeys() {
        var index = SelectorOverlapCandidates()
        index.insert(["app": "a"])
        index.insert(["app": "b"])
        index.insert(["tier": "x"])
        index.insert(["app": "a", "tier": "y"])
        index.insert([:])
        index.insert(["app": "a"])

        XCTAssertEqual(Array(index.candidates(for: ["app": "a"])), [0, 2, 3, 4, 5])
        XCTAssertEqual(Array(index.candidates(for: ["app": "c"])), [2, 4])
        XCTAssertEqual(Array(index.candidates(for: ["tier": "y"])), [0, 1, 3, 4, 5])
        XCTAssertEqual(Array(index.candidates(for: [:])), [0, 1, 2, 3, 4, 5])
    }

    func testCandidatesMayDisagreeOnSecondKey() {
        var index = SelectorOverlapCandidates()
        index.insert(["app": "a", "tier": "x"])
        index.insert(["app": "a", "tier": "y"])
        index.insert(["app": "b", "tier": "x"])

        // One shared key selects the candidates: of keys that equally many
        // services have, the first in name order. So the caller still has
        // to reject index 1.
        XCTAssertEqual(Array(index.candidates(for: ["app": "a", "tier": "x"])), [0, 1])
    }

    func testCandidatesUseCommonestKey() {
        var index = SelectorOverlapCandidates()
        index.insert(["app": "a", "zone": "1"])
        index.insert(["app": "b", "zone": "1"])
        index.insert(["zone": "1"])
        index.insert(["app": "a"])

        // 'zone' is on three services, 'app' on three too, so 'app' wins the
        // tie; with one more 'zone' service, 'zone' leaves out more.
        XCTAssertEqual(Array(index.candidates(for: ["app": "a", "zone": "2"])), [0, 2, 3])
        index.insert(["zone": "2"])
        XCTAssertEqual(Array(index.candidates(for: ["app": "a", "zone": "2"])), [3, 4])
    }

    /// The services that lack the chosen key lie before the first service
    /// with it, between two such services, and after the last.
    func testCandidatesLackingKeyInRuns() {
        var index = SelectorOverlapCandidates()
        index.insert(["tier": "x"])
        index.insert([:])
        index.insert(["app": "a"])
        index.insert(["app": "b"])
        index.insert(["app": "a"])
        index.insert(["app": "b"])
        index.insert(["tier": "y"])
        index.insert(["app": "a"])
        index.insert(["app": "b"])
        index.insert([:])
        index.insert(["tier": "z"])

        XCTAssertEqual(Array(index.candidates(for: ["app": "a"])), [0, 1, 2, 4, 6, 7, 9, 10])
        XCTAssertEqual(Array(index.candidates(for: ["app": "b"])), [0, 1, 3, 5, 6, 8, 9, 10])
        XCTAssertEqual(Array(index.candidates(for: ["app": "c"])), [0, 1, 6, 9, 10])
        XCTAssertEqual(Array(index.candidates(for: ["tier": "z"])), [1, 2, 3, 4, 5, 7, 8, 9, 10])
        XCTAssertEqual(Array(index.candidates(for: ["zone": "1"])), Array(0...10))
        XCTAssertEqual(Array(index.candidates(for: ["app": "a"]).prefix(3)), [0, 1, 2])
    }

    func testEmptyIndexHasNoCandidates() {
        let index = SelectorOverlapCandidates()
        XCTAssertEqual(Array(index.candidates(for: ["app": "a"])), [])
    }

    func testOneWarningPerService() {
        let warnings = compile("""
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
        """).diagnostics.sorted().filter { $0.id == .overlappingSelectors }

        let suffix = " in namespace 'shop' can select the same pod, which then gets the connections of both; make the selectors exclusive"
        XCTAssertEqual(warnings.map(\.message), [
            "services 'a' and 't'" + suffix,
            "services 'a' and 'at'" + suffix,
            "services 'a' and 'a2'" + suffix,
            "services 'b' and 'b2'" + suffix,
        ])
        XCTAssertEqual(warnings.map { $0.notes.count > 2 ? $0.notes[2].message : "" }, [
            "the selector also overlaps those of 'b'",
            "",
            "the selector also overlaps those of 't' and 'at'",
            "the selector also overlaps those of 't'",
        ])
    }

    func testWarningNamesThreeMore() {
        let warnings = compile("""
        namespace shop {
          service s1 [app=a, one exists]
          service s2 [app=a, two exists]
          service s3 [app=a, three exists]
          service s4 [app=a, four exists]
          service s5 [app=a, five exists]
          service s6 [app=a]
          s1 -> s2
          s2 -> s3
          s3 -> s4
          s4 -> s5
          s5 -> s6
          s6 -> s1
        }
        """).diagnostics.sorted().filter { $0.id == .overlappingSelectors }

        XCTAssertEqual(warnings.count, 5)
        XCTAssertEqual(warnings.last?.notes.map(\.message), [
            "a pod labelled app=a, one=x matches both selectors",
            "service 's1' is declared here",
            "the selector also overlaps those of 's2', 's3', 's4' and more services",
        ])
    }
}
