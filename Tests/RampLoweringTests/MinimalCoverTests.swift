@testable import RampLowering
import RampKube
import XCTest

/// `AggregateCIDRs.minimalCover` joins in one sorted pass. These tests
/// compare it with the plain definition, joining any two halves until
/// nothing changes, on random sets of nested, adjacent and repeated blocks.
final class MinimalCoverTests: XCTestCase {
    func testMatchesJoiningUntilNothingChanges() {
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        for _ in 0..<400 {
            // Blocks inside 10.0.0.0/24 and fd00::/120, so that many nest, touch or repeat.
            let cidrs = (0..<(1 + next(40))).map { _ -> CIDR in
                let prefix = 24 + next(9)
                let family: IPFamily = next(4) == 0 ? .ipv6 : .ipv4
                let base: UInt128 = family == .ipv4 ? 0x0A00_0000 : UInt128(0xFD00) << 112
                let offset = UInt128(next(256))
                return CIDR(family: family, address: base + offset, prefixLength: family == .ipv4 ? prefix : prefix + 96)
            }
            XCTAssertEqual(AggregateCIDRs.minimalCover(cidrs), joinedUntilStable(cidrs), "\(cidrs)")
        }
    }

    func testJoinsAQuarterChainIntoOneNetwork() {
        let cidrs = ["10.0.0.128/25", "10.0.0.0/26", "10.0.0.64/27", "10.0.0.96/27", "10.0.0.7/32"].map(parse)

        XCTAssertEqual(AggregateCIDRs.minimalCover(cidrs).map(\.description), ["10.0.0.0/24"])
    }

    private func parse(_ text: String) -> CIDR {
        try! CIDR.parse(text)
    }

    /// Returns the cover by its definition: drops blocks inside others, then
    /// joins any two halves of one network and starts over until none is left.
    private func joinedUntilStable(_ cidrs: [CIDR]) -> [CIDR] {
        var current = Set(cidrs)
        current = current.filter { cidr in !current.contains { $0 != cidr && $0.contains(cidr) } }
        var changed = true
        while changed {
            changed = false
            for cidr in current.sorted() where cidr.prefixLength > 0 {
                let parent = CIDR(family: cidr.family, address: cidr.address, prefixLength: cidr.prefixLength - 1)
                let halfSize = (parent.last - parent.first) / 2 + 1
                let other = CIDR(family: cidr.family, address: cidr.address == parent.first ? parent.first + halfSize : parent.first, prefixLength: cidr.prefixLength)
                if current.contains(other) {
                    current.subtract([cidr, other])
                    current.insert(parent)
                    changed = true
                    break
                }
            }
        }
        return current.sorted()
    }
}
