@testable import RampSema
import XCTest

final class SuggestionsTests: XCTestCase {
    func testEditDistanceCountsSwapsAsOneEdit() {
        let cases: [(String, String, Int)] = [
            ("", "", 0), ("", "abc", 3), ("abc", "", 3), ("web", "web", 0), ("web", "wbe", 1), ("web", "webs", 1),
            ("frontend", "fronted", 1), ("kitten", "sitting", 3), ("ca", "abc", 3), ("payments", "paymnts", 1),
        ]
        for (a, b, distance) in cases {
            XCTAssertEqual(Suggestions.editDistance(Array(a), Array(b)), distance, "\(a) -> \(b)")
        }
    }

    func testClosestPicksTheNearestLikelyTypo() {
        XCTAssertEqual(Suggestions.closest(to: "fronted", in: ["frontend", "backend"]), "frontend")
        XCTAssertEqual(Suggestions.closest(to: "ab", in: ["xy"]), nil)
        XCTAssertEqual(Suggestions.closest(to: "web", in: ["web"]), nil)
    }

    /// A reference to an undeclared name of twenty thousand characters, next
    /// to a declared one of the same length, once built a table of 400
    /// million cells (3 GB) for the suggestion.
    func testLongNamesGetNoSuggestion() {
        let declared = String(repeating: "n", count: 20_000)
        let compilation = compile("""
        network \(declared) = 10.0.0.0/8
        namespace shop {
          service web [app=web]
          web -> network \(declared.dropLast())m:443
        }
        """)

        XCTAssertEqual(compilation.diagnostics.errorCount, 1)
        XCTAssertEqual(compilation.diagnostics.diagnostics.first?.notes.count, 0)
        XCTAssertTrue(Suggestions.closest(to: declared + "x", in: [declared]) == nil)
    }
}
