@testable import RampDiagnostics
import XCTest

final class NameSuggestionTests: XCTestCase {
    func testClosestWithinAThird() {
        XCTAssertEqual(NameSuggestion.closest(to: "shopp", in: ["billing", "shop"]), "shop")
        XCTAssertEqual(NameSuggestion.closest(to: "unused-servise", in: ["unused-service", "rollout-label"]), "unused-service")
        XCTAssertNil(NameSuggestion.closest(to: "xyz", in: ["billing", "shop"]))
        XCTAssertNil(NameSuggestion.closest(to: "a", in: []))
    }

    func testEditDistanceCountsSwapsAsOneEdit() {
        let cases: [(String, String, Int)] = [
            ("", "", 0), ("", "abc", 3), ("abc", "", 3), ("web", "web", 0), ("web", "wbe", 1), ("web", "webs", 1),
            ("frontend", "fronted", 1), ("kitten", "sitting", 3), ("ca", "abc", 3), ("payments", "paymnts", 1),
        ]
        for (a, b, distance) in cases {
            XCTAssertEqual(NameSuggestion.editDistance(Array(a), Array(b)), distance, "\(a) -> \(b)")
        }
    }

    func testClosestPicksNearestLikelyTypo() {
        XCTAssertEqual(NameSuggestion.closest(to: "fronted", in: ["frontend", "backend"]), "frontend")
        XCTAssertNil(NameSuggestion.closest(to: "ab", in: ["xy"]))
        XCTAssertNil(NameSuggestion.closest(to: "web", in: ["web"]))
    }

    func testClosestAllowsAtMostThreeEdits() {
        XCTAssertEqual(NameSuggestion.closest(to: "payments-apixyz", in: ["payments-api"]), "payments-api")
        XCTAssertNil(NameSuggestion.closest(to: "payments-apiwxyz", in: ["payments-api"]))
    }

    func testClosestBreaksTiesBySortOrder() {
        XCTAssertEqual(NameSuggestion.closest(to: "shopx", in: ["shopz", "shopy"]), "shopy")
    }

    func testClosestWithLimitAndCase() {
        XCTAssertEqual(NameSuggestion.closest(to: "PODSelecter", in: ["ingress", "podSelector"], maxDistance: 2, ignoringCase: true), "podSelector")
        XCTAssertNil(NameSuggestion.closest(to: "PODSelecter", in: ["ingress", "podSelector"], maxDistance: 2))
        XCTAssertNil(NameSuggestion.closest(to: "podSelecterxx", in: ["podSelector"], maxDistance: 2))
    }

    func testClosestSkipsOverlongNames() {
        let declared = String(repeating: "n", count: NameSuggestion.maxNameLength)
        XCTAssertEqual(NameSuggestion.closest(to: declared + "x", in: [declared + "y"], maxDistance: 1), nil)
        XCTAssertEqual(NameSuggestion.closest(to: String(declared.dropLast()) + "x", in: [declared], maxDistance: 1), declared)
    }

    func testListSortsAndQuotes() {
        XCTAssertEqual(NameSuggestion.list(["shop", "billing"]), "'billing', 'shop'")
        XCTAssertEqual(NameSuggestion.list([]), "")
    }

    func testListCountsNamesPastLimit() {
        let names = (1...12).map { "ns\($0 + 10)" }
        XCTAssertEqual(NameSuggestion.list(names, limit: 3), "'ns11', 'ns12', 'ns13' and 9 more")
        XCTAssertEqual(NameSuggestion.list(Array(names.prefix(3)), limit: 3), "'ns11', 'ns12', 'ns13'")
    }
}
