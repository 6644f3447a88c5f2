import Foundation
import RampIR
import RampKube
import RampYAML
import XCTest
@testable import RampDriver

/// A build writes each object once. The files, the contract hash and the
/// size that the object limits check must all equal what `YAMLEmitter`
/// writes for the objects' `yamlDocument`s.
final class RenderedPolicyTests: XCTestCase {
    /// Compiles the example contracts without an environment.
    private func compileExamples() throws -> Compilation {
        let directory = repositoryRoot.appendingPathComponent("contracts")
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".ramp") }.sorted()
        let files = try names.map { name in
            ("contracts/" + name, try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8))
        }
        let compilation = compile(files)
        XCTAssertFalse(compilation.diagnostics.hasErrors, messages(compilation).joined(separator: "\n"))
        XCTAssertGreaterThan(compilation.renderedPolicies.count, 10, "the examples generate objects")
        return compilation
    }

    /// Returns the files as the node emitter writes them.
    private func emittedFiles(_ policies: [NetworkPolicy], program: Program) -> [String: String] {
        var files: [String: String] = [:]
        for (namespace, objects) in ManifestLayout.byNamespace(policies, namespace: \.namespace) {
            let header = ManifestLayout.header(namespace: namespace, program: program, version: "test")
            files[ManifestLayout.fileName(namespace)] = YAMLEmitter().emit(header: header, documents: objects.map(\.yamlDocument))
        }
        return files
    }

    func testExampleFilesMatchEmitter() throws {
        let compilation = try compileExamples()
        let program = try XCTUnwrap(compilation.program)
        let objects = BuildCommand.outputPolicies(compilation)

        let files = ManifestLayout.render(objects, program: program, version: "test")
        let expected = emittedFiles(objects.map(\.policy), program: program)
        XCTAssertEqual(files.keys.sorted(), expected.keys.sorted())
        for name in expected.keys.sorted() {
            XCTAssertEqual(files[name], expected[name], name)
        }
    }

    func testFilesAddingMetadataMatchMarkedObjects() throws {
        let compilation = try compileExamples()
        let program = try XCTUnwrap(compilation.program)

        let expected = ManifestLayout.render(BuildCommand.outputPolicies(compilation), program: program, version: "test")
        let files = ManifestLayout.manifestFiles(compilation.renderedPolicies, program: program, version: "test", addingMetadata: true)
        XCTAssertEqual(files.keys.sorted(), expected.keys.sorted())
        for name in expected.keys.sorted() {
            XCTAssertEqual(files[name].map { String(decoding: $0.bytes(), as: UTF8.self) }, expected[name], name)
        }
    }

    func testExampleHashesMatchEmittedText() throws {
        let compilation = try compileExamples()
        for object in BuildCommand.outputPolicies(compilation) {
            var unmarked = object.policy.withoutComments
            unmarked.annotations[GeneratedMetadata.contractHashAnnotation] = nil
            let text = YAMLEmitter().emit(header: [], documents: [unmarked.yamlDocument])

            XCTAssertEqual(object.policy.labels[GeneratedMetadata.managedByLabel], GeneratedMetadata.managedByValue)
            XCTAssertEqual(object.policy.annotations[GeneratedMetadata.contractHashAnnotation], SHA256.hexDigest(of: Array(text.utf8)), object.policy.name)
        }
    }

    /// The size counts the document without its comments, which
    /// `kubectl apply` drops when it converts the document to JSON.
    func testExampleSizesMatchEmittedTextWithoutComments() throws {
        let compilation = try compileExamples()
        for object in compilation.renderedPolicies {
            let text = YAMLEmitter().emit(header: [], documents: [object.policy.withoutComments.yamlDocument])
            XCTAssertEqual(object.byteCount, text.utf8.count, object.policy.name)
            XCTAssertFalse(text.contains("#"), object.policy.name)
            XCTAssertFalse(object.policy.comments.isEmpty, object.policy.name)
        }
    }

    func testHashOfOtherMetadataMatchesEmittedText() throws {
        var policy = NetworkPolicy(
            name: "web", namespace: "shop", podSelector: LabelSelector(), policyTypes: [.ingress],
            ingress: [NetworkPolicyRule(peers: nil, ports: nil, comments: ["rule: comment", "# second"])],
            comments: ["object comment"]
        )
        policy.labels = ["team": "web", "app.kubernetes.io/managed-by": "someone else"]
        policy.annotations = ["a": "first", "z": "last", GeneratedMetadata.contractHashAnnotation: "stale"]

        let marked = GeneratedMetadata.apply(to: RenderedPolicy(policy)).policy
        var unmarked = marked.withoutComments
        unmarked.annotations[GeneratedMetadata.contractHashAnnotation] = nil
        let text = YAMLEmitter().emit(header: [], documents: [unmarked.yamlDocument])
        XCTAssertEqual(marked.labels, ["team": "web", "app.kubernetes.io/managed-by": "ramp"])
        XCTAssertEqual(marked.annotations[GeneratedMetadata.contractHashAnnotation], SHA256.hexDigest(of: Array(text.utf8)))
        XCTAssertEqual(marked.annotations["a"], "first")
    }

    func testSHA256InPiecesMatchesWhole() {
        let message = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let whole = SHA256.hexDigest(of: message)
        for pieceLength in [1, 7, 63, 64, 65, 200] {
            var hasher = SHA256()
            for start in stride(from: 0, to: message.count, by: pieceLength) {
                hasher.update(message[start..<min(start + pieceLength, message.count)])
            }
            XCTAssertEqual(SHA256.hexadecimal(hasher.finalize()), whole, "pieces of \(pieceLength) bytes")
        }
    }
}
