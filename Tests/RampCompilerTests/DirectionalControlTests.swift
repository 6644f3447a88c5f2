import RampSyntax
import XCTest

/// Characters that reorder displayed text are errors wherever they appear,
/// comments and strings included, since a reviewer would read other text
/// than ramp does.
final class DirectionalControlTests: XCTestCase {
    func testFindsEveryOverrideAndIsolateAndNothingElse() {
        let controls: [UInt32] = [0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069]
        // Neighbours that share the lead byte: paragraph separator, right-to-left mark, superscript zero.
        let harmless: [UInt32] = [0x2029, 0x200F, 0x2070, 0x2065]
        var text = "# "
        var expected: [String] = []
        for codePoint in harmless + controls {
            if controls.contains(codePoint) { expected.append("\(text.utf8.count) \(String(codePoint, radix: 16))") }
            text += String(UnicodeScalar(codePoint)!) + "x"
        }
        let found = DirectionalControls.find(in: Array(text.utf8))
        XCTAssertEqual(found.map { "\($0.offset) \(String($0.codePoint, radix: 16))" }, expected)
        XCTAssertEqual(found.map(\.name), [
            "LEFT-TO-RIGHT EMBEDDING", "RIGHT-TO-LEFT EMBEDDING", "POP DIRECTIONAL FORMATTING", "LEFT-TO-RIGHT OVERRIDE",
            "RIGHT-TO-LEFT OVERRIDE", "LEFT-TO-RIGHT ISOLATE", "RIGHT-TO-LEFT ISOLATE", "FIRST STRONG ISOLATE", "POP DIRECTIONAL ISOLATE",
        ])
    }

    func testCommentAndStringAreReported() {
        let override = "\u{202E}"
        let compilation = compile("""
        namespace shop [owner="web\(override)team"] {
          service web [app=web] ports http:8080
          service api [app=api]
          api -> web:http # \(override) tnemmoc
        }

        """)
        XCTAssertEqual(messages(compilation), [
            "1:27: error: the character U+202E (RIGHT-TO-LEFT OVERRIDE) reorders how the text after it is displayed, so a reader may see other text than ramp reads; remove it",
            "4:21: error: the character U+202E (RIGHT-TO-LEFT OVERRIDE) reorders how the text after it is displayed, so a reader may see other text than ramp reads; remove it",
        ])
    }

    func testTextWithoutControlsIsNotReported() {
        let compilation = compile("""
        namespace shop {
          service web [app=web] ports http:8080
          service api [app=api]
          api -> web:http # שלום, مرحبا
        }

        """)
        XCTAssertEqual(messages(compilation), [])
    }
}
