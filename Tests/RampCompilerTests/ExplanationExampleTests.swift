import RampDiagnostics
import RampSource
import RampDriver
import RampKube
import RampLowering
import XCTest

/// Compiles the examples of every explanation: the erroneous example must
/// produce its code, and the corrected example must not.
final class ExplanationExampleTests: XCTestCase {
    /// Codes whose examples cannot be one contract, with the reason.
    static let skipped: [Int: String] = [
        1: "an unreadable input file is a property of the file system, shown as a command line",
        2: "a directory without contracts is a property of the file system, shown as a command line",
        3: "an unwritable output directory is a property of the file system, shown as a command line",
        4: "invalid UTF-8 cannot appear in the explanation's text, which is itself a Swift string",
        6: "an empty manifest file is given to 'ramp lint', 'ramp import' or 'ramp drift', shown as a command line",
        50: "a command-line option, shown as a command line",
        51: "a command-line option, shown as a command line",
        52: "a command-line option, shown as a command line",
        53: "a command-line option, shown as a command line",
        54: "the error-limit note depends on a command-line option and many errors",
        104: "the grammar nests brackets at most two levels deep, so the parser never reaches the nesting limit",
        106: "the character would reorder the explanation's own text; DirectionalControlTests builds contracts that hold it",
        701: "a symbolic link in the output path is a property of the file system, shown as a command line",
        702: "a held lock needs a second build running at the same time, shown as a command line",
        711: "an object above 256 KiB needs thousands of peers; ObjectLimitsTests builds one",
        712: "an object above 64 KiB needs over a thousand peers; ObjectLimitsTests builds one",
        713: "ObjectLimitsTests builds a rule with more than 24 ports",
        714: "ObjectLimitsTests builds a pod with more than 8,000 policy-map entries",
        715: "ObjectLimitsTests builds an object with more than 100 rules",
        802: "expectations are evaluated by 'ramp test', which TestCommandTests cover, not by a build",
        803: "expectations are evaluated by 'ramp test', which TestCommandTests cover, not by a build",
        804: "a policy the evaluator rejects comes from the manifests given to 'ramp test --policies'",
        810: "manifests without policies are given to 'ramp test --policies', shown as a command line",
        811: "a skipped object comes from the manifests given to 'ramp test --policies', shown as a command line",
        812: "a duplicate policy comes from the manifests given to 'ramp test --policies', shown as a command line",
        813: "the character would reorder the explanation's own text; DriftTests reads a manifest that holds it",
        820: "a stale generated file is a property of the output directory of 'ramp check'",
        821: "a missing generated file is a property of the output directory of 'ramp check'",
        822: "an extra generated file is a property of the output directory of 'ramp check'",
        850: "drift appears only when 'ramp check' compiles every environment, which EnvironmentComparisonTests cover",
        853: "an unexplained difference comes only from an inconsistency inside ramp, so no contract can show it",
        855: "the limit needs more classes of drift than an example shows, or a command-line option; DriftLimitTests sets one",
        830: "an unreadable Git revision is a property of the repository given to 'ramp diff --base'",
    ]

    /// Codes whose corrected example is the erroneous contract built with
    /// other options: the Kubernetes version each is compiled for.
    static let targetVersions: [Int: (erroneous: KubernetesVersion, corrected: KubernetesVersion)] = [
        308: (KubernetesVersion(major: 1, minor: 24), KubernetesVersion(major: 1, minor: 25)),
    ]

    /// Codes whose examples are built for an environment: the `--env` value
    /// of the erroneous and of the corrected build.
    static let environments: [Int: (erroneous: String?, corrected: String?)] = [
        213: ("prod", "production"),
        216: (nil, "dev"),
        690: ("prod", "prod"),
        691: ("prod", "prod"),
        692: ("prod", "prod"),
    ]

    /// The YAML and manifest codes explain NetworkPolicy files, not
    /// contracts; RampKubeTests decodes their examples.
    static let manifestCodes = 500..<600
    /// The codes of `ramp lint`, `ramp import` and `ramp drift` explain
    /// NetworkPolicy files too; RampAdoptionTests has a fixture for each.
    static let adoptionCodes = 900..<1000

    struct Examples {
        let erroneous: String?
        let corrected: String?
    }

    /// Returns the first `ramp` code block after "Erroneous example" and the
    /// first after "Corrected example".
    static func examples(in explanation: String) -> Examples {
        func block(after heading: String) -> String? {
            guard let headingRange = explanation.range(of: heading) else { return nil }
            let rest = explanation[headingRange.upperBound...]
            guard let open = rest.range(of: "```ramp\n") else { return nil }
            // A block belongs to the heading only if no other heading comes first.
            let between = rest[..<open.lowerBound]
            if between.contains("Erroneous example") || between.contains("Corrected example") { return nil }
            guard let close = rest[open.upperBound...].range(of: "```") else { return nil }
            return String(rest[open.upperBound..<close.lowerBound])
        }
        return Examples(erroneous: block(after: "Erroneous example"), corrected: block(after: "Corrected example"))
    }

    private func codes(_ text: String, version: KubernetesVersion?, environment: String? = nil) -> Set<String> {
        var compilation = Compilation()
        compilation.requestedKubernetesVersion = version
        compilation.environment = environment
        compilation.compile([SourceFile(path: "example.ramp", text: text)])
        return Set(compilation.diagnostics.diagnostics.map(\.id.code))
    }

    func testExamplesProduceTheirCodes() {
        for id in DiagnosticID.all
        where ExplanationExampleTests.skipped[id.number] == nil && !ExplanationExampleTests.manifestCodes.contains(id.number)
            && !ExplanationExampleTests.adoptionCodes.contains(id.number) {
            guard let explanation = Explanations.text(for: id.code) else {
                XCTFail("\(id.code) has no explanation")
                continue
            }
            let examples = ExplanationExampleTests.examples(in: explanation)
            let versions = ExplanationExampleTests.targetVersions[id.number]
            let environments = ExplanationExampleTests.environments[id.number]
            guard let erroneous = examples.erroneous else {
                XCTFail("\(id.code) has no erroneous ramp example")
                continue
            }
            let erroneousCodes = codes(erroneous, version: versions?.erroneous, environment: environments?.erroneous)
            XCTAssertTrue(erroneousCodes.contains(id.code), "\(id.code): the erroneous example produces \(erroneousCodes.sorted())")

            guard let corrected = examples.corrected ?? (versions == nil && environments == nil ? nil : erroneous) else {
                XCTFail("\(id.code) has no corrected ramp example")
                continue
            }
            // Examples of networks, parameters and profiles are fragments of a
            // contract set without namespaces, which a whole build rejects.
            var correctedCodes = codes(corrected, version: versions?.corrected, environment: environments?.corrected)
            if id != .noNamespaces { correctedCodes.remove(DiagnosticID.noNamespaces.code) }
            XCTAssertFalse(correctedCodes.contains(id.code), "\(id.code): the corrected example still produces it")
            XCTAssertTrue(correctedCodes.allSatisfy { DiagnosticID.withCode($0)?.severity != .error },
                          "\(id.code): the corrected example has errors \(correctedCodes.sorted())")
        }
    }

    func testSkippedCodesExist() {
        for number in ExplanationExampleTests.skipped.keys {
            XCTAssertTrue(DiagnosticID.all.contains { $0.number == number }, "skipped code \(number) is not in the catalogue")
        }
    }

    /// The option codes show command lines instead of contracts; their
    /// options go through the same parser as `ramp build`.
    func testOptionExamplesProduceTheirCodes() {
        func commandLine(after heading: String, in explanation: String) -> [String]? {
            guard let headingRange = explanation.range(of: heading),
                  let open = explanation[headingRange.upperBound...].range(of: "```sh\n"),
                  let close = explanation[open.upperBound...].range(of: "```") else { return nil }
            return explanation[open.upperBound..<close.lowerBound].split(whereSeparator: \.isWhitespace).map(String.init)
        }
        for id in [DiagnosticID.invalidWarningOption, .unknownWarning, .errorNotSilenceable, .invalidErrorLimit] {
            let explanation = Explanations.text(for: id.code)!
            let erroneous = commandLine(after: "Erroneous example", in: explanation)
            XCTAssertEqual(erroneous?.prefix(2), ["ramp", "build"], id.code)
            let errors = DiagnosticOptions.parse(Array(erroneous?.dropFirst(2) ?? [])).usageErrors.map(\.id)
            XCTAssertEqual(errors, [id], id.code)
            if let corrected = commandLine(after: "Corrected example", in: explanation) {
                XCTAssertEqual(DiagnosticOptions.parse(Array(corrected.dropFirst(2))).usageErrors.map(\.id), [], id.code)
            }
        }
    }
}
