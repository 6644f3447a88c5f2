import RampYAML
import XCTest

final class BlockStyleTests: XCTestCase {
    func testNestedMappingsAndSequences() {
        let text = """
        apiVersion: v1
        kind: List
        items:
          - name: a
            ports:
              - 80
              - "80"
          - name: b
        """
        XCTAssertEqual(renderYAML(text), [#"{"apiVersion": "v1", "kind": "List", "items": [{"name": "a", "ports": [80, "80"]}, {"name": "b"}]}"#])
    }

    func testKubectlSequenceAtKeyIndentation() {
        let text = """
        spec:
          policyTypes:
          - Ingress
          - Egress
          ingress:
          - from:
            - podSelector: {}
            ports:
            - port: 80
        """
        XCTAssertEqual(renderYAML(text), [#"{"spec": {"policyTypes": ["Ingress", "Egress"], "ingress": [{"from": [{"podSelector": {}}], "ports": [{"port": 80}]}]}}"#])
    }
}
