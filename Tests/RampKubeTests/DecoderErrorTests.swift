import RampDiagnostics
import RampSource
import RampKube
import XCTest

/// Each invalid manifest with its exact diagnostics. `policyManifest`
/// puts the spec body on line 7.
final class DecoderErrorTests: XCTestCase {
    private func specDiagnostics(_ spec: String) -> [String] {
        manifestDiagnostics(policyManifest(spec: spec))
    }

    func testErrorLeavesObjectOut() {
        let (result, diagnostics) = decodeManifest(policyManifest(spec: "  podSelecter: {}\n"))
        XCTAssertEqual(diagnostics, ["7:3: unknown field 'podSelecter' in 'spec'; did you mean 'podSelector'? [RAMP0552]"])
        XCTAssertEqual(result.policies.count, 0)
    }

    func testPeerFieldOfOtherDirection() {
        XCTAssertEqual(specDiagnostics("  podSelector: {}\n  ingress:\n  - to:\n    - podSelector: {}\n"), [
            "9:5: unknown field 'to' in 'spec.ingress[0]'; did you mean 'from'? [RAMP0552]",
        ])
    }

    func testUnknownTopLevelField() {
        let text = "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: a}\nspec: {podSelector: {}}\nextra: 1\n"
        XCTAssertEqual(manifestDiagnostics(text), ["5:1: unknown field 'extra' in the object; remove it or correct its spelling [RAMP0552]"])
    }

    func testSelectorOfWrongType() {
        XCTAssertEqual(specDiagnostics("  podSelector: []\n"), ["7:16: 'spec.podSelector' must be a mapping, found a sequence [RAMP0551]"])
    }

    func testRulesOfWrongType() {
        XCTAssertEqual(specDiagnostics("  podSelector: {}\n  ingress: {}\n"), ["8:12: 'spec.ingress' must be a sequence, found a mapping [RAMP0551]"])
    }

    func testUnquotedNumberAsLabelValue() {
        XCTAssertEqual(specDiagnostics("  podSelector:\n    matchLabels:\n      version: 1\n"), [
            "9:16: 'spec.podSelector.matchLabels[version]' must be a string, found integer 1; put the value in quotes to make it a string [RAMP0551]",
        ])
    }

    func testInvalidLabelKey() {
        XCTAssertEqual(specDiagnostics("  podSelector:\n    matchLabels:\n      -bad: x\n"), [
            "9:7: invalid label key '-bad': name part must start and end with a letter or digit [RAMP0404]",
        ])
    }

    func testInvalidLabelValue() {
        XCTAssertEqual(specDiagnostics("  podSelector:\n    matchLabels:\n      app: -bad\n"), [
            "9:12: invalid label value '-bad': value must start and end with a letter or digit [RAMP0405]",
        ])
    }

    func testUnknownOperator() {
        XCTAssertEqual(specDiagnostics("  podSelector:\n    matchExpressions:\n    - key: a\n      operator: in\n"), [
            "10:17: invalid operator 'in'; use In, NotIn, Exists or DoesNotExist [RAMP0557]",
        ])
    }

    func testValuesOnExists() {
        XCTAssertEqual(specDiagnostics("  podSelector:\n    matchExpressions:\n    - key: a\n      operator: Exists\n      values: [x]\n"), [
            "11:15: operator Exists takes no values; remove 'values' or leave it empty [RAMP0558]",
        ])
    }

    func testMissingValuesOnIn() {
        XCTAssertEqual(specDiagnostics("  podSelector:\n    matchExpressions:\n    - key: a\n      operator: In\n"), [
            "10:17: operator In requires at least one value; add them under 'values' [RAMP0559]",
        ])
    }

    func testEmptyValuesOnNotIn() {
        XCTAssertEqual(specDiagnostics("  podSelector:\n    matchExpressions:\n    - {key: a, operator: NotIn, values: []}\n"), [
            "9:41: operator NotIn requires at least one value; add them under 'values' [RAMP0559]",
        ])
    }

    func testMissingRequirementKey() {
        XCTAssertEqual(specDiagnostics("  podSelector:\n    matchExpressions:\n    - operator: In\n      values: [a]\n"), [
            "9:7: missing required field 'key' in 'spec.podSelector.matchExpressions[0]' [RAMP0553]",
        ])
    }

    func testInvalidPolicyType() {
        XCTAssertEqual(specDiagnostics("  podSelector: {}\n  policyTypes: [ingress]\n"), [
            "8:17: invalid policy type 'ingress'; use Ingress or Egress [RAMP0556]",
        ])
    }

    func testMoreThanTwoPolicyTypes() {
        XCTAssertEqual(specDiagnostics("  podSelector: {}\n  policyTypes: [Ingress, Egress, Ingress]\n"), [
            "8:16: policyTypes lists 3 entries, but Kubernetes accepts at most two; list Ingress, Egress or both, each once [RAMP0556]",
        ])
        XCTAssertEqual(specDiagnostics("  podSelector: {}\n  policyTypes: [Ingress, Ingress]\n"), [])
    }

    /// The API server accepts host bits in `ipBlock.cidr`, and NetworkPolicy
    /// matches the network, so a manifest gets a warning, not an error.
    func testCIDRWithHostBits() {
        XCTAssertEqual(specDiagnostics("  podSelector: {}\n  ingress:\n  - from:\n    - ipBlock:\n        cidr: 10.0.0.1/8\n"), [
            "11:15: CIDR '10.0.0.1/8' has bits set after its prefix; Kubernetes accepts it and matches the network 10.0.0.0/8, so write 10.0.0.0/8 [RAMP0566]",
        ])
        let (result, _) = decodeManifest(policyManifest(spec: "  podSelector: {}\n  ingress:\n  - from:\n    - ipBlock:\n        cidr: 10.0.0.1/8\n"))
        XCTAssertEqual(result.policies.first?.policy.ingress?.first?.peers?.first?.ipBlock?.cidr.description, "10.0.0.0/8")
    }

    func testExceptBlocks() {
        let spec = """
          podSelector: {}
          egress:
          - to:
            - ipBlock:
                cidr: 10.0.0.0/8
                except:
                - 11.0.0.0/16
                - 10.0.0.0/8
                - "::/0"
                - 10.1.0.0/33
        """
        XCTAssertEqual(specDiagnostics(spec), [
            "13:11: except block '11.0.0.0/16' is not inside '10.0.0.0/8' [RAMP0402]",
            "14:11: except block '10.0.0.0/8' equals its CIDR; an except block must be strictly smaller than the CIDR [RAMP0564]",
            "15:11: except block '::/0' is not of the same IP family as '10.0.0.0/8' [RAMP0403]",
            "16:11: invalid CIDR '10.1.0.0/33': prefix length must be a number from 0 to 32 [RAMP0401]",
        ])
    }

    func testMissingCIDR() {
        XCTAssertEqual(specDiagnostics("  podSelector: {}\n  ingress:\n  - from:\n    - ipBlock: {}\n"), [
            "10:16: missing required field 'cidr' in 'spec.ingress[0].from[0].ipBlock' [RAMP0553]",
        ])
    }

    func testEmptyPeer() {
        XCTAssertEqual(specDiagnostics("  podSelector: {}\n  ingress:\n  - from:\n    - {}\n"), [
            "10:7: peer sets none of podSelector, namespaceSelector and ipBlock; write 'podSelector: {}' to admit every pod of the namespace [RAMP0561]",
        ])
    }

    func testIPBlockWithSelector() {
        XCTAssertEqual(specDiagnostics("  podSelector: {}\n  ingress:\n  - from:\n    - ipBlock: {cidr: 10.0.0.0/8}\n      podSelector: {}\n"), [
            "10:7: ipBlock cannot be combined with podSelector or namespaceSelector in one peer; split them into two peers [RAMP0561]",
        ])
    }

    func testPortOutOfRange() {
        XCTAssertEqual(specDiagnostics("  podSelector: {}\n  ingress:\n  - ports:\n    - port: 0\n    - port: 70000\n    - port: 99999999999999999999\n"), [
            "10:13: invalid port '0'; a port is a number from 1 to 65535 [RAMP0303]",
            "11:13: invalid port '70000'; a port is a number from 1 to 65535 [RAMP0303]",
            "12:13: invalid port '99999999999999999999'; a port is a number from 1 to 65535 [RAMP0303]",
        ])
    }

    func testQuotedPortIsAName() {
        XCTAssertEqual(specDiagnostics("  podSelector: {}\n  ingress:\n  - ports:\n    - port: \"80\"\n"), [
            "10:13: invalid port name '80': must contain at least one letter [RAMP0306]",
        ])
    }

    func testPortOfWrongType() {
        XCTAssertEqual(specDiagnostics("  podSelector: {}\n  ingress:\n  - ports:\n    - port: true\n"), [
            "10:13: 'spec.ingress[0].ports[0].port' must be a port number or name, found boolean true [RAMP0551]",
        ])
    }

    func testLowercaseProtocol() {
        XCTAssertEqual(specDiagnostics("  podSelector: {}\n  ingress:\n  - ports:\n    - protocol: tcp\n"), [
            "10:17: invalid protocol 'tcp'; use TCP, UDP or SCTP, in capitals [RAMP0555]",
        ])
    }

    func testEndPortBelowPort() {
        XCTAssertEqual(specDiagnostics("  podSelector: {}\n  ingress:\n  - ports:\n    - port: 90\n      endPort: 80\n"), [
            "11:16: endPort 80 is less than port 90; endPort must not be less than port [RAMP0560]",
        ])
    }

    func testEndPortWithNamedPort() {
        XCTAssertEqual(specDiagnostics("  podSelector: {}\n  ingress:\n  - ports:\n    - port: http\n      endPort: 80\n"), [
            "11:16: endPort requires 'port' to be a port number; set 'port' to the first number of the range [RAMP0560]",
        ])
    }

    func testEndPortOfWrongType() {
        XCTAssertEqual(specDiagnostics("  podSelector: {}\n  ingress:\n  - ports:\n    - {port: 80, endPort: \"90\"}\n"), [
            "10:27: 'spec.ingress[0].ports[0].endPort' must be an integer, found string '90' [RAMP0551]",
        ])
    }

    func testNullPeersWarning() {
        let (result, diagnostics) = decodeManifest(policyManifest(spec: "  podSelector: {}\n  ingress:\n  - from:\n    ports: []\n"))
        XCTAssertEqual(diagnostics, [
            "9:10: 'spec.ingress[0].from' is null and Kubernetes reads null as omitted, so it admits every peer; list its entries, or remove the key if that is intended [RAMP0562]",
        ])
        XCTAssertEqual(result.policies.first?.policy.ingress, [NetworkPolicyRule(peers: nil, ports: [])])
    }

    func testYAML11BooleanWarning() {
        let (result, diagnostics) = decodeManifest(policyManifest(spec: "  podSelector:\n    matchLabels:\n      enabled: yes\n      on: \"Off\"\n"))
        XCTAssertEqual(diagnostics, [
            "9:16: plain value 'yes' is the boolean true in YAML 1.1, which Kubernetes' YAML library follows; put it in quotes to keep it a string [RAMP0565]",
            "10:7: plain value 'on' is the boolean true in YAML 1.1, which Kubernetes' YAML library follows; put it in quotes to keep it a string [RAMP0565]",
        ])
        XCTAssertEqual(result.policies.first?.policy.podSelector.matchLabels, ["enabled": "yes", "on": "Off"])
    }

    func testMissingPodSelector() {
        XCTAssertEqual(specDiagnostics("  ingress: []\n"), ["7:3: missing required field 'podSelector' in 'spec' [RAMP0553]"])
    }

    func testUnsupportedAPIVersion() {
        let text = "apiVersion: extensions/v1beta1\nkind: NetworkPolicy\nmetadata: {name: a}\nspec: {podSelector: {}}\n"
        XCTAssertEqual(manifestDiagnostics(text), [
            "1:13: NetworkPolicy apiVersion 'extensions/v1beta1' is not supported; use 'networking.k8s.io/v1' [RAMP0554]",
        ])
    }

    func testMissingAPIVersion() {
        XCTAssertEqual(manifestDiagnostics("kind: NetworkPolicy\n"), ["1:1: missing required field 'apiVersion' in the object [RAMP0553]"])
    }

    func testAPIVersionOfWrongType() {
        XCTAssertEqual(manifestDiagnostics("apiVersion: 1\nkind: NetworkPolicy\n"), ["1:13: 'apiVersion' must be a string, found integer 1 [RAMP0551]"])
    }

    func testDocumentThatIsNotAnObject() {
        XCTAssertEqual(manifestDiagnostics("- a\n- b\n"), [
            "1:1: expected a Kubernetes object (a mapping with apiVersion and kind), found a sequence [RAMP0550]",
        ])
    }

    func testInvalidObjectName() {
        let text = "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: Web_1\n  namespace: Shop\nspec: {podSelector: {}}\n"
        XCTAssertEqual(manifestDiagnostics(text), [
            "4:9: invalid object name 'Web_1': must consist of lowercase letters, digits, '-' and '.' [RAMP0563]",
            "5:14: invalid namespace name 'Shop': must consist of lowercase letters, digits and '-' [RAMP0406]",
        ])
    }

    func testMissingName() {
        let text = "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {namespace: shop}\nspec: {podSelector: {}}\n"
        XCTAssertEqual(manifestDiagnostics(text), ["3:1: missing required field 'name' in 'metadata' [RAMP0553]"])
    }

    func testMissingSpec() {
        let text = "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: a}\n"
        XCTAssertEqual(manifestDiagnostics(text), ["1:1: missing required field 'spec' in the object [RAMP0553]"])
    }

    func testListItemsOfWrongType() {
        XCTAssertEqual(manifestDiagnostics("apiVersion: v1\nkind: List\nitems: {}\n"), ["3:8: 'items' must be a sequence, found a mapping [RAMP0551]"])
    }

    func testSyntaxErrorSkipsOnlyItsDocument() {
        let text = "a: [\n---\n" + policyManifest(spec: "  podSelector: {}\n")
        let (result, diagnostics) = decodeManifest(text)
        XCTAssertEqual(diagnostics, ["1:4: unterminated flow sequence; add the closing ']' [RAMP0503]"])
        XCTAssertEqual(result.policies.map(\.policy.name), ["web"])
    }

    func testIndependentErrorsInOneObject() {
        let spec = """
          podSelector:
            matchLabels: {app: -x}
          ingress:
          - ports:
            - protocol: udp
            - port: 0
        """
        XCTAssertEqual(specDiagnostics(spec), [
            "8:24: invalid label value '-x': value must start and end with a letter or digit [RAMP0405]",
            "11:17: invalid protocol 'udp'; use TCP, UDP or SCTP, in capitals [RAMP0555]",
            "12:13: invalid port '0'; a port is a number from 1 to 65535 [RAMP0303]",
        ])
    }
}

final class DecodedRangeTests: XCTestCase {
    func testRangesOfRulesPeersAndPorts() {
        let text = """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: web
          namespace: shop
        spec:
          podSelector:
            matchLabels:
              app.kubernetes.io/name: web
          ingress:
          - from:
            - namespaceSelector: {}
              podSelector: {matchLabels: {app: api}}
            - ipBlock:
                cidr: 10.0.0.0/8
                except: [10.9.0.0/16, 10.1.0.0/16]
            ports:
            - protocol: TCP
              port: 80
              endPort: 90
        """
        let (result, diagnostics) = decodeManifest(text)
        XCTAssertEqual(diagnostics, [])
        guard let ranges = result.policies.first?.ranges else { return XCTFail("no policy") }

        XCTAssertEqual(position(ranges.object), "1:1")
        XCTAssertEqual(position(ranges.name), "4:9")
        XCTAssertEqual(position(ranges.namespace), "5:14")
        XCTAssertEqual(position(ranges.podSelector), "8:5")
        XCTAssertNil(ranges.policyTypes)
        XCTAssertNil(ranges.egress)

        let rule = ranges.ingress?.first
        XCTAssertEqual(position(rule?.rule), "11:5")
        XCTAssertEqual(rule?.peers?.map { position($0.peer) }, ["12:7", "14:7"])
        XCTAssertEqual(position(rule?.peers?[0].namespaceSelector), "12:26")
        XCTAssertEqual(position(rule?.peers?[0].podSelector), "13:20")
        XCTAssertEqual(position(rule?.peers?[1].ipBlock), "15:9")
        XCTAssertEqual(position(rule?.peers?[1].cidr), "15:15")
        XCTAssertEqual(rule?.peers?[1].except.map(position), ["16:31", "16:18"])
        XCTAssertEqual(result.policies.first?.policy.ingress?.first?.peers?[1].ipBlock?.except.map(\.description), ["10.1.0.0/16", "10.9.0.0/16"])

        let port = rule?.ports?.first
        XCTAssertEqual(position(port?.port), "18:7")
        XCTAssertEqual(position(port?.protocol), "18:17")
        XCTAssertEqual(position(port?.portValue), "19:13")
        XCTAssertEqual(position(port?.endPort), "20:16")
    }

    func testFieldPaths() {
        let text = policyManifest(spec: """
          podSelector:
            matchLabels:
              app.kubernetes.io/name: web
          ingress:
          - from:
            - ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16]}
        """)
        let (result, _) = decodeManifest(text)
        let fields = result.policies.first?.ranges.fields ?? [:]
        XCTAssertEqual(position(fields["metadata.name"]?.key), "4:3")
        XCTAssertEqual(position(fields["metadata.name"]?.value), "4:9")
        XCTAssertEqual(position(fields["spec.podSelector.matchLabels[app.kubernetes.io/name]"]?.value), "9:31")
        XCTAssertEqual(position(fields["spec.ingress[0]"]?.value), "11:5")
        XCTAssertNil(fields["spec.ingress[0]"]?.key)
        XCTAssertEqual(position(fields["spec.ingress[0].from[0].ipBlock.cidr"]?.value), "12:23")
        XCTAssertEqual(position(fields["spec.ingress[0].from[0].ipBlock.except[0]"]?.value), "12:44")
        XCTAssertEqual(fields["spec.ingress[0].from[0].ipBlock.except[0]"]?.value.text, "10.1.0.0/16")
    }
}

/// Corrupted manifests must decode to diagnostics, never to a crash.
final class DecoderRobustnessTests: XCTestCase {
    func testCorruptedManifestsDecode() {
        let manifest = """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: web, namespace: shop}
        spec:
          podSelector: {matchLabels: {app: web}, matchExpressions: [{key: a, operator: In, values: [b]}]}
          policyTypes: [Ingress, Egress]
          ingress:
          - from:
            - {podSelector: {}, namespaceSelector: {}}
            - ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16]}
            ports:
            - {port: 80, endPort: 90, protocol: TCP}
          egress: []
        """
        let bytes = Array(manifest.utf8)
        let replacements = Array("\"[}:-#9\n".utf8)
        for index in bytes.indices {
            for replacement in replacements {
                var corrupted = bytes
                corrupted[index] = replacement
                let engine = DiagnosticEngine()
                let result = NetworkPolicyDecoder().decode(SourceFile(path: "fuzz.yaml", bytes: corrupted), diagnostics: engine)
                XCTAssertLessThanOrEqual(result.policies.count, 1)
            }
        }
    }
}
