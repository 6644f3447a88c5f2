import RampEvaluator
import RampKube
import XCTest

@testable import RampDrift

final class AddressRangeTests: XCTestCase {
    private func address(_ text: String) -> IPAddress {
        try! IPAddress.parse(text)
    }

    private func block(_ cidr: String, except: [String] = []) -> IPBlock {
        IPBlock(cidr: try! CIDR.parse(cidr), except: except.map { try! CIDR.parse($0) })
    }

    func testRangeReadsAsCIDRsWhenAtMostTwo() {
        XCTAssertEqual(AddressRange(first: address("10.0.0.0"), last: address("10.0.0.255")).description, "10.0.0.0/24")
        XCTAssertEqual(AddressRange(first: address("10.0.0.0"), last: address("10.0.1.127")).description, "10.0.0.0/24, 10.0.1.0/25")
        XCTAssertEqual(AddressRange(first: address("10.0.0.1"), last: address("10.0.0.6")).description, "10.0.0.1-10.0.0.6")
        XCTAssertEqual(AddressRange(first: address("0.0.0.0"), last: address("255.255.255.255")).description, "0.0.0.0/0")
        XCTAssertEqual(AddressRange(first: address("::"), last: address("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")).description, "::/0")
    }

    func testCoveredLeavesOutExceptBlocks() {
        let ranges = AddressRange.covered(by: [block("198.51.100.0/24", except: ["198.51.100.128/25", "198.51.100.0/26"])])
        XCTAssertEqual(ranges.map(\.description), ["198.51.100.64/26"])
        XCTAssertEqual(AddressRange.covered(by: [block("10.0.0.0/8", except: ["10.0.0.0/8"])]).count, 0)
    }

    func testCoveredJoinsAdjacentBlocks() {
        let ranges = AddressRange.covered(by: [block("10.0.0.11/32"), block("10.0.0.10/32"), block("fd00::/64")])
        XCTAssertEqual(ranges.map(\.description), ["10.0.0.10/31", "fd00::/64"])
    }

    func testCoalescedKeepsFamiliesApart() {
        let ranges = AddressRange.coalesced([
            AddressRange(first: address("255.255.255.0"), last: address("255.255.255.255")),
            AddressRange(first: address("::"), last: address("::ff")),
        ])
        XCTAssertEqual(ranges.count, 2)
    }
}
