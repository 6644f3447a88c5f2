import Foundation
import RampDriver
import RampSource
import XCTest

/// Contract files that are valid text but unusual: a byte order mark, CR
/// line endings, no content, a huge name, and paths that are not files.
final class InputEdgeCaseTests: XCTestCase {
    private let noNamespaceAdvice = "so there is nothing to generate; add a 'namespace NAME { ... }' block, "
        + "because a build would otherwise delete every file it generated earlier"

    // MARK: - Namespaces

    /// The rejected namespace has its own error, so no second error claims
    /// that the file declares no namespace.
    func testLongNameGivesShortError() {
        let name = String(repeating: "a", count: 100_000)
        let compilation = compile("namespace \(name) {\n  deny all\n}\n")

        XCTAssertEqual(messages(compilation), [
            "1:11: error: invalid namespace name '\(String(repeating: "a", count: 64))…' (100000 characters): must be at most 63 characters, found 100000",
        ])
    }

    func testEmptyFileNamesItsStart() {
        let compilation = compile("")

        XCTAssertEqual(messages(compilation), ["1:1: error: the 1 contract file declares no namespace, " + noNamespaceAdvice])
        XCTAssertEqual(compilation.diagnostics.diagnostics.first?.range?.file.path, "test.ramp")
    }

    func testEmptyFilesHaveNoLocation() {
        let compilation = compile([("a.ramp", ""), ("b.ramp", "# only a comment\n")])

        XCTAssertEqual(messages(compilation), ["error: the 2 contract files declare no namespace, " + noNamespaceAdvice])
    }

    // MARK: - Byte order mark

    func testByteOrderMarkIsSkipped() {
        let contract = "namespace shop {\n  service api [app=api] ports http:8080\n  service web [app=web]\n  web -> api:http\n}\n"
        let withMark = compile("\u{FEFF}" + contract)

        XCTAssertEqual(messages(withMark), [])
        XCTAssertTrue(yaml(withMark).contains("namespace: shop"))
        XCTAssertEqual(yaml(withMark), yaml(compile(contract)))
    }

    /// Column 1 is the first character after the mark.
    func testColumnsAfterByteOrderMark() {
        let compilation = compile("\u{FEFF}namespace Shop {\n}\n")

        XCTAssertEqual(messages(compilation), [
            "1:11: error: invalid namespace name 'Shop': must consist of lowercase letters, digits and '-'",
        ])
    }

    // MARK: - Carriage returns

    func testLoneCarriageReturnIsOneError() {
        let compilation = compile("namespace a {\r  deny all\r}\r")

        XCTAssertEqual(messages(compilation), ["1:14: error: line ends with a lone carriage return (CR); use LF or CRLF"])
    }

    /// A string literal cannot contain a line break, so a lone CR inside one
    /// is the same error as elsewhere, at the CR.
    func testLoneCarriageReturnInString() {
        let compilation = compile("namespace a {\n  service \"we\rb\" [app=web]\n}\n")

        XCTAssertEqual(messages(compilation), ["2:14: error: line ends with a lone carriage return (CR); use LF or CRLF"])
    }

    func testCRLFIsLineBreak() {
        let compilation = compile("namespace a {\r\n  deny all\r\n  service s [app=s] ports http:80\r\n}\r\n")

        XCTAssertEqual(messages(compilation), [
            "3:11: warning: service 's' in namespace 'a' appears in no dependency, so no rule names its pods; add a dependency or remove the service",
        ])
    }

    /// A manifest saved as UTF-16 or Latin-1 is named as such, instead of
    /// failing as YAML of garbled text.
    func testManifestThatIsNotUTF8() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let latin1 = directory.appendingPathComponent("latin1.yaml").path
        try Data("kind: NetworkPolicy\nmetadata:\n  name: caf".utf8 + [0xE9, 0x0A]).write(to: URL(fileURLWithPath: latin1))
        let utf16 = directory.appendingPathComponent("utf16.yaml").path
        try Data("kind: NetworkPolicy\n".data(using: .utf16)!).write(to: URL(fileURLWithPath: utf16))

        let result = runRamp(["lint", latin1, utf16, "--diagnostics-format", "json"])

        XCTAssertEqual(result.status, 1)
        let messages = result.output.split(separator: "\n").map { line in
            let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            return object?["message"] as? String ?? ""
        }
        XCTAssertEqual(messages, [
            "invalid UTF-8 byte sequence at byte offset 41; save the file as UTF-8",
            "invalid UTF-8 byte sequence at byte offset 0; save the file as UTF-8",
        ])
    }

    /// A manifest FIFO is rejected before it is opened by every command
    /// that reads manifests; standard input is read with '-' instead.
    func testManifestFIFOIsNotARegularFile() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let fifo = directory.appendingPathComponent("cluster.yaml").path
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        let contract = directory.appendingPathComponent("shop.ramp").path
        try "namespace shop {\n  deny all\n}\n".write(toFile: contract, atomically: false, encoding: .utf8)

        for arguments in [["lint", fifo], ["test", contract, "--policies", fifo]] {
            let result = runRamp(arguments)
            XCTAssertEqual(result.status, 2, arguments[0])
            XCTAssertEqual(
                result.error,
                "ramp: error: cannot read '\(fifo)': it is not a regular file; pass '-' to read standard input [RAMP0001]\n1 error generated.\n",
                arguments[0]
            )
        }
    }

    /// An import into a FIFO would wait for a reader, so it is refused
    /// before the import starts.
    func testImportIntoFIFOIsRefused() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let fifo = directory.appendingPathComponent("imported.ramp").path
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        let manifest = directory.appendingPathComponent("deny.yaml").path
        let policy = "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: deny\n  namespace: shop\nspec:\n  podSelector: {}\n  policyTypes: [Ingress]\n"
        try policy.write(toFile: manifest, atomically: false, encoding: .utf8)

        let result = runRamp(["import", manifest, "-o", fifo])

        XCTAssertEqual(result.status, 2)
        XCTAssertEqual(
            result.error,
            "ramp: error: cannot write '\(fifo)': it is not a regular file; pass a contract file with '-o', or '-' for standard output [RAMP0003]\n1 error generated.\n"
        )
    }

    // MARK: - Paths

    /// A FIFO is rejected before it is opened, so reading it cannot block.
    func testFIFOIsNotARegularFile() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ramp-fifo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let fifo = directory.appendingPathComponent("x.ramp").path
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)

        let result = runRamp(["build", fifo, "-o", directory.appendingPathComponent("out").path])

        XCTAssertEqual(result.status, 2)
        XCTAssertEqual(result.error, "ramp: error: cannot read '\(fifo)': it is not a regular file [RAMP0001]\n1 error generated.\n")
    }

    /// A link given on the command line is followed, because a contracts
    /// directory shared between repositories is often linked in.
    func testLinkedDirectoryIsSearched() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let real = directory.appendingPathComponent("real")
        try FileManager.default.createDirectory(at: real, withIntermediateDirectories: true)
        try "namespace shop {\n  deny all\n}\n".write(to: real.appendingPathComponent("shop.ramp"), atomically: false, encoding: .utf8)
        let link = directory.appendingPathComponent("contracts").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "real")
        let output = directory.appendingPathComponent("out").path

        let result = runRamp(["build", link, "-o", output])

        XCTAssertEqual(result.error, "")
        XCTAssertEqual(result.output, "wrote 1 NetworkPolicy in 1 file to \(output)\n")
        XCTAssertEqual(result.status, 0)
        let header = try String(contentsOfFile: output + "/shop.yaml", encoding: .utf8).prefix { $0 != "\n" }
        XCTAssertEqual(header, "# Generated by ramp 0.1.0 from \(link)/shop.ramp. Do not edit:")
    }

    /// A file named by its directory, by itself, by an absolute path and by
    /// a link beside it is compiled once, under the first path found.
    func testFileNamedTwiceIsReadOnce() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let contracts = directory.appendingPathComponent("contracts")
        try FileManager.default.createDirectory(at: contracts, withIntermediateDirectories: true)
        let file = contracts.appendingPathComponent("shop.ramp").path
        try "namespace shop {\n  deny all\n}\n".write(toFile: file, atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: contracts.appendingPathComponent("store.ramp").path, withDestinationPath: "shop.ramp")
        let output = directory.appendingPathComponent("out").path

        let result = runRamp(["build", contracts.path, file, contracts.path + "/./shop.ramp", "-o", output])

        XCTAssertEqual(result.error, "")
        XCTAssertEqual(result.output, "wrote 1 NetworkPolicy in 1 file to \(output)\n")
        XCTAssertEqual(result.status, 0)
        let header = try String(contentsOfFile: output + "/shop.yaml", encoding: .utf8).prefix { $0 != "\n" }
        XCTAssertEqual(header, "# Generated by ramp 0.1.0 from \(contracts.path)/shop.ramp. Do not edit:")
    }

    /// Manifest directories are searched the same way by lint, import and drift.
    func testLinkedManifestDirectoryIsSearched() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let real = directory.appendingPathComponent("real")
        try FileManager.default.createDirectory(at: real, withIntermediateDirectories: true)
        let policy = """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: deny
              namespace: shop
            spec:
              podSelector: {}
              policyTypes:
              - Ingress

            """
        try policy.write(to: real.appendingPathComponent("deny.yaml"), atomically: false, encoding: .utf8)
        let link = directory.appendingPathComponent("policies").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "real")

        let result = runRamp(["lint", link])

        XCTAssertEqual(result.error, "")
        XCTAssertEqual(result.status, 0)
    }
}
