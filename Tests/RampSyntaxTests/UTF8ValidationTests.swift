import RampSource
import XCTest

final class UTF8ValidationTests: XCTestCase {
    func testEmptyFileIsValid() {
        XCTAssertNil(SourceFile.firstInvalidUTF8Offset([]))
    }

    func testASCIIEveryLengthValid() {
        for length in 1...33 {
            XCTAssertNil(SourceFile.firstInvalidUTF8Offset(Array(repeating: UInt8(ascii: "a"), count: length)), "length \(length)")
        }
    }

    func testMultibyteScalarsAreValid() {
        let bytes = Array("namespace café { # 日本 🚀 }".utf8)

        XCTAssertNil(SourceFile.firstInvalidUTF8Offset(bytes))
    }

    /// The invalid byte is placed at every offset of the first two words, so
    /// that it is found inside a word, at a word's edge and in the tail.
    func testInvalidByteAfterASCII() {
        for offset in 0..<17 {
            var bytes = Array(repeating: UInt8(ascii: "x"), count: 17)
            bytes[offset] = 0xFF

            XCTAssertEqual(SourceFile.firstInvalidUTF8Offset(bytes), offset, "offset \(offset)")
        }
    }

    func testInvalidByteAfterMultibyte() {
        // "é" takes two bytes, so the stray continuation byte sits at offset 12.
        let bytes = Array("0123456789é".utf8) + [0x80] + Array("abc".utf8)

        XCTAssertEqual(SourceFile.firstInvalidUTF8Offset(bytes), 12)
    }

    func testTruncatedScalarAtEndIsFound() {
        // The first two bytes of the three-byte "日", cut off at the end of the file.
        let bytes = Array("abcdefghij".utf8) + [0xE6, 0x97]

        XCTAssertEqual(SourceFile.firstInvalidUTF8Offset(bytes), 10)
    }
}
