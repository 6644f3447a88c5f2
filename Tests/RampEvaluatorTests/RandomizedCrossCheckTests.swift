import RampKube
import XCTest
@testable import RampEvaluator

/// Compares the equivalence check with the concrete evaluator on random
/// policy sets over a small vocabulary of labels, ports and CIDRs, so that
/// random sets overlap often. A returned counterexample is rechecked
/// concretely inside `equivalence`. Here, a nil result must survive many
/// concrete connections in random clusters, and rewrites that keep the
/// meaning must give nil.
final class RandomizedCrossCheckTests: XCTestCase {
    func testMutatedSetsAgreeWithConcreteEvaluation() throws {
        var random = SplitMix64(seed: 0x5eed_0001)
        var equivalentCount = 0
        var differentCount = 0
        for iteration in 0..<250 {
            let first = randomPolicies(&random)
            let second = mutate(first, &random)
            let counterexample = try equivalence(of: first, and: second)
            if let counterexample {
                differentCount += 1
                XCTAssertNotEqual(counterexample.firstVerdict.isAllowed, counterexample.secondVerdict.isAllowed, "iteration \(iteration)")
                assertConsistentNamespaces(counterexample.connection, context: "iteration \(iteration)")
            } else {
                equivalentCount += 1
                try assertAgreeOnSamples(first, second, &random, context: "iteration \(iteration)")
            }
        }
        // Both outcomes must occur, or the test checks less than it claims.
        XCTAssertGreaterThan(equivalentCount, 20)
        XCTAssertGreaterThan(differentCount, 20)
    }

    func testMeaningPreservingRewritesAreEquivalent() throws {
        var random = SplitMix64(seed: 0x5eed_0002)
        for iteration in 0..<150 {
            let first = randomPolicies(&random)
            let second = rewrite(first, &random)
            let counterexample = try equivalence(of: first, and: second)
            XCTAssertNil(counterexample, "iteration \(iteration): \(counterexample.map(\.description) ?? "")")
        }
    }

    /// A reachability query that returns no allowed (or no denied)
    /// connection must find none among many concrete connections either.
    func testReachabilityAgreesWithConcreteEvaluation() throws {
        var random = SplitMix64(seed: 0x5eed_0003)
        var checked = 0
        for iteration in 0..<200 {
            let policies = randomPolicies(&random)
            let sources = randomEndpointSet(&random)
            let destinations = randomEndpointSet(&random)
            let query = ReachabilityQuery(sources: sources, destinations: destinations, ports: randomPorts(&random))
            let reachability = try Reachability(policies: policies, endpointSets: [sources, destinations])
            // Without a limit, every returned example is checked against the evaluator too.
            let anyAllowed = !reachability.allowedConnections(query).isEmpty
            let anyDenied = !reachability.deniedConnections(query).isEmpty

            let evaluator = try NetworkPolicyEvaluator(policies: policies)
            let endpoints = randomEndpoints(&random)
            for _ in 0..<300 {
                let source = endpoints.randomElement(using: &random)!
                let destination = endpoints.randomElement(using: &random)!
                let connection = Connection(
                    from: source, to: destination,
                    protocol: NetworkProtocol.allCases.randomElement(using: &random)!,
                    port: Vocabulary.probePorts.randomElement(using: &random)!
                )
                guard contains(sources, source), contains(destinations, destination), portsContain(query.ports, connection) else { continue }
                if case .ipAddress = source, case .ipAddress = destination { continue }
                checked += 1
                let verdict = evaluator.evaluate(connection)
                if verdict.isAllowed {
                    XCTAssertTrue(anyAllowed, "iteration \(iteration): no allowed connection reported, but \(verdict)")
                } else {
                    XCTAssertTrue(anyDenied, "iteration \(iteration): no denied connection reported, but \(verdict)")
                }
            }
        }
        XCTAssertGreaterThan(checked, 1000, "too few sampled connections fell inside the queries")
    }

    /// Storing a rule's side as a wide set, with one grant per atom of the
    /// other side, is a matter of cost: every threshold, from every side
    /// wide to none, must give the same differences. Rewritten sets, whose
    /// grants differ although their meaning does not, must give none.
    func testWideSetsKeepTheDifferences() throws {
        var random = SplitMix64(seed: 0x5eed_0005)
        var differing = 0
        var wide = 0
        for iteration in 0..<200 {
            let first = randomPolicies(&random)
            let second = iteration % 4 == 0 ? rewrite(first, &random) : mutate(first, &random)
            let expected = try differences(first, second, wideThreshold: Int.max)
            for threshold in [0, 1, 2, 4] {
                XCTAssertEqual(try differences(first, second, wideThreshold: threshold), expected, "iteration \(iteration), threshold \(threshold)")
            }
            if iteration % 4 == 0 { XCTAssertEqual(expected, [], "iteration \(iteration)") }
            if !expected.isEmpty { differing += 1 }
            wide += try atomCount(first + second) > 4 ? 1 : 0
        }
        // Differences, and sets of more atoms than the small thresholds, must both occur often.
        XCTAssertGreaterThan(differing, 60)
        XCTAssertGreaterThan(wide, 150)
    }

    /// Reachability reads the same stored ports, so its results must not
    /// depend on the threshold either.
    func testWideSetsKeepReachability() throws {
        var random = SplitMix64(seed: 0x5eed_0006)
        var answers = 0
        for iteration in 0..<150 {
            let policies = randomPolicies(&random)
            let sources = randomEndpointSet(&random)
            let destinations = randomEndpointSet(&random)
            let query = ReachabilityQuery(sources: sources, destinations: destinations, ports: randomPorts(&random))
            let narrow = try Reachability(policies: policies, endpointSets: [sources, destinations], namespaceLabels: [:], wideThreshold: Int.max)
            let expected = (narrow.allowedConnections(query).map(\.description), narrow.deniedConnections(query).map(\.description))
            answers += expected.0.count + expected.1.count
            for threshold in [0, 2] {
                let wide = try Reachability(policies: policies, endpointSets: [sources, destinations], namespaceLabels: [:], wideThreshold: threshold)
                XCTAssertEqual(wide.allowedConnections(query).map(\.description), expected.0, "iteration \(iteration), threshold \(threshold)")
                XCTAssertEqual(wide.deniedConnections(query).map(\.description), expected.1, "iteration \(iteration), threshold \(threshold)")
            }
        }
        XCTAssertGreaterThan(answers, 1000)
    }

    /// Variants made as an environment's settings make them, by taking one
    /// namespace's policies from the other set, leave out exactly the pairs
    /// where the variant and the other set decide every port of the example
    /// alike. Named ports are left out here, so that the example's endpoints
    /// and the ports where rules start and end decide a pair on every port.
    func testVariantsLeaveOutThePairsTheyExplain() throws {
        var random = SplitMix64(seed: 0x5eed_000b)
        var (kept, leftOut) = (0, 0)
        for iteration in 0..<200 {
            let first = withoutNamedPorts(randomPolicies(&random))
            let second = withoutNamedPorts(iteration % 3 == 0 ? randomPolicies(&random) : mutate(first, &random))
            let namespaces = ["x", "y"].shuffled(using: &random)
            var variants = [
                (side: PolicySetSide.first, policies: swapping(namespaces[0], of: first, from: second)),
                (side: PolicySetSide.second, policies: swapping(namespaces[1], of: second, from: first)),
            ]
            if iteration % 4 == 0 { variants.remove(at: random.next(below: 2)) }
            let boundaries = portBoundaries(first + second)

            let full = try connectivityDifferences(between: first, and: second)
            let evaluators = try variants.map { variant in
                (changed: try NetworkPolicyEvaluator(policies: variant.policies),
                 other: try NetworkPolicyEvaluator(policies: variant.side == .first ? second : first))
            }
            let expected = full.filter { difference in
                evaluators.allSatisfy { changed, other in
                    boundaries.contains { port in
                        var connection = difference.example.connection
                        connection.port = port
                        return changed.allows(connection) != other.allows(connection)
                    }
                }
            }
            let actual = try connectivityDifferenceSequence(
                between: first, and: second, unlessExplainedBy: zip(variants, evaluators).map { PolicyVariant(of: $0.side, $1.changed) }
            )
            XCTAssertEqual(actual.map(\.description), expected.map(\.description), "iteration \(iteration)")
            kept += expected.count
            leftOut += full.count - expected.count
        }
        // Both outcomes must occur often, or the test checks less than it claims.
        XCTAssertGreaterThan(kept, 200)
        XCTAssertGreaterThan(leftOut, 200)
    }

    /// A variant whose policies have the effect of the other set's in every
    /// namespace, under another name, explains every difference, while one
    /// that also isolates egress there explains only part of them.
    func testVariantOfSameEffectLeavesNothing() throws {
        let first = [NetworkPolicy(name: "p", namespace: "x", podSelector: LabelSelector(matchLabels: ["app": "web"]), policyTypes: [.ingress])]
        let second = [NetworkPolicy(name: "q", namespace: "x", podSelector: LabelSelector(matchLabels: ["app": "api"]), policyTypes: [.ingress])]
        var renamed = second
        renamed[0].name = "renamed"
        var isolating = renamed
        isolating[0].policyTypes = [.ingress, .egress]

        let full = try connectivityDifferences(between: first, and: second).map(\.description)
        let sameEffect = try connectivityDifferenceSequence(
            between: first, and: second, unlessExplainedBy: [PolicyVariant(of: .first, try NetworkPolicyEvaluator(policies: renamed))]
        )
        let otherEffect = try connectivityDifferenceSequence(
            between: first, and: second, unlessExplainedBy: [PolicyVariant(of: .first, try NetworkPolicyEvaluator(policies: isolating))]
        ).map(\.description)
        XCTAssertEqual(full.count, 36)
        XCTAssertEqual(Array(sameEffect).count, 0)
        // The variant denies the api pods' egress, and the first set the web pods' ingress.
        let apiToWeb = "pods {app=api} in namespaces {kubernetes.io/metadata.name=x} -> pods {app=web} in namespaces {kubernetes.io/metadata.name=x}"
        XCTAssertEqual(otherEffect, ["TCP", "UDP", "SCTP"].map { "\(apiToWeb) \($0): 1-65535 allowed by second" })
    }

    /// On random sets, a limited sequence contains the first differences of
    /// the whole one, with and without variants.
    func testLimitedSequencesArePrefixes() throws {
        var random = SplitMix64(seed: 0x5eed_0010)
        var cut = 0
        for iteration in 0..<150 {
            let first = randomPolicies(&random)
            let second = iteration % 3 == 0 ? randomPolicies(&random) : mutate(first, &random)
            let variants = iteration % 2 == 0 ? [] : [
                PolicyVariant(of: .first, try NetworkPolicyEvaluator(policies: swapping("x", of: first, from: second))),
            ]
            let full = try connectivityDifferenceSequence(between: first, and: second, unlessExplainedBy: variants).map(\.description)
            let limit = random.next(below: 12) + 1
            let limited = try connectivityDifferenceSequence(between: first, and: second, limit: limit, unlessExplainedBy: variants)
            XCTAssertEqual(limited.map(\.description), Array(full.prefix(full.isEmpty ? 0 : limit)), "iteration \(iteration)")
            if full.count > 2 * limit { cut += 1 }
        }
        // Many sets must reach twice the limit, where the kept differences are cut.
        XCTAssertGreaterThan(cut, 30)
    }

    /// A sequence with a limit contains the first differences in order, and
    /// keeping fewer of them keeps the first.
    func testLimitKeepsFirstDifferences() throws {
        let first = [NetworkPolicy(name: "p", namespace: "x", podSelector: LabelSelector(matchLabels: ["app": "web"]), policyTypes: [.ingress])]
        let second = [NetworkPolicy(name: "q", namespace: "x", podSelector: LabelSelector(matchLabels: ["app": "api"]), policyTypes: [.ingress])]
        let full = try connectivityDifferences(between: first, and: second).map(\.description)
        XCTAssertEqual(full.count, 36)

        var limited = try connectivityDifferenceSequence(between: first, and: second, limit: 5)
        XCTAssertEqual(limited.underestimatedCount, 5)
        limited.keepFirst(3)
        XCTAssertEqual(limited.map(\.description), Array(full.prefix(3)))

        var whole = try connectivityDifferenceSequence(between: first, and: second)
        whole.keepFirst(40)
        XCTAssertEqual(whole.map(\.description), full)
    }

    /// Thirteen selectors on thirteen keys make more label classes than the
    /// evaluator builds, but a variant with the other set's policies needs
    /// no classes.
    func testVariantOfSameEffectNeedsNoClasses() throws {
        let first = (0..<13).map {
            NetworkPolicy(name: "p\($0)", namespace: "x", podSelector: LabelSelector(matchLabels: ["k\($0)": "v"]), policyTypes: [.ingress])
        }
        let second = Array(first.dropLast())

        XCTAssertThrowsError(try connectivityDifferenceSequence(between: first, and: second)) { error in
            XCTAssertEqual((error as? PolicyValidationError)?.labelClassLimit, 4096)
        }
        let variant = PolicyVariant(of: .first, try NetworkPolicyEvaluator(policies: second))
        XCTAssertEqual(Array(try connectivityDifferenceSequence(between: first, and: second, unlessExplainedBy: [variant])).count, 0)
    }

    /// The namespaces a variant differs in are those where a policy's effect
    /// differs and those where only one side has policies. A renamed policy
    /// of the same effect does not count.
    func testVariantNamesTheNamespacesItChanges() throws {
        let web = LabelSelector(matchLabels: ["app": "web"])
        let target = [
            NetworkPolicy(name: "same", namespace: "a", podSelector: web, policyTypes: [.ingress]),
            NetworkPolicy(name: "isolates", namespace: "b", podSelector: web, policyTypes: [.ingress]),
            NetworkPolicy(name: "only-target", namespace: "c", podSelector: web, policyTypes: [.ingress]),
        ]
        let changed = [
            NetworkPolicy(name: "renamed", namespace: "a", podSelector: web, policyTypes: [.ingress]),
            NetworkPolicy(name: "isolates", namespace: "b", podSelector: web, policyTypes: [.ingress, .egress]),
            NetworkPolicy(name: "only-variant", namespace: "d", podSelector: web, policyTypes: [.egress]),
        ]
        let variant = PolicyVariant(of: .first, try NetworkPolicyEvaluator(policies: changed))

        XCTAssertEqual(variant.namespaces(unlike: target.map(EffectivePolicy.init)), ["b", "c", "d"])
        XCTAssertFalse(variant.decidesAlike(try NetworkPolicyEvaluator(policies: target)))
        XCTAssertEqual(variant.namespaces(unlike: changed.map(EffectivePolicy.init)), [])
    }

    /// Evaluators that the caller built already give the differences and
    /// examples that the comparison's own evaluators give.
    func testPassedEvaluatorsGiveSameDifferences() throws {
        let first = [NetworkPolicy(name: "p", namespace: "x", podSelector: LabelSelector(matchLabels: ["app": "web"]), policyTypes: [.ingress])]
        let second = [NetworkPolicy(name: "q", namespace: "x", podSelector: LabelSelector(matchLabels: ["app": "api"]), policyTypes: [.egress])]
        let evaluators = (try NetworkPolicyEvaluator(policies: first), try NetworkPolicyEvaluator(policies: second))

        let built = try connectivityDifferences(between: first, and: second)
        let passed = Array(try connectivityDifferenceSequence(between: first, and: second, evaluators: evaluators))
        XCTAssertEqual(passed.map(\.description), built.map(\.description))
        XCTAssertEqual(passed.map(\.example.connection), built.map(\.example.connection))
        XCTAssertEqual(passed.count, 30)
    }

    /// A policy's splits read from the policy itself must be those of its
    /// `EffectivePolicy`, whose defaults and empty lists they must follow.
    func testPolicyCoverMatchesEffectivePolicy() {
        var random = SplitMix64(seed: 0x5eed_000d)
        var (covered, uncovered) = (0, 0)
        for _ in 0..<100 {
            let base = randomPolicies(&random)
            let splits = AbstractionSplits(policies: base.map(EffectivePolicy.init))
            for policy in mutate(base, &random) + randomPolicies(&random) {
                let expected = splits.covers([[EffectivePolicy(policy)]])
                XCTAssertEqual(splits.covers(policy), expected, "\(policy)")
                if expected { covered += 1 } else { uncovered += 1 }
            }
        }
        // Both outcomes must occur often, or the test checks little.
        XCTAssertGreaterThan(covered, 100)
        XCTAssertGreaterThan(uncovered, 100)
    }

    /// Context policies whose selectors and blocks the compared sets have
    /// split no class, so copies of the compared policies leave the
    /// differences as they are, while other policies may split them.
    func testCoveredContextChangesNothing() throws {
        var random = SplitMix64(seed: 0x5eed_000e)
        var refined = 0
        for iteration in 0..<60 {
            let first = randomPolicies(&random)
            let second = mutate(first, &random)
            let copies = (first + second).map { policy in
                var copy = policy
                copy.name += "-copy"
                return copy
            }
            let plain = try connectivityDifferences(between: first, and: second).map(\.description)

            let withCopies = try connectivityDifferences(between: first, and: second, context: copies).map(\.description)
            let withOthers = try connectivityDifferences(between: first, and: second, context: randomPolicies(&random))

            XCTAssertEqual(withCopies, plain, "iteration \(iteration)")
            XCTAssertGreaterThanOrEqual(withOthers.count, plain.count, "iteration \(iteration)")
            if withOthers.count > plain.count { refined += 1 }
        }
        // Other policies must split classes often, or the test checks little.
        XCTAssertGreaterThan(refined, 10)
    }

    /// A sequence split into parts gives, part after part, the differences
    /// and examples that reading it whole gives, after some were read too.
    func testSplitSequenceKeepsOrder() throws {
        var random = SplitMix64(seed: 0x5eed_000c)
        var split = 0
        for _ in 0..<40 {
            let first = randomPolicies(&random)
            let second = mutate(first, &random)
            var sequence = try connectivityDifferenceSequence(between: first, and: second)
            let whole = Array(sequence)
            _ = sequence.next()

            let parts = sequence.split(into: 3)
            let joined = parts.flatMap { Array($0) }

            XCTAssertEqual(joined.map(\.description), whole.dropFirst().map(\.description))
            XCTAssertEqual(joined.map(\.example.connection), whole.dropFirst().map(\.example.connection))
            XCTAssertLessThanOrEqual(parts.count, 3)
            if parts.count == 3 { split += 1 }
        }
        // Sequences long enough to split into three must occur often.
        XCTAssertGreaterThan(split, 20)
    }

    /// A variant with a selector that no compared policy uses would need
    /// finer classes, so nothing is left out.
    func testVariantWithNewSelectorLeavesOutNothing() throws {
        let first = [NetworkPolicy(name: "p", namespace: "x", podSelector: LabelSelector(matchLabels: ["app": "web"]), policyTypes: [.ingress])]
        var variant = first
        variant[0].podSelector = LabelSelector(matchLabels: ["app": "api"])
        let expected = try connectivityDifferences(between: first, and: []).map(\.description)
        let actual = try connectivityDifferenceSequence(
            between: first, and: [], unlessExplainedBy: [PolicyVariant(of: .first, try NetworkPolicyEvaluator(policies: []))]
        ).map(\.description)
        XCTAssertEqual(expected.count, 15)
        XCTAssertEqual(try connectivityDifferenceSequence(
            between: first, and: [], unlessExplainedBy: [PolicyVariant(of: .first, try NetworkPolicyEvaluator(policies: variant))]
        ).map(\.description), expected)
        // The empty variant selects nothing new and allows what the second set allows.
        XCTAssertEqual(actual, [])
    }

    /// Returns `policies` with those of `namespace` taken from `other`.
    private func swapping(_ namespace: String, of policies: [NetworkPolicy], from other: [NetworkPolicy]) -> [NetworkPolicy] {
        policies.filter { $0.namespace != namespace } + other.filter { $0.namespace == namespace }
    }

    /// Returns the policies with every named port replaced by port 80.
    private func withoutNamedPorts(_ policies: [NetworkPolicy]) -> [NetworkPolicy] {
        func numbered(_ rules: [NetworkPolicyRule]?) -> [NetworkPolicyRule]? {
            rules?.map { rule in
                var rule = rule
                rule.ports = rule.ports?.map { port in
                    guard case .name = port.port else { return port }
                    return NetworkPolicyPort(protocol: port.protocol, port: .number(80))
                }
                return rule
            }
        }
        return policies.map { policy in
            var policy = policy
            policy.ingress = numbered(policy.ingress)
            policy.egress = numbered(policy.egress)
            return policy
        }
    }

    /// Returns every port where a rule's port range starts or ends, and port 1.
    private func portBoundaries(_ policies: [NetworkPolicy]) -> [Int] {
        var ports: Set<Int> = [1]
        for policy in policies {
            for rule in (policy.ingress ?? []) + (policy.egress ?? []) {
                for port in rule.ports ?? [] {
                    guard case .number(let start) = port.port else { continue }
                    ports.insert(start)
                    if let last = port.endPort ?? Optional(start), last < 65535 { ports.insert(last + 1) }
                }
            }
        }
        return ports.sorted()
    }

    private func differences(_ first: [NetworkPolicy], _ second: [NetworkPolicy], wideThreshold: Int) throws -> [String] {
        try connectivityDifferenceSequence(
            between: first, and: second, limit: nil, refinedBy: [], namespaceLabels: [:], context: [], wideThreshold: wideThreshold
        ).map(\.description)
    }

    private func atomCount(_ policies: [NetworkPolicy]) throws -> Int {
        try ClusterAbstraction(policies: policies.map(EffectivePolicy.init)).atomCount
    }

    /// A direction of eight or more rules is read through an index by the
    /// namespace that its peers name, in `allows`, `decidesAlike` and
    /// `lastPortDecidedAlike`. Full evaluation reads every rule, so both must
    /// agree on every connection and on every port up to the returned one.
    func testLongRuleListsAgreeWithFullEvaluation() throws {
        var random = SplitMix64(seed: 0x5eed_0007)
        var allowedCount = 0
        var deniedCount = 0
        var checkedPorts = 0
        for iteration in 0..<120 {
            let evaluator = try NetworkPolicyEvaluator(policies: randomPolicies(&random, rulesPerDirection: 8...12))
            let endpoints = randomEndpoints(&random)
            for _ in 0..<60 {
                let connection = randomConnection(endpoints, &random)
                let allowed = evaluator.evaluate(connection).isAllowed
                XCTAssertEqual(evaluator.allows(connection), allowed, "iteration \(iteration): \(connection)")
                if allowed { allowedCount += 1 } else { deniedCount += 1 }
                let last = evaluator.lastPortDecidedAlike(connection, upTo: 65535)
                for port in Set(Vocabulary.probePorts + [last, connection.port + 1]) where port > connection.port && port <= last {
                    checkedPorts += 1
                    let moved = movingPort(of: connection, to: port)
                    XCTAssertEqual(evaluator.evaluate(moved).isAllowed, allowed, "iteration \(iteration): \(connection) and \(moved)")
                    if evaluator.decidesAlike(connection, moved) {
                        XCTAssertEqual(evaluator.evaluate(moved).isAllowed, allowed, "iteration \(iteration): \(connection) and \(moved)")
                    }
                }
            }
        }
        // Both verdicts and many moved ports must occur, or the test checks less than it claims.
        XCTAssertGreaterThan(allowedCount, 1000)
        XCTAssertGreaterThan(deniedCount, 200)
        XCTAssertGreaterThan(checkedPorts, 5000)
    }

    /// `allowsAndLastPortDecidedAlike` reads each rule once for both
    /// results, which must be those of `allows` and `lastPortDecidedAlike`,
    /// with short and long rule lists and with limits below the port too.
    func testAllowsAndLastPortMatchSeparateCalls() throws {
        var random = SplitMix64(seed: 0x5eed_0008)
        var (allowedCount, deniedCount, boundedCount) = (0, 0, 0)
        for iteration in 0..<400 {
            let rules = iteration % 2 == 0 ? 1...3 : 8...12
            let evaluator = try NetworkPolicyEvaluator(policies: randomPolicies(&random, rulesPerDirection: rules))
            let endpoints = randomEndpoints(&random)
            for _ in 0..<60 {
                let connection = randomConnection(endpoints, &random)
                let limit = [65535, connection.port, connection.port + 100, max(1, connection.port - 1)][random.next(below: 4)]
                let both = evaluator.allowsAndLastPortDecidedAlike(connection, upTo: limit)
                let allowed = evaluator.allows(connection)
                let lastPort = evaluator.lastPortDecidedAlike(connection, upTo: limit)
                XCTAssertEqual(both.allows, allowed, "iteration \(iteration): \(connection)")
                XCTAssertEqual(both.lastPort, lastPort, "iteration \(iteration): \(connection) up to \(limit)")
                if allowed { allowedCount += 1 } else { deniedCount += 1 }
                if lastPort < limit { boundedCount += 1 }
            }
        }
        // Both verdicts and ports bounded by rules must occur, or the test checks less than it claims.
        XCTAssertGreaterThan(allowedCount, 1000)
        XCTAssertGreaterThan(deniedCount, 500)
        XCTAssertGreaterThan(boundedCount, 200)
    }

    /// `allows(_:)` skips collecting the deciding rules, so it must return
    /// what the full evaluation returns on every connection.
    func testAllowsMatchesFullEvaluation() throws {
        var random = SplitMix64(seed: 0x5eed_0004)
        var allowedCount = 0
        var deniedCount = 0
        for iteration in 0..<200 {
            let evaluator = try NetworkPolicyEvaluator(policies: randomPolicies(&random))
            let endpoints = randomEndpoints(&random)
            for _ in 0..<100 {
                let connection = randomConnection(endpoints, &random)
                let verdict = evaluator.evaluate(connection)
                XCTAssertEqual(evaluator.allows(connection), verdict.isAllowed, "iteration \(iteration): \(verdict)")
                if verdict.isAllowed { allowedCount += 1 } else { deniedCount += 1 }
            }
        }
        // Both results must occur often, or the comparison checks less than it claims.
        XCTAssertGreaterThan(allowedCount, 2000)
        XCTAssertGreaterThan(deniedCount, 2000)
    }

    /// Connections that `decidesAlike(_:_:)` pairs must get the same verdict.
    /// Each pair shares its endpoints, with another port and other
    /// container ports on the destination.
    func testDecidesAlikeImpliesSameAnswer() throws {
        var random = SplitMix64(seed: 0x5eed_0005)
        var alikeCount = 0
        var notAlikeCount = 0
        // Pairs that some port entry of the endpoints' namespaces distinguishes,
        // paired only because no rule that could admit them does.
        var alikeByRulesCount = 0
        for iteration in 0..<200 {
            let policies = randomPolicies(&random)
            let evaluator = try NetworkPolicyEvaluator(policies: policies)
            let endpoints = randomEndpoints(&random)
            for _ in 0..<100 {
                let first = randomConnection(endpoints, &random)
                var second = first
                second.port = Vocabulary.probePorts.randomElement(using: &random)!
                if case .pod(var pod) = second.destination {
                    pod.containerPorts = Vocabulary.portNames.filter { _ in random.next(below: 2) == 0 }.map {
                        ContainerPort(name: $0, protocol: first.protocol, containerPort: second.port)
                    }
                    second.destination = .pod(pod)
                }
                guard evaluator.decidesAlike(first, second) else {
                    notAlikeCount += 1
                    continue
                }
                alikeCount += 1
                if someEntryDistinguishes(first, second, policies) { alikeByRulesCount += 1 }
                XCTAssertEqual(evaluator.allows(first), evaluator.allows(second), "iteration \(iteration): \(first) and \(second)")
            }
        }
        // Every kind of result must occur often, or the test checks less than it claims.
        XCTAssertGreaterThan(alikeCount, 2000)
        XCTAssertGreaterThan(notAlikeCount, 60)
        XCTAssertGreaterThan(alikeByRulesCount, 300)
    }

    /// Returns whether a port entry of a policy in either endpoint's
    /// namespace matches one connection and not the other.
    private func someEntryDistinguishes(_ first: Connection, _ second: Connection, _ policies: [NetworkPolicy]) -> Bool {
        let namespaces = [first.source, first.destination].compactMap { endpoint -> String? in
            if case .pod(let pod) = endpoint { return pod.namespace.name }
            return nil
        }
        let entries = policies.filter { namespaces.contains($0.namespace) }.flatMap { ($0.ingress ?? []) + ($0.egress ?? []) }.flatMap { $0.ports ?? [] }
        return entries.contains { $0.matches(first) != $0.matches(second) }
    }

    func testDecidesAlikeRejectsOtherEndpoints() throws {
        let evaluator = try NetworkPolicyEvaluator(policies: [])
        let web = Endpoint.pod(Pod(name: "web", namespace: Namespace(name: "shop")))
        let db = Endpoint.pod(Pod(name: "db", namespace: Namespace(name: "shop")))
        let connection = Connection(from: web, to: db, protocol: .tcp, port: 80)
        XCTAssertTrue(evaluator.decidesAlike(connection, Connection(from: web, to: db, protocol: .tcp, port: 443)))
        XCTAssertFalse(evaluator.decidesAlike(connection, Connection(from: db, to: db, protocol: .tcp, port: 80)))
        XCTAssertFalse(evaluator.decidesAlike(connection, Connection(from: web, to: web, protocol: .tcp, port: 80)))
        XCTAssertFalse(evaluator.decidesAlike(connection, Connection(from: web, to: db, protocol: .udp, port: 80)))
    }

    /// Every port from a connection's own up to the last one that
    /// `lastPortDecidedAlike(_:upTo:)` returns must get the connection's
    /// verdict, when the destination names its container ports at that port.
    func testLastPortDecidedAlikeKeepsVerdict() throws {
        var random = SplitMix64(seed: 0x5eed_0006)
        var checkedPorts = 0
        var boundedCount = 0
        for iteration in 0..<200 {
            let evaluator = try NetworkPolicyEvaluator(policies: randomPolicies(&random))
            let endpoints = randomEndpoints(&random)
            for _ in 0..<50 {
                let connection = randomConnection(endpoints, &random)
                let last = evaluator.lastPortDecidedAlike(connection, upTo: 65535)
                XCTAssertGreaterThanOrEqual(last, connection.port, "iteration \(iteration): \(connection)")
                if last < 65535 { boundedCount += 1 }
                for port in Set(Vocabulary.probePorts + [last, connection.port + 1]) where port > connection.port && port <= last {
                    checkedPorts += 1
                    let moved = movingPort(of: connection, to: port)
                    XCTAssertEqual(evaluator.allows(moved), evaluator.allows(connection), "iteration \(iteration): \(connection) and \(moved)")
                }
            }
        }
        // Bounded results and checked ports must occur often, or the test checks less than it claims.
        XCTAssertGreaterThan(boundedCount, 50)
        XCTAssertGreaterThan(checkedPorts, 10000)
    }

    /// The last port stops before the next entry of an admitting rule, and
    /// at the end of the entry that contains the port.
    func testLastPortDecidedAlikeStopsAtEntries() throws {
        let cluster = netpolCluster()
        let (xa, xb) = (cluster.pod("x/a"), cluster.pod("x/b"))
        let evaluator = try NetworkPolicyEvaluator(policies: [
            policy("x", "ingress", podSelector: selector(["pod": "b"]), types: [.ingress], ingress: [
                rule([podPeer(["pod": "a"])], ports: [port(8080, endPort: 8089), namedPort("serve-80-tcp")]),
                rule([podPeer(["pod": "c"])], ports: [port(443)]),
            ]),
        ])
        XCTAssertEqual(evaluator.lastPortDecidedAlike(Connection(from: xa, to: xb, protocol: .tcp, port: 1), upTo: 65535), 8079)
        XCTAssertEqual(evaluator.lastPortDecidedAlike(Connection(from: xa, to: xb, protocol: .tcp, port: 8085), upTo: 65535), 8089)
        XCTAssertEqual(evaluator.lastPortDecidedAlike(Connection(from: xa, to: xb, protocol: .tcp, port: 8090), upTo: 65535), 65535)
        XCTAssertEqual(evaluator.lastPortDecidedAlike(Connection(from: xa, to: xb, protocol: .tcp, port: 1), upTo: 100), 100)
        XCTAssertEqual(evaluator.lastPortDecidedAlike(Connection(from: xa, to: xb, protocol: .udp, port: 1), upTo: 65535), 65535)
    }

    /// Returns the connection on another port, with the destination's
    /// container ports moved to that port under the same names.
    private func movingPort(of connection: Connection, to port: Int) -> Connection {
        var moved = connection
        moved.port = port
        if case .pod(var pod) = moved.destination {
            pod.containerPorts = pod.containerPorts.filter { $0.containerPort == connection.port && $0.protocol == connection.protocol }.map {
                ContainerPort(name: $0.name, protocol: $0.protocol, containerPort: port)
            }
            moved.destination = .pod(pod)
        }
        return moved
    }

    /// Only rules that could admit the connection count: a port entry of a
    /// rule whose peers miss the other end, or of a policy that does not
    /// select the endpoint, admits neither connection on any port.
    func testDecidesAlikeReadsOnlyRulesThatCouldAdmit() throws {
        let cluster = netpolCluster()
        let (xa, xb, ya) = (cluster.pod("x/a"), cluster.pod("x/b"), cluster.pod("y/a"))
        let evaluator = try NetworkPolicyEvaluator(policies: [
            policy("x", "egress", podSelector: selector(["pod": "a"]), types: [.egress], egress: [
                rule([podPeer(["pod": "b"])], ports: [port(8080)]),
                rule([ipBlockPeer("10.0.0.0/8")], ports: [port(53, .udp)]),
            ]),
            policy("x", "other-pods", podSelector: selector(["pod": "c"]), types: [.egress], egress: [
                rule([ipBlockPeer("10.0.0.0/8")], ports: [port(9000)]),
            ]),
        ])
        let outside = address("10.1.2.3")
        let toOutside = Connection(from: xa, to: outside, protocol: .tcp, port: 1)
        XCTAssertTrue(evaluator.decidesAlike(toOutside, Connection(from: xa, to: outside, protocol: .tcp, port: 8080)))
        XCTAssertTrue(evaluator.decidesAlike(toOutside, Connection(from: xa, to: outside, protocol: .tcp, port: 9000)))
        let toPod = Connection(from: xa, to: xb, protocol: .tcp, port: 1)
        XCTAssertFalse(evaluator.decidesAlike(toPod, Connection(from: xa, to: xb, protocol: .tcp, port: 8080)))
        XCTAssertTrue(evaluator.decidesAlike(toPod, Connection(from: xa, to: xb, protocol: .tcp, port: 8081)))
        let toOtherNamespace = Connection(from: xa, to: ya, protocol: .tcp, port: 1)
        XCTAssertTrue(evaluator.decidesAlike(toOtherNamespace, Connection(from: xa, to: ya, protocol: .tcp, port: 8080)))
        let udpOutside = Connection(from: xa, to: outside, protocol: .udp, port: 1)
        XCTAssertFalse(evaluator.decidesAlike(udpOutside, Connection(from: xa, to: outside, protocol: .udp, port: 53)))
    }

    private func randomEndpointSet(_ random: inout SplitMix64) -> EndpointSet {
        let peers = (0..<(1 + random.next(below: 2))).map { _ -> NetworkPolicyPeer in
            if random.next(below: 4) == 0 {
                return NetworkPolicyPeer(ipBlock: IPBlock(cidr: Vocabulary.blocks.randomElement(using: &random)!))
            }
            let podSelector = random.next(below: 2) == 0 ? nil : randomSelector(Vocabulary.podLabels, &random)
            return NetworkPolicyPeer(podSelector: podSelector, namespaceSelector: randomSelector(Vocabulary.namespaceLabels, &random))
        }
        return random.next(below: 3) == 0 ? .notMatching(peers) : .matching(peers)
    }

    private func contains(_ set: EndpointSet, _ endpoint: Endpoint) -> Bool {
        set.peers.contains { $0.matches(endpoint, policyNamespace: "") } != set.isComplement
    }

    private func portsContain(_ ports: [NetworkPolicyPort]?, _ connection: Connection) -> Bool {
        guard let ports, !ports.isEmpty else { return true }
        return ports.contains { $0.matches(connection) }
    }

    /// Asserts that one cluster can hold both endpoints: a namespace name has one set of labels.
    private func assertConsistentNamespaces(_ connection: Connection, context: String) {
        guard case .pod(let source) = connection.source, case .pod(let destination) = connection.destination,
              source.namespace.name == destination.namespace.name else { return }
        XCTAssertEqual(source.namespace, destination.namespace, "\(context): \(connection)")
    }

    // MARK: - Sampling concrete connections

    private func assertAgreeOnSamples(
        _ first: [NetworkPolicy],
        _ second: [NetworkPolicy],
        _ random: inout SplitMix64,
        context: String
    ) throws {
        let firstEvaluator = try NetworkPolicyEvaluator(policies: first)
        let secondEvaluator = try NetworkPolicyEvaluator(policies: second)
        let endpoints = randomEndpoints(&random)
        for _ in 0..<300 {
            let source = endpoints.randomElement(using: &random)!
            let destination = endpoints.randomElement(using: &random)!
            let networkProtocol = NetworkProtocol.allCases.randomElement(using: &random)!
            let portNumber = Vocabulary.probePorts.randomElement(using: &random)!
            let connection = Connection(from: source, to: destination, protocol: networkProtocol, port: portNumber)
            let firstVerdict = firstEvaluator.evaluate(connection)
            let secondVerdict = secondEvaluator.evaluate(connection)
            XCTAssertEqual(firstVerdict.isAllowed, secondVerdict.isAllowed,
                           "\(context): equivalence returned nil, but \(firstVerdict) versus \(secondVerdict)")
        }
    }

    /// Returns a connection between two of `endpoints` on a random protocol and probe port.
    private func randomConnection(_ endpoints: [Endpoint], _ random: inout SplitMix64) -> Connection {
        Connection(
            from: endpoints.randomElement(using: &random)!,
            to: endpoints.randomElement(using: &random)!,
            protocol: NetworkProtocol.allCases.randomElement(using: &random)!,
            port: Vocabulary.probePorts.randomElement(using: &random)!
        )
    }

    private func randomEndpoints(_ random: inout SplitMix64) -> [Endpoint] {
        var endpoints: [Endpoint] = Vocabulary.addresses.map(address)
        for name in Vocabulary.namespaceNames {
            let namespace = Namespace(name: name, labels: randomLabels(Vocabulary.namespaceLabels, &random))
            for index in 0..<3 {
                let ports = (0..<random.next(below: 3)).map { _ in
                    ContainerPort(
                        name: Vocabulary.portNames.randomElement(using: &random)!,
                        protocol: NetworkProtocol.allCases.randomElement(using: &random)!,
                        containerPort: Vocabulary.probePorts.randomElement(using: &random)!
                    )
                }
                let uniqueByName = Dictionary(ports.map { ($0.name!, $0) }, uniquingKeysWith: { first, _ in first })
                endpoints.append(.pod(Pod(name: "p\(index)", namespace: namespace,
                                          labels: randomLabels(Vocabulary.podLabels, &random),
                                          containerPorts: Array(uniqueByName.values))))
            }
        }
        return endpoints
    }

    private func randomLabels(_ vocabulary: [String: [String]], _ random: inout SplitMix64) -> [String: String] {
        var labels: [String: String] = [:]
        for (key, values) in vocabulary where random.next(below: 3) != 0 {
            // "zzz" is a value no selector names.
            labels[key] = (values + ["zzz"]).randomElement(using: &random)!
        }
        return labels
    }

    // MARK: - Random policies

    /// Returns one to three policies. With `rulesPerDirection`, each
    /// direction gets that many rules; otherwise none to two, or none at all.
    private func randomPolicies(_ random: inout SplitMix64, rulesPerDirection: ClosedRange<Int>? = nil) -> [NetworkPolicy] {
        (0..<(1 + random.next(below: 3))).map { index in
            let types: [[NetworkPolicy.PolicyType]] = [[.ingress], [.egress], [.ingress, .egress], []]
            return NetworkPolicy(
                name: "p\(index)",
                namespace: ["x", "y"].randomElement(using: &random)!,
                podSelector: random.next(below: 3) == 0 ? .everything : randomSelector(Vocabulary.podLabels, &random),
                policyTypes: types.randomElement(using: &random)!,
                ingress: randomRules(&random, count: rulesPerDirection),
                egress: randomRules(&random, count: rulesPerDirection)
            )
        }
    }

    private func randomRules(_ random: inout SplitMix64, count: ClosedRange<Int>? = nil) -> [NetworkPolicyRule]? {
        if let count {
            // Every rule names peers, or one rule that admits everything
            // would decide most connections alone.
            return (0..<(count.lowerBound + random.next(below: count.count))).map { _ in
                NetworkPolicyRule(peers: randomPeers(&random) ?? [randomPeer(&random)], ports: randomPorts(&random))
            }
        }
        if random.next(below: 5) == 0 { return nil }
        return (0..<random.next(below: 3)).map { _ in
            NetworkPolicyRule(peers: randomPeers(&random), ports: randomPorts(&random))
        }
    }

    private func randomPeers(_ random: inout SplitMix64) -> [NetworkPolicyPeer]? {
        switch random.next(below: 6) {
        case 0: return nil
        case 1: return []
        default: return (0..<(1 + random.next(below: 2))).map { _ in randomPeer(&random) }
        }
    }

    private func randomPeer(_ random: inout SplitMix64) -> NetworkPolicyPeer {
        switch random.next(below: 4) {
        case 0:
            return NetworkPolicyPeer(podSelector: randomSelector(Vocabulary.podLabels, &random))
        case 1:
            return NetworkPolicyPeer(namespaceSelector: randomSelector(Vocabulary.namespaceLabels, &random))
        case 2:
            return NetworkPolicyPeer(podSelector: randomSelector(Vocabulary.podLabels, &random),
                                     namespaceSelector: randomSelector(Vocabulary.namespaceLabels, &random))
        default:
            let block = Vocabulary.blocks.randomElement(using: &random)!
            let except = Vocabulary.blocks.filter { block.contains($0) && $0.prefixLength > block.prefixLength }
            return NetworkPolicyPeer(ipBlock: IPBlock(cidr: block, except: except.filter { _ in random.next(below: 2) == 0 }))
        }
    }

    private func randomSelector(_ vocabulary: [String: [String]], _ random: inout SplitMix64) -> LabelSelector {
        let key = vocabulary.keys.sorted().randomElement(using: &random)!
        let values = vocabulary[key]!
        let value = values.randomElement(using: &random)!
        switch random.next(below: 6) {
        case 0: return LabelSelector(matchLabels: [key: value])
        case 1: return LabelSelector(matchExpressions: [LabelSelectorRequirement(key: key, operator: .in, values: [value])])
        case 2: return LabelSelector(matchExpressions: [LabelSelectorRequirement(key: key, operator: .notIn, values: [value])])
        case 3: return LabelSelector(matchExpressions: [LabelSelectorRequirement(key: key, operator: .exists)])
        case 4: return LabelSelector(matchExpressions: [LabelSelectorRequirement(key: key, operator: .doesNotExist)])
        default: return .everything
        }
    }

    private func randomPorts(_ random: inout SplitMix64) -> [NetworkPolicyPort]? {
        switch random.next(below: 5) {
        case 0: return nil
        case 1: return []
        default: return (0..<(1 + random.next(below: 2))).map { _ in randomPort(&random) }
        }
    }

    private func randomPort(_ random: inout SplitMix64) -> NetworkPolicyPort {
        let networkProtocol: NetworkProtocol? = random.next(below: 4) == 0 ? nil : NetworkProtocol.allCases.randomElement(using: &random)!
        switch random.next(below: 4) {
        case 0: return NetworkPolicyPort(protocol: networkProtocol, port: nil)
        case 1: return NetworkPolicyPort(protocol: networkProtocol, port: .name(Vocabulary.portNames.randomElement(using: &random)!))
        case 2:
            let first = Vocabulary.probePorts.randomElement(using: &random)!
            let last = min(65535, first + [1, 10, 1000].randomElement(using: &random)!)
            return NetworkPolicyPort(protocol: networkProtocol, port: .number(first), endPort: last)
        default: return NetworkPolicyPort(protocol: networkProtocol, port: .number(Vocabulary.probePorts.randomElement(using: &random)!))
        }
    }

    // MARK: - Changes

    /// Returns the policies with one small change that may or may not change their meaning.
    private func mutate(_ policies: [NetworkPolicy], _ random: inout SplitMix64) -> [NetworkPolicy] {
        var result = policies
        let index = random.next(below: result.count)
        switch random.next(below: 6) {
        case 0: result[index].podSelector = randomSelector(Vocabulary.podLabels, &random)
        case 1: result[index].policyTypes = [[.ingress], [.egress], [.ingress, .egress]].randomElement(using: &random)!
        case 2: result[index].ingress = randomRules(&random)
        case 3: result[index].egress = randomRules(&random)
        case 4: result.remove(at: index)
        default: result.append(randomPolicies(&random)[0])
        }
        return result
    }

    /// Returns the policies rewritten without changing their meaning. Each
    /// policy gets its rules split into one rule per peer and port, or is
    /// duplicated, or has its two directions moved into two policies.
    private func rewrite(_ policies: [NetworkPolicy], _ random: inout SplitMix64) -> [NetworkPolicy] {
        var result: [NetworkPolicy] = []
        for policy in policies {
            switch random.next(below: 3) {
            case 0:
                var split = policy
                split.ingress = policy.ingress.map(splitRules)
                split.egress = policy.egress.map(splitRules)
                result.append(split)
            case 1:
                result += [policy, policy]
            default:
                result += splitByDirection(policy)
            }
        }
        return result.shuffled(using: &random)
    }

    private func splitRules(_ rules: [NetworkPolicyRule]) -> [NetworkPolicyRule] {
        rules.flatMap { rule -> [NetworkPolicyRule] in
            let peers: [[NetworkPolicyPeer]?] = (rule.peers?.isEmpty ?? true) ? [nil] : rule.peers!.map { [$0] }
            let ports: [[NetworkPolicyPort]?] = (rule.ports?.isEmpty ?? true) ? [nil] : rule.ports!.map { [$0] }
            return peers.flatMap { peer in ports.map { NetworkPolicyRule(peers: peer, ports: $0) } }
        }
    }

    private func splitByDirection(_ policy: NetworkPolicy) -> [NetworkPolicy] {
        var types = Set(policy.policyTypes)
        if types.isEmpty {
            types = [.ingress]
            if !(policy.egress ?? []).isEmpty { types.insert(.egress) }
        }
        var parts: [NetworkPolicy] = []
        if types.contains(.ingress) {
            parts.append(NetworkPolicy(name: policy.name + "-in", namespace: policy.namespace, podSelector: policy.podSelector,
                                       policyTypes: [.ingress], ingress: policy.ingress))
        }
        if types.contains(.egress) {
            parts.append(NetworkPolicy(name: policy.name + "-out", namespace: policy.namespace, podSelector: policy.podSelector,
                                       policyTypes: [.egress], egress: policy.egress))
        }
        return parts
    }
}

/// The small vocabulary random policies and clusters draw from.
private enum Vocabulary {
    static let namespaceNames = ["x", "y", "z", "w"]
    static let namespaceLabels = ["team": ["a", "b"], Namespace.nameLabel: ["x", "y", "z"]]
    static let podLabels = ["app": ["web", "api"], "tier": ["1"]]
    static let portNames = ["http", "dns"]
    static let probePorts = [1, 53, 79, 80, 81, 90, 443, 1080, 8080, 65535]
    static let addresses = ["0.0.0.0", "10.0.0.0", "10.0.0.255", "10.0.1.0", "10.1.0.0", "10.1.255.255",
                            "10.255.255.255", "11.0.0.0", "192.168.1.1", "2001:db8::", "2001:db8:1::", "::1"]
    static let blocks = ["10.0.0.0/8", "10.1.0.0/16", "10.0.0.0/24", "192.168.0.0/16", "0.0.0.0/0",
                         "2001:db8::/32", "2001:db8::/48", "::/0"].map(parseCIDR)
}

/// A small seeded generator, so that failures reproduce.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func next(below bound: Int) -> Int {
        Int(next() % UInt64(bound))
    }
}
