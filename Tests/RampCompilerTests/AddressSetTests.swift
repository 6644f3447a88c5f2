import RampIR
import RampKube
import XCTest

/// `AddressSet` cuts excepts out in one sorted sweep and compares sets by
/// merging, and `AddressHull` is the range test that runs before it.
final class AddressSetTests: XCTestCase {
    func testExceptsCutInAnyOrder() throws {
        let set = AddressSet([try block("10.0.0.0/24", except: ["10.0.0.128/25", "10.0.0.0/26", "10.0.0.32/27"])])

        XCTAssertTrue(set.contains(try address("10.0.0.64"), family: .ipv4))
        XCTAssertTrue(set.contains(try address("10.0.0.127"), family: .ipv4))
        XCTAssertFalse(set.contains(try address("10.0.0.0"), family: .ipv4))
        XCTAssertFalse(set.contains(try address("10.0.0.40"), family: .ipv4))
        XCTAssertFalse(set.contains(try address("10.0.0.200"), family: .ipv4))
        XCTAssertFalse(set.contains(try address("10.0.1.0"), family: .ipv4))
    }

    func testSubsetAcrossBlocksAndFamilies() throws {
        let outer = AddressSet([try block("10.0.0.0/25"), try block("10.0.0.128/25"), try block("fd00::/8", except: ["fd00::/16"])])

        XCTAssertTrue(AddressSet([try block("10.0.0.64/26"), try block("10.0.0.128/26")]).isSubset(of: outer))
        XCTAssertTrue(AddressSet([try block("fd01::/16")]).isSubset(of: outer))
        XCTAssertFalse(AddressSet([try block("fd00::/16")]).isSubset(of: outer))
        XCTAssertFalse(AddressSet([try block("10.0.0.0/23")]).isSubset(of: outer))
        XCTAssertFalse(AddressSet([try block("10.0.0.0/24"), try block("10.0.2.0/24")]).isSubset(of: outer))
    }

    func testHullRejectsOnlyWhatCannotFit() throws {
        let outer = AddressHull([try CIDR.parse("10.0.0.0/24"), try CIDR.parse("10.0.2.0/24")])

        XCTAssertTrue(outer.mayContain(AddressHull([try CIDR.parse("10.0.1.0/24")])))
        XCTAssertFalse(outer.mayContain(AddressHull([try CIDR.parse("10.0.3.0/24")])))
        XCTAssertFalse(outer.mayContain(AddressHull([try CIDR.parse("fd00::/8")])))
        XCTAssertTrue(outer.mayContain(AddressHull()))
    }

    private func block(_ cidr: String, except: [String] = []) throws -> IPBlock {
        IPBlock(cidr: try CIDR.parse(cidr), except: try except.map { try CIDR.parse($0) })
    }

    private func address(_ text: String) throws -> UInt128 {
        try CIDR.parseAddress(text).1
    }
}
