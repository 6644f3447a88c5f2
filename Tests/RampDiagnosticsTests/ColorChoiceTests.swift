import RampDiagnostics
import XCTest

final class ColorChoiceTests: XCTestCase {
    func testAutoColorsOnlyATerminal() {
        XCTAssertTrue(ColorChoice.auto.resolve(isTerminal: true, environment: [:]))
        XCTAssertFalse(ColorChoice.auto.resolve(isTerminal: false, environment: [:]))
    }

    func testAutoHonorsNoColor() {
        XCTAssertFalse(ColorChoice.auto.resolve(isTerminal: true, environment: ["NO_COLOR": "1"]))
        // An empty NO_COLOR does not count as set, as no-color.org specifies.
        XCTAssertTrue(ColorChoice.auto.resolve(isTerminal: true, environment: ["NO_COLOR": ""]))
    }

    func testAutoSkipsDumbTerminal() {
        XCTAssertFalse(ColorChoice.auto.resolve(isTerminal: true, environment: ["TERM": "dumb"]))
    }

    func testAlwaysOverridesNoColor() {
        XCTAssertTrue(ColorChoice.always.resolve(isTerminal: false, environment: ["NO_COLOR": "1"]))
    }

    func testNeverColors() {
        XCTAssertFalse(ColorChoice.never.resolve(isTerminal: true, environment: [:]))
    }

    func testChoicesParseFromFlagValues() {
        XCTAssertEqual(ColorChoice(rawValue: "auto"), .auto)
        XCTAssertEqual(ColorChoice(rawValue: "always"), .always)
        XCTAssertEqual(ColorChoice(rawValue: "never"), .never)
        XCTAssertNil(ColorChoice(rawValue: "yes"))
    }
}
