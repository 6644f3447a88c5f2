import Foundation
import XCTest

final class CommandLineTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = try temporaryDirectory()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func write(_ name: String, _ text: String) -> String {
        let url = directory.appendingPathComponent(name)
        try! FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try! Data(text.utf8).write(to: url)
        return url.path
    }

    private let validContract = """
    namespace shop {
      deny all
      service web [app=web] ports http:8080
      internet -> web:http
    }

    """

    func testHelpAndVersion() {
        let help = runRamp(["--help"])
        XCTAssertEqual(help.status, 0)
        XCTAssertTrue(help.output.hasPrefix("OVERVIEW: ramp compiles network contracts"))
        let buildHelp = runRamp(["build", "--help"])
        XCTAssertEqual(buildHelp.status, 0)
        XCTAssertTrue(buildHelp.output.contains("USAGE: ramp build <path>... -o <directory> [options]"))
        XCTAssertEqual(runRamp(["--version"]).output, "ramp 0.1.0\n")
        XCTAssertEqual(runRamp([]).status, 0)
    }

    /// The adoption commands accept the warning options of 'ramp build', so their help lists them.
    func testAdoptionHelpListsWarningOptions() {
        for command in ["lint", "import", "drift"] {
            let help = runRamp([command, "--help"])
            XCTAssertEqual(help.status, 0, command)
            XCTAssertTrue(help.output.contains("\n  -Werror                 Treat warnings as errors\n"), command)
            XCTAssertTrue(help.output.contains("\n  -W no-<name>            Silence the warning with that name\n"), command)
        }
    }

    func testUsageErrorsExitWithTwo() {
        XCTAssertEqual(runRamp(["frobnicate"]).error, "ramp: error: unknown command 'frobnicate'; run 'ramp --help' for the list of commands\n")
        XCTAssertEqual(runRamp(["frobnicate"]).status, 2)
        XCTAssertEqual(runRamp(["build", "x.ramp"]).error, "ramp: error: 'ramp build' requires '-o <directory>' for the generated YAML\n")
        XCTAssertEqual(runRamp(["build", "-o", "out"]).status, 2)
        XCTAssertEqual(runRamp(["build", "x", "-o"]).error, "ramp: error: option '-o' requires a value\n")
        XCTAssertEqual(runRamp(["build", "x", "-o", "y", "--fast"]).error, "ramp: error: unknown option '--fast' for 'ramp build'; run 'ramp build --help'\n")
        XCTAssertEqual(runRamp(["build", "x", "-o", "y", "--color", "pink"]).status, 2)
    }

    /// An option that names one environment or one output is rejected when
    /// repeated, instead of keeping the last value.
    func testRepeatedSingleOptionsAreRejected() {
        let commands: [(arguments: [String], option: String)] = [
            (["build", "c", "-o", "a", "-o", "b"], "-o"),
            (["build", "c", "-o", "a", "--output", "b"], "--output"),
            (["build", "c", "-o", "a", "--env", "dev", "--env", "prod"], "--env"),
            (["check", "c", "-o", "a", "-o", "b"], "-o"),
            (["drift", "c", "--live", "l.yaml", "--env", "dev", "--env", "prod"], "--env"),
            (["import", "p.yaml", "-o", "a.ramp", "-o", "b.ramp"], "-o"),
            (["diff", "--base", "main", "--base", "HEAD~1", "c"], "--base"),
            (["explain", "c", "--from", "a/b", "--from", "a/c", "--to", "a/d"], "--from"),
            (["explain", "c", "--from", "a/b", "--to", "a/c", "--to", "a/d"], "--to"),
        ]
        for command in commands {
            let result = runRamp(command.arguments)
            XCTAssertEqual(result.error, "ramp: error: option '\(command.option)' may be given once\n", "\(command.arguments)")
            XCTAssertEqual(result.status, 2, "\(command.arguments)")
        }
    }

    /// Standard input can be read once, so a second '-' would read nothing.
    func testRepeatedStandardInputIsRejected() {
        let commands: [[String]] = [
            ["lint", "-", "-"],
            ["lint", "-", "--workloads", "-"],
            ["drift", "c", "--live", "-", "--live", "-"],
            ["import", "-", "--workloads", "-", "-o", "x.ramp"],
        ]
        for arguments in commands {
            let result = runRamp(arguments)
            XCTAssertEqual(result.error, "ramp: error: standard input ('-') can be read only once; give '-' once and the other manifests as files\n", "\(arguments)")
            XCTAssertEqual(result.status, 2, "\(arguments)")
        }
    }

    /// An empty value, as an unset shell variable gives, is not the current directory.
    func testEmptyOptionValueIsRejected() {
        let commands: [(arguments: [String], option: String)] = [
            (["build", "c", "-o", ""], "-o"),
            (["check", "c", "-o", ""], "-o"),
            (["build", "c", "-o", "out", "--env", ""], "--env"),
            (["drift", "c", "--live", ""], "--live"),
        ]
        for command in commands {
            let result = runRamp(command.arguments)
            XCTAssertEqual(result.error, "ramp: error: option '\(command.option)' requires a non-empty value\n", "\(command.arguments)")
            XCTAssertEqual(result.status, 2, "\(command.arguments)")
        }
    }

    func testBuildWritesOneFilePerNamespace() throws {
        let input = write("contracts/shop.ramp", validContract)
        let output = directory.appendingPathComponent("out").path
        let result = runRamp(["build", input, "-o", output])
        XCTAssertEqual(result.status, 0, result.error)
        XCTAssertEqual(result.output, "wrote 2 NetworkPolicies in 1 file to \(output)\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: output), ["shop.yaml"])
        let text = try String(contentsOfFile: output + "/shop.yaml", encoding: .utf8)
        XCTAssertTrue(text.hasPrefix("# Generated by ramp 0.1.0 from \(input). Do not edit:\n"))
    }

    func testMissingInputIsAnIOError() {
        let result = runRamp(["build", directory.appendingPathComponent("absent.ramp").path, "-o", directory.path])
        XCTAssertEqual(result.status, 2)
        XCTAssertEqual(result.error, "ramp: error: cannot read '\(directory.appendingPathComponent("absent.ramp").path)': no such file or directory [RAMP0001]\n1 error generated.\n")
    }

    func testEmptyDirectoryIsAnIOError() {
        let empty = directory.appendingPathComponent("empty")
        try! FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let result = runRamp(["build", empty.path, "-o", directory.appendingPathComponent("out").path])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.error.hasPrefix("ramp: error: no '.ramp' files found in directory '\(empty.path)' [RAMP0002]\n"))
    }

    func testInvalidUTF8IsReportedAtItsByte() {
        let url = directory.appendingPathComponent("bad.ramp")
        try! Data([0x6E, 0x61, 0x0A, 0x20, 0xFF, 0x41]).write(to: url)
        let result = runRamp(["build", url.path, "-o", directory.appendingPathComponent("out").path])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.error.hasPrefix("\(url.path):2:2: error: invalid UTF-8 byte sequence at byte offset 4; save the file as UTF-8 [RAMP0004]\n"), result.error)
    }

    /// A failed build writes nothing and leaves earlier output exactly as it was.
    func testFailedBuildLeavesOutputUntouched() throws {
        let input = write("shop.ramp", validContract)
        let output = directory.appendingPathComponent("out").path
        XCTAssertEqual(runRamp(["build", input, "-o", output]).status, 0)
        let before = try String(contentsOfFile: output + "/shop.yaml", encoding: .utf8)

        _ = write("shop.ramp", validContract.replacingOccurrences(of: "web:http", with: "wbe:http"))
        let result = runRamp(["build", input, "-o", output])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.error.contains("error: unknown service 'wbe' in namespace 'shop' [RAMP0201]"), result.error)
        XCTAssertEqual(try String(contentsOfFile: output + "/shop.yaml", encoding: .utf8), before)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: output), ["shop.yaml"])
    }

    /// An empty contract set is an error, not a build that deletes every
    /// file generated earlier.
    func testEmptyContractsKeepEarlierOutput() throws {
        let input = write("shop.ramp", validContract)
        let output = directory.appendingPathComponent("out").path
        XCTAssertEqual(runRamp(["build", input, "-o", output]).status, 0)

        _ = write("shop.ramp", "")
        let result = runRamp(["build", input, "-o", output])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.error.hasPrefix("\(input):1:1: error: the 1 contract file declares no namespace, so there is nothing to generate;"), result.error)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: output).filter { !$0.hasPrefix(".") }, ["shop.yaml"])
    }

    /// Files ramp generated for a namespace that is gone are removed; other
    /// files in the output directory are never touched.
    func testRemovesOnlyItsOwnStaleFiles() throws {
        let output = directory.appendingPathComponent("out").path
        let input = write("shop.ramp", validContract + "namespace old {\n  deny all\n}\n")
        XCTAssertEqual(runRamp(["build", input, "-o", output]).status, 0)
        _ = write("out/handwritten.yaml", "kind: ConfigMap\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: output).sorted(), ["handwritten.yaml", "old.yaml", "shop.yaml"])

        _ = write("shop.ramp", validContract)
        XCTAssertEqual(runRamp(["build", input, "-o", output]).status, 0)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: output).sorted(), ["handwritten.yaml", "shop.yaml"])
    }

    /// Names resolve across files, and a service declared in two files is an
    /// error at the second declaration with a note at the first.
    func testDuplicateAcrossFilesPointsAtBoth() {
        let first = write("a.ramp", "namespace shop {\n  service web [app=web]\n}\n")
        let second = write("b.ramp", "namespace shop {\n  service web [app=web2]\n  service api [app=api]\n  api -> web\n}\n")
        let result = runRamp(["build", directory.path, "-o", directory.appendingPathComponent("out").path])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.error, """
        \(second):2:11: error: service 'web' is already declared in namespace 'shop' [RAMP0204]
        2 |   service web [app=web2]
          |           ^~~
        \(first):2:11: note: service 'web' is first declared here
        2 |   service web [app=web]
          |           ^~~
        1 error generated.

        """)
        _ = first
    }

    func testNamesResolveAcrossFiles() {
        _ = write("a.ramp", "namespace shop {\n  service web [app=web] ports 8080\n}\n")
        _ = write("b/c.ramp", "namespace edge {\n  service proxy [app=proxy]\n  proxy -> shop/web:8080\n}\n")
        let result = runRamp(["build", directory.path, "-o", directory.appendingPathComponent("out").path])
        XCTAssertEqual(result.status, 0, result.error)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("out").path).sorted(), ["edge.yaml", "shop.yaml"])
    }

    func testDidYouMeanWithFixIt() {
        let input = write("shop.ramp", validContract.replacingOccurrences(of: "web:http", with: "wbe:http"))
        let result = runRamp(["build", input, "-o", directory.appendingPathComponent("out").path])
        XCTAssertEqual(result.error, """
        \(input):4:15: error: unknown service 'wbe' in namespace 'shop' [RAMP0201]
        4 |   internet -> wbe:http
          |               ^~~
          = note: did you mean 'web'?
          = fix-it: use the declared service: replace 'wbe' with 'web' at 4:15
        1 error generated.

        """)
    }
}
