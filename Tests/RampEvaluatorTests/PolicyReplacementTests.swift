import RampKube
import XCTest
@testable import RampEvaluator

/// Evaluators made by replacing the policies of some namespaces share the
/// rest, and a large set of replaced namespaces becomes a layer that later
/// replacements keep. Each must decide every connection as an evaluator
/// indexed from the same policies does.
final class PolicyReplacementTests: XCTestCase {
    private let namespaces = (0..<200).map { "n\($0)" }

    private func denyIngress(_ namespace: String) -> NetworkPolicy {
        policy(namespace, "deny", types: [.ingress])
    }

    private func allowIngress(_ namespace: String) -> NetworkPolicy {
        policy(namespace, "allow", types: [.ingress], ingress: [rule()])
    }

    /// Returns the namespaces whose pod the evaluator admits from a pod of the last namespace.
    private func admitted(_ evaluator: NetworkPolicyEvaluator) -> [String] {
        let source = Endpoint.pod(Pod(name: "client", namespace: Namespace(name: "n199")))
        return namespaces.filter { namespace in
            let destination = Endpoint.pod(Pod(name: "server", namespace: Namespace(name: namespace)))
            return evaluator.allows(Connection(from: source, to: destination, protocol: .tcp, port: 80))
        }
    }

    /// Returns what an evaluator indexed from every namespace's policies
    /// admits: the given ones, or else one that admits all ingress.
    private func indexed(_ replaced: [String: [NetworkPolicy]]) throws -> [String] {
        admitted(try NetworkPolicyEvaluator(policies: namespaces.flatMap { replaced[$0] ?? [allowIngress($0)] }))
    }

    private func replacement(_ namespaces: [String], _ make: (String) -> NetworkPolicy) -> [String: [NetworkPolicy]] {
        Dictionary(uniqueKeysWithValues: namespaces.map { ($0, [make($0)]) })
    }

    func testLayeredReplacementsMatchIndexing() throws {
        let base = try NetworkPolicyEvaluator(policies: namespaces.map(allowIngress))
        let denied = Array(namespaces[0..<100])
        let wide = try base.replacingPolicies(of: Set(denied), with: denied.map(denyIngress))
        XCTAssertEqual(admitted(wide), try indexed(replacement(denied, denyIngress)))
        XCTAssertEqual(admitted(wide).count, 100)

        // The hundred replaced namespaces become a layer below these changes.
        let opened = Array(namespaces[50..<60])
        let layered = try wide.replacingPolicies(of: Set(opened + ["n150"]), with: opened.map(allowIngress) + [denyIngress("n150")])
        var layeredPolicies = replacement(denied, denyIngress).merging(replacement(opened, allowIngress)) { $1 }
        layeredPolicies["n150"] = [denyIngress("n150")]
        XCTAssertEqual(admitted(layered), try indexed(layeredPolicies))
        XCTAssertEqual(admitted(layered).count, 109)

        let cleared = try layered.replacingPolicies(of: ["n55", "n150"], with: [])
        layeredPolicies["n55"] = []
        layeredPolicies["n150"] = []
        XCTAssertEqual(admitted(cleared), try indexed(layeredPolicies))
        XCTAssertEqual(admitted(cleared).count, 110)
    }

    func testPiecesTakeTheirNamespacesOnly() throws {
        let denied = Array(namespaces[0..<100])
        let base = try NetworkPolicyEvaluator(policies: namespaces.map(allowIngress))
        let wide = try base.replacingPolicies(of: Set(denied), with: denied.map(denyIngress))
        let open = try NetworkPolicyEvaluator(policies: [])
        let closed = try NetworkPolicyEvaluator(policies: namespaces.map(denyIngress))

        let composed = wide.replacingPolicies(from: [(["n1", "n2"], open), (["n150", "n151"], closed)])
        var policies = replacement(denied, denyIngress).merging(replacement(["n150", "n151"], denyIngress)) { $1 }
        policies["n1"] = []
        policies["n2"] = []
        XCTAssertEqual(admitted(composed), try indexed(policies))
        XCTAssertEqual(admitted(composed).count, 100)
    }
}
