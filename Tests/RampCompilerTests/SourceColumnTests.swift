import RampSource
import XCTest

/// Columns count Unicode scalars. ASCII lines take a shortcut from the byte
/// offset, so these tests pin both paths and the lines around a non-ASCII one.
final class SourceColumnTests: XCTestCase {
    func testColumnsOnASCIIAndNonASCIILines() {
        let file = SourceFile(path: "x.ramp", text: "ab\nxé y\n  z")

        XCTAssertEqual(position(file, 0), [1, 1])
        XCTAssertEqual(position(file, 1), [1, 2])
        XCTAssertEqual(position(file, 2), [1, 3])
        // "é" is two bytes, so "y", the line's fifth byte, is in column 4.
        XCTAssertEqual(position(file, 3), [2, 1])
        XCTAssertEqual(position(file, 4), [2, 2])
        XCTAssertEqual(position(file, 6), [2, 3])
        XCTAssertEqual(position(file, 7), [2, 4])
        XCTAssertEqual(position(file, 8), [2, 5])
        XCTAssertEqual(position(file, 9), [3, 1])
        XCTAssertEqual(position(file, 11), [3, 3])
        XCTAssertEqual(position(file, 99), [3, 4])
    }

    func testByteOrderMarkIsNotAColumn() {
        let file = SourceFile(path: "x.ramp", bytes: SourceFile.byteOrderMark + Array("ns\nb".utf8))

        XCTAssertEqual(position(file, 3), [1, 1])
        XCTAssertEqual(position(file, 4), [1, 2])
        XCTAssertEqual(position(file, 6), [2, 1])
    }

    func testLastLineWithoutNewline() {
        let file = SourceFile(path: "x.ramp", text: "a\nü")

        XCTAssertEqual(position(file, 2), [2, 1])
        XCTAssertEqual(position(file, 4), [2, 2])
    }

    private func position(_ file: SourceFile, _ offset: Int) -> [Int] {
        let (line, column) = file.lineAndColumn(of: offset)
        return [line, column]
    }
}
