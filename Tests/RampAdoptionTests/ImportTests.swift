import Foundation
import RampDiagnostics
import RampDriver
import RampEvaluator
import RampKube
import RampLowering
import RampSource
import XCTest

@testable import RampAdoption

final class ImportTests: XCTestCase {
    // MARK: - Helpers

    private struct Imported {
        let text: String?
        let diagnostics: DiagnosticEngine
        let input: [NetworkPolicy]
    }

    private func importFixtures(_ names: [String], workloads: [String] = [], approximate: Bool = false) -> Imported {
        importFiles(names.map { sourceFile("import/" + $0) }, workloads: workloads.map { sourceFile("import/" + $0) }, approximate: approximate)
    }

    private func importFiles(_ files: [SourceFile], workloads: [SourceFile] = [], approximate: Bool = false) -> Imported {
        let diagnostics = DiagnosticEngine()
        let policies = decode(files, diagnostics: diagnostics)
        let manifests = inventory(workloads, diagnostics: diagnostics)
        XCTAssertFalse(diagnostics.hasErrors, "\(codes(diagnostics))")
        let text = Importer(
            policies: policies, inventory: manifests, allowApproximate: approximate,
            contractPath: "imported.ramp", header: ["Imported for a test."], diagnostics: diagnostics
        ).run()
        return Imported(text: text, diagnostics: diagnostics, input: NamedPortResolution.resolve(policies.map(\.policy), inventory: manifests))
    }

    /// Compiles the contract with the driver's pipeline, independently of the
    /// importer's own check, and compares it with the input by the evaluator.
    private func assertEquivalent(_ imported: Imported, file: StaticString = #filePath, line: UInt = #line) throws {
        let text = try XCTUnwrap(imported.text, "\(codes(imported.diagnostics)) \(imported.diagnostics.diagnostics.map(\.message))", file: file, line: line)
        var compilation = Compilation()
        compilation.compile([SourceFile(path: "imported.ramp", text: text)])
        XCTAssertFalse(compilation.diagnostics.hasErrors, compilation.diagnostics.diagnostics.map(\.message).joined(separator: "\n") + "\n" + text,
                       file: file, line: line)
        for level in [OptimizationLevelChoice.reference, .optimized] {
            var leveled = Compilation()
            leveled.optimizationLevel = level.value
            leveled.compile([SourceFile(path: "imported.ramp", text: text)])
            let counterexample = try equivalence(of: imported.input, and: leveled.policies)
            XCTAssertNil(counterexample, "\(String(describing: counterexample))\n\(text)", file: file, line: line)
        }
    }

    private enum OptimizationLevelChoice {
        case reference, optimized
        var value: RampLowering.OptimizationLevel { self == .reference ? .none : .standard }
    }

    // MARK: - Recipes

    func testDefaultDeny() throws {
        let imported = importFixtures(["default-deny.yaml"])
        try assertEquivalent(imported)
        XCTAssertTrue(imported.text?.contains("namespace shop {\n  deny ingress\n}") ?? false, imported.text ?? "")
        XCTAssertTrue(imported.text?.contains("namespace vault {\n  deny all\n  dns off\n}") ?? false, imported.text ?? "")
    }

    func testAllowFromNamespace() throws {
        let imported = importFixtures(["allow-from-namespace.yaml"])
        try assertEquivalent(imported)
        XCTAssertTrue(imported.text?.contains("  namespaces [purpose=production] -> web:8080\n") ?? false, imported.text ?? "")
        XCTAssertTrue(imported.text?.contains("  namespace monitoring -> api\n") ?? false, imported.text ?? "")
    }

    func testAndAndOrPeers() throws {
        let imported = importFixtures(["and-or-peers.yaml"])
        try assertEquivalent(imported)
        let text = imported.text ?? ""
        XCTAssertTrue(text.contains("  web -> shop/api:8080\n"), text)
        XCTAssertTrue(text.contains("  api -> db:5432\n  namespace monitoring -> db:5432\n"), text)
        XCTAssertFalse(text.contains("dns off"), text)
    }

    func testEgressToCIDRWithExcept() throws {
        let imported = importFixtures(["egress-cidr.yaml"])
        try assertEquivalent(imported)
        let text = imported.text ?? ""
        XCTAssertTrue(text.contains("network backup-egress-destinations = 10.0.0.0/8 except (10.1.0.0/16, 10.2.0.0/16), 192.0.2.0/24\n"), text)
        XCTAssertTrue(text.contains("  backup -> network backup-egress-destinations:443\n"), text)
    }

    func testNamedPortsResolvedWithWorkloads() throws {
        let imported = importFixtures(["named-ports.yaml"], workloads: ["named-ports-workloads.yaml"])
        try assertEquivalent(imported)
        let text = imported.text ?? ""
        XCTAssertTrue(text.contains("  service api-server [app=api] ports http:8080, metrics:9090\n"), text)
        XCTAssertTrue(text.contains("  web-frontend -> api-server:http\n"), text)
        XCTAssertTrue(text.contains("  namespace monitoring -> namespace app:metrics\n"), text)
        XCTAssertTrue(text.contains("port name 'http' is 8080/TCP"), text)
    }

    func testNamedPortOnServiceNeedsWorkloads() {
        let imported = importFixtures(["named-ports.yaml"])
        XCTAssertNil(imported.text)
        XCTAssertTrue(codes(imported.diagnostics).contains("import/named-ports.yaml:40: RAMP0940"), "\(codes(imported.diagnostics))")
    }

    // MARK: - Generated output

    /// Compiles the example contracts, which refer to each other, imports
    /// their YAML and checks that the imported contract compiles to
    /// equivalent policies.
    func testGeneratedOutputOfEveryExampleRoundTrips() throws {
        let directory = repositoryRoot.appendingPathComponent("contracts")
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted().filter { $0.hasSuffix(".ramp") }
        do {
            let name = "contracts/"
            var compilation = Compilation()
            compilation.compile(try names.map { SourceFile(path: $0, text: try String(contentsOf: directory.appendingPathComponent($0), encoding: .utf8)) })
            let program = try XCTUnwrap(compilation.program, name)
            let files = ManifestLayout.render(compilation.policies, program: program, version: "test")
            let sources = files.keys.sorted().map { SourceFile(path: $0, text: files[$0]!) }

            let imported = importFiles(sources)
            try assertEquivalent(imported)
            XCTAssertEqual(imported.diagnostics.diagnostics.count, 0, "\(name): \(imported.diagnostics.diagnostics.map(\.message))")
        }
    }

    func testStorefrontKeepsNamespaceLabels() throws {
        let generated = repositoryRoot.appendingPathComponent("generated")
        let files = try ["data.yaml", "ingress-nginx.yaml", "monitoring.yaml", "storefront.yaml"].map { name in
            SourceFile(path: name, bytes: [UInt8](try Data(contentsOf: generated.appendingPathComponent(name))))
        }
        let imported = importFiles(files)
        try assertEquivalent(imported)
        let text = imported.text ?? ""
        XCTAssertTrue(text.contains("namespace data [team=storefront] {\n  deny all\n  dns off\n"), text)
        XCTAssertTrue(text.contains("  prometheus -> namespaces [team=storefront]:metrics\n"), text)
    }

    func testOutputIsDeterministic() {
        let first = importFixtures(["and-or-peers.yaml", "egress-cidr.yaml"]).text
        for _ in 0..<3 {
            XCTAssertEqual(importFixtures(["and-or-peers.yaml", "egress-cidr.yaml"]).text, first)
        }
    }

    // MARK: - What cannot be imported

    func testUnisolatedClientIsReported() {
        let imported = importFixtures(["not-exact.yaml"])
        XCTAssertNil(imported.text)
        XCTAssertEqual(codes(imported.diagnostics), ["import/not-exact.yaml:13: RAMP0940"])
        XCTAssertTrue(imported.diagnostics.diagnostics[0].message.contains("no policy isolates pods [app=web]"))
    }

    func testApproximationIsWrittenAsComment() {
        let imported = importFixtures(["not-exact.yaml"], approximate: true)
        let text = imported.text ?? ""
        XCTAssertEqual(codes(imported.diagnostics), ["import/not-exact.yaml:13: RAMP0941"])
        XCTAssertTrue(text.contains("# APPROXIMATE: this contract does not allow exactly"), text)
        XCTAssertTrue(text.contains("  # APPROXIMATION: shop/api spec.ingress[0] admits only pods [app=web] of namespace 'shop'\n  namespace shop -> api:8080\n"), text)
    }

    func testPodsOfLabelledNamespacesAreReported() {
        let text = """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: api, namespace: shop}
        spec:
          podSelector: {matchLabels: {app: api}}
          ingress:
          - from:
            - namespaceSelector: {matchLabels: {team: web}}
              podSelector: {matchLabels: {app: web}}
        """
        let imported = importFiles([SourceFile(path: "labelled.yaml", text: text)])
        XCTAssertNil(imported.text)
        XCTAssertEqual(codes(imported.diagnostics), ["labelled.yaml:7: RAMP0940"])
        XCTAssertTrue(imported.diagnostics.diagnostics[0].message.contains("several namespaces chosen by labels"))
    }

    func testDenyAllForSomePodsIsReported() {
        let text = """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: db-deny, namespace: shop}
        spec:
          podSelector: {matchLabels: {app: db}}
          policyTypes: [Ingress]
        """
        let imported = importFiles([SourceFile(path: "deny-db.yaml", text: text)])
        XCTAssertNil(imported.text)
        XCTAssertEqual(codes(imported.diagnostics), ["deny-db.yaml:5: RAMP0940"])
    }

    // MARK: - Command

    func testCommandWritesNothingWhenNotExact() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("shop.ramp")
        let result = runRamp(["import", fixtures.appendingPathComponent("import/not-exact.yaml").path, "-o", output.path])
        XCTAssertEqual(result.status, 1)
        XCTAssertFalse(FileManager.default.fileExists(atPath: output.path))

        let approximate = runRamp(["import", fixtures.appendingPathComponent("import/not-exact.yaml").path, "-o", output.path, "--allow-approximate"])
        XCTAssertEqual(approximate.status, 0, approximate.error)
        XCTAssertTrue(FileManager.default.fileExists(atPath: output.path))
    }

    func testCommandWritesContractThatBuilds() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // Only the build without `--env`: the subdirectories hold the environments' builds.
        let base = directory.appendingPathComponent("base")
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        let committed = repositoryRoot.appendingPathComponent("generated")
        for name in try FileManager.default.contentsOfDirectory(atPath: committed.path) where name.hasSuffix(".yaml") {
            try FileManager.default.copyItem(at: committed.appendingPathComponent(name), to: base.appendingPathComponent(name))
        }
        let output = directory.appendingPathComponent("imported.ramp")
        let result = runRamp(["import", base.path, "-o", output.path])
        XCTAssertEqual(result.status, 0, result.error)

        let generated = directory.appendingPathComponent("generated")
        XCTAssertEqual(runRamp(["build", output.path, "-o", generated.path]).status, 0)
        let drift = runRamp(["drift", output.path, "--live", base.path])
        XCTAssertEqual(drift.status, 0, drift.error)
    }

    func testCommandNamesMissingOutputDirectory() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let missing = directory.appendingPathComponent("missing")
        let output = missing.appendingPathComponent("shop.ramp")
        let policy = directory.appendingPathComponent("policy.yaml")
        try "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny, namespace: shop}\nspec:\n  podSelector: {}\n"
            .write(to: policy, atomically: false, encoding: .utf8)

        let result = runRamp(["import", policy.path, "-o", output.path])
        XCTAssertEqual(result.status, 2)
        XCTAssertEqual(result.error, "ramp: error: cannot write '\(output.path)': its directory '\(missing.path)' does not exist; create it first [RAMP0003]\n1 error generated.\n")
    }

    func testCommandKeepsHandWrittenFile() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("shop.ramp")
        let handWritten = "namespace shop {\n  deny all\n}\n"
        try handWritten.write(to: output, atomically: false, encoding: .utf8)

        let result = runRamp(["import", fixtures.appendingPathComponent("import/not-exact.yaml").path, "-o", output.path, "--allow-approximate"])
        XCTAssertEqual(result.status, 2)
        XCTAssertEqual(
            result.error,
            "ramp: error: cannot write '\(output.path)': it was not written by 'ramp import' (its first line does not start with '# Imported by ramp'); "
                + "move it away or pass another file with '-o' [RAMP0003]\n1 error generated.\n"
        )
        XCTAssertEqual(try String(contentsOf: output, encoding: .utf8), handWritten)
    }

    func testCommandReplacesImportedFile() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = fixtures.appendingPathComponent("import/not-exact.yaml").path
        let output = directory.appendingPathComponent("shop.ramp")
        try "# Imported by ramp 0.0.1 from old.yaml.\nnamespace old {\n  deny all\n}\n".write(to: output, atomically: false, encoding: .utf8)

        let result = runRamp(["import", input, "-o", output.path, "--allow-approximate"])
        XCTAssertEqual(result.status, 0, result.error)
        let firstLine = try String(contentsOf: output, encoding: .utf8).split(separator: "\n").first
        XCTAssertEqual(firstLine, "# Imported by ramp \(Driver.version) from \(input).")
    }

    func testCommandRefusesDirectoryOutput() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }

        let result = runRamp(["import", fixtures.appendingPathComponent("import/not-exact.yaml").path, "-o", directory.path])
        XCTAssertEqual(result.status, 2)
        XCTAssertEqual(
            result.error,
            "ramp: error: cannot write '\(directory.path)': it is a directory; pass a contract file with '-o' [RAMP0003]\n1 error generated.\n"
        )
    }

    func testCommandRequiresOutput() {
        let result = runRamp(["import", "policies.yaml"])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.error.contains("requires '-o <contract-file>'"), result.error)
    }
}

final class ImportExportTests: XCTestCase {
    func testKubectlJSONExportImports() throws {
        let diagnostics = DiagnosticEngine()
        let policies = decode([sourceFile("import/export.json")], diagnostics: diagnostics)
        let text = Importer(policies: policies, contractPath: "shop.ramp", header: [], diagnostics: diagnostics).run()
        XCTAssertEqual(text, "namespace shop {\n  deny ingress\n\n  service web [app=web]\n\n  internet -> web:8080\n}\n")
        XCTAssertEqual(diagnostics.diagnostics.count, 0)
    }
}
