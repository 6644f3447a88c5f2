import RampKube
import XCTest
@testable import RampEvaluator

/// Unit tests of the pieces the equivalence check is built from.
final class AbstractionPartsTests: XCTestCase {
    // MARK: - PortRanges

    func testPortRangesUnionMergesTouchingRanges() {
        let union = PortRanges(1...10).union(PortRanges(11...20)).union(PortRanges(30...40)).union(PortRanges(35...50))
        XCTAssertEqual(union.ranges, [1...20, 30...50])
    }

    func testPortRangesClampToValidPorts() {
        XCTAssertEqual(PortRanges(0...5).ranges, [1...5])
        XCTAssertEqual(PortRanges(65530...70000).ranges, [65530...65535])
        XCTAssertTrue(PortRanges(70000...70001).isEmpty)
    }

    func testPortRangesIntersectionAndSubtraction() {
        let left = PortRanges(1...100).union(PortRanges(200...300))
        let right = PortRanges(50...250)
        XCTAssertEqual(left.intersection(right).ranges, [50...100, 200...250])
        XCTAssertEqual(left.subtracting(right).ranges, [1...49, 251...300])
        XCTAssertEqual(right.subtracting(left).ranges, [101...199])
    }

    func testPortRangesComplement() {
        XCTAssertEqual(PortRanges(80...80).complement.ranges, [1...79, 81...65535])
        XCTAssertEqual(PortRanges.all.complement, .empty)
        XCTAssertEqual(PortRanges.empty.complement, .all)
    }

    // MARK: - PortComparison

    private func ports(_ numbers: [ClosedRange<Int>], _ names: Set<String> = []) -> ProtocolPorts {
        ProtocolPorts(numbers: numbers.reduce(PortRanges.empty) { $0.union(PortRanges($1)) }, names: names)
    }

    func testPortComparisonWithoutNamesIsSetDifference() {
        let differences = PortComparison.differences(
            first: (egress: .all, ingress: ports([80...90])),
            second: (egress: ports([85...100]), ingress: .all)
        )
        XCTAssertEqual(differences, [
            PortDifference(ports: 80...84, namedPorts: [], allowedBy: .first),
            PortDifference(ports: 91...100, namedPorts: [], allowedBy: .second),
        ])
    }

    func testPortComparisonNamesOnBothSides() {
        // First set: egress admits "http", ingress admits "web". Second: nothing.
        let differences = PortComparison.differences(
            first: (egress: ports([], ["http"]), ingress: ports([], ["web"])),
            second: (egress: .empty, ingress: .empty)
        )
        XCTAssertEqual(differences, [PortDifference(ports: 1...65535, namedPorts: ["http", "web"], allowedBy: .first)])
    }

    func testPortComparisonSameNamesEqual() {
        let named = ports([443...443], ["http"])
        XCTAssertEqual(PortComparison.differences(first: (egress: .all, ingress: named), second: (egress: .all, ingress: named)), [])
    }

    // MARK: - LabelSpace

    /// Twelve selectors on twelve keys make 4,096 classes, the limit, and
    /// thirteen would make 8,192, so the partition stops with an error.
    func testPartitionStopsPastClassLimit() throws {
        func partition(_ count: Int) throws -> Int {
            let selectors = (0..<count).map { selector([:], [requirement("k\($0)", .exists)]) }
            let space = LabelSpace(selectors: selectors)
            return try space.partition(space.fullBox, by: selectors.map(space.compile)).count
        }

        XCTAssertEqual(try partition(12), 4096)
        XCTAssertThrowsError(try partition(13)) { error in
            XCTAssertEqual((error as? PolicyValidationError)?.labelClassLimit, 4096)
        }
    }

    /// Selectors on one key split it into one class per value and one for
    /// the rest, which grows with the selectors and may pass 4,096.
    func testPartitionOfOneKeyPassesFixedLimit() throws {
        let selectors = (0..<5000).map { selector(["kubernetes.io/metadata.name": "n\($0)"]) }
        let space = LabelSpace(selectors: selectors)

        XCTAssertEqual(try space.partition(space.fullBox, by: selectors.map(space.compile)).count, 5001)
    }

    func testPartitionKeepsOneClassPerSignature() throws {
        let selectors = [selector(["app": "web"]), selector([:], [requirement("app", .notIn, ["web", "api"])]), selector([:], [requirement("tier", .exists)])]
        let space = LabelSpace(selectors: selectors)
        let classes = try space.partition(space.fullBox, by: selectors.map(space.compile))

        // app: web, api, other or absent; tier: present or absent. app=web and
        // NotIn are exclusive, so the signatures are {0}, {1} and none, each with and without tier.
        XCTAssertEqual(classes.count, 6)
        XCTAssertEqual(Set(classes.map(\.satisfied)).count, 6)
        for labelClass in classes {
            let labels = space.representative(of: labelClass.box)
            for (index, labelSelector) in selectors.enumerated() {
                XCTAssertEqual(labelSelector.matches(labels), labelClass.satisfied.contains(index), "\(labels) against selector \(index)")
            }
        }
    }

    func testRepresentativeUsesUnnamedValueForOther() {
        let space = LabelSpace(selectors: [selector([:], [requirement("app", .notIn, ["other"]), requirement("app", .exists)])])
        let box = space.fullBox.intersection(space.compile(selector([:], [requirement("app", .notIn, ["other"]), requirement("app", .exists)])))!
        XCTAssertEqual(space.representative(of: box), ["app": "other-2"])
        XCTAssertEqual(space.describe(box, relativeTo: space.fullBox), "app,app notin (other)")
    }

    func testDescriptionsReadLikeSelectors() {
        let space = LabelSpace(selectors: [selector([:], [requirement("env", .in, ["dev", "prod"])])])
        let all = space.fullBox
        func box(_ requirement: LabelSelectorRequirement) -> LabelBox {
            all.intersection(space.compile(selector([:], [requirement])))!
        }
        XCTAssertEqual(space.describe(box(requirement("env", .in, ["dev"])), relativeTo: all), "env=dev")
        XCTAssertEqual(space.describe(box(requirement("env", .in, ["dev", "prod"])), relativeTo: all), "env in (dev,prod)")
        XCTAssertEqual(space.describe(box(requirement("env", .notIn, ["dev"])), relativeTo: all), "env notin (dev)")
        XCTAssertEqual(space.describe(box(requirement("env", .doesNotExist)), relativeTo: all), "!env")
        XCTAssertEqual(space.describe(box(requirement("env", .exists)), relativeTo: all), "env")
        XCTAssertEqual(space.describe(all, relativeTo: all), "(any labels)")
    }
}
