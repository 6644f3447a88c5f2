import RampKube
import XCTest

/// Selectors whose requirements on one key no label value meets together.
final class SelectorContradictionTests: XCTestCase {
    private func requirement(_ key: String, _ operator: LabelSelectorRequirement.Operator, _ values: [String] = []) -> LabelSelectorRequirement {
        LabelSelectorRequirement(key: key, operator: `operator`, values: values)
    }

    func testContradictionsNameTheirKey() {
        let cases: [(String, LabelSelector)] = [
            ("two values", LabelSelector(matchLabels: ["app": "a"], matchExpressions: [requirement("app", .in, ["b"])])),
            ("a value and its exclusion", LabelSelector(matchLabels: ["app": "a"], matchExpressions: [requirement("app", .notIn, ["a"])])),
            ("exists and absent", LabelSelector(matchExpressions: [requirement("app", .exists), requirement("app", .doesNotExist)])),
            ("a value and absent", LabelSelector(matchLabels: ["app": "a"], matchExpressions: [requirement("app", .doesNotExist)])),
            ("disjoint sets", LabelSelector(matchExpressions: [requirement("app", .in, ["a"]), requirement("app", .in, ["b", "c"])])),
            ("a set excluded whole", LabelSelector(matchExpressions: [requirement("app", .in, ["a", "b"]), requirement("app", .notIn, ["a", "b"])])),
        ]
        for (name, selector) in cases {
            XCTAssertEqual(selector.contradictingKey, "app", name)
        }
    }

    func testSatisfiableSelectorsHaveNone() {
        let cases: [(String, LabelSelector)] = [
            ("empty", LabelSelector()),
            ("one value", LabelSelector(matchLabels: ["app": "a"])),
            ("a set less an exclusion", LabelSelector(matchExpressions: [requirement("app", .in, ["a", "b"]), requirement("app", .notIn, ["a"])])),
            ("overlapping sets", LabelSelector(matchExpressions: [requirement("app", .in, ["a", "b"]), requirement("app", .in, ["b", "c"])])),
            ("exists less an exclusion", LabelSelector(matchExpressions: [requirement("app", .exists), requirement("app", .notIn, ["a"])])),
            ("absent meets an exclusion", LabelSelector(matchExpressions: [requirement("app", .notIn, ["a"]), requirement("app", .doesNotExist)])),
            ("different keys", LabelSelector(matchLabels: ["app": "a"], matchExpressions: [requirement("tier", .doesNotExist)])),
        ]
        for (name, selector) in cases {
            XCTAssertNil(selector.contradictingKey, name)
        }
    }

    /// With several contradicting keys, the first in sorted order is named.
    func testFirstKeyInOrder() {
        let selector = LabelSelector(
            matchLabels: ["tier": "web", "app": "a"],
            matchExpressions: [requirement("tier", .in, ["db"]), requirement("app", .in, ["b"]), requirement("zone", .exists)]
        )
        XCTAssertEqual(selector.contradictingKey, "app")
    }
}
