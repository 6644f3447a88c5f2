import RampKube
import XCTest

final class CIDRTests: XCTestCase {
    func testParsesAndPrintsCanonicalForms() throws {
        XCTAssertEqual(try CIDR.parse("10.0.0.0/8").description, "10.0.0.0/8")
        XCTAssertEqual(try CIDR.parse("0.0.0.0/0").description, "0.0.0.0/0")
        XCTAssertEqual(try CIDR.parse("::/0").description, "::/0")
        XCTAssertEqual(try CIDR.parse("2001:DB8:0:0::/64").description, "2001:db8::/64")
        XCTAssertEqual(try CIDR.parse("fd00::/8").description, "fd00::/8")
        XCTAssertEqual(try CIDR.parse("2001:db8:0:1:0:0:0:0/64").description, "2001:db8:0:1::/64")
        XCTAssertEqual(try CIDR.parse("::ffff:10.0.0.0/104").description, "::ffff:a00:0/104")
        XCTAssertEqual(try CIDR.parse("1:0:0:2:0:0:0:3/128").description, "1:0:0:2::3/128")
    }

    func testRejectsInvalidCIDRs() {
        let cases: [(String, String)] = [
            ("10.0.0.0", "expected an address and a prefix length such as 10.0.0.0/8"),
            ("10.0.0.0/33", "prefix length must be a number from 0 to 32"),
            ("10.0.0.1/8", "host bits are set; the network address is 10.0.0.0/8"),
            ("10.0.0/8", "'10.0.0' is not an IPv4 address"),
            ("010.0.0.0/8", "'010.0.0.0' is not an IPv4 address"),
            ("256.0.0.0/8", "'256.0.0.0' is not an IPv4 address"),
            ("fd00::/129", "prefix length must be a number from 0 to 128"),
            ("fd00:::/8", "'fd00:::' is not an IPv6 address"),
            ("1::2::3/64", "'1::2::3' is not an IPv6 address"),
            ("10.0.0.0/-1", "prefix length must be a number from 0 to 32"),
        ]
        for (text, reason) in cases {
            XCTAssertThrowsError(try CIDR.parse(text), text) { error in
                XCTAssertEqual((error as? CIDRParseError)?.reason, reason, text)
            }
        }
    }

    func testContainment() throws {
        let block = try CIDR.parse("10.0.0.0/8")
        XCTAssertTrue(block.contains(try CIDR.parse("10.1.0.0/16")))
        XCTAssertTrue(block.contains(block))
        XCTAssertFalse(block.contains(try CIDR.parse("11.0.0.0/16")))
        XCTAssertFalse(block.contains(try CIDR.parse("0.0.0.0/0")))
        XCTAssertFalse(CIDR.allIPv6.contains(block))
        XCTAssertTrue(CIDR.allIPv6.contains(try CIDR.parse("fd00::/8")))
    }
}

final class CIDRBoundsTests: XCTestCase {
    func testLastAddressOfWholeFamilies() {
        XCTAssertEqual(CIDR.allIPv6.last, UInt128.max)
        XCTAssertEqual(CIDR.allIPv4.last, UInt128(UInt32.max))
        XCTAssertEqual(try CIDR.parse("fd00::/8").last, try CIDR.parse("fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128").address)
    }
}
