import Foundation
import RampDiagnostics
import XCTest

/// User text that messages quote is cut after `QuotedText.maximumCharacters`
/// characters, in each layer that quotes it: parser, name resolution, YAML
/// reader, manifest decoder and command line.
final class QuotedTextTests: XCTestCase {
    private let long = String(repeating: "b", count: 100)
    /// The quoted form of `long`.
    private var shortened: String { "'\(String(repeating: "b", count: 64))…' (100 characters)" }

    private var directory: URL!

    override func setUpWithError() throws {
        directory = try temporaryDirectory()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func writeFile(_ name: String, _ text: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        try text.write(to: url, atomically: false, encoding: .utf8)
        return url.path
    }

    /// Returns the lines of standard error that report an error.
    private func errorLines(_ error: String) -> [String] {
        error.split(separator: "\n").map(String.init).filter { $0.contains("error: ") }
    }

    func testQuoteKeepsShortText() {
        let limit = String(repeating: "a", count: 64)
        XCTAssertEqual(QuotedText.quote("web"), "'web'")
        XCTAssertEqual(QuotedText.quote(limit), "'\(limit)'")
        XCTAssertEqual(QuotedText.quote(limit + "z"), "'\(limit)…' (65 characters)")
        XCTAssertEqual(QuotedText.quote(long), shortened)
    }

    func testParserShortensNamespaceName() {
        let compilation = compile("namespace \(long) x\n")
        XCTAssertEqual(messages(compilation), ["1:112: error: expected '{' to open namespace \(shortened), found 'x'"])
    }

    func testResolverShortensUnknownNames() {
        let compilation = compile("namespace shop {\n  deny all\n  service web [app=web] ports 8080\n  web -> \(long)/api:8080\n  web -> \(long)\n}\n")
        XCTAssertEqual(messages(compilation), [
            "4:10: error: unknown namespace \(shortened)",
            "5:10: error: unknown service \(shortened) in namespace 'shop'",
        ])
    }

    func testResolverShortensNotes() {
        let name = String(repeating: "p", count: 100)
        let typo = String(repeating: "p", count: 99) + "q"
        let quoted = "'\(String(repeating: "p", count: 64))…' (100 characters)"
        let compilation = compile("""
        parameter \(name) = 10.0.0.0/8
        parameter \(name) = 10.0.0.0/8
        network office = parameter \(typo)
        environment staging {
          set \(name) = 10.0.0.0/8
          set \(name) = 10.0.0.0/8
        }
        namespace shop {
          deny all
        }

        """)

        let diagnostics = compilation.diagnostics.sorted()
        XCTAssertEqual(diagnostics.count, 3)
        XCTAssertEqual(diagnostics.map { $0.notes.map(\.message) }, [
            ["parameter \(quoted) is first declared here"],
            ["did you mean \(quoted)?"],
            ["parameter \(quoted) is first set here"],
        ])
    }

    func testSelectorConversionShortensLabel() {
        let compilation = compile("namespace shop [team!=\(long)] {\n  deny all\n}\n")
        XCTAssertEqual(messages(compilation), [
            "1:17: error: expected 'key=value' namespace label, found '\(String(("team!=" + long).prefix(64)))…' (106 characters)",
        ])
    }

    func testLintShortensManifestValues() throws {
        let path = try writeFile("long.yaml", """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: api
        spec:
          podSelector:
            matchLabels:
              app: !!int \(long)
          \(long): 1
          policyTypes: [\(long)]

        """)
        let result = runRamp(["lint", path])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(errorLines(result.error), [
            "\(path):8:18: error: value \(shortened) cannot be read as !!int; remove the tag or change the value [RAMP0513]",
        ])

        let untagged = try writeFile("untagged.yaml", """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: api
        spec:
          podSelector: {}
          \(long): 1
          policyTypes: [\(long)]

        """)
        let decoded = runRamp(["lint", untagged])
        XCTAssertEqual(decoded.status, 1)
        XCTAssertEqual(errorLines(decoded.error), [
            "\(untagged):7:3: error: unknown field \(shortened) in 'spec'; remove it or correct its spelling [RAMP0552]",
            "\(untagged):8:17: error: invalid policy type \(shortened); use Ingress or Egress [RAMP0556]",
        ])
    }

    func testCommandLineShortensArguments() throws {
        let option = runRamp(["build", "--" + long])
        XCTAssertEqual(option.status, 2)
        XCTAssertEqual(
            option.error,
            "ramp: error: unknown option '--\(String(repeating: "b", count: 62))…' (102 characters) for 'ramp build'; run 'ramp build --help'\n"
        )

        let warning = runRamp(["lint", "x.yaml", "-W", "no-" + long])
        XCTAssertEqual(warning.status, 2)
        XCTAssertEqual(
            warning.error,
            "ramp: error: unknown warning name \(shortened) in '-W no-\(String(repeating: "b", count: 58))…' (106 characters); use one of "
                + DiagnosticID.all.filter { $0.severity != .error }.map { "'\($0.name)'" }.sorted().joined(separator: ", ") + " [RAMP0051]\n"
        )

        let contract = try writeFile("shop.ramp", "namespace shop {\n  deny all\n  service web [app=web] ports 8080\n}\n")
        let explain = runRamp(["explain", contract, "--from", long, "--to", "shop/web"])
        XCTAssertEqual(explain.status, 2)
        XCTAssertEqual(explain.error, "ramp: error: invalid connection end \(shortened); use 'namespace/service' or an IP address\n")
    }
}
