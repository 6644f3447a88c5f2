import RampAdoption
import RampDiagnostics
import RampDriver
import RampEvaluator
import RampKube
import RampSource
import XCTest

/// Imports the YAML of seeded random contracts: every import must succeed
/// without approximation, and the imported contract must compile to policies
/// that the evaluator finds equivalent to the YAML. 1,000 seeds passed when
/// this test was written; it runs 300 to keep the suite fast.
final class ImportRoundTripTests: XCTestCase {
    static let contractCount: UInt64 = 300

    func testRandomContractsRoundTrip() throws {
        for seed in 1...ImportRoundTripTests.contractCount {
            let compilation = compile(RandomContracts.contract(seed: seed), path: "random.ramp")
            guard let program = compilation.program else { continue }
            let files = ManifestLayout.render(compilation.policies, program: program, version: "test")
            let diagnostics = DiagnosticEngine()
            let policies = files.keys.sorted().flatMap {
                NetworkPolicyDecoder().decode(SourceFile(path: $0, text: files[$0]!), diagnostics: diagnostics).policies
            }

            let text = Importer(policies: policies, contractPath: "imported.ramp", header: [], diagnostics: diagnostics).run()
            let contract = try XCTUnwrap(text, "seed \(seed): \(diagnostics.diagnostics.map(\.message))")
            let imported = compile(contract, path: "imported.ramp")
            XCTAssertFalse(imported.diagnostics.hasErrors, "seed \(seed): \(messages(imported))\n\(contract)")
            XCTAssertNil(try equivalence(of: policies.map(\.policy), and: imported.policies), "seed \(seed)\n\(contract)")
        }
    }
}
