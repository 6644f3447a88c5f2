import RampKube
import XCTest

final class KubernetesNamesTests: XCTestCase {
    func testNamespaceNames() {
        XCTAssertNil(KubernetesNames.dns1123LabelError("boutique"))
        XCTAssertNil(KubernetesNames.dns1123LabelError("a-1"))
        XCTAssertEqual(KubernetesNames.dns1123LabelError("Shop"), "must consist of lowercase letters, digits and '-'")
        XCTAssertEqual(KubernetesNames.dns1123LabelError("-shop"), "must start and end with a lowercase letter or digit")
        XCTAssertEqual(KubernetesNames.dns1123LabelError("a.b"), "must consist of lowercase letters, digits and '-'")
        XCTAssertEqual(KubernetesNames.dns1123LabelError(String(repeating: "a", count: 64)), "must be at most 63 characters, found 64")
        XCTAssertNil(KubernetesNames.dns1123LabelError(String(repeating: "a", count: 63)))
    }

    func testLabelKeys() {
        XCTAssertNil(KubernetesNames.labelKeyError("app"))
        XCTAssertNil(KubernetesNames.labelKeyError("app.kubernetes.io/name"))
        XCTAssertNil(KubernetesNames.labelKeyError("Tier_2.x"))
        XCTAssertEqual(KubernetesNames.labelKeyError("a/b/c"), "must contain at most one '/'")
        XCTAssertEqual(KubernetesNames.labelKeyError("Example.com/app"), "prefix must consist of lowercase letters, digits, '-' and '.'")
        XCTAssertEqual(KubernetesNames.labelKeyError("example.com/"), "name part must not be empty")
        XCTAssertEqual(KubernetesNames.labelKeyError("-app"), "name part must start and end with a letter or digit")
        XCTAssertEqual(
            KubernetesNames.labelKeyError(String(repeating: "k", count: 64)),
            "name part must be at most 63 characters, found 64"
        )
    }

    func testLabelValues() {
        XCTAssertNil(KubernetesNames.labelValueError(""))
        XCTAssertNil(KubernetesNames.labelValueError("v1.2_beta-3"))
        XCTAssertEqual(KubernetesNames.labelValueError("a b"), "value must consist of letters, digits, '-', '_' and '.'")
        XCTAssertEqual(KubernetesNames.labelValueError("x-"), "value must start and end with a letter or digit")
    }

    func testPortNames() {
        XCTAssertNil(KubernetesNames.portNameError("http"))
        XCTAssertNil(KubernetesNames.portNameError("grpc-web2"))
        XCTAssertEqual(KubernetesNames.portNameError("8080"), "must contain at least one letter")
        XCTAssertEqual(KubernetesNames.portNameError("http--alt"), "must not contain '--'")
        XCTAssertEqual(KubernetesNames.portNameError("averyveryverylongname"), "must be at most 15 characters, found 21")
        XCTAssertEqual(KubernetesNames.portNameError("HTTP"), "must consist of lowercase letters, digits and '-'")
    }
}
