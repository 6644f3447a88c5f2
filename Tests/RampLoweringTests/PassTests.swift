import RampLowering
import XCTest

final class GroupBySubjectTests: XCTestCase {
    func testJoinsObjectsOfOneSubject() {
        assertPass(GroupBySubject(), """
        object shop/namespace-default select {} types ingress,egress
        object shop/api-ingress-1 subject api select {app=api} types ingress
          ingress from pod{app=web} ports tcp/8080
        object shop/api-egress-1 subject api select {app=api} types egress
          egress to pod{app=db} ports tcp/5432
        object shop/namespace-default-dns-1 subject namespace-default select {} types egress
          egress to ns{kubernetes.io/metadata.name=kube-system} pod{k8s-app=kube-dns} ports udp/53
        object shop/api-ingress-2 subject api select {app=api} types ingress
          ingress from pod{app=admin} ports tcp/8080
        """, """
        object shop/namespace-default select {} types ingress,egress
          egress to ns{kubernetes.io/metadata.name=kube-system} pod{k8s-app=kube-dns} ports udp/53
        object shop/api select {app=api} types ingress,egress
          ingress from pod{app=web} ports tcp/8080
          ingress from pod{app=admin} ports tcp/8080
          egress to pod{app=db} ports tcp/5432

        """)
    }
}

final class MergeRulesTests: XCTestCase {
    func testPeersSharingPortsBecomeOneRule() {
        assertPass(MergeRules(), """
        object shop/api select {app=api} types ingress
          ingress from pod{app=web} ports tcp/8080
          ingress from pod{app=admin} ports tcp/8080
        """, """
        object shop/api select {app=api} types ingress
          ingress from pod{app=web}, pod{app=admin} ports tcp/8080

        """)
    }

    func testPortsSharingPeersBecomeOneRule() {
        assertPass(MergeRules(), """
        object shop/api select {app=api} types ingress
          ingress from pod{app=web} ports tcp/8080
          ingress from pod{app=web} ports tcp/9090
        """, """
        object shop/api select {app=api} types ingress
          ingress from pod{app=web} ports tcp/8080, tcp/9090

        """)
    }

    /// web may use 80 and 443, admin only 443: merging all four pairs into
    /// one rule would admit admin on 80, so two rules remain.
    func testNeverAdmitsPairsThatWereNotAllowed() {
        assertPass(MergeRules(), """
        object shop/api select {app=api} types ingress
          ingress from pod{app=web} ports tcp/80
          ingress from pod{app=web} ports tcp/443
          ingress from pod{app=admin} ports tcp/443
        """, """
        object shop/api select {app=api} types ingress
          ingress from pod{app=web} ports tcp/80, tcp/443
          ingress from pod{app=admin} ports tcp/443

        """)
    }

    /// A full product of two peers and two ports is one rule.
    func testFullProductIsOneRule() {
        assertPass(MergeRules(), """
        object shop/api select {app=api} types egress
          egress to pod{app=a} ports tcp/80
          egress to pod{app=b} ports tcp/443
          egress to pod{app=b} ports tcp/80
          egress to pod{app=a} ports tcp/443
        """, """
        object shop/api select {app=api} types egress
          egress to pod{app=a}, pod{app=b} ports tcp/80, tcp/443

        """)
    }

    /// Neither partition is optimal here; the exact search finds two rules
    /// where grouping by peers or by ports gives three.
    func testExactSearchBeatsBothPartitions() {
        assertPass(MergeRules(), """
        object s/x select {app=x} types ingress
          ingress from pod{app=a}, pod{app=b} ports tcp/1, tcp/2
          ingress from pod{app=b}, pod{app=c} ports tcp/2, tcp/3
        """, """
        object s/x select {app=x} types ingress
          ingress from pod{app=a}, pod{app=b} ports tcp/1, tcp/2
          ingress from pod{app=b}, pod{app=c} ports tcp/2, tcp/3

        """)
    }

    /// Seventy peers in two port groups: more sets than the group scan
    /// takes, and more peers than fit in a bit set.
    func testManyPeersGroupByPorts() {
        let peers = 0..<70
        let input = ["object s/x select {app=x} types ingress"]
            + peers.map { "  ingress from pod{app=p\($0)} ports tcp/\($0 % 2 + 1)" }
        let even = peers.filter { $0 % 2 == 0 }.map { "pod{app=p\($0)}" }.joined(separator: ", ")
        let odd = peers.filter { $0 % 2 == 1 }.map { "pod{app=p\($0)}" }.joined(separator: ", ")
        let expected = [
            "object s/x select {app=x} types ingress",
            "  ingress from \(even) ports tcp/1",
            "  ingress from \(odd) ports tcp/2",
        ]
        assertPass(MergeRules(), input.joined(separator: "\n"), expected.joined(separator: "\n") + "\n")
    }

    /// Seventy peers on seventy ports have more pairs of numbers than the
    /// pair matrix takes, and more ports than fit in a bit set.
    func testManyPeersAndPortsStayApart() {
        let lines = ["object s/x select {app=x} types ingress"]
            + (0..<70).map { "  ingress from pod{app=p\($0)} ports tcp/\(1000 + $0)" }
        assertPass(MergeRules(), lines.joined(separator: "\n"), lines.joined(separator: "\n") + "\n")
    }

    /// Twenty peers named again on a second port: more peers than the
    /// fingerprint scan takes, so the repeats are found by the dictionary.
    func testRepeatedPeersBeyondTheScanJoin() {
        let peers = (0..<20).map { "pod{app=p\($0)}" }
        let input = ["object s/x select {app=x} types ingress"]
            + peers.map { "  ingress from \($0) ports tcp/1" }
            + peers.map { "  ingress from \($0) ports tcp/2" }
        let expected = [
            "object s/x select {app=x} types ingress",
            "  ingress from \(peers.joined(separator: ", ")) ports tcp/1, tcp/2",
        ]
        assertPass(MergeRules(), input.joined(separator: "\n"), expected.joined(separator: "\n") + "\n")
    }

    /// Rules with the same ports become one rule, with the origins in the
    /// order of the pairs: those of peer a's rules, then of peer b's.
    func testRulesSharingPortsKeepPairOrigins() throws {
        var plan = try PlanParser.parse("""
        object s/x select {app=x} types ingress
          ingress from pod{app=a} ports tcp/80
          ingress from pod{app=b} ports tcp/80
          ingress from pod{app=a}, pod{app=b} ports tcp/80
        """)
        plan.objects[0].ingress[0].origins = ["o0"]
        plan.objects[0].ingress[1].origins = ["o1"]
        plan.objects[0].ingress[2].origins = ["o2", "o0"]
        MergeRules().run(&plan)
        XCTAssertEqual(PlanPrinter(includeOrigins: true).print(plan), """
        object s/x select {app=x} types ingress
          # o0
          # o2
          # o1
          ingress from pod{app=a}, pod{app=b} ports tcp/80

        """)
    }

    func testRulesOmittingPortsJoin() {
        assertPass(MergeRules(), """
        object s/x select {app=x} types ingress
          ingress from pod{app=a} ports any
          ingress from pod{app=b}, pod{app=a} ports any
        """, """
        object s/x select {app=x} types ingress
          ingress from pod{app=a}, pod{app=b} ports any

        """)
    }

    func testAnyPeersStayApartFromNamedPeers() {
        assertPass(MergeRules(), """
        object s/x select {app=x} types ingress
          ingress from any ports tcp/80
          ingress from pod{app=a} ports tcp/443
          ingress from any ports tcp/8080
        """, """
        object s/x select {app=x} types ingress
          ingress from any ports tcp/80, tcp/8080
          ingress from pod{app=a} ports tcp/443

        """)
    }
}

final class CompactSelectorsTests: XCTestCase {
    func testJoinsOneLabelIntoIn() {
        assertPass(CompactSelectors(), """
        object s/x select {app=x} types ingress
          ingress from pod{app=a}, pod{app=b}, ns{team=t} pod{app=c}, pod{app=d, tier=web} ports tcp/80
        """, """
        object s/x select {app=x} types ingress
          ingress from pod{app in (a, b)}, ns{team=t} pod{app=c}, pod{app=d, tier=web} ports tcp/80

        """)
    }

    func testJoinsNamespacesOfOnePodSelector() {
        assertPass(CompactSelectors(), """
        object s/x select {app=x} types ingress
          ingress from ns{kubernetes.io/metadata.name=a} pod{app=p}, ns{kubernetes.io/metadata.name=b} pod{app=p} ports tcp/80
        """, """
        object s/x select {app=x} types ingress
          ingress from ns{kubernetes.io/metadata.name in (a, b)} pod{app=p} ports tcp/80

        """)
    }

    /// Twenty peers with two labels each have forty groups, more than the
    /// group scan takes, and two pairs among them join.
    func testJoinsPairsAmongManyGroups() {
        let peers = (0..<20).map { "pod{app=a\($0), tier=t\($0)}" }
        let input = [
            "object s/x select {app=x} types ingress",
            "  ingress from \(peers.joined(separator: ", ")), pod{app=a0, tier=x}, pod{app=b, tier=t19} ports tcp/80",
        ]
        var joined = peers
        joined[0] = "pod{app=a0, tier in (t0, x)}"
        joined[19] = "pod{tier=t19, app in (a19, b)}"
        let expected = [
            "object s/x select {app=x} types ingress",
            "  ingress from \(joined.joined(separator: ", ")) ports tcp/80",
        ]
        assertPass(CompactSelectors(), input.joined(separator: "\n"), expected.joined(separator: "\n") + "\n")
    }

    /// The rest of a split compares equal whatever the order of its In
    /// values, and a key held by a label joins the same key held by In.
    /// Peers that differ in two keys stay apart.
    func testJoinsEqualRestsInAnyOrder() {
        assertPass(CompactSelectors(), """
        object s/x select {app=x} types ingress
          ingress from pod{app=a, tier in (x, y)}, pod{app in (b, c), tier in (y, x)}, pod{app=d, tier in (x, z)} ports tcp/80
        """, """
        object s/x select {app=x} types ingress
          ingress from pod{app in (a, b, c), tier in (x, y)}, pod{app=d, tier in (x, z)} ports tcp/80

        """)
    }

    func testLeavesSelectorsWithOtherRequirementsOnTheKey() {
        assertPass(CompactSelectors(), """
        object s/x select {app=x} types ingress
          ingress from pod{app=a}, pod{app notin (b)} ports tcp/80
        """, """
        object s/x select {app=x} types ingress
          ingress from pod{app=a}, pod{app notin (b)} ports tcp/80

        """)
    }
}

final class MergeObjectsTests: XCTestCase {
    func testJoinsObjectsWithTheSameRules() {
        assertPass(MergeObjects(), """
        object s/a select {app=a} types ingress
          ingress from pod{app=web} ports tcp/80
        object s/b select {app=b} types ingress
          ingress from pod{app=web} ports tcp/80
        object s/c select {app=c} types ingress,egress
          ingress from pod{app=web} ports tcp/80
        object t/d select {app=d} types ingress
          ingress from pod{app=web} ports tcp/80
        """, """
        object s/a-b select {app in (a, b)} types ingress
          ingress from pod{app=web} ports tcp/80
        object s/c select {app=c} types ingress,egress
          ingress from pod{app=web} ports tcp/80
        object t/d select {app=d} types ingress
          ingress from pod{app=web} ports tcp/80

        """)
    }
}

extension MergeObjectsTests {
    /// Selectors of many labels join on the one label whose value differs.
    /// One that differs in two labels stays apart.
    func testJoinsManyLabelsDifferingInOne() {
        func labels(changing index: Int? = nil) -> String {
            (0..<40).map { $0 == index ? "k\($0 + 10)=other" : "k\($0 + 10)=v\($0)" }.joined(separator: ", ")
        }
        assertPass(MergeObjects(), """
        object s/a select {app=a, \(labels())} types ingress
          ingress from pod{app=web} ports tcp/80
        object s/b select {app=b, \(labels())} types ingress
          ingress from pod{app=web} ports tcp/80
        object s/c select {app=c, \(labels(changing: 7))} types ingress
          ingress from pod{app=web} ports tcp/80
        """, """
        object s/a-b select {\(labels()), app in (a, b)} types ingress
          ingress from pod{app=web} ports tcp/80
        object s/c select {app=c, \(labels(changing: 7))} types ingress
          ingress from pod{app=web} ports tcp/80

        """)
    }
}

final class PortRangesTests: XCTestCase {
    func testJoinsConsecutivePortsOfOneProtocol() {
        assertPass(PortRanges(), """
        object s/a select {app=a} types ingress
          ingress from any ports tcp/82, tcp/80, tcp/81, udp/81, tcp/90-95, tcp/94-99, tcp/http
        """, """
        object s/a select {app=a} types ingress
          ingress from any ports tcp/80-82, tcp/90-99, udp/81, tcp/http

        """)
    }
}

final class AggregateCIDRsTests: XCTestCase {
    func testJoinsHalvesAndDropsContainedBlocks() {
        assertPass(AggregateCIDRs(), """
        object s/a select {app=a} types egress
          egress to pod{app=b}, ip 10.0.0.0/25, ip 10.0.0.128/25, ip 10.0.0.7/32, ip fd00::/9, ip fd80::/9 ports tcp/443
        """, """
        object s/a select {app=a} types egress
          egress to pod{app=b}, ip 10.0.0.0/24, ip fd00::/8 ports tcp/443

        """)
    }

    func testKeepsBlocksThatCutIntoAnExcept() {
        assertPass(AggregateCIDRs(), """
        object s/a select {app=a} types egress
          egress to ip 10.0.0.0/8 except (10.1.0.0/16, 10.1.2.0/24), ip 10.1.2.0/24, ip 10.2.0.0/16 ports any
        """, """
        object s/a select {app=a} types egress
          egress to ip 10.0.0.0/8 except (10.1.0.0/16), ip 10.1.2.0/24 ports any

        """)
    }
}

final class DropCoveredRulesTests: XCTestCase {
    func testDropsRulesInsideOthers() {
        assertPass(DropCoveredRules(), """
        object s/a select {app=a} types ingress
          ingress from pod{app=b} ports tcp/80
          ingress from pod{app=b}, pod{app=c} ports tcp/80-90
          ingress from pod{app=b} ports tcp/80
          ingress from any ports udp/53
          ingress from pod{app=d} ports udp/53
        """, """
        object s/a select {app=a} types ingress
          ingress from pod{app=b}, pod{app=c} ports tcp/80-90
          ingress from any ports udp/53

        """)
    }

    /// Past a thousand rules the covering rules are looked up by peer
    /// instead of scanned, with the same result.
    func testDropsInsideManyRules() {
        let fillers = (0..<1100).map { "  ingress from pod{app=f\($0)} ports tcp/80" }
        assertPass(DropCoveredRules(), ([
            "object s/a select {app=a} types ingress",
            "  ingress from pod{app=b} ports tcp/80",
            "  ingress from pod{app=b}, pod{app=c} ports tcp/80-90",
            "  ingress from pod{app=b} ports tcp/80",
            "  ingress from any ports udp/53",
            "  ingress from pod{app=d} ports udp/53",
        ] + fillers + ["  ingress from pod{app=f7} ports tcp/80"]).joined(separator: "\n"), ([
            "object s/a select {app=a} types ingress",
            "  ingress from pod{app=b}, pod{app=c} ports tcp/80-90",
            "  ingress from any ports udp/53",
        ] + fillers).joined(separator: "\n") + "\n")
    }

    /// Past a thousand rules of one peer, each with a port of its own, the
    /// covering rules are looked up by port. The cases are a number in a
    /// range, a repeated number or name, and any port of one or every protocol.
    func testDropsInsideManyPortRules() {
        let fillers = (0..<1100).map { "  ingress from pod{app=b} ports tcp/\(1000 + $0)" }
        let covering = [
            "  ingress from pod{app=b} ports tcp/3000-3100",
            "  ingress from pod{app=b} ports tcp/http",
            "  ingress from pod{app=c} ports udp/*",
            "  ingress from pod{app=d} ports any",
        ]
        let covered = [
            "  ingress from pod{app=b} ports tcp/1005",
            "  ingress from pod{app=b} ports tcp/3050",
            "  ingress from pod{app=b} ports tcp/3010-3020",
            "  ingress from pod{app=b} ports tcp/http",
            "  ingress from pod{app=c} ports udp/53",
            "  ingress from pod{app=d} ports tcp/7, udp/http",
        ]
        let uncovered = [
            "  ingress from pod{app=b} ports tcp/3090-3200",
            "  ingress from pod{app=b} ports udp/1005",
            "  ingress from pod{app=c} ports tcp/53",
        ]
        assertPass(
            DropCoveredRules(),
            (["object s/a select {app=a} types ingress"] + fillers + covering + covered + uncovered).joined(separator: "\n"),
            (["object s/a select {app=a} types ingress"] + fillers + covering + uncovered).joined(separator: "\n") + "\n"
        )
    }

    /// Past a thousand rules with blocks, a rule whose blocks no other can
    /// contain is compared only with rules that admit every peer.
    func testDropsInsideManyBlockRules() {
        let blocks = (0..<1100).map { "  ingress from ip 10.\($0 / 256).\($0 % 256).0/24 ports tcp/80" }
        assertPass(DropCoveredRules(), (blocks + [
            "  ingress from ip 10.4.44.0/24 ports tcp/80",
            "  ingress from ip 10.0.0.0/16 ports tcp/80",
        ]).joined(separator: "\n").replacingOccurrences(of: "  ingress from ip 10.0.0.0/24", with: "object s/a select {app=a} types ingress\n  ingress from ip 10.0.0.0/24"), ([
            "object s/a select {app=a} types ingress",
        ] + blocks.dropFirst(256) + ["  ingress from ip 10.0.0.0/16 ports tcp/80"]).joined(separator: "\n") + "\n")
    }

    /// The namespace object isolates egress for every pod and grants DNS, so
    /// a service's own DNS rule and its egress isolation are redundant.
    func testDropsWhatTheNamespaceObjectGrants() {
        assertPass(DropCoveredRules(), """
        object s/namespace-default select {} types ingress,egress
          egress to ns{kubernetes.io/metadata.name=kube-system} pod{k8s-app=kube-dns} ports tcp/53, udp/53
        object s/api select {app=api} types ingress,egress
          ingress from pod{app=web} ports tcp/80
          egress to ns{kubernetes.io/metadata.name=kube-system} pod{k8s-app=kube-dns} ports udp/53
        object s/dnsonly select {app=x} types egress
          egress to ns{kubernetes.io/metadata.name=kube-system} pod{k8s-app=kube-dns} ports tcp/53
        """, """
        object s/namespace-default select {} types ingress,egress
          egress to ns{kubernetes.io/metadata.name=kube-system} pod{k8s-app=kube-dns} ports tcp/53, udp/53
        object s/api select {app=api} types ingress
          ingress from pod{app=web} ports tcp/80

        """)
    }
}

final class RelaxEgressTests: XCTestCase {
    /// Egress into a namespace whose every pod is ingress-isolated becomes one
    /// rule to the namespace; egress elsewhere stays as it was.
    func testWidensEgressOnlyIntoIngressIsolatedNamespaces() {
        assertPass(RelaxEgressToIsolatedNamespaces(), """
        object a/namespace-default select {} types ingress
        object a/web select {app=web} types egress
          egress to pod{app=api} ports tcp/8080
          egress to pod{app=db} ports tcp/5432
          egress to ns{kubernetes.io/metadata.name=b} pod{app=x} ports tcp/80
          egress to ns{kubernetes.io/metadata.name=c} pod{app=y} ports tcp/80
          egress to ip 10.0.0.0/8 ports tcp/443
        object c/namespace-default select {} types ingress,egress
        """, """
        object a/namespace-default select {} types ingress
        object a/web select {app=web} types egress
          egress to ns{kubernetes.io/metadata.name=b} pod{app=x} ports tcp/80
          egress to ip 10.0.0.0/8 ports tcp/443
          egress to pod{} ports any
          egress to ns{kubernetes.io/metadata.name=c} ports any
        object c/namespace-default select {} types ingress,egress

        """)
    }
}
