@testable import RampDriver
import XCTest

/// The contract hash's SHA-256 against the usual test messages, which cover
/// one block, two blocks and padding that needs a block of its own. Every
/// expected digest is also the one that Python's hashlib computes.
final class SHA256Tests: XCTestCase {
    private func digest(_ text: String) -> String {
        SHA256.hexDigest(of: Array(text.utf8))
    }

    func testEmptyMessage() {
        XCTAssertEqual(digest(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    func testOneBlockMessage() {
        XCTAssertEqual(digest("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    func testPaddingInSecondBlock() {
        let message = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
        XCTAssertEqual(message.utf8.count, 56)
        XCTAssertEqual(digest(message), "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    func testTwoBlockMessage() {
        let message = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu"
        XCTAssertEqual(digest(message), "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")
    }

    func testMillionRepeatedBytes() {
        let message = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        XCTAssertEqual(SHA256.hexDigest(of: message), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    func testBlockBoundaryLengths() {
        let expected = [
            55: "02779466cdec163811d078815c633f21901413081449002f24aa3e80f0b88ef7",
            56: "d4817aa5497628e7c77e6b606107042bbba3130888c5f47a375e6179be789fbb",
            63: "c7723fa1e0127975e49e62e753db53924c1bd84b8ac1ac08df78d09270f3d971",
            64: "f5a5fd42d16a20302798ef6ed309979b43003d2320d9f0e8ea9831a92759fb4b",
            65: "98ce42deef51d40269d542f5314bef2c7468d401ad5d85168bfab4c0108f75f7",
        ]
        for (length, digest) in expected.sorted(by: { $0.key < $1.key }) {
            XCTAssertEqual(SHA256.hexDigest(of: [UInt8](repeating: 0, count: length)), digest, "\(length) zero bytes")
        }
    }
}
