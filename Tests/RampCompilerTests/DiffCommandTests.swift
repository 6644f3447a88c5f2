import Foundation
import XCTest

/// `ramp diff`: semantic differences between two versions of the contracts.
final class DiffCommandTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = try temporaryDirectory()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    @discardableResult
    private func write(_ name: String, _ text: String) -> String {
        let url = directory.appendingPathComponent(name)
        try! FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try! Data(text.utf8).write(to: url)
        return url.path
    }

    private let base = """
    network partner = 203.0.113.0/24

    namespace shop {
      deny all
      service web [app=web] ports http:8080
      service api [app=api] ports http:8080, metrics:9090
      service db [app=db] ports 5432
      web -> api:http
      api -> db:5432
      never web -> db
    }

    """

    /// Writes the base contract as `old/shop.ramp` and a changed one as
    /// `new/shop.ramp`, runs the diff of the two directories, and returns
    /// the paths of both directories and both files.
    private func diff(
        _ change: (String) -> String, _ arguments: [String] = []
    ) -> (status: Int32, output: String, error: String, oldDirectory: String, newDirectory: String, old: String, new: String) {
        let old = write("old/shop.ramp", base)
        let new = write("new/shop.ramp", change(base))
        let oldDirectory = directory.appendingPathComponent("old").path
        let newDirectory = directory.appendingPathComponent("new").path
        let result = runRamp(["diff", oldDirectory, newDirectory] + arguments)
        return (result.status, result.output, result.error, oldDirectory, newDirectory, old, new)
    }

    // MARK: - Categories

    func testAddedConnection() {
        let result = diff { $0.replacingOccurrences(of: "  api -> db:5432\n", with: "  api -> db:5432, network partner:443\n") }
        XCTAssertEqual(result.status, 0, result.error)
        XCTAssertEqual(result.output, """
        Comparing \(result.oldDirectory) with \(result.newDirectory)

        Connections added (1):
          + shop/api -> network partner on TCP 443

        Policy objects (1):
          ~ shop/api changed  (\(result.new):6:11 service 'api')

        1 connection added, 0 removed, 0 invariants added, 0 removed, 1 policy object changed

        """)
    }

    func testRemovedConnectionAndObject() {
        let result = diff { $0.replacingOccurrences(of: "  api -> db:5432\n", with: "") }
        XCTAssertEqual(result.status, 0, result.error)
        XCTAssertEqual(result.output, """
        Comparing \(result.oldDirectory) with \(result.newDirectory)

        Connections removed (1):
          - shop/api -> shop/db on TCP 5432

        Policy objects (2):
          ~ shop/api changed  (\(result.new):6:11 service 'api')
          - shop/db removed  (\(result.old):7:11 service 'db')

        0 connections added, 1 removed, 0 invariants added, 0 removed, 2 policy objects changed

        """)
    }

    func testAddedObject() {
        let result = diff {
            $0.replacingOccurrences(of: "  web -> api:http\n", with: "  service cache [app=cache] ports 6379\n  web -> api:http\n  api -> cache:6379\n")
        }
        XCTAssertTrue(result.output.contains("  + shop/api -> shop/cache on TCP 6379\n"), result.output)
        XCTAssertTrue(result.output.contains("  + shop/cache added  (\(result.new):8:11 service 'cache')\n"), result.output)
    }

    func testInvariantAddedAndRemoved() {
        let result = diff { $0.replacingOccurrences(of: "  never web -> db\n", with: "  only api -> db:5432\n") }
        XCTAssertEqual(result.output, """
        Comparing \(result.oldDirectory) with \(result.newDirectory)

        Invariants added (1):
          + only shop/api -> shop/db on TCP 5432  (\(result.new):10:3)

        Invariants removed (1):
          - never shop/web -> shop/db on every port  (\(result.old):10:3)

        0 connections added, 0 removed, 1 invariant added, 1 removed, 0 policy objects changed

        """)
    }

    func testNoChangesAcrossMovedLines() {
        let result = diff { "# The same contract, one line lower.\n" + $0 }
        XCTAssertEqual(result.status, 0)
        XCTAssertEqual(result.output, """
        Comparing \(result.oldDirectory) with \(result.newDirectory)
        No changes: both versions allow the same connections, state the same invariants and generate the same policy objects.

        """)
    }

    func testNamedPortOnDeclaredServiceIsNoChange() {
        let monitoring = """
        namespace monitoring {
          deny all
          service prometheus [app=prometheus]
          prometheus -> namespace shop:metrics
        }

        """
        write("old/monitoring.ramp", monitoring)
        write("new/monitoring.ramp", monitoring.replacingOccurrences(of: "namespace shop:metrics", with: "namespace shop:9090"))
        let result = diff { $0 }
        XCTAssertEqual(result.status, 0, result.error)
        XCTAssertFalse(result.output.contains("-> shop/api"), "api names 9090 'metrics', so both versions reach it on 9090 only")
        XCTAssertTrue(result.output.contains("  + monitoring/prometheus -> shop/web on TCP 9090\n"), result.output)
        XCTAssertTrue(result.output.contains("  + monitoring/prometheus -> shop/db on TCP 9090\n"), result.output)
        XCTAssertTrue(result.output.contains(
            "  - monitoring/prometheus -> pods of namespace 'shop' outside its services on TCP 1-9089, 9091-65535 named 'metrics'\n"
        ), result.output)
    }

    func testOutputIsDeterministic() {
        let change: (String) -> String = { $0.replacingOccurrences(of: "  api -> db:5432\n", with: "  api -> db:5432\n  cluster -> web:http\n") }
        let first = diff(change)
        let second = diff(change)
        XCTAssertEqual(first.output, second.output)
        XCTAssertTrue(first.output.contains("  + pods in undeclared namespaces -> shop/web on TCP 8080\n"), first.output)
    }

    // MARK: - Formats and exit status

    func testMarkdownForPullRequest() {
        let result = diff { $0.replacingOccurrences(of: "  api -> db:5432\n", with: "  api -> network partner:443\n  never web -> api:metrics\n") }
        let markdownResult = runRamp(["diff", result.oldDirectory, result.newDirectory, "--format", "markdown"])
        XCTAssertEqual(markdownResult.output, """
        ## ramp diff

        Comparing `\(result.oldDirectory)` with `\(result.newDirectory)`: **1 connection added**, 1 removed, 1 invariant added, 0 removed, 2 policy objects changed

        ### Connections added

        | Source | Destination | Ports |
        | --- | --- | --- |
        | `shop/api` | `network partner` | TCP 443 |

        ### Connections removed

        | Source | Destination | Ports |
        | --- | --- | --- |
        | `shop/api` | `shop/db` | TCP 5432 |

        ### Invariants added

        - `never shop/web -> shop/api on TCP 9090` (\(result.new):10:3)

        ### Policy objects

        | Object | Change | Contract |
        | --- | --- | --- |
        | `shop/api` | changed | \(result.new):6:11 service 'api' |
        | `shop/db` | removed | \(result.old):7:11 service 'db' |

        """)
    }

    func testFailOnWiden() {
        let widened = diff({ $0.replacingOccurrences(of: "  api -> db:5432\n", with: "  api -> db:5432\n  web -> db:5432\n") }, ["--fail-on", "widen"])
        XCTAssertEqual(widened.status, 1)
        XCTAssertEqual(widened.error, "ramp: error: the new contracts add 1 connection, and '--fail-on widen' is set\n")
        XCTAssertTrue(widened.output.contains("  + shop/web -> shop/db on TCP 5432\n"), "the report is printed too")

        let narrowed = diff({ $0.replacingOccurrences(of: "  api -> db:5432\n", with: "") }, ["--fail-on", "widen"])
        XCTAssertEqual(narrowed.status, 0, narrowed.error)
    }

    func testErrorsInEitherVersionFail() {
        let result = diff { $0.replacingOccurrences(of: "web -> api:http", with: "web -> ap:http") }
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.output, "")
        XCTAssertTrue(result.error.contains("\(result.new):8:10: error: unknown service 'ap' in namespace 'shop' [RAMP0201]"), result.error)
    }

    func testUsageErrors() {
        XCTAssertEqual(runRamp(["diff", "a"]).error,
                       "ramp: error: 'ramp diff' requires two contract paths, the old and the new, or '--base <revision>' and the contract paths\n")
        XCTAssertEqual(runRamp(["diff", "--base", "main"]).error, "ramp: error: 'ramp diff --base' requires at least one contract file or directory\n")
        XCTAssertEqual(runRamp(["diff", "a", "b", "--format", "html"]).error, "ramp: error: invalid value 'html' for '--format'; use one of text, markdown\n")
        XCTAssertEqual(runRamp(["diff", "a", "b", "--fail-on", "narrow"]).status, 2)
        let option = runRamp(["diff", "--base", "--output=x", "contracts"])
        XCTAssertEqual(option.error, "ramp: error: invalid revision '--output=x' for '--base'; give a branch, tag or commit, such as 'main' or 'HEAD~1'\n")
        XCTAssertEqual(option.status, 2)
        XCTAssertTrue(runRamp(["diff", "--help"]).output.contains("USAGE: ramp diff <old-path> <new-path> [options]"))
    }

    // MARK: - Git revisions

    private func git(_ arguments: [String], in directory: URL) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-c", "user.name=ramp tests", "-c", "user.email=tests@example.com"] + arguments
        process.currentDirectoryURL = directory
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    func testBaseRevisionFromGit() throws {
        let repository = directory.appendingPathComponent("repo")
        try FileManager.default.createDirectory(at: repository, withIntermediateDirectories: true)
        guard (try? git(["init", "-q"], in: repository)) == 0 else { throw XCTSkip("git is not available") }
        write("repo/contracts/shop.ramp", base)
        XCTAssertEqual(try git(["add", "."], in: repository), 0)
        XCTAssertEqual(try git(["commit", "-q", "-m", "base"], in: repository), 0)
        write("repo/contracts/shop.ramp", base.replacingOccurrences(of: "  api -> db:5432\n", with: "  api -> db:5432, network partner:443\n"))

        let previous = FileManager.default.currentDirectoryPath
        XCTAssertTrue(FileManager.default.changeCurrentDirectoryPath(repository.path))
        defer { _ = FileManager.default.changeCurrentDirectoryPath(previous) }

        let result = runRamp(["diff", "--base", "HEAD", "contracts"])
        XCTAssertEqual(result.status, 0, result.error)
        XCTAssertTrue(result.output.hasPrefix("Comparing HEAD:contracts with contracts\n"), result.output)
        XCTAssertTrue(result.output.contains("  + shop/api -> network partner on TCP 443\n"), result.output)

        let unknown = runRamp(["diff", "--base", "no-such-revision", "contracts"])
        XCTAssertEqual(unknown.status, 2)
        XCTAssertTrue(unknown.error.hasPrefix("ramp: error: cannot read the contracts at revision 'no-such-revision': "), unknown.error)
        XCTAssertTrue(unknown.error.hasSuffix("; give a branch, tag or commit that exists, such as 'main' or 'HEAD~1' [RAMP0830]\n1 error generated.\n"), unknown.error)

        let empty = runRamp(["diff", "--base", "HEAD", "absent"])
        XCTAssertTrue(empty.error.contains("cannot read the contracts at revision 'HEAD': no '.ramp' files found at 'absent' [RAMP0830]"), empty.error)
    }

    /// Outside a repository, git's message is followed by what to do.
    func testBaseOutsideRepositoryAdvises() throws {
        let outside = directory.appendingPathComponent("plain")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        write("plain/contracts/shop.ramp", base)
        let previous = FileManager.default.currentDirectoryPath
        XCTAssertTrue(FileManager.default.changeCurrentDirectoryPath(outside.path))
        defer { _ = FileManager.default.changeCurrentDirectoryPath(previous) }

        let result = runRamp(["diff", "--base", "HEAD", "contracts"])

        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.error.hasPrefix("ramp: error: cannot read the contracts at revision 'HEAD': fatal: not a git repository"), result.error)
        XCTAssertTrue(result.error.hasSuffix("; run 'ramp diff --base' from a directory inside the Git repository of the contracts [RAMP0830]\n1 error generated.\n"), result.error)
    }

    func testBaseRevisionNamesOldLocations() throws {
        let repository = directory.appendingPathComponent("repo")
        try FileManager.default.createDirectory(at: repository, withIntermediateDirectories: true)
        guard (try? git(["init", "-q"], in: repository)) == 0 else { throw XCTSkip("git is not available") }
        write("repo/contracts/shop.ramp", base)
        XCTAssertEqual(try git(["add", "."], in: repository), 0)
        XCTAssertEqual(try git(["commit", "-q", "-m", "base"], in: repository), 0)
        write("repo/contracts/shop.ramp", base.replacingOccurrences(of: "  never web -> db\n", with: ""))

        let previous = FileManager.default.currentDirectoryPath
        XCTAssertTrue(FileManager.default.changeCurrentDirectoryPath(repository.path))
        defer { _ = FileManager.default.changeCurrentDirectoryPath(previous) }

        let result = runRamp(["diff", "--base", "HEAD", "contracts"])
        XCTAssertTrue(result.output.contains("  - never shop/web -> shop/db on every port  (HEAD:contracts/shop.ramp:10:3)\n"), result.output)
    }
}
