import RampKube
import XCTest

/// `HullContainers` must return true whenever another hull contains one,
/// and may return false only when none does. The test compares it with the
/// pairwise definition on random ranges.
final class HullContainersTests: XCTestCase {
    func testMatchesPairwiseContainment() throws {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        for _ in 0..<300 {
            // Blocks in 10.0.0.0/24 and fd00::/120, some repeated, some nested, some absent.
            let hulls: [AddressHull?] = (0..<(1 + next(30))).map { _ in
                guard next(6) != 0 else { return nil }
                let family: IPFamily = next(3) == 0 ? .ipv6 : .ipv4
                let base: UInt128 = family == .ipv4 ? 0x0A00_0000 : UInt128(0xFD00) << 112
                let prefix = 25 + next(8)
                return AddressHull([CIDR(family: family, address: base + UInt128(next(256)), prefixLength: family == .ipv4 ? prefix : prefix + 96)])
            }
            let containers = HullContainers(hulls)

            for (position, hull) in hulls.enumerated() {
                guard let hull else {
                    XCTAssertTrue(containers.mayBeContained(position))
                    continue
                }
                let contained = hulls.indices.contains { $0 != position && hulls[$0].map { $0.mayContain(hull) } ?? false }
                XCTAssertEqual(containers.mayBeContained(position), contained, "\(hulls) at \(position)")
            }
        }
    }
}
