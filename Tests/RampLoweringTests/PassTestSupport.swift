import RampLowering
import XCTest

/// Parses `input`, runs `pass`, and compares the printed plan with `expected`.
func assertPass(_ pass: any PlanPass, _ input: String, _ expected: String, file: StaticString = #filePath, line: UInt = #line) {
    do {
        var plan = try PlanParser.parse(input)
        pass.run(&plan)
        XCTAssertEqual(PlanPrinter().print(plan), expected, file: file, line: line)
    } catch {
        XCTFail("invalid plan text: \(error)", file: file, line: line)
    }
}
