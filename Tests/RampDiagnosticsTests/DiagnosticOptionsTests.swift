import RampSource
import XCTest

@testable import RampDiagnostics

final class DiagnosticOptionsTests: XCTestCase {
    /// The catalogue has no warnings yet, so these tests use a registry of their own.
    private let unusedService = DiagnosticID(9501, "unused-service", .warning, "a service that no dependency uses")
    private var registry: [DiagnosticID] { DiagnosticID.all + [unusedService] }

    private func unused(_ name: String) -> Diagnostic {
        let range = Fixtures.range(of: name, in: Fixtures.shop)
        return Diagnostic(DiagnosticMessage(unusedService, "service '\(name)' is not used by any dependency"), at: range)
    }

    private func unknownService(_ index: Int) -> Diagnostic {
        Diagnostic(.unknownService("s\(index)", namespace: "shop"), at: nil)
    }

    // MARK: - Parsing

    func testParseTakesDiagnosticOptionsOut() {
        let result = DiagnosticOptions.parse(
            ["compile", "-Werror", "-W", "no-unused-service", "--error-limit", "7", "contracts/"],
            registry: registry
        )
        XCTAssertEqual(result.remainingArguments, ["compile", "contracts/"])
        XCTAssertTrue(result.options.warningsAsErrors)
        XCTAssertEqual(result.options.silencedNames, ["unused-service"])
        XCTAssertEqual(result.options.errorLimit, 7)
        XCTAssertEqual(result.usageErrors.count, 0)
    }

    func testParseAcceptsJoinedSpellings() {
        let result = DiagnosticOptions.parse(["-Wno-unused-service", "-W", "error", "--error-limit=0"], registry: registry)
        XCTAssertTrue(result.options.warningsAsErrors)
        XCTAssertEqual(result.options.silencedNames, ["unused-service"])
        XCTAssertEqual(result.options.errorLimit, 0)
        XCTAssertEqual(result.usageErrors.count, 0)
    }

    func testParseLeavesArgumentsAfterDoubleDash() {
        let result = DiagnosticOptions.parse(["a", "--", "-Werror"])
        XCTAssertEqual(result.remainingArguments, ["a", "--", "-Werror"])
        XCTAssertFalse(result.options.warningsAsErrors)
    }

    func testDefaultErrorLimitIsFifty() {
        XCTAssertEqual(DiagnosticOptions.parse([]).options.errorLimit, 50)
    }

    func testUnknownWarningNameIsUsageError() {
        let result = DiagnosticOptions.parse(["-W", "no-unused-servise"], registry: registry)
        XCTAssertEqual(result.usageErrors.count, 1)
        XCTAssertEqual(result.usageErrors.first?.id, .unknownWarning)
        XCTAssertEqual(
            result.usageErrors.first?.message,
            "unknown warning name 'unused-servise' in '-W no-unused-servise'; did you mean 'unused-service'?"
        )
        XCTAssertEqual(result.options.silencedNames, [])
    }

    func testUnknownNameFarFromAnyListsNames() {
        let registry = [
            unusedService,
            DiagnosticID(9502, "rollout-label", .warning, "a label that changes with every rollout"),
            DiagnosticID(9503, "redundancy-skipped", .note, "a check that did not run"),
            DiagnosticID(9504, "unknown-service", .error, "a service that no contract declares"),
        ]
        let result = DiagnosticOptions.parse(["-W", "no-everything"], registry: registry)
        XCTAssertEqual(
            result.usageErrors.first?.message,
            "unknown warning name 'everything' in '-W no-everything'; use one of 'redundancy-skipped', 'rollout-label', 'unused-service'"
        )
    }

    func testSuggestionSkipsErrors() {
        let registry = [unusedService, DiagnosticID(9504, "unknown-service", .error, "a service that no contract declares")]
        let result = DiagnosticOptions.parse(["-W", "no-unknown-servic"], registry: registry)
        XCTAssertEqual(
            result.usageErrors.first?.message,
            "unknown warning name 'unknown-servic' in '-W no-unknown-servic'; use one of 'unused-service'"
        )
    }

    func testErrorCannotBeSilenced() {
        let result = DiagnosticOptions.parse(["-W", "no-unknown-service"], registry: registry)
        XCTAssertEqual(result.usageErrors.first?.id, .errorNotSilenceable)
        XCTAssertEqual(result.usageErrors.first?.message, "cannot silence 'unknown-service' because it is an error, not a warning")
        XCTAssertEqual(result.options.silencedNames, [])
    }

    func testInvalidWarningOptions() {
        let result = DiagnosticOptions.parse(["-W", "all", "-Wextra", "-W"], registry: registry)
        XCTAssertEqual(result.usageErrors.map(\.message), [
            "invalid warning option '-W all'; use '-Werror' or '-W no-<name>'",
            "invalid warning option '-W extra'; use '-Werror' or '-W no-<name>'",
            "invalid warning option '-W'; use '-Werror' or '-W no-<name>'",
        ])
    }

    func testInvalidErrorLimits() {
        let result = DiagnosticOptions.parse(["--error-limit", "-3", "--error-limit=many", "--error-limit"])
        XCTAssertEqual(result.usageErrors.map(\.message), [
            "invalid error limit '-3'; use a whole number of errors, or 0 for no limit",
            "invalid error limit 'many'; use a whole number of errors, or 0 for no limit",
            "missing value for '--error-limit'; use a whole number of errors, or 0 for no limit",
        ])
        for error in result.usageErrors {
            XCTAssertEqual(error.id, .invalidErrorLimit)
            XCTAssertNil(error.range)
        }
    }

    // MARK: - Applying

    func testWerrorRaisesWarnings() {
        let options = DiagnosticOptions(warningsAsErrors: true)
        let reported = options.apply(to: [unused("web")])
        XCTAssertEqual(reported.map(\.severity), [.error])
        XCTAssertEqual(reported[0].id, unusedService)
        XCTAssertEqual(
            reported[0].notes.map(\.message),
            ["warning treated as an error because of '-Werror'; silence it with '-W no-unused-service'"]
        )
    }

    func testWerrorTextSnapshot() {
        let report = DiagnosticReporter(format: .text, options: DiagnosticOptions(warningsAsErrors: true)).render([unused("web")])
        let expected = """
            contracts/shop.ramp:4:13: error: service 'web' is not used by any dependency [RAMP9501]
            4 |     service web [app=web] ports http:80
              |             ^~~
              = note: warning treated as an error because of '-Werror'; silence it with '-W no-unused-service'

            """
        XCTAssertEqual(report.output, expected)
        XCTAssertTrue(report.hasErrors)
    }

    func testWithoutWerrorWarningsAreNotErrors() {
        let report = DiagnosticReporter(format: .text).render([unused("web")])
        XCTAssertTrue(report.output.hasPrefix("contracts/shop.ramp:4:13: warning: service 'web' is not used"), report.output)
        XCTAssertFalse(report.hasErrors)
    }

    func testSilencedWarningIsDropped() {
        var options = DiagnosticOptions(warningsAsErrors: true)
        XCTAssertNil(options.silence("unused-service", registry: registry))
        let diagnostics = [unused("web"), unknownService(1)]
        let report = DiagnosticReporter(format: .text, options: options).render(diagnostics)
        XCTAssertEqual(report.output, "ramp: error: unknown service 's1' in namespace 'shop' [RAMP0201]\n")
    }

    func testSilencingOnlyWarningsLeavesNoError() {
        var options = DiagnosticOptions()
        XCTAssertNil(options.silence("unused-service", registry: registry))
        let report = DiagnosticReporter(format: .json, options: options).render([unused("web"), unused("api")])
        XCTAssertEqual(report.output, "")
        XCTAssertFalse(report.hasErrors)
    }

    func testErrorLimitAppendsNote() {
        let diagnostics = [unknownService(1), unknownService(2), unused("web"), unknownService(3), unused("api"), unknownService(4)]
        let report = DiagnosticReporter(format: .text, options: DiagnosticOptions(errorLimit: 2)).render(diagnostics)
        let expected = """
            ramp: error: unknown service 's1' in namespace 'shop' [RAMP0201]
            ramp: error: unknown service 's2' in namespace 'shop' [RAMP0201]
            contracts/shop.ramp:4:13: warning: service 'web' is not used by any dependency [RAMP9501]
            4 |     service web [app=web] ports http:80
              |             ^~~
            ramp: note: stopped after 2 errors; 2 more errors and 1 more warning not shown, use '--error-limit 0' to show all [RAMP0054]

            """
        XCTAssertEqual(report.output, expected)
        XCTAssertTrue(report.hasErrors)
    }

    func testErrorLimitCountsRaisedWarnings() {
        let reported = DiagnosticOptions(warningsAsErrors: true, errorLimit: 1).apply(to: [unused("web"), unused("api")])
        XCTAssertEqual(reported.count, 2)
        XCTAssertEqual(reported[1].message, "stopped after 1 error; 1 more error not shown, use '--error-limit 0' to show all")
    }

    func testErrorLimitZeroMeansNoLimit() {
        let diagnostics = (1...60).map(unknownService)
        XCTAssertEqual(DiagnosticOptions(errorLimit: 0).apply(to: diagnostics).count, 60)
        XCTAssertEqual(DiagnosticOptions().apply(to: diagnostics).count, 51)
    }

    func testExactlyLimitErrorsHasNoNote() {
        let diagnostics = (1...3).map(unknownService)
        XCTAssertEqual(DiagnosticOptions(errorLimit: 3).apply(to: diagnostics).map(\.id), Array(repeating: .unknownService, count: 3))
    }
}
