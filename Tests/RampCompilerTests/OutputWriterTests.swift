import Foundation
@testable import RampDriver
import XCTest

/// The output directory: symbolic links, stale files, the lock and
/// temporary files.
final class OutputWriterTests: XCTestCase {
    private var directory: URL!
    private var input: String!

    private let contracts = """
    namespace a {
      deny all
    }
    namespace shop {
      deny all
      service web [app=web] ports http:8080
      internet -> web:http
    }

    """

    override func setUpWithError() throws {
        // Resolved, so that paths in messages match what the writer prints.
        directory = try temporaryDirectory().resolvingSymlinksInPath()
        input = path("shop.ramp")
        try Data(contracts.utf8).write(to: URL(fileURLWithPath: input))
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func path(_ name: String) -> String {
        directory.appendingPathComponent(name).path
    }

    private func write(_ text: String, to name: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path(name)))
    }

    private func makeDirectory(_ name: String) throws {
        try FileManager.default.createDirectory(atPath: path(name), withIntermediateDirectories: true)
    }

    private func link(_ name: String, to target: String) throws {
        try FileManager.default.createSymbolicLink(atPath: path(name), withDestinationPath: target)
    }

    private func names(in name: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path(name)).sorted()
    }

    private func read(_ name: String) throws -> String {
        try String(contentsOfFile: path(name), encoding: .utf8)
    }

    // MARK: - Symbolic links

    func testSymbolicLinkAsOutputDirectoryIsRejected() throws {
        try makeDirectory("elsewhere")
        try link("out", to: path("elsewhere"))

        let result = runRamp(["build", input, "-o", path("out")])

        XCTAssertEqual(result.status, 2)
        XCTAssertEqual(result.error, """
        ramp: error: output path '\(path("out"))' is a symbolic link to '\(path("elsewhere"))'; ramp does not write through symbolic links, so replace the link with a directory, or pass the real directory with '-o' [RAMP0701]
        1 error generated.

        """)
        XCTAssertEqual(try names(in: "elsewhere"), [])
    }

    func testSymbolicLinkBelowWorkingDirectoryIsRejected() throws {
        try makeDirectory("repository")
        try makeDirectory("elsewhere")
        try link("repository/build", to: path("elsewhere"))
        let previous = FileManager.default.currentDirectoryPath
        XCTAssertTrue(FileManager.default.changeCurrentDirectoryPath(path("repository")))
        defer { _ = FileManager.default.changeCurrentDirectoryPath(previous) }

        let result = runRamp(["build", input, "-o", "build/generated"])

        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.error.hasPrefix(
            "ramp: error: output path 'build' is a symbolic link to '\(path("elsewhere"))'; ramp does not write through symbolic links"
        ), result.error)
        XCTAssertEqual(try names(in: "elsewhere"), [])
    }

    /// Links in the parent path of an absolute output path outside the
    /// working directory are the user's own choice and are followed.
    func testSymbolicLinkAboveOutputDirectoryIsFollowed() throws {
        try makeDirectory("real")
        try link("alias", to: path("real"))

        let result = runRamp(["build", input, "-o", path("alias/out")])

        XCTAssertEqual(result.status, 0, result.error)
        XCTAssertEqual(try names(in: "real/out"), ["a.yaml", "shop.yaml"])
    }

    func testSymbolicLinkAsOutputFileIsRejected() throws {
        try makeDirectory("out")
        try write("secret\n", to: "victim.yaml")
        try link("out/shop.yaml", to: path("victim.yaml"))

        let result = runRamp(["build", input, "-o", path("out")])

        XCTAssertEqual(result.status, 2)
        XCTAssertEqual(result.error, """
        ramp: error: output file '\(path("out/shop.yaml"))' is a symbolic link to '\(path("victim.yaml"))'; ramp does not write through symbolic links, so remove the link and build again [RAMP0701]
        1 error generated.

        """)
        XCTAssertEqual(try read("victim.yaml"), "secret\n")
        XCTAssertEqual(try names(in: "out"), ["shop.yaml"], "a.yaml must not be written when shop.yaml cannot be")
    }

    /// A build into `/` would write there and delete the files an earlier
    /// build left, so the root is refused however its path is spelled.
    func testRootDirectoryIsRejected() {
        for path in ["/", "/tmp/..", "//"] {
            XCTAssertThrowsError(try OutputDirectory.open(path), path) { error in
                XCTAssertEqual(
                    (error as? OutputError)?.message.text,
                    "cannot write '\(path)': it is the root directory, where a build would write a file for each namespace and "
                        + "delete the files that an earlier build left; pass a directory of its own with '-o', such as 'generated'"
                )
            }
        }
    }

    func testOpeningPlanTrustsOnlyTheWorkingDirectoryAndAbove() {
        XCTAssertEqual(
            OutputDirectory.openingPlan("build/./generated", workingDirectory: "/repo"),
            .init(base: ".", components: ["build", "generated"])
        )
        XCTAssertEqual(
            OutputDirectory.openingPlan("/repo/build/generated/", workingDirectory: "/repo"),
            .init(base: "/repo", components: ["build", "generated"])
        )
        XCTAssertEqual(
            OutputDirectory.openingPlan("/tmp/x/generated", workingDirectory: "/repo"),
            .init(base: "/tmp/x", components: ["generated"])
        )
        XCTAssertEqual(
            OutputDirectory.openingPlan("/repository/generated", workingDirectory: "/repo"),
            .init(base: "/repository", components: ["generated"])
        )
        XCTAssertEqual(OutputDirectory.openingPlan("/", workingDirectory: "/repo"), .init(base: "/", components: []))
    }

    // MARK: - Stale files

    func testDeletesOnlyRegularFilesWithTheHeader() throws {
        let header = "# Generated by ramp 0.0.1 from old.ramp. Do not edit:\nkind: NetworkPolicy\n"
        try makeDirectory("out/directory.yaml")
        try write(header, to: "out/directory.yaml/inner.yaml")
        try write(header, to: "out/old.yaml")
        try write("kind: ConfigMap\n", to: "out/handwritten.yaml")
        try write("# notes\n" + header, to: "out/header-later.yaml")
        try write("# Generated by rampart\n", to: "out/other-tool.yaml")
        try write(header, to: "out/notes.txt")
        try write(header, to: "linked-target.yaml")
        try link("out/linked.yaml", to: path("linked-target.yaml"))
        XCTAssertEqual(mkfifo(path("out/pipe.yaml"), 0o644), 0)

        let result = runRamp(["build", input, "-o", path("out")])

        XCTAssertEqual(result.status, 0, result.error)
        XCTAssertEqual(try names(in: "out"), [
            "a.yaml", "directory.yaml", "handwritten.yaml", "header-later.yaml", "linked.yaml",
            "notes.txt", "other-tool.yaml", "pipe.yaml", "shop.yaml",
        ])
        XCTAssertEqual(try read("linked-target.yaml"), header)
        XCTAssertEqual(try read("out/directory.yaml/inner.yaml"), header)
    }

    func testKeepsUnreadableFiles() throws {
        try XCTSkipIf(geteuid() == 0, "root reads files whatever their permissions")
        try makeDirectory("out")
        try write("# Generated by ramp 0.0.1 from old.ramp. Do not edit:\n", to: "out/locked.yaml")
        XCTAssertEqual(chmod(path("out/locked.yaml"), 0), 0)
        defer { chmod(path("out/locked.yaml"), 0o644) }

        let result = runRamp(["build", input, "-o", path("out")])

        XCTAssertEqual(result.status, 0, result.error)
        XCTAssertEqual(try names(in: "out"), ["a.yaml", "locked.yaml", "shop.yaml"])
    }

    // MARK: - Lock

    /// `flock` locks belong to an open file description, so a descriptor
    /// opened here conflicts with the one the build opens in this process.
    func testBuildFailsWhileAnotherHoldsTheLock() throws {
        try makeDirectory("out")
        let holder = open(path("out/.ramp.lock"), O_RDWR | O_CREAT, 0o644)
        XCTAssertGreaterThanOrEqual(holder, 0)
        XCTAssertEqual(flock(holder, LOCK_EX | LOCK_NB), 0)

        let locked = runRamp(["build", input, "-o", path("out")])

        XCTAssertEqual(locked.status, 2)
        XCTAssertEqual(locked.error, """
        ramp: error: output directory '\(path("out"))' is locked by another ramp build (lock file '\(path("out/.ramp.lock"))'); wait for that build to finish and run ramp again [RAMP0702]
        1 error generated.

        """)
        XCTAssertEqual(try names(in: "out"), [".ramp.lock"])

        close(holder)
        let unlocked = runRamp(["build", input, "-o", path("out")])
        XCTAssertEqual(unlocked.status, 0, unlocked.error)
        XCTAssertEqual(try names(in: "out"), ["a.yaml", "shop.yaml"], "the lock file is deleted when the build ends")
    }

    func testLockFailureNamesTheDirectory() throws {
        try makeDirectory("out/.ramp.lock")

        let result = runRamp(["build", input, "-o", path("out")])

        XCTAssertEqual(result.status, 2)
        XCTAssertEqual(result.error, """
        ramp: error: cannot lock output directory '\(path("out"))': its lock file '.ramp.lock' cannot be created or opened (Is a directory) [RAMP0003]
        1 error generated.

        """)
    }

    func testReadOnlyDirectoryCannotBeLocked() throws {
        try XCTSkipIf(geteuid() == 0, "root writes into directories whatever their permissions")
        try makeDirectory("out")
        XCTAssertEqual(chmod(path("out"), 0o555), 0)
        defer { chmod(path("out"), 0o755) }

        let result = runRamp(["build", input, "-o", path("out")])

        XCTAssertEqual(result.status, 2)
        XCTAssertEqual(result.error, """
        ramp: error: cannot lock output directory '\(path("out"))': its lock file '.ramp.lock' cannot be created or opened (Permission denied); \
        make the directory writable or pass another one with '-o' [RAMP0003]
        1 error generated.

        """)
    }

    // MARK: - Read failures

    func testUnreadableFileIsReadFailure() throws {
        try XCTSkipIf(geteuid() == 0, "root reads files whatever their permissions")
        try makeDirectory("out")
        try write("# Generated by ramp 0.0.1 from old.ramp. Do not edit:\n", to: "out/shop.yaml")
        XCTAssertEqual(chmod(path("out/shop.yaml"), 0), 0)
        defer { chmod(path("out/shop.yaml"), 0o644) }

        let result = runRamp(["build", input, "-o", path("out")])

        XCTAssertEqual(result.status, 2)
        XCTAssertEqual(result.error, """
        ramp: error: cannot read '\(path("out/shop.yaml"))': Permission denied [RAMP0003]
        1 error generated.

        """)
    }

    func testUnlistableDirectoryIsReadFailure() throws {
        try XCTSkipIf(geteuid() == 0, "root lists directories whatever their permissions")
        try makeDirectory("out")
        XCTAssertEqual(chmod(path("out"), 0o300), 0)
        defer { chmod(path("out"), 0o755) }

        let result = runRamp(["build", input, "-o", path("out")])

        XCTAssertEqual(result.status, 2)
        XCTAssertEqual(result.error, """
        ramp: error: cannot read '\(path("out"))': Permission denied [RAMP0003]
        1 error generated.

        """)
    }

    // MARK: - Temporary files

    func testFailedWriteDeletesTemporaryFiles() throws {
        try makeDirectory("out/shop.yaml")

        let result = runRamp(["build", input, "-o", path("out")])

        XCTAssertEqual(result.status, 2)
        XCTAssertEqual(result.error, """
        ramp: error: cannot write '\(path("out/shop.yaml"))': it is a directory; rename or remove it [RAMP0003]
        1 error generated.

        """)
        XCTAssertEqual(try names(in: "out"), ["shop.yaml"], "a.yaml was staged and must be deleted again")
    }

    func testFirstFailedFileReported() throws {
        try makeDirectory("out/shop.yaml")
        try makeDirectory("out/a.yaml")

        let result = runRamp(["build", input, "-o", path("out")])

        XCTAssertEqual(result.status, 2)
        XCTAssertEqual(result.error, """
        ramp: error: cannot write '\(path("out/a.yaml"))': it is a directory; rename or remove it [RAMP0003]
        1 error generated.

        """)
        XCTAssertEqual(try names(in: "out"), ["a.yaml", "shop.yaml"])
    }

    func testDeletesTemporaryFilesOfAnInterruptedBuild() throws {
        try makeDirectory("out")
        try write("half", to: "out/.ramp-1234.tmp")
        try write("someone else's", to: "out/.editor.tmp")

        let result = runRamp(["build", input, "-o", path("out")])

        XCTAssertEqual(result.status, 0, result.error)
        XCTAssertEqual(try names(in: "out"), [".editor.tmp", "a.yaml", "shop.yaml"])
    }

    func testTemporaryNameIsTargetName() {
        XCTAssertEqual(OutputDirectory.temporaryName(for: "shop.yaml"), ".ramp-shop.yaml.tmp")
        let long = OutputDirectory.temporaryName(for: String(repeating: "n", count: 201) + ".yaml")
        XCTAssertTrue(long.hasPrefix(".ramp-"), long)
        XCTAssertTrue(long.hasSuffix(".tmp"), long)
        XCTAssertEqual(long.count, ".ramp-".count + UUID().uuidString.count + ".tmp".count, long)
    }

    func testLeftoverOfSameTemporaryNameReplaced() throws {
        try makeDirectory("out")
        try write("half", to: "out/.ramp-shop.yaml.tmp")

        let result = runRamp(["build", input, "-o", path("out")])

        XCTAssertEqual(result.status, 0, result.error)
        XCTAssertEqual(try names(in: "out"), ["a.yaml", "shop.yaml"])
        XCTAssertTrue(try read("out/shop.yaml").hasPrefix("# Generated by ramp"))
    }

    func testTemporaryNameTakenByDirectory() throws {
        try makeDirectory("out/.ramp-shop.yaml.tmp")

        let result = runRamp(["build", input, "-o", path("out")])

        XCTAssertEqual(result.status, 0, result.error)
        XCTAssertEqual(try names(in: "out"), [".ramp-shop.yaml.tmp", "a.yaml", "shop.yaml"], "the directory is not ramp's to delete")
        XCTAssertTrue(try read("out/shop.yaml").hasPrefix("# Generated by ramp"))
    }

    func testChangedFilesAreRewritten() throws {
        XCTAssertEqual(runRamp(["build", input, "-o", path("out")]).status, 0)
        let expectedShop = try read("out/shop.yaml")
        let expectedA = try read("out/a.yaml")
        try write(String(expectedShop.dropLast()) + "#", to: "out/shop.yaml")
        try write(expectedA + "# edited\n", to: "out/a.yaml")

        XCTAssertEqual(runRamp(["build", input, "-o", path("out")]).status, 0)

        XCTAssertEqual(try read("out/shop.yaml"), expectedShop, "a file of the same size with other bytes")
        XCTAssertEqual(try read("out/a.yaml"), expectedA, "a file of another size")
    }

    private func permissions(_ name: String) throws -> Int {
        try XCTUnwrap(FileManager.default.attributesOfItem(atPath: path(name))[.posixPermissions] as? Int)
    }

    func testReplacedFilesKeepTheirMode() throws {
        XCTAssertEqual(runRamp(["build", input, "-o", path("out")]).status, 0)
        let expectedShop = try read("out/shop.yaml")
        let expectedA = try read("out/a.yaml")
        try write(expectedShop + "# edited\n", to: "out/shop.yaml")
        try write(expectedA + "# edited\n", to: "out/a.yaml")
        XCTAssertEqual(chmod(path("out/shop.yaml"), 0o444), 0)
        XCTAssertEqual(chmod(path("out/a.yaml"), 0o640), 0)

        let result = runRamp(["build", input, "-o", path("out")])

        XCTAssertEqual(result.status, 0, result.error)
        XCTAssertEqual(try read("out/shop.yaml"), expectedShop)
        XCTAssertEqual(try read("out/a.yaml"), expectedA)
        XCTAssertEqual(try permissions("out/shop.yaml"), 0o444)
        XCTAssertEqual(try permissions("out/a.yaml"), 0o640)
    }

    /// A new file gets 0666 less the umask, like a file that `open` creates.
    func testNewFileGetsDefaultMode() throws {
        try makeDirectory("out")
        let reference = open(path("reference"), O_WRONLY | O_CREAT | O_EXCL, 0o666)
        XCTAssertGreaterThanOrEqual(reference, 0)
        close(reference)

        let result = runRamp(["build", input, "-o", path("out")])

        XCTAssertEqual(result.status, 0, result.error)
        XCTAssertEqual(try permissions("out/shop.yaml"), try permissions("reference"))
    }

    func testForeignFileNotReplaced() throws {
        try makeDirectory("out")
        try write("apiVersion: v1  # mine\n", to: "out/shop.yaml")

        let result = runRamp(["build", input, "-o", path("out")])

        XCTAssertEqual(result.status, 2)
        XCTAssertEqual(result.error, """
        ramp: error: cannot write '\(path("out/shop.yaml"))': it was not written by ramp (its first line is not ramp's header); \
        move it away or build into another directory [RAMP0003]
        1 error generated.

        """)
        XCTAssertEqual(try read("out/shop.yaml"), "apiVersion: v1  # mine\n")
        XCTAssertEqual(try names(in: "out"), ["shop.yaml"], "a.yaml was staged and must be deleted again")
    }

    func testUnchangedFileIsNotRewritten() throws {
        XCTAssertEqual(runRamp(["build", input, "-o", path("out")]).status, 0)
        let before = try FileManager.default.attributesOfItem(atPath: path("out/shop.yaml"))[.systemFileNumber] as? Int

        XCTAssertEqual(runRamp(["build", input, "-o", path("out")]).status, 0)

        let after = try FileManager.default.attributesOfItem(atPath: path("out/shop.yaml"))[.systemFileNumber] as? Int
        XCTAssertNotNil(before)
        XCTAssertEqual(before, after)
    }
}
