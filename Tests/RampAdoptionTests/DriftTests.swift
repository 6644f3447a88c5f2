import Foundation
import XCTest

final class DriftTests: XCTestCase {
    private var contracts: String { repositoryRoot.appendingPathComponent("contracts").path }

    /// Copies the YAML files at the top of `generated/`, the build without
    /// `--env`, and applies `edit` to one of them. The subdirectories hold
    /// the environments' builds, which these contracts do not compile to.
    private func export(editing name: String = "", _ edit: (String) -> String = { $0 }) throws -> URL {
        let directory = try temporaryDirectory()
        let generated = repositoryRoot.appendingPathComponent("generated")
        for file in try FileManager.default.contentsOfDirectory(atPath: generated.path) where file.hasSuffix(".yaml") {
            var text = try String(contentsOf: generated.appendingPathComponent(file), encoding: .utf8)
            if file == name { text = edit(text) }
            try text.write(to: directory.appendingPathComponent(file), atomically: false, encoding: .utf8)
        }
        return directory
    }

    func testGeneratedOutputHasNoDrift() throws {
        let directory = try export()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = runRamp(["drift", contracts, "--live", directory.path])
        XCTAssertEqual(result.status, 0, result.error)
        XCTAssertTrue(result.output.contains("no drift"), result.output)
    }

    /// Two hundred unrelated policies in fifty namespaces differ from the
    /// contracts in over a million connection classes. The command reports
    /// the first ten thousand and reports that there are more.
    func testManyDifferencesAreCapped() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let policies = (0..<200).map { index in
            """
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: p\(index)
              namespace: ns\(index % 50)
            spec:
              podSelector:
                matchLabels:
                  app: a\(index)
              policyTypes: [Ingress]
              ingress:
              - from:
                - podSelector:
                    matchLabels:
                      app: b\(index)
                ports:
                - port: \(1000 + index)

            """
        }
        try policies.joined().write(to: directory.appendingPathComponent("live.yaml"), atomically: false, encoding: .utf8)

        let result = runRamp(["drift", contracts, "--live", directory.path, "--all-namespaces", "--error-limit", "1"])

        XCTAssertEqual(result.status, 1, result.error)
        XCTAssertTrue(
            result.output.contains("drift: more than 10000 differences between the cluster and the contracts; the first 10000 are reported"),
            result.output
        )
    }

    /// When the differences are capped, a line's count covers only the
    /// reported ones, so the note gives it as a lower bound.
    func testCappedGroupCountIsLowerBound() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let services = (0..<60).map { "  service s\($0) [app=s\($0)] ports http:\(8000 + $0)\n" }.joined()
        let calls = (0..<59).map { "  s\($0) -> s\($0 + 1):http\n" }.joined()
        let contract = directory.appendingPathComponent("big.ramp")
        try "namespace big {\n  deny all\n\(services)\(calls)}\n".write(to: contract, atomically: false, encoding: .utf8)
        let live = directory.appendingPathComponent("live.yaml")
        try "apiVersion: v1\nkind: List\nitems: []\n".write(to: live, atomically: false, encoding: .utf8)

        let result = runRamp(["drift", contract.path, "--live", live.path])

        XCTAssertEqual(result.status, 1, result.error)
        XCTAssertEqual(result.output, "drift: more than 10000 differences between the cluster and the contracts; the first 10000 are reported\n")
        XCTAssertTrue(result.error.contains("  = note: the same line is responsible for at least 9999 more differences: "), result.error)
    }

    func testCosmeticChangesAreNotDrift() throws {
        let directory = try export(editing: "boutique.yaml") { text in
            text.replacingOccurrences(of: "name: frontend\n", with: "name: renamed-frontend\n")
                .replacingOccurrences(of: "# contracts/", with: "# edited ")
                .replacingOccurrences(of: "  labels:\n", with: "  resourceVersion: \"12\"\n  managedFields:\n  - manager: kubectl\n  labels:\n")
                + "status: {}\n"
        }
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = runRamp(["drift", contracts, "--live", directory.path])
        XCTAssertEqual(result.status, 0, result.error)
    }

    func testAddedPolicyIsSecurityFinding() throws {
        let directory = try export(editing: "data.yaml") { text in
            text + """
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: debug-allow-all
              namespace: data
            spec:
              podSelector:
                matchLabels:
                  app: postgres
              policyTypes: [Ingress]
              ingress:
              - {}

            """
        }
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = runRamp(["drift", contracts, "--live", directory.path, "--diagnostics-format", "json"])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.output.contains("\"code\":\"RAMP0960\""), result.output)
        XCTAssertFalse(result.output.contains("\"code\":\"RAMP0961\""), result.output)
        XCTAssertTrue(result.output.contains("data/debug-allow-all ingress[0] admits the ingress"), result.output)

        // Every difference is reported at the one rule that admits them all,
        // so the error names the others in a note instead of dropping them.
        // Namespace 'data' carries its declared label, team=storefront, so
        // no difference stands for a 'data' labelled otherwise.
        let text = runRamp(["drift", contracts, "--live", directory.path])
        let notes = text.error.split(separator: "\n").filter { $0.hasPrefix("   = note: ") }
        XCTAssertEqual(notes.count, 2, text.error)
        XCTAssertEqual(notes.first, "   = note: for example a pod {k8s-app=kube-dns} in namespace 'kube-system' labelled {team=storefront} -> a pod {app=postgres} in namespace 'data' labelled {team=storefront} on TCP 1")
        XCTAssertTrue(notes.last?.hasPrefix("   = note: the same line is responsible for 89 more differences: pods {k8s-app=kube-dns} in namespaces {kubernetes.io/metadata.name=kube-system,team=storefront} -> pods {app=postgres,!canary} in namespaces {kubernetes.io/metadata.name=data,team=storefront} on UDP 1-65535; ") == true, text.error)
        XCTAssertTrue(notes.last?.hasSuffix("; and 86 more") == true, text.error)
        XCTAssertTrue(text.error.hasSuffix("1 error generated.\n"), text.error)
        XCTAssertEqual(text.output, "drift: 90 differences between the cluster and the contracts\n")
    }

    /// A warning that -Werror promotes fails a run without drift, and the
    /// summary gives the reason.
    func testPromotedWarningFailsARunWithoutDrift() throws {
        let directory = try export(editing: "data.yaml") { text in
            text + """
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: legacy
              namespace: elsewhere
            spec:
              podSelector: {}
              egress:
              - to:
                - ipBlock:
                    cidr: 10.0.0.1/8

            """
        }
        defer { try? FileManager.default.removeItem(at: directory) }
        let plain = runRamp(["drift", contracts, "--live", directory.path])
        XCTAssertEqual(plain.status, 0, plain.error)
        XCTAssertEqual(plain.output, "no drift: the cluster allows exactly the connections that the contracts allow; 1 policy in a namespace that no contract declares was not compared\n")

        let strict = runRamp(["drift", contracts, "--live", directory.path, "-Werror"])
        XCTAssertEqual(strict.status, 1, strict.error)
        XCTAssertTrue(strict.error.contains("error: CIDR '10.0.0.1/8' has bits set after its prefix"), strict.error)
        XCTAssertEqual(
            strict.output,
            "no drift: the cluster allows exactly the connections that the contracts allow; 1 policy in a namespace that no contract declares was not compared; the errors above fail the run\n"
        )
    }

    /// A character that reorders displayed text gets a warning in a
    /// manifest; drift goes on, as the API server accepts it.
    func testDirectionalControlInManifestIsWarned() throws {
        let directory = try export(editing: "data.yaml") { "# \u{202E} tnemmoc\n" + $0 }
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = runRamp(["drift", contracts, "--live", directory.path])
        XCTAssertEqual(result.status, 0, result.error)
        XCTAssertTrue(result.error.hasPrefix(
            "\(directory.path)/data.yaml:1:3: warning: the character U+202E (RIGHT-TO-LEFT OVERRIDE) reorders how the text after it is displayed, so a reader may see other text than ramp reads; remove it [RAMP0813]\n"
        ), result.error)
        XCTAssertEqual(result.output, "no drift: the cluster allows exactly the connections that the contracts allow\n")
    }

    func testMissingObjectIsOutageRisk() throws {
        let directory = try export(editing: "boutique.yaml") { text in
            // Drops the object of service 'cartservice', which admits its callers.
            var documents = text.components(separatedBy: "---\n")
            documents.removeAll { $0.contains("  name: cartservice\n") }
            return documents.joined(separator: "---\n")
        }
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = runRamp(["drift", contracts, "--live", directory.path, "--diagnostics-format", "json"])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.output.contains("\"code\":\"RAMP0961\""), result.output)
        XCTAssertFalse(result.output.contains("\"code\":\"RAMP0960\""), result.output)
    }

    func testPoliciesOfUndeclaredNamespacesAreIgnored() throws {
        let directory = try export(editing: "data.yaml") { text in
            text + """
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: deny-all, namespace: kube-system}
            spec: {podSelector: {}, policyTypes: [Ingress]}

            """
        }
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = runRamp(["drift", contracts, "--live", directory.path])
        XCTAssertEqual(result.status, 0, result.error)
        XCTAssertTrue(result.output.contains("1 policy in a namespace that no contract declares was not compared"), result.output)

        let strict = runRamp(["drift", contracts, "--live", directory.path, "--all-namespaces"])
        XCTAssertEqual(strict.status, 1)
    }
}
