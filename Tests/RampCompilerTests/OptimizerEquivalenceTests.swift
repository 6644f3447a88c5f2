import RampEvaluator
import RampIR
import RampKube
import RampLowering
import XCTest

/// The optimizer's proof obligation: for seeded random contracts, the
/// evaluator finds no connection on which the reference lowering and an
/// optimized lowering disagree, in any possible cluster.
final class OptimizerEquivalenceTests: XCTestCase {
    static let contractCount = 2000

    func testStandardLevelEqualsReference() throws {
        try checkRandomContracts(level: .standard, count: OptimizerEquivalenceTests.contractCount)
    }

    /// `trust-ingress` is exact only while the namespaces carry the labels
    /// that the contracts declare, because ramp places the ingress rules of a
    /// `namespaces [...]` endpoint by those declared labels. The evaluator
    /// considers every labelling, so contracts with such endpoints are left out.
    func testTrustIngressLevelEqualsReference() throws {
        try checkRandomContracts(level: .trustIngress, count: OptimizerEquivalenceTests.contractCount / 4) { text in
            !text.contains("namespaces [")
        }
    }

    func testStandardLevelWithoutEndPortEqualsReference() throws {
        try checkRandomContracts(level: .standard, count: 200, kubernetesVersion: KubernetesVersion(major: 1, minor: 24))
    }

    /// The check must be able to fail: a plan that drops one rule differs.
    func testDetectsADroppedRule() throws {
        let program = try XCTUnwrap(compile(RandomContracts.contract(seed: 7), path: "random.ramp").program)
        let reference = Pipeline.lower(program, level: .none)
        var broken = reference
        let index = try XCTUnwrap(broken.objects.firstIndex { !$0.ingress.isEmpty || !$0.egress.isEmpty })
        if broken.objects[index].ingress.isEmpty { broken.objects[index].egress.removeFirst() } else { broken.objects[index].ingress.removeFirst() }
        XCTAssertNotNil(try equivalence(of: reference.networkPolicies, and: broken.networkPolicies))
    }

    private func checkRandomContracts(
        level: OptimizationLevel, count: Int, kubernetesVersion: KubernetesVersion = .defaultTarget,
        including include: (String) -> Bool = { _ in true }
    ) throws {
        var compared = 0
        for seed in 0..<count {
            let text = RandomContracts.contract(seed: UInt64(seed))
            guard include(text) else { continue }
            let compilation = compile(text, path: "random.ramp")
            // Contracts with port ranges cannot target versions before 1.25.
            guard let program = compilation.program else { continue }
            let reference = Pipeline.lower(program, level: .none, kubernetesVersion: kubernetesVersion).networkPolicies
            let optimized = Pipeline.lower(program, level: level, kubernetesVersion: kubernetesVersion).networkPolicies
            if let counterexample = try equivalence(of: reference, and: optimized) {
                XCTFail("seed \(seed): -O\(level.rawValue) differs from -O0 on \(counterexample)\n\(text)")
                return
            }
            compared += 1
        }
        XCTAssertGreaterThan(compared, count / 3, "too few random contracts compiled")
    }
}
