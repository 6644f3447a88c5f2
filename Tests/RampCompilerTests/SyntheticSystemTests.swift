import RampSynthetic
import XCTest

final class SyntheticSystemTests: XCTestCase {
    func testSameSeedGivesSameText() {
        let size = SyntheticSystem.Size(services: 120, namespaces: 12, dependencies: 600)
        let first = SyntheticSystem(size: size, seed: 7)
        let second = SyntheticSystem(size: size, seed: 7)

        XCTAssertEqual(first.files.map(\.path), second.files.map(\.path))
        XCTAssertEqual(first.files.map(\.text), second.files.map(\.text))
    }

    func testOtherSeedGivesOtherText() {
        let size = SyntheticSystem.Size(services: 120, namespaces: 12, dependencies: 600)
        XCTAssertNotEqual(
            SyntheticSystem(size: size, seed: 7).files.map(\.text),
            SyntheticSystem(size: size, seed: 8).files.map(\.text)
        )
    }

    /// The text is fixed for a seed on every platform, so benchmark numbers
    /// stay comparable across machines and versions.
    func testGeneratorOutputIsPinned() {
        let system = SyntheticSystem(size: SyntheticSystem.Size(services: 6, namespaces: 2, dependencies: 8), seed: 1)
        XCTAssertEqual(system.files.map(\.path), ["networks.ramp", "shop-0.ramp", "billing-1.ramp"])
        XCTAssertEqual(system.files[1].text, """
        # Synthetic namespace shop-0.
        namespace shop-0 [team=t0] {
          deny all

          service shipping-0 [app=shipping-0] ports http:8080, grpc:9090
          service users-2 [app=users-2] ports http:8080, 30000-30010/udp
          service api-4 [app=api-4] ports http:8080, metrics:9100

          shipping-0 -> billing-1/inventory-5:http
          shipping-0 -> api-4:http
          shipping-0 -> users-2:30005/udp
          shipping-0 -> users-2:http
          shipping-0 -> api-4:metrics
        }

        """)
    }

    func testSmallSystemCompilesWithoutDiagnostics() {
        let system = SyntheticSystem(size: .small, seed: 1)
        XCTAssertEqual(system.size.services, 1_500)
        XCTAssertEqual(system.size.dependencies, 9_300)

        let compilation = compile(system.files.map { ($0.path, $0.text) })

        // The generator may draw one dependency twice, which is a warning only.
        XCTAssertEqual(messages(compilation).filter { $0.contains(": error: ") }, [])
        XCTAssertFalse(compilation.policies.isEmpty)
        XCTAssertEqual(system.files.count, 151)
    }
}
