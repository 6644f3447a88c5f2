import Foundation
import RampDriver
import RampKube
import XCTest

/// Hostile values in every position a contract controls. Each must be
/// rejected with an error, or be valid for Kubernetes and come back
/// unchanged from the YAML, read by `BlockYAMLReader` as any YAML 1.1 or 1.2
/// reader would read it.
final class HostileValueTests: XCTestCase {
    /// Characters that end or change YAML lines, scalars and flows, and
    /// values that Kubernetes accepts but that YAML reads as another type.
    private let values = [
        "a\nb", "a\r\nb", "a: b", "a:b", "#x", "a #b", "a#b", "{x}", "[x]", "a,b", "\"q\"", "'q'", "a\\b",
        "a\u{2028}b", "a\u{2029}b", "a\u{85}b", "a\tb", "a b", " a", "a ", "*a", "&a", "!a", "%a", "@a", "`a", "|", ">",
        "-", "?", "~", "", "yes", "no", "on", "off", "y", "n", "true", "False", "null", "NULL", "0123", "1e3", "123",
        "0x1f", "0o17", "1_000", "1.5", ".5", "2001-12-14", "12:30", "nan", "inf", "Yes", "-1", "+1", "<<", "=", "é",
    ]

    /// A place in a contract where a value goes, and the check Kubernetes
    /// applies to it there. `emitted` is true when a valid value appears in
    /// the YAML.
    private struct Position {
        let name: String
        let contract: (String) -> String
        let check: (String) -> String?
        let emitted: Bool
        /// A port reference that starts with a digit is a port number, even
        /// when written as a string, and is emitted as an integer.
        var numbersArePorts = false
    }

    private let positions: [Position] = [
        Position(name: "namespace name", contract: { "namespace \($0) {\n  deny all\n}\n" },
                 check: KubernetesNames.dns1123LabelError, emitted: true),
        Position(name: "service name", contract: { "namespace shop {\n  service \($0) [app=web] ports 80\n  internet -> \($0)\n}\n" },
                 check: { $0 == "namespace-default" ? "reserved" : KubernetesNames.dns1123LabelError($0) }, emitted: true),
        Position(name: "label key", contract: { "namespace shop {\n  service web [\($0)=x] ports 80\n  internet -> web\n}\n" },
                 check: KubernetesNames.labelKeyError, emitted: true),
        Position(name: "label value", contract: { "namespace shop {\n  service web [app=\($0)] ports 80\n  internet -> web\n}\n" },
                 check: KubernetesNames.labelValueError, emitted: true),
        Position(name: "label value in a set", contract: { "namespace shop {\n  service web [app in (\($0), b)] ports 80\n  internet -> web\n}\n" },
                 check: KubernetesNames.labelValueError, emitted: true),
        Position(name: "namespace label value", contract: { "namespace shop [team=\($0)] {\n  deny all\n}\n" },
                 check: KubernetesNames.labelValueError, emitted: false),
        Position(name: "namespace selector value", contract: { "namespace shop {\n  service web [app=web] ports 80\n  namespaces [team=\($0)] -> web\n}\n" },
                 check: KubernetesNames.labelValueError, emitted: true),
        Position(name: "declared port name", contract: { "namespace shop {\n  service web [app=web] ports \($0):80\n  internet -> web:\($0)\n}\n" },
                 check: KubernetesNames.portNameError, emitted: false),
        Position(name: "port name on a namespace", contract: { "namespace shop {\n  service web [app=web]\n  web -> namespace kube-system:\($0)\n}\n" },
                 check: KubernetesNames.portNameError, emitted: true, numbersArePorts: true),
        Position(name: "namespace endpoint", contract: { "namespace shop {\n  service web [app=web]\n  web -> namespace \($0)\n}\n" },
                 check: KubernetesNames.dns1123LabelError, emitted: true),
        Position(name: "namespace of a service reference", contract: { "namespace shop {\n  service web [app=web]\n  web -> \($0)/web\n}\n" },
                 check: { $0 == "shop" ? nil : "undeclared" }, emitted: false),
        Position(name: "network name", contract: { "network \($0) = 10.0.0.0/8\nnamespace shop {\n  service web [app=web]\n  web -> network \($0):443\n}\n" },
                 check: { _ in nil }, emitted: false),
    ]

    /// Writes a value as a contract string literal.
    private func literal(_ value: String) -> String {
        "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    func testEveryValueIsRejectedOrRoundTrips() throws {
        for position in positions {
            for value in values {
                try check(value, at: position)
            }
        }
    }

    private func check(_ value: String, at position: Position) throws {
        let label = "\(position.name) \(value.debugDescription)"
        let compilation = compile(position.contract(literal(value)))
        guard !compilation.diagnostics.hasErrors else {
            XCTAssertTrue(compilation.policies.isEmpty, "\(label): rejected, but policies were made")
            return
        }

        let scalars: [BlockYAMLReader.Scalar]
        do {
            scalars = try BlockYAMLReader.scalars(in: yaml(compilation))
        } catch {
            XCTFail("\(label): the YAML does not read back: \(error)")
            return
        }
        for scalar in scalars where scalar.isPlain && PlainScalarTypes.isNonString(scalar.text) {
            XCTAssertTrue(["port", "endPort"].contains(scalar.key), "\(label): plain \(scalar.text.debugDescription) is not read as a string")
        }
        if position.numbersArePorts, let first = value.unicodeScalars.first, ("0"..."9").contains(first) {
            let number = Int(value).map(String.init)
            XCTAssertTrue(scalars.contains { $0.key == "port" && $0.isPlain && $0.text == number }, "\(label): not emitted as port \(number ?? "?")")
        } else if position.emitted {
            XCTAssertNil(position.check(value), "\(label): accepted although Kubernetes rejects it")
            XCTAssertTrue(scalars.contains { $0.text == value && !($0.isPlain && PlainScalarTypes.isNonString(value)) },
                          "\(label): accepted but not found as a string in the YAML")
        }
    }

    /// Values that Kubernetes accepts everywhere above must be accepted, so
    /// that the test above also covers the quoting of emitted values.
    func testYAMLLookalikesThatKubernetesAcceptsAreEmittedQuoted() throws {
        let compilation = compile("""
        namespace "123" {
          service "yes" [app="null", "on"="1e3"] ports 80
          service "0x1f" [app in ("2001-12-14", "12")]
          "0x1f" -> namespace "true":"off"
          internet -> "yes"
        }
        """)
        XCTAssertEqual(messages(compilation), [])

        let text = yaml(compilation)
        for quoted in ["name: \"yes\"", "namespace: \"123\"", "app: \"null\"", "\"on\": \"1e3\"", "- \"2001-12-14\"", "- \"12\"",
                       "name: \"0x1f\"", "kubernetes.io/metadata.name: \"true\"", "port: \"off\""] {
            XCTAssertTrue(text.contains(quoted), "missing \(quoted)")
        }
        let scalars = try BlockYAMLReader.scalars(in: text)
        for value in ["yes", "123", "null", "on", "1e3", "2001-12-14", "12", "0x1f", "true", "off"] {
            XCTAssertTrue(scalars.contains { $0.text == value && !$0.isPlain }, "\(value) is not a quoted scalar")
        }
    }

    /// Contract paths are printed in comments, and a path may hold any character.
    func testHostilePathsStayInsideComments() throws {
        let contract = "namespace shop {\n  service web [app=web] ports 80\n  internet -> web\n}\n"
        for path in ["a\nkind: Secret.ramp", "a\r\nkind: Secret.ramp", "a\u{2028}kind: Secret.ramp", "a\u{85}kind: Secret.ramp",
                     "a\u{2029}b.ramp", "tab\there.ramp", "nul\u{0}.ramp", "esc\u{1B}[2J.ramp"] {
            let compilation = compile(contract, path: path)
            let scalars = try BlockYAMLReader.scalars(in: yaml(compilation))
            XCTAssertEqual(compilation.policies.count, 1)
            XCTAssertEqual(scalars.filter { $0.text == "kind" }.count, 1, "\(path.debugDescription): one kind per object")
            XCTAssertFalse(scalars.contains { $0.text == "Secret" }, "\(path.debugDescription): text escaped a comment")
        }
    }
}
