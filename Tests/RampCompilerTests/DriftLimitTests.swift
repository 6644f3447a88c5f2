import Foundation
import RampDiagnostics
import RampDrift
import RampSource
import RampSyntax
import XCTest

/// The limit of classes that the drift check of `ramp check` attributes per
/// pair of environments, and its errors when the limit is reached.
final class DriftLimitTests: XCTestCase {
    private var directory: URL!
    private var contracts: String!
    private var output: String!

    /// Three namespaces in a ring, each with a statement `only in`
    /// production that isolates a pod of its own for egress and one of the
    /// next namespace for ingress, so every statement blocks connections
    /// that staging allows.
    private static let ring = """
        environment staging {
          enforce * ingress, egress
        }
        environment production {
          enforce * ingress, egress
        }

        """ + namespaceRing(3, onlyIn: "production")

    override func setUpWithError() throws {
        directory = try temporaryDirectory()
        contracts = directory.appendingPathComponent("contracts").path
        output = directory.appendingPathComponent("generated").path
        try FileManager.default.createDirectory(atPath: contracts, withIntermediateDirectories: true)
        try Data(DriftLimitTests.ring.utf8).write(to: URL(fileURLWithPath: contracts + "/ring.ramp"))
        let build = runRamp(["build", "--all-environments", contracts, "-o", output])
        XCTAssertEqual(build.status, 0, build.error)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func check(_ extra: [String] = []) -> (status: Int32, errors: [String]) {
        let result = runRamp(["check", "--all-environments", contracts, "-o", output, "--diagnostics-format", "json"] + extra)
        let errors = result.output.split(separator: "\n").compactMap { line -> String? in
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { return nil }
            return "\(object["code"] ?? "") \(object["message"] ?? "")"
        }
        return (result.status, errors)
    }

    /// Returns the smallest limit that attributes every class, found by
    /// bisection, because the error of the limit names only the limit.
    private func classCount() -> Int {
        var (low, high) = (1, 1)
        while check(["--drift-limit", "\(high)"]).errors.contains(where: { $0.hasPrefix("RAMP0855 ") }) {
            (low, high) = (high + 1, high * 2)
        }
        while low < high {
            let middle = (low + high) / 2
            if check(["--drift-limit", "\(middle)"]).errors.contains(where: { $0.hasPrefix("RAMP0855 ") }) {
                low = middle + 1
            } else {
                high = middle
            }
        }
        return low
    }

    /// Returns the count of blocked connections in each drift error.
    private func blockedCounts(_ errors: [String]) -> [Int] {
        errors.filter { $0.hasPrefix("RAMP0850 ") }.map { error in
            let range = error.range(of: #"blocks (at least )?[0-9]+ connection"#, options: .regularExpression)!
            return Int(error[range].split(separator: " ").dropLast().last!)!
        }
    }

    func testSmallContractChecksEveryClass() {
        let (status, errors) = check()
        XCTAssertEqual(status, 1)
        XCTAssertEqual(errors.map { String($0.prefix(8)) }, ["RAMP0850", "RAMP0850", "RAMP0850"])
        XCTAssertEqual(blockedCounts(errors), [19, 19, 19])
        XCTAssertFalse(errors.contains { $0.contains("at least") })
        XCTAssertEqual(check(["--drift-limit", "0"]).errors, errors)
    }

    /// A limit of exactly the number of classes attributes them all, and
    /// one less reports the limit and marks every count as a lower bound.
    func testLimitBelowClassesGivesLowerBounds() {
        let unlimited = check().errors
        let classes = classCount()
        XCTAssertGreaterThan(classes, 2)

        XCTAssertEqual(check(["--drift-limit", "\(classes)"]).errors, unlimited)

        let (status, limited) = check(["--drift-limit", "\(classes - 1)"])
        XCTAssertEqual(status, 1)
        XCTAssertEqual(limited[0], "RAMP0855 environments 'production' and 'staging' differ in more than \(classes - 1) classes of connections that their settings do not explain, the drift check's limit, so it attributed only the first \(classes - 1) classes and did not check the others for drift")
        let drift = limited.dropFirst()
        XCTAssertEqual(drift.count, 3)
        XCTAssertTrue(drift.allSatisfy { $0.contains("blocks at least ") }, "\(drift)")
        for (partial, whole) in zip(blockedCounts(limited), blockedCounts(unlimited)) {
            XCTAssertLessThanOrEqual(partial, whole)
        }
    }

    func testLimitOfOneAttributesOneClass() {
        let errors = check(["--drift-limit", "1"]).errors
        XCTAssertEqual(errors.count, 2, "\(errors)")
        XCTAssertEqual(errors[0], "RAMP0855 environments 'production' and 'staging' differ in more than 1 class of connections that their settings do not explain, the drift check's limit, so it attributed only the first class and did not check the others for drift")
        XCTAssertEqual(blockedCounts(errors), [1])
    }

    func testInvalidLimitIsUsageError() {
        for value in ["-1", "many", "1.5"] {
            let result = runRamp(["check", contracts, "-o", output, "--drift-limit", value])
            XCTAssertEqual(result.status, 2)
            XCTAssertEqual(
                result.error,
                "ramp: error: invalid value '\(value)' for '--drift-limit'; use a whole number of classes, 0 for no limit\n"
            )
        }
    }

    func testDefaultLimitGrowsWithContracts() {
        func files(_ sizes: [Int]) -> [ContractFile] {
            sizes.enumerated().map { index, size in
                let text = "# " + String(repeating: "x", count: size - 3) + "\n"
                return Parser.parse(SourceFile(path: "f\(index).ramp", text: text), diagnostics: DiagnosticEngine())
            }
        }
        XCTAssertEqual(EnvironmentDrift.defaultClassLimit(files([100])), 100_000)
        XCTAssertEqual(EnvironmentDrift.defaultClassLimit(files([1_000_000, 1_000_000])), 100_000)
        XCTAssertEqual(EnvironmentDrift.defaultClassLimit(files([3_000_000, 1_000_000])), 200_000)
    }
}
