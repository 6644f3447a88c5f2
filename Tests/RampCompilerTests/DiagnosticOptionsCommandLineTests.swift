import Foundation
import RampDiagnostics
@testable import RampDriver
import XCTest

/// The diagnostic options on the command line: `--error-limit` cuts a flood
/// of errors with a note, `-Werror` and `-W no-<name>` act on the warnings
/// of the semantic checks.
final class DiagnosticOptionsCommandLineTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = try temporaryDirectory()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func write(_ name: String, _ text: String) -> String {
        let url = directory.appendingPathComponent(name)
        try! Data(text.utf8).write(to: url)
        return url.path
    }

    private var output: String { directory.appendingPathComponent("out").path }

    /// A contract with `count` unknown services, one per line, so that each
    /// is an error of its own.
    private func flood(_ count: Int) -> String {
        var text = "namespace shop {\n  service web [app=web]\n"
        for number in 0..<count { text += "  web -> missing\(number)\n" }
        return write("flood.ramp", text + "}\n")
    }

    private func errorLines(_ text: String) -> [String] {
        text.split(separator: "\n").map(String.init).filter { $0.contains(": error: ") }
    }

    func testDefaultLimitStopsAtFifty() {
        let input = flood(60)
        let result = runRamp(["build", input, "-o", output])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(errorLines(result.error).count, 50)
        XCTAssertTrue(result.error.hasSuffix("""
        ramp: note: stopped after 50 errors; 10 more errors not shown, use '--error-limit 0' to show all [RAMP0054]
        50 errors generated.

        """), result.error)
    }

    func testSmallLimitShowsFirstErrors() {
        let input = flood(5)
        let result = runRamp(["build", input, "-o", output, "--error-limit", "2"])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(errorLines(result.error), [
            "\(input):3:10: error: unknown service 'missing0' in namespace 'shop' [RAMP0201]",
            "\(input):4:10: error: unknown service 'missing1' in namespace 'shop' [RAMP0201]",
        ])
        XCTAssertTrue(result.error.contains("ramp: note: stopped after 2 errors; 3 more errors not shown, use '--error-limit 0' to show all [RAMP0054]\n"))
    }

    func testZeroLimitShowsAll() {
        let input = flood(60)
        let result = runRamp(["build", input, "-o", output, "--error-limit=0"])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(errorLines(result.error).count, 60)
        XCTAssertFalse(result.error.contains("RAMP0054"))
        XCTAssertTrue(result.error.hasSuffix("60 errors generated.\n"))
    }

    func testLimitAtExactCountAddsNoNote() {
        let result = runRamp(["build", flood(3), "-o", output, "--error-limit", "3"])
        XCTAssertEqual(errorLines(result.error).count, 3)
        XCTAssertFalse(result.error.contains("RAMP0054"))
    }

    func testLimitInMachineFormats() throws {
        let result = runRamp(["build", flood(4), "-o", output, "--error-limit", "1", "--diagnostics-format", "json"])
        let lines = result.output.split(separator: "\n")
        XCTAssertEqual(lines.count, 2)
        XCTAssertTrue(lines[1].contains("\"RAMP0054\""), String(lines[1]))
    }

    // MARK: - Warnings

    private let unusedService = """
    namespace shop {
      service web [app=web]
      service api [app=api] ports http:8080
      service cache [app=cache]
      web -> api:http
    }

    """

    func testWarningDoesNotFailBuild() {
        let input = write("shop.ramp", unusedService)
        let result = runRamp(["build", input, "-o", output])
        XCTAssertEqual(result.status, 0, result.error)
        XCTAssertTrue(result.error.hasPrefix(
            "\(input):4:11: warning: service 'cache' in namespace 'shop' appears in no dependency, so no rule names its pods; add a dependency or remove the service [RAMP0602]\n"
        ), result.error)
        XCTAssertTrue(result.error.hasSuffix("1 warning generated.\n"))
    }

    func testWerrorFailsBuild() {
        let input = write("shop.ramp", unusedService)
        let result = runRamp(["build", input, "-o", output, "-Werror"])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.error.contains("\(input):4:11: error: service 'cache' in namespace 'shop' appears in no dependency"), result.error)
        XCTAssertTrue(result.error.contains("= note: warning treated as an error because of '-Werror'; silence it with '-W no-unused-service'"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: output))
    }

    func testSilencedWarningIsNotShown() {
        let input = write("shop.ramp", unusedService)
        let result = runRamp(["build", input, "-o", output, "-Werror", "-W", "no-unused-service"])
        XCTAssertEqual(result.status, 0, result.error)
        XCTAssertEqual(result.error, "")
    }

    func testMisspeltWarningNameGetsSuggestion() {
        let input = write("shop.ramp", unusedService)
        let result = runRamp(["build", input, "-o", output, "-W", "no-unused-servce"])
        XCTAssertEqual(result.status, 2)
        XCTAssertEqual(result.error, "ramp: error: unknown warning name 'unused-servce' in '-W no-unused-servce'; did you mean 'unused-service'? [RAMP0051]\n")
    }

    func testUnknownWarningNameListsValidNames() throws {
        let input = write("shop.ramp", unusedService)
        let result = runRamp(["lint", input, "-W", "no-everything"])
        let valid = DiagnosticID.all.filter { $0.severity != .error }.map { "'\($0.name)'" }.sorted()
        XCTAssertEqual(result.status, 2)
        XCTAssertEqual(result.error, "ramp: error: unknown warning name 'everything' in '-W no-everything'; use one of \(valid.joined(separator: ", ")) [RAMP0051]\n")
        XCTAssertTrue(valid.contains("'unused-service'"))
        XCTAssertFalse(valid.contains("'unknown-service'"))
    }

    func testUsageErrorKeepsCode() {
        let input = write("shop.ramp", unusedService)
        let cases: [([String], String)] = [
            (["build", input, "-o", output, "--error-limit", "many"],
             "ramp: error: invalid error limit 'many'; use a whole number of errors, or 0 for no limit [RAMP0053]\n"),
            (["lint", input, "-W", "all"], "ramp: error: invalid warning option '-W all'; use '-Werror' or '-W no-<name>' [RAMP0050]\n"),
            (["test", input, "-W", "no-unknown-service"],
             "ramp: error: cannot silence 'unknown-service' because it is an error, not a warning [RAMP0052]\n"),
            (["diff", "--env", "a", "--env", "b", input, "--error-limit"],
             "ramp: error: missing value for '--error-limit'; use a whole number of errors, or 0 for no limit [RAMP0053]\n"),
        ]
        for (arguments, error) in cases {
            let result = runRamp(arguments)
            XCTAssertEqual(result.status, 2, arguments.joined(separator: " "))
            XCTAssertEqual(result.error, error, arguments.joined(separator: " "))
        }
    }

    func testUsageErrorKeepsNotes() {
        let diagnostic = Diagnostic(.invalidErrorLimit("many"), at: nil, notes: [Note("the limit counts errors, not lines")])
        XCTAssertEqual(
            UsageError(diagnostic).report,
            "ramp: error: invalid error limit 'many'; use a whole number of errors, or 0 for no limit [RAMP0053]\n"
                + "  = note: the limit counts errors, not lines\n"
        )
        XCTAssertEqual(UsageError(message: "unknown command 'x'").report, "ramp: error: unknown command 'x'\n")
    }
}
