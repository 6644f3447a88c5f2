@testable import RampDiagnostics
import XCTest

final class NameSuggestionTests: XCTestCase {
    func testClosestWithinAThird() {
        XCTAssertEqual(NameSuggestion.closest(to: "shopp", in: ["billing", "shop"]), "shop")
        XCTAssertEqual(NameSuggestion.closest(to: "unused-servise", in: ["unused-service", "rollout-label"]), "unused-service")
        XCTAssertNil(NameSuggestion.closest(to: "xyz", in: ["billing", "shop"]))
        XCTAssertNil(NameSuggestion.closest(to: "a", in: []))
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
