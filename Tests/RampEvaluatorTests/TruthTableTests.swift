import RampKube
import XCTest
@testable import RampEvaluator

/// Scenarios of the Kubernetes e2e netpol suite (kubernetes/kubernetes
/// `test/e2e/network/netpol/network_policy.go`), restated as data on its
/// cluster: namespaces x, y, z labelled `ns=<name>`, pods a, b, c labelled
/// `pod=<name>` (see `netpolCluster`).
///
/// Each probe lists one row per source pod, in the order x/a x/b x/c y/a y/b
/// y/c z/a z/b z/c, and one column per destination in the same order: `.`
/// for allowed, `X` for denied. The suite ignores traffic from a pod to
/// itself, whereas these tables state what the evaluator returns for it.
/// The suite's ipBlock scenarios match pod IPs, which the evaluator leaves
/// to ipBlock-free peers by design, so they are not restated here.
final class TruthTableTests: XCTestCase {
    private struct Probe {
        let networkProtocol: NetworkProtocol
        let port: Int
        let rows: [String]
    }

    private struct Scenario {
        let name: String
        let policies: [NetworkPolicy]
        let probes: [Probe]
    }

    private static let pods = ["x/a", "x/b", "x/c", "y/a", "y/b", "y/c", "z/a", "z/b", "z/c"]

    // Frequent tables.
    private static let allOpen = Array(repeating: ". . . . . . . . .", count: 9)
    private static let xClosedToAll = Array(repeating: "X X X . . . . . .", count: 9)
    private static let xaClosedToAll = Array(repeating: "X . . . . . . . .", count: 9)
    private static let xaOpenToYOnly = [
        "X . . . . . . . .", "X . . . . . . . .", "X . . . . . . . .",
        ". . . . . . . . .", ". . . . . . . . .", ". . . . . . . . .",
        "X . . . . . . . .", "X . . . . . . . .", "X . . . . . . . .",
    ]
    private static let xaOpenToXbOnly = [
        "X . . . . . . . .", ". . . . . . . . .", "X . . . . . . . .",
        "X . . . . . . . .", "X . . . . . . . .", "X . . . . . . . .",
        "X . . . . . . . .", "X . . . . . . . .", "X . . . . . . . .",
    ]
    private static let xaOpenToYaOnly = [
        "X . . . . . . . .", "X . . . . . . . .", "X . . . . . . . .",
        ". . . . . . . . .", "X . . . . . . . .", "X . . . . . . . .",
        "X . . . . . . . .", "X . . . . . . . .", "X . . . . . . . .",
    ]

    private static let podA = selector(["pod": "a"])
    private static let inY = selector([Namespace.nameLabel: "y"])
    private static let notInX = selector([:], [requirement(Namespace.nameLabel, .notIn, ["x"])])

    // MARK: - Scenarios

    private static let scenarios: [Scenario] = [
        Scenario(
            name: "default-deny-ingress",
            policies: [policy("x", "deny-ingress", types: [.ingress])],
            probes: [
                Probe(networkProtocol: .tcp, port: 80, rows: xClosedToAll),
                Probe(networkProtocol: .udp, port: 80, rows: xClosedToAll),
                Probe(networkProtocol: .sctp, port: 80, rows: xClosedToAll),
            ]
        ),
        Scenario(
            name: "default-deny-all",
            policies: [policy("x", "deny-all", types: [.ingress, .egress])],
            probes: [Probe(networkProtocol: .tcp, port: 80, rows: [
                "X X X X X X X X X", "X X X X X X X X X", "X X X X X X X X X",
                "X X X . . . . . .", "X X X . . . . . .", "X X X . . . . . .",
                "X X X . . . . . .", "X X X . . . . . .", "X X X . . . . . .",
            ])]
        ),
        Scenario(
            name: "allow traffic from pods within server namespace based on PodSelector",
            policies: [policy("x", "x-a-allows-x-b", podSelector: podA, types: [.ingress],
                              ingress: [rule([podPeer(["pod": "b"])])])],
            probes: [Probe(networkProtocol: .tcp, port: 80, rows: xaOpenToXbOnly)]
        ),
        Scenario(
            name: "allow ingress traffic for a target",
            policies: [
                policy("x", "deny-all", types: [.ingress]),
                policy("x", "allow-all-to-a", podSelector: podA, types: [.ingress],
                       ingress: [rule([podsInNamespaces(.everything, .everything)])]),
            ],
            probes: [Probe(networkProtocol: .tcp, port: 80, rows: Array(repeating: ". X X . . . . . .", count: 9))]
        ),
        Scenario(
            name: "allow ingress traffic from pods in all namespaces",
            policies: [policy("x", "allow-from-another-ns", podSelector: podA, types: [.ingress],
                              ingress: [rule([namespacePeer([:])])])],
            probes: [Probe(networkProtocol: .tcp, port: 80, rows: allOpen)]
        ),
        Scenario(
            name: "allow traffic only from a different namespace, based on NamespaceSelector",
            policies: [policy("x", "allow-client-a-via-ns-selector", podSelector: podA, types: [.ingress],
                              ingress: [rule([NetworkPolicyPeer(namespaceSelector: inY)])])],
            probes: [Probe(networkProtocol: .tcp, port: 80, rows: xaOpenToYOnly)]
        ),
        Scenario(
            name: "PodSelector with MatchExpressions",
            policies: [policy("x", "x-a-allows-x-b", podSelector: podA, types: [.ingress],
                              ingress: [rule([podPeer([:], [requirement("pod", .in, ["b"])])])])],
            probes: [Probe(networkProtocol: .tcp, port: 80, rows: xaOpenToXbOnly)]
        ),
        Scenario(
            name: "NamespaceSelector with MatchExpressions",
            policies: [policy("x", "allow-ns-y-match-selector", podSelector: podA, types: [.ingress],
                              ingress: [rule([namespacePeer([:], [requirement(Namespace.nameLabel, .in, ["y"])])])])],
            probes: [Probe(networkProtocol: .tcp, port: 80, rows: xaOpenToYOnly)]
        ),
        Scenario(
            name: "PodSelector or NamespaceSelector",
            policies: [policy("x", "allow-ns-y-match-selector", podSelector: podA, types: [.ingress],
                              ingress: [rule([NetworkPolicyPeer(namespaceSelector: notInX), podPeer(["pod": "b"])])])],
            probes: [Probe(networkProtocol: .tcp, port: 80, rows: [
                "X . . . . . . . .", ". . . . . . . . .", "X . . . . . . . .",
                ". . . . . . . . .", ". . . . . . . . .", ". . . . . . . . .",
                ". . . . . . . . .", ". . . . . . . . .", ". . . . . . . . .",
            ])]
        ),
        Scenario(
            name: "PodSelector and NamespaceSelector",
            policies: [policy("x", "allow-ns-y-podselector-and-nsselector", podSelector: podA, types: [.ingress],
                              ingress: [rule([podsInNamespaces(selector(["pod": "b"]), notInX)])])],
            probes: [Probe(networkProtocol: .tcp, port: 80, rows: [
                "X . . . . . . . .", "X . . . . . . . .", "X . . . . . . . .",
                "X . . . . . . . .", ". . . . . . . . .", "X . . . . . . . .",
                "X . . . . . . . .", ". . . . . . . . .", "X . . . . . . . .",
            ])]
        ),
        Scenario(
            name: "multiple PodSelectors and NamespaceSelectors",
            policies: [policy("x", "allow-ns-y-z-pod-b-c", podSelector: podA, types: [.ingress],
                              ingress: [rule([podsInNamespaces(selector([:], [requirement("pod", .in, ["b", "c"])]), notInX)])])],
            probes: [Probe(networkProtocol: .tcp, port: 80, rows: [
                "X . . . . . . . .", "X . . . . . . . .", "X . . . . . . . .",
                "X . . . . . . . .", ". . . . . . . . .", ". . . . . . . . .",
                "X . . . . . . . .", ". . . . . . . . .", ". . . . . . . . .",
            ])]
        ),
        Scenario(
            name: "any PodSelectors",
            policies: [policy("x", "allow-ns-x-pod-b-c", podSelector: podA, types: [.ingress],
                              ingress: [rule([podPeer(["pod": "b"]), podPeer(["pod": "c"])])])],
            probes: [Probe(networkProtocol: .tcp, port: 80, rows: [
                "X . . . . . . . .", ". . . . . . . . .", ". . . . . . . . .",
                "X . . . . . . . .", "X . . . . . . . .", "X . . . . . . . .",
                "X . . . . . . . .", "X . . . . . . . .", "X . . . . . . . .",
            ])]
        ),
        Scenario(
            name: "allow traffic only from a pod in a different namespace",
            policies: [policy("x", "allow-ns-y-pod-a-via-namespace-pod-selector", podSelector: podA, types: [.ingress],
                              ingress: [rule([podsInNamespaces(podA, inY)])])],
            probes: [
                Probe(networkProtocol: .tcp, port: 80, rows: xaOpenToYaOnly),
                Probe(networkProtocol: .udp, port: 80, rows: xaOpenToYaOnly),
                Probe(networkProtocol: .sctp, port: 80, rows: xaOpenToYaOnly),
            ]
        ),
        Scenario(
            name: "Ports",
            policies: [policy("x", "allow-client-a-via-ns-selector", podSelector: podA, types: [.ingress],
                              ingress: [rule([NetworkPolicyPeer(namespaceSelector: inY)], ports: [port(81)])])],
            probes: [
                Probe(networkProtocol: .tcp, port: 81, rows: xaOpenToYOnly),
                Probe(networkProtocol: .tcp, port: 80, rows: xaClosedToAll),
            ]
        ),
        Scenario(
            name: "UDP Ports",
            policies: [policy("x", "allow-ingress-on-port-81-ns-x", podSelector: podA, types: [.ingress],
                              ingress: [rule([NetworkPolicyPeer(namespaceSelector: inY)], ports: [port(81, .udp)])])],
            probes: [
                Probe(networkProtocol: .udp, port: 81, rows: xaOpenToYOnly),
                Probe(networkProtocol: .tcp, port: 81, rows: xaClosedToAll),
            ]
        ),
        Scenario(
            name: "multiple, stacked policies with overlapping podSelectors",
            policies: [
                policy("x", "allow-client-a-via-ns-selector", podSelector: podA, types: [.ingress],
                       ingress: [rule([NetworkPolicyPeer(namespaceSelector: inY)], ports: [port(81)])]),
                policy("x", "allow-client-a-via-ns-selector-80", podSelector: podA, types: [.ingress],
                       ingress: [rule([NetworkPolicyPeer(namespaceSelector: inY)], ports: [port(80)])]),
            ],
            probes: [
                Probe(networkProtocol: .tcp, port: 80, rows: xaOpenToYOnly),
                Probe(networkProtocol: .tcp, port: 81, rows: xaOpenToYOnly),
            ]
        ),
        Scenario(
            name: "allow-all policy",
            policies: [policy("x", "allow-all", types: [.ingress], ingress: [rule()])],
            probes: [
                Probe(networkProtocol: .tcp, port: 80, rows: allOpen),
                Probe(networkProtocol: .tcp, port: 81, rows: allOpen),
            ]
        ),
        Scenario(
            name: "ingress access on one named port",
            policies: [policy("x", "allow-all", types: [.ingress], ingress: [rule(nil, ports: [namedPort("serve-81-tcp", nil)])])],
            probes: [
                Probe(networkProtocol: .tcp, port: 81, rows: allOpen),
                Probe(networkProtocol: .tcp, port: 80, rows: xClosedToAll),
            ]
        ),
        Scenario(
            name: "ingress access from namespace on one named port",
            policies: [policy("x", "allow-client-a-via-ns-selector-80", podSelector: podA, types: [.ingress],
                              ingress: [rule([NetworkPolicyPeer(namespaceSelector: inY)], ports: [namedPort("serve-80-tcp")])])],
            probes: [
                Probe(networkProtocol: .tcp, port: 80, rows: xaOpenToYOnly),
                Probe(networkProtocol: .tcp, port: 81, rows: xaClosedToAll),
            ]
        ),
        Scenario(
            name: "egress access on one named port",
            policies: [policy("x", "allow-egress", types: [.egress], egress: [rule(nil, ports: [namedPort("serve-80-tcp", nil)])])],
            probes: [
                Probe(networkProtocol: .tcp, port: 80, rows: allOpen),
                Probe(networkProtocol: .tcp, port: 81, rows: [
                    "X X X X X X X X X", "X X X X X X X X X", "X X X X X X X X X",
                    ". . . . . . . . .", ". . . . . . . . .", ". . . . . . . . .",
                    ". . . . . . . . .", ". . . . . . . . .", ". . . . . . . . .",
                ]),
            ]
        ),
        Scenario(
            name: "deny ingress from pods on other namespaces",
            policies: [policy("x", "deny-empty-policy", types: [.ingress], ingress: [rule([podPeer([:])])])],
            probes: [Probe(networkProtocol: .tcp, port: 80, rows: [
                ". . . . . . . . .", ". . . . . . . . .", ". . . . . . . . .",
                "X X X . . . . . .", "X X X . . . . . .", "X X X . . . . . .",
                "X X X . . . . . .", "X X X . . . . . .", "X X X . . . . . .",
            ])]
        ),
        Scenario(
            name: "deny ingress access to a pod lacking the selected label",
            policies: [policy("x", "deny-ingress-via-label-selector", podSelector: selector(["target": "isolated"]), types: [.ingress])],
            probes: [Probe(networkProtocol: .tcp, port: 80, rows: allOpen)]
        ),
        Scenario(
            name: "deny egress from pods based on PodSelector",
            policies: [policy("x", "deny-egress-pod-a", podSelector: podA, types: [.egress])],
            probes: [Probe(networkProtocol: .tcp, port: 80, rows: ["X X X X X X X X X"] + Array(repeating: ". . . . . . . . .", count: 8))]
        ),
        Scenario(
            name: "deny egress from all pods in a namespace",
            policies: [policy("x", "deny-egress-ns-x", types: [.egress])],
            probes: [Probe(networkProtocol: .tcp, port: 80, rows:
                Array(repeating: "X X X X X X X X X", count: 3) + Array(repeating: ". . . . . . . . .", count: 6))]
        ),
        Scenario(
            name: "Ingress, Egress specified together",
            policies: [policy("x", "allow-client-a-via-pod-selector", podSelector: podA, types: [.egress, .ingress],
                              ingress: [rule([podPeer(["pod": "b"])])],
                              egress: [rule(nil, ports: [port(80, nil)])])],
            probes: [
                Probe(networkProtocol: .tcp, port: 80, rows: xaOpenToXbOnly),
                Probe(networkProtocol: .tcp, port: 81, rows: ["X X X X X X X X X"] + Array(xaOpenToXbOnly.dropFirst())),
            ]
        ),
        Scenario(
            name: "egress denied on the client side even if the server allows it",
            policies: [
                policy("x", "allow-to-ns-y-pod-a", podSelector: podA, types: [.egress],
                       egress: [rule([podsInNamespaces(podA, inY)])]),
                policy("y", "allow-from-xa-on-ya-match-selector", podSelector: podA, types: [.ingress],
                       ingress: [rule([podsInNamespaces(podA, selector([Namespace.nameLabel: "x"]))])]),
                policy("y", "allow-from-xa-on-yb-match-selector", podSelector: selector(["pod": "b"]), types: [.ingress],
                       ingress: [rule([podsInNamespaces(podA, selector([Namespace.nameLabel: "x"]))])]),
            ],
            probes: [Probe(networkProtocol: .tcp, port: 80, rows: ["X X X . X X X X X"] + Array(repeating: ". . . X X . . . .", count: 8))]
        ),
        Scenario(
            name: "egress allowing traffic to a server in a different namespace",
            policies: [policy("x", "allow-to-ns-y-pod-a", podSelector: podA, types: [.egress],
                              egress: [rule([podsInNamespaces(podA, inY)])])],
            probes: [Probe(networkProtocol: .tcp, port: 80, rows: ["X X X . X X X X X"] + Array(repeating: ". . . . . . . . .", count: 8))]
        ),
        Scenario(
            name: "ingress allowing any port on a specific protocol",
            policies: [policy("x", "allow-ingress-by-proto", podSelector: podA, types: [.ingress],
                              ingress: [rule(nil, ports: [anyPort(.tcp)])])],
            probes: [
                Probe(networkProtocol: .tcp, port: 80, rows: allOpen),
                Probe(networkProtocol: .udp, port: 80, rows: xaClosedToAll),
            ]
        ),
        Scenario(
            name: "ingress limited to port 80",
            policies: [policy("x", "allow-ingress-port-80", types: [.ingress], ingress: [rule(nil, ports: [port(80, nil)])])],
            probes: [Probe(networkProtocol: .tcp, port: 81, rows: xClosedToAll)]
        ),
        Scenario(
            name: "ingress allow-all policy taking precedence",
            policies: [
                policy("x", "allow-ingress-port-80", types: [.ingress], ingress: [rule(nil, ports: [port(80, nil)])]),
                policy("x", "allow-ingress", types: [.ingress], ingress: [rule()]),
            ],
            probes: [Probe(networkProtocol: .tcp, port: 81, rows: allOpen)]
        ),
        Scenario(
            name: "egress limited to port 80",
            policies: [policy("x", "allow-egress-port-80", types: [.egress], egress: [rule(nil, ports: [port(80, nil)])])],
            probes: [Probe(networkProtocol: .tcp, port: 81, rows:
                Array(repeating: "X X X X X X X X X", count: 3) + Array(repeating: ". . . . . . . . .", count: 6))]
        ),
        Scenario(
            name: "egress allow-all policy taking precedence",
            policies: [
                policy("x", "allow-egress-port-80", types: [.egress], egress: [rule(nil, ports: [port(80, nil)])]),
                policy("x", "allow-egress", types: [.egress], egress: [rule()]),
            ],
            probes: [Probe(networkProtocol: .tcp, port: 81, rows: allOpen)]
        ),
        Scenario(
            name: "ingress and egress controlled independently",
            policies: [
                policy("x", "allow-egress-for-target", podSelector: podA, types: [.egress], egress: [rule()]),
                policy("x", "deny-ingress-via-label-selector", podSelector: podA, types: [.ingress]),
            ],
            probes: [Probe(networkProtocol: .tcp, port: 80, rows: xaClosedToAll)]
        ),
        Scenario(
            name: "protocol SCTP is not treated as TCP",
            policies: [
                policy("x", "deny-ingress", types: [.ingress]),
                policy("x", "allow-only-sctp-ingress-on-port-81", podSelector: podA, types: [.ingress],
                       ingress: [rule(nil, ports: [port(81, .sctp)])]),
            ],
            probes: [
                Probe(networkProtocol: .tcp, port: 81, rows: xClosedToAll),
                Probe(networkProtocol: .sctp, port: 81, rows: Array(repeating: ". X X . . . . . .", count: 9)),
            ]
        ),
        Scenario(
            name: "pods selected by a policy allowing SCTP are isolated",
            policies: [policy("x", "allow-only-sctp-ingress-on-port-80", podSelector: podA, types: [.ingress],
                              ingress: [rule(nil, ports: [port(80, .sctp)])])],
            probes: [Probe(networkProtocol: .tcp, port: 81, rows: xaClosedToAll)]
        ),
        Scenario(
            name: "no TCP access when a policy specifies only UDP",
            policies: [policy("x", "allow-only-udp-ingress-on-port-81", podSelector: podA, types: [.ingress],
                              ingress: [rule(nil, ports: [port(81, .udp)])])],
            probes: [
                Probe(networkProtocol: .tcp, port: 81, rows: xaClosedToAll),
                Probe(networkProtocol: .udp, port: 81, rows: allOpen),
            ]
        ),
        Scenario(
            name: "NamespaceSelector with MatchLabels using the default namespace label",
            policies: [policy("x", "allow-client-a-via-ns-selector-for-immutable-ns-label", podSelector: podA, types: [.ingress],
                              ingress: [rule([NetworkPolicyPeer(namespaceSelector: inY)])])],
            probes: [Probe(networkProtocol: .tcp, port: 80, rows: xaOpenToYOnly)]
        ),
        Scenario(
            name: "NamespaceSelector with MatchExpressions using the default namespace label",
            policies: [policy("x", "allow-ns-y-match-selector-for-immutable-ns-label", podSelector: podA, types: [.egress],
                              egress: [rule([namespacePeer([:], [requirement(Namespace.nameLabel, .notIn, ["y"])])])])],
            probes: [Probe(networkProtocol: .tcp, port: 80, rows: [". . . X X X . . ."] + Array(repeating: ". . . . . . . . .", count: 8))]
        ),
        Scenario(
            name: "NamespaceSelector on the suite's own ns label",
            policies: [policy("x", "allow-from-ns-label", podSelector: podA, types: [.ingress],
                              ingress: [rule([namespacePeer(["ns": "y"])])])],
            probes: [Probe(networkProtocol: .tcp, port: 80, rows: xaOpenToYOnly)]
        ),
        Scenario(
            name: "egress to a port range with endPort",
            policies: [policy("x", "allow-egress-port-range", podSelector: podA, types: [.egress],
                              egress: [rule([NetworkPolicyPeer(namespaceSelector: inY)], ports: [port(80, endPort: 81)])])],
            probes: [
                Probe(networkProtocol: .tcp, port: 80, rows: ["X X X . . . X X X"] + Array(repeating: ". . . . . . . . .", count: 8)),
                Probe(networkProtocol: .tcp, port: 81, rows: ["X X X . . . X X X"] + Array(repeating: ". . . . . . . . .", count: 8)),
                Probe(networkProtocol: .udp, port: 81, rows: ["X X X X X X X X X"] + Array(repeating: ". . . . . . . . .", count: 8)),
            ]
        ),
    ]

    // MARK: - Checking

    func testScenariosMatchTheirTruthTables() {
        let cluster = netpolCluster()
        for scenario in Self.scenarios {
            let check = evaluator(scenario.policies)
            for probe in scenario.probes {
                let label = "\(scenario.name), \(probe.networkProtocol.rawValue)/\(probe.port)"
                XCTAssertEqual(probe.rows.count, Self.pods.count, "\(label): table needs one row per pod")
                for (source, expected) in zip(Self.pods, probe.rows) {
                    let observed = Self.pods.map { destination in
                        check.isAllowed(from: cluster.pod(source), to: cluster.pod(destination),
                                        protocol: probe.networkProtocol, port: probe.port).isAllowed ? "." : "X"
                    }.joined(separator: " ")
                    XCTAssertEqual(observed, expected, "\(label): row \(source)")
                }
            }
        }
    }

    /// Every scenario except the allow-all ones differs from having no
    /// policies, and the equivalence check must find a difference, which it
    /// confirms with the concrete evaluator before returning it.
    func testScenariosDifferFromNoPolicies() throws {
        let allowAll: Set = ["allow-all policy", "ingress allow-all policy taking precedence", "egress allow-all policy taking precedence"]
        for scenario in Self.scenarios {
            let counterexample = try equivalence(of: scenario.policies, and: [])
            if allowAll.contains(scenario.name) {
                XCTAssertNil(counterexample, scenario.name)
            } else {
                XCTAssertEqual(counterexample?.allowedBy, .second, scenario.name)
            }
        }
    }
}
