import RampKube
import XCTest

final class SelectorIntersectionTests: XCTestCase {
    private func selector(_ labels: [String: String] = [:], _ expressions: [LabelSelectorRequirement] = []) -> LabelSelector {
        LabelSelector(matchLabels: labels, matchExpressions: expressions)
    }

    private func requirement(_ key: String, _ kind: LabelSelectorRequirement.Operator, _ values: [String] = []) -> LabelSelectorRequirement {
        LabelSelectorRequirement(key: key, operator: kind, values: values)
    }

    func testEqualKeysWithDifferentValuesAreDisjoint() {
        XCTAssertNil(selector(["app": "web"]).commonMatch(with: selector(["app": "api"])))
    }

    func testDifferentKeysOverlap() {
        XCTAssertEqual(selector(["app": "web"]).commonMatch(with: selector(["tier": "front"])), ["app": "web", "tier": "front"])
    }

    func testInAgainstEquality() {
        let set = selector([:], [requirement("app", .in, ["api", "web"])])
        XCTAssertEqual(set.commonMatch(with: selector(["app": "web"])), ["app": "web"])
        XCTAssertNil(set.commonMatch(with: selector(["app": "db"])))
    }

    func testNotInRemovesValues() {
        let notWeb = selector([:], [requirement("app", .notIn, ["web"])])
        XCTAssertNil(notWeb.commonMatch(with: selector(["app": "web"])))
        XCTAssertEqual(notWeb.commonMatch(with: selector(["app": "api"])), ["app": "api"])
        // NotIn also matches pods without the key.
        XCTAssertEqual(notWeb.commonMatch(with: selector(["tier": "x"])), ["tier": "x"])
    }

    func testExistsAgainstDoesNotExist() {
        let exists = selector([:], [requirement("canary", .exists)])
        let absent = selector([:], [requirement("canary", .doesNotExist)])
        XCTAssertNil(exists.commonMatch(with: absent))
        XCTAssertNil(absent.commonMatch(with: selector(["canary": "true"])))
        XCTAssertEqual(absent.commonMatch(with: selector(["app": "web"])), ["app": "web"])
    }

    func testExistsWithNotInMakesUpAValue() {
        let exists = selector([:], [requirement("track", .exists)])
        let notListed = selector([:], [requirement("track", .notIn, ["x", "x2"])])
        let match = exists.commonMatch(with: notListed)
        XCTAssertEqual(match, ["track": "x3"])
        XCTAssertTrue(exists.matches(match!))
        XCTAssertTrue(notListed.matches(match!))
    }

    func testInSetsIntersect() {
        let left = selector([:], [requirement("tier", .in, ["a", "b"])])
        let right = selector([:], [requirement("tier", .in, ["b", "c"]), requirement("tier", .notIn, ["b"])])
        XCTAssertNil(left.commonMatch(with: right))
        XCTAssertTrue(left.intersects(selector([:], [requirement("tier", .in, ["b", "c"])])))
    }

    func testEmptySelectorMatchesEverything() {
        XCTAssertEqual(LabelSelector.everything.commonMatch(with: selector(["app": "web"])), ["app": "web"])
        XCTAssertEqual(LabelSelector.everything.commonMatch(with: .everything), [:])
    }
}
