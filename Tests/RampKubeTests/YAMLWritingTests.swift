import RampKube
import RampYAML
import XCTest

/// The direct writer must produce the text that `YAMLEmitter` writes for
/// `yamlDocument`, byte for byte, for every shape of policy and every value
/// that needs quoting or escaping.
final class YAMLWritingTests: XCTestCase {
    private func written(_ policy: NetworkPolicy) -> String {
        var buffer = YAMLBuffer()
        policy.writeYAMLDocument(to: &buffer)
        return String(decoding: buffer.bytes, as: UTF8.self)
    }

    private func emitted(_ policy: NetworkPolicy) -> String {
        YAMLEmitter().emit(header: [], documents: [policy.yamlDocument])
    }

    private func assertSameText(_ policy: NetworkPolicy, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(written(policy), emitted(policy), file: file, line: line)
    }

    func testWriterPinsKubectlLayout() {
        let policy = NetworkPolicy(
            name: "web", namespace: "shop", podSelector: LabelSelector(matchLabels: ["app": "web"]),
            policyTypes: [.ingress],
            ingress: [NetworkPolicyRule(
                peers: [NetworkPolicyPeer(podSelector: LabelSelector(matchLabels: ["app": "api"]))],
                ports: [NetworkPolicyPort(protocol: .tcp, port: .number(8080))],
                comments: ["shop.ramp:3:5"]
            )],
            comments: ["shop.ramp:2:3 service 'web'"]
        )
        XCTAssertEqual(written(policy), """
        ---
        # shop.ramp:2:3 service 'web'
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: web
          namespace: shop
        spec:
          podSelector:
            matchLabels:
              app: web
          policyTypes:
          - Ingress
          ingress:
          # shop.ramp:3:5
          - from:
            - podSelector:
                matchLabels:
                  app: api
            ports:
            - protocol: TCP
              port: 8080

        """)
    }

    func testEmptyAndOmittedCollections() {
        let policies = [
            NetworkPolicy(name: "deny", namespace: "shop", podSelector: LabelSelector(), policyTypes: [.ingress, .egress], ingress: [], egress: []),
            NetworkPolicy(name: "omitted", namespace: "shop", podSelector: LabelSelector(), policyTypes: []),
            NetworkPolicy(
                name: "open", namespace: "shop", podSelector: LabelSelector(), policyTypes: [.egress],
                egress: [NetworkPolicyRule(peers: nil, ports: nil), NetworkPolicyRule(peers: [], ports: [])]
            ),
            NetworkPolicy(
                name: "empty-items", namespace: "shop", podSelector: LabelSelector(), policyTypes: [.ingress],
                ingress: [NetworkPolicyRule(
                    peers: [NetworkPolicyPeer(), NetworkPolicyPeer(podSelector: LabelSelector(), namespaceSelector: LabelSelector())],
                    ports: [NetworkPolicyPort(protocol: nil), NetworkPolicyPort(protocol: nil, port: .number(80))],
                    comments: ["above an empty rule"]
                )]
            ),
        ]
        for policy in policies { assertSameText(policy) }
    }

    func testEveryField() throws {
        let policy = NetworkPolicy(
            name: "db", namespace: "data",
            podSelector: LabelSelector(
                matchLabels: ["app": "db", "tier": "storage"],
                matchExpressions: [
                    LabelSelectorRequirement(key: "canary", operator: .doesNotExist, values: []),
                    LabelSelectorRequirement(key: "zone", operator: .in, values: ["a", "b"]),
                ]
            ),
            policyTypes: [.ingress, .egress],
            ingress: [NetworkPolicyRule(
                peers: [NetworkPolicyPeer(
                    podSelector: LabelSelector(matchLabels: ["app": "api"]),
                    namespaceSelector: LabelSelector(matchLabels: ["kubernetes.io/metadata.name": "shop"])
                )],
                ports: [
                    NetworkPolicyPort(protocol: .tcp, port: .number(5432), endPort: 5440),
                    NetworkPolicyPort(protocol: .udp, port: .name("dns")),
                    NetworkPolicyPort(protocol: .sctp),
                ],
                comments: ["first", "second"]
            )],
            egress: [NetworkPolicyRule(
                peers: [
                    NetworkPolicyPeer(ipBlock: IPBlock(cidr: try CIDR.parse("10.0.0.0/8"), except: [try CIDR.parse("10.1.0.0/16")])),
                    NetworkPolicyPeer(ipBlock: IPBlock(cidr: try CIDR.parse("::/0"))),
                ],
                ports: nil
            )],
            comments: ["one", "two"]
        )
        assertSameText(policy)
    }

    func testHostileValuesAndComments() {
        var policy = NetworkPolicy(
            name: "0x1f", namespace: "yes",
            podSelector: LabelSelector(
                matchLabels: ["true": "null", "123": "0123", "example.com/on": "1.5", "date": "2001-12-14", "": "~", "a: b": "c #d"],
                matchExpressions: [LabelSelectorRequirement(key: "off", operator: .in, values: ["000", "1e10", "False", "-", "[x]", "tab\there"])]
            ),
            policyTypes: [.egress],
            egress: [NetworkPolicyRule(
                peers: [NetworkPolicyPeer(podSelector: LabelSelector(matchLabels: ["on": "quote\"back\\slash"]))],
                ports: [NetworkPolicyPort(protocol: .udp, port: .name("null")), NetworkPolicyPort(protocol: .tcp, port: .name("é\u{2028}"))],
                comments: ["line\nbreak", "", "nel\u{85}ls\u{2028}bom\u{FEFF}tab\tend", "ünïcode"]
            )],
            comments: ["- not a sequence", "key: not a mapping", "cr\rnul\u{0}"]
        )
        policy.labels = ["app.kubernetes.io/managed-by": "ramp", "on": "", "emoji": "🙂"]
        policy.annotations = ["ramp.dev/contract-hash": String(repeating: "0", count: 64), "note": "a\nb"]
        assertSameText(policy)
    }

    func testNegativeAndZeroPorts() {
        let policy = NetworkPolicy(
            name: "ports", namespace: "shop", podSelector: LabelSelector(), policyTypes: [.ingress],
            ingress: [NetworkPolicyRule(peers: nil, ports: [
                NetworkPolicyPort(port: .number(0)), NetworkPolicyPort(port: .number(-1), endPort: Int.min),
                NetworkPolicyPort(port: .number(65535), endPort: Int.max),
            ])]
        )
        assertSameText(policy)
    }

    func testCommentRangesCoverCommentLines() {
        let policy = NetworkPolicy(
            name: "web", namespace: "shop", podSelector: LabelSelector(), policyTypes: [.ingress],
            ingress: [NetworkPolicyRule(peers: nil, ports: nil, comments: ["a", "b"])]
        )
        var buffer = YAMLBuffer(recordsComments: true)
        policy.writeYAMLSpec(to: &buffer)

        let lines = buffer.commentRanges.map { String(decoding: buffer.bytes[$0], as: UTF8.self) }
        XCTAssertEqual(lines, ["  # a\n", "  # b\n"])
    }
}
