import RampIR
import XCTest

final class ProgramLookupTests: XCTestCase {
    private func namespace(_ name: String) -> Namespace {
        Namespace(name: name, labels: [:], posture: [], postureOrigin: nil, dnsEnabled: true, dnsOrigin: nil, services: [], files: [])
    }

    func testNamespaceLookupFindsEveryNameAndNoOther() {
        let names = (0..<50).map { "n\($0 * 2)" }
        let program = Program(namespaces: names.reversed().map(namespace), dependencies: [])

        for name in names {
            XCTAssertEqual(program.namespace(named: name)?.name, name)
        }
        for absent in ["", "a", "n1", "n99", "n98x", "z"] {
            XCTAssertNil(program.namespace(named: absent), absent)
        }
        XCTAssertNil(Program(namespaces: [], dependencies: []).namespace(named: "n0"))
    }

    func testNamespacesStaySortedAfterAChange() {
        var program = Program(namespaces: [namespace("b"), namespace("d")], dependencies: [])
        program.namespaces.append(namespace("a"))

        XCTAssertEqual(program.namespaces.map(\.name), ["a", "b", "d"])
        XCTAssertEqual(program.namespace(named: "a")?.name, "a")
    }
}
