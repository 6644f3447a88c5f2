import RampDriver
import XCTest

/// Services with more than 16 ports are looked up through an index; the
/// results must be those of a plain scan.
final class PortLookupTests: XCTestCase {
    private let manyPorts = (1...20).map { "p\($0):\(8000 + $0)" }.joined(separator: ", ")
        + ", dns:53/udp, 53, 30000-30100/udp, range:31000-31100, 9000-9100"

    private func ingressPorts(_ reference: String) -> [String] {
        let compilation = compile("namespace shop {\n  service c [app=c]\n  service s [app=s] ports \(manyPorts)\n  c -> s:\(reference)\n}\n")
        XCTAssertEqual(messages(compilation), [], reference)
        let ports = compilation.policies.first { $0.name == "s" }?.ingress?.first?.ports ?? []
        return ports.map { port in
            let number: String
            switch port.port {
            case .number(let value)?: number = String(value)
            case .name(let name)?: number = name
            case nil: number = "all"
            }
            return "\(port.protocol?.rawValue ?? "?") \(number)" + (port.endPort.map { "-\($0)" } ?? "")
        }
    }

    func testNamesResolveToTheirNumbers() {
        XCTAssertEqual(ingressPorts("p7"), ["TCP 8007"])
        XCTAssertEqual(ingressPorts("dns"), ["UDP 53"])
        XCTAssertEqual(ingressPorts("range"), ["TCP 31000-31100"])
    }

    func testNumbersMatchSinglePortsAndRanges() {
        XCTAssertEqual(ingressPorts("53"), ["TCP 53", "UDP 53"])
        XCTAssertEqual(ingressPorts("8020"), ["TCP 8020"])
        XCTAssertEqual(ingressPorts("30050"), ["UDP 30050"])
        XCTAssertEqual(ingressPorts("9050-9060"), ["TCP 9050-9060"])
        XCTAssertEqual(ingressPorts("53/udp"), ["UDP 53"])
    }

    func testUndeclaredPortsAreErrors() {
        for reference in ["8021", "9050-9200", "p21", "8001/udp"] {
            let compilation = compile("namespace shop {\n  service c [app=c]\n  service s [app=s] ports \(manyPorts)\n  c -> s:\(reference)\n}\n")
            XCTAssertEqual(compilation.diagnostics.errorCount, 1, reference)
        }
    }
}
