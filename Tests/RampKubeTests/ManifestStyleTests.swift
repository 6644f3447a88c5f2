import RampKube
import XCTest

final class ManifestStyleTests: XCTestCase {
    func testHandWrittenPolicy() {
        let text = """
        # Allow the frontend to reach the API.
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: api-allow-frontend   # the name
          namespace: shop
        spec:
          podSelector:
            matchLabels: {app: api}
          policyTypes: [Ingress, Egress]
          ingress:
            # from the frontend
            - from:
                - podSelector:
                    matchLabels:
                      app: frontend
                  namespaceSelector:
                    matchLabels:
                      kubernetes.io/metadata.name: shop
              ports:
                - protocol: TCP
                  port: 8080
                - port: http     # named port, protocol omitted
          egress:
            - to:
                - ipBlock:
                    cidr: 10.0.0.0/8
                    except:
                      - 10.2.0.0/16
                      - 10.1.0.0/16
              ports:
                - {protocol: UDP, port: 53}
                - protocol: TCP
                  port: 32000
                  endPort: 32768
        """
        let expected = NetworkPolicy(
            name: "api-allow-frontend",
            namespace: "shop",
            podSelector: LabelSelector(matchLabels: ["app": "api"]),
            policyTypes: [.ingress, .egress],
            ingress: [NetworkPolicyRule(
                peers: [NetworkPolicyPeer(
                    podSelector: LabelSelector(matchLabels: ["app": "frontend"]),
                    namespaceSelector: LabelSelector(matchLabels: ["kubernetes.io/metadata.name": "shop"])
                )],
                ports: [NetworkPolicyPort(protocol: .tcp, port: .number(8080)), NetworkPolicyPort(protocol: nil, port: .name("http"))],
                comments: ["from the frontend"]
            )],
            egress: [NetworkPolicyRule(
                peers: [NetworkPolicyPeer(ipBlock: IPBlock(
                    cidr: try! CIDR.parse("10.0.0.0/8"),
                    except: [try! CIDR.parse("10.1.0.0/16"), try! CIDR.parse("10.2.0.0/16")]
                ))],
                ports: [
                    NetworkPolicyPort(protocol: .udp, port: .number(53)),
                    NetworkPolicyPort(protocol: .tcp, port: .number(32000), endPort: 32768),
                ]
            )],
            comments: ["Allow the frontend to reach the API."]
        )
        XCTAssertEqual(decodePolicies(text), [expected])
    }

    func testKubectlYAMLOutput() {
        let text = """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          annotations:
            kubectl.kubernetes.io/last-applied-configuration: |
              {"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"annotations":{},"name":"db","namespace":"shop"},"spec":{"podSelector":{"matchLabels":{"app":"db"}}}}
          creationTimestamp: "2024-05-02T09:14:07Z"
          generation: 3
          labels:
            team: payments
          managedFields:
          - apiVersion: networking.k8s.io/v1
            fieldsType: FieldsV1
            fieldsV1:
              f:metadata:
                f:annotations:
                  .: {}
                  f:kubectl.kubernetes.io/last-applied-configuration: {}
              f:spec:
                f:ingress: {}
                f:podSelector: {}
                f:policyTypes: {}
                f:ports:
                  .: {}
                  k:{"port":5432,"protocol":"TCP"}:
                    .: {}
                    f:port: {}
            manager: kubectl-client-side-apply
            operation: Update
            time: "2024-05-02T09:14:07Z"
          name: db
          namespace: shop
          resourceVersion: "48213"
          uid: 0b7f3c1e-8f0e-4a53-9d0c-6a4b7c2e9f11
        spec:
          ingress:
          - from:
            - podSelector:
                matchExpressions:
                - key: app
                  operator: In
                  values:
                  - api
                  - worker
            ports:
            - port: 5432
              protocol: TCP
          podSelector:
            matchLabels:
              app: db
          policyTypes:
          - Ingress
        status: {}
        """
        let expected = NetworkPolicy(
            name: "db",
            namespace: "shop",
            podSelector: LabelSelector(matchLabels: ["app": "db"]),
            policyTypes: [.ingress],
            ingress: [NetworkPolicyRule(
                peers: [NetworkPolicyPeer(podSelector: LabelSelector(matchExpressions: [
                    LabelSelectorRequirement(key: "app", operator: .in, values: ["api", "worker"]),
                ]))],
                ports: [NetworkPolicyPort(protocol: .tcp, port: .number(5432))]
            )]
        )
        XCTAssertEqual(decodePolicies(text), [expected])
    }

    func testKubectlJSONListExport() {
        let text = #"""
        {
            "apiVersion": "v1",
            "items": [
                {
                    "apiVersion": "networking.k8s.io/v1",
                    "kind": "NetworkPolicy",
                    "metadata": {
                        "annotations": {
                            "kubectl.kubernetes.io/last-applied-configuration": "{\"apiVersion\":\"networking.k8s.io/v1\",\"kind\":\"NetworkPolicy\"}\n"
                        },
                        "creationTimestamp": "2024-05-02T09:14:07Z",
                        "generation": 1,
                        "managedFields": [
                            {
                                "apiVersion": "networking.k8s.io/v1",
                                "fieldsType": "FieldsV1",
                                "fieldsV1": {
                                    "f:spec": {
                                        "f:egress": {},
                                        "f:podSelector": {},
                                        "f:policyTypes": {}
                                    }
                                },
                                "manager": "kubectl-client-side-apply",
                                "operation": "Update",
                                "time": "2024-05-02T09:14:07Z"
                            }
                        ],
                        "name": "default-deny",
                        "namespace": "shop",
                        "resourceVersion": "48190",
                        "uid": "4c1d2e0a-51b3-4a3e-8f43-0b1c9d2e7a60"
                    },
                    "spec": {
                        "egress": [
                            {
                                "ports": [
                                    {
                                        "port": 53,
                                        "protocol": "UDP"
                                    }
                                ],
                                "to": [
                                    {
                                        "namespaceSelector": {},
                                        "podSelector": {
                                            "matchLabels": {
                                                "k8s-app": "kube-dns"
                                            }
                                        }
                                    }
                                ]
                            }
                        ],
                        "podSelector": {},
                        "policyTypes": [
                            "Ingress",
                            "Egress"
                        ]
                    },
                    "status": {}
                },
                {
                    "apiVersion": "networking.k8s.io/v1",
                    "kind": "NetworkPolicy",
                    "metadata": {
                        "name": "allow-ipv6",
                        "namespace": "edge"
                    },
                    "spec": {
                        "ingress": [
                            {
                                "from": [
                                    {
                                        "ipBlock": {
                                            "cidr": "2001:db8::/32",
                                            "except": [
                                                "2001:db8:ff::/48"
                                            ]
                                        }
                                    }
                                ]
                            }
                        ],
                        "podSelector": {
                            "matchLabels": {
                                "app": "edge"
                            }
                        },
                        "policyTypes": [
                            "Ingress"
                        ]
                    }
                }
            ],
            "kind": "List",
            "metadata": {
                "resourceVersion": ""
            }
        }
        """#
        let expected = [
            NetworkPolicy(
                name: "default-deny",
                namespace: "shop",
                podSelector: LabelSelector(),
                policyTypes: [.ingress, .egress],
                egress: [NetworkPolicyRule(
                    peers: [NetworkPolicyPeer(
                        podSelector: LabelSelector(matchLabels: ["k8s-app": "kube-dns"]),
                        namespaceSelector: LabelSelector()
                    )],
                    ports: [NetworkPolicyPort(protocol: .udp, port: .number(53))]
                )]
            ),
            NetworkPolicy(
                name: "allow-ipv6",
                namespace: "edge",
                podSelector: LabelSelector(matchLabels: ["app": "edge"]),
                policyTypes: [.ingress],
                ingress: [NetworkPolicyRule(
                    peers: [NetworkPolicyPeer(ipBlock: IPBlock(
                        cidr: try! CIDR.parse("2001:db8::/32"), except: [try! CIDR.parse("2001:db8:ff::/48")]
                    ))],
                    ports: nil
                )]
            ),
        ]
        XCTAssertEqual(decodePolicies(text), expected)
    }

    func testYAMLListWithOtherKinds() {
        let text = """
        apiVersion: v1
        kind: List
        items:
        - apiVersion: v1
          kind: Service
          metadata:
            name: web
        - apiVersion: networking.k8s.io/v1
          kind: NetworkPolicy
          metadata:
            name: web
            namespace: shop
          spec:
            podSelector: {}
        - apiVersion: networking.k8s.io/v1
          kind: NetworkPolicyList
          items:
          - apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: nested, namespace: shop}
            spec: {podSelector: {}, ingress: []}
        """

        let (result, diagnostics) = decodeManifest(text)
        XCTAssertEqual(diagnostics, [])
        XCTAssertEqual(result.policies.map(\.policy.name), ["web", "nested"])
        XCTAssertEqual(result.policies[1].policy.ingress, [])
        XCTAssertEqual(result.skipped.map(\.kind), ["Service"])
        XCTAssertEqual(result.skipped.map(\.name), ["web"])
        XCTAssertEqual(result.skipped.map(\.apiVersion), ["v1"])
        XCTAssertEqual(result.skipped.map { position($0.range) }, ["4:3"])
    }

    func testMultipleDocumentsWithOtherKinds() {
        let text = """
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: api
        spec:
          replicas: 2
        ---
        # Source: chart/templates/policy.yaml
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: api
        spec:
          podSelector: {}
        ---
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: settings
        data:
          enabled: "true"
        ...
        """

        let (result, diagnostics) = decodeManifest(text, decoder: NetworkPolicyDecoder(defaultNamespace: "team"))
        XCTAssertEqual(diagnostics, [])
        XCTAssertEqual(result.policies.map(\.policy.namespace), ["team"])
        XCTAssertEqual(result.policies.map(\.policy.comments), [["Source: chart/templates/policy.yaml"]])
        XCTAssertNil(result.policies.first?.ranges.namespace)
        XCTAssertEqual(result.skipped.map(\.kind), ["Deployment", "ConfigMap"])
        XCTAssertEqual(result.skipped.map(\.name), ["api", "settings"])
    }

    func testOmittedAndEmptyStayDistinct() {
        let text = policyManifest(spec: """
          podSelector: {}
          ingress:
          - {}
          - from: []
            ports: []
          - ports:
            - protocol: SCTP
          egress: []
        """)
        let policy = decodePolicies(text).first
        XCTAssertEqual(policy?.ingress, [
            NetworkPolicyRule(peers: nil, ports: nil),
            NetworkPolicyRule(peers: [], ports: []),
            NetworkPolicyRule(peers: nil, ports: [NetworkPolicyPort(protocol: .sctp)]),
        ])
        XCTAssertEqual(policy?.egress, [])
        XCTAssertEqual(policy?.policyTypes, [.ingress])
    }

    func testPolicyTypesDefaultFromEgress() {
        let text = policyManifest(spec: """
          podSelector: {}
          egress:
          - to:
            - podSelector: {}
        """)
        let (result, _) = decodeManifest(text)
        XCTAssertEqual(result.policies.first?.policy.policyTypes, [.ingress, .egress])
        XCTAssertNil(result.policies.first?.ranges.policyTypes)
    }

    func testQuotedNumbersAndBooleansInLabels() {
        let text = policyManifest(spec: """
          podSelector:
            matchLabels:
              version: "2"
              canary: 'true'
              "123": "yes"
        """)
        XCTAssertEqual(decodePolicies(text).first?.podSelector.matchLabels, ["version": "2", "canary": "true", "123": "yes"])
    }

    func testEveryOperator() {
        let text = policyManifest(spec: """
          podSelector:
            matchExpressions:
            - {key: tier, operator: In, values: [web, api]}
            - {key: env, operator: NotIn, values: [dev]}
            - {key: app, operator: Exists}
            - {key: legacy, operator: DoesNotExist, values: []}
        """)
        XCTAssertEqual(decodePolicies(text).first?.podSelector.matchExpressions, [
            LabelSelectorRequirement(key: "tier", operator: .in, values: ["api", "web"]),
            LabelSelectorRequirement(key: "env", operator: .notIn, values: ["dev"]),
            LabelSelectorRequirement(key: "app", operator: .exists),
            LabelSelectorRequirement(key: "legacy", operator: .doesNotExist),
        ])
    }
}
