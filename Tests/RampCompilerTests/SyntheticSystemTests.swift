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
    /// stay comparable across machines and versions. The pinned text changed
    /// when the generator stopped drawing repeated and covered dependencies
    /// and took the traffic mix of real service graphs: one API port per
    /// server, data stores that only serve, and metrics scraped only by
    /// `prometheus-0`.
    func testGeneratorOutputIsPinned() {
        let system = SyntheticSystem(size: SyntheticSystem.Size(services: 8, namespaces: 2, dependencies: 12), seed: 4)
        XCTAssertEqual(system.files.map(\.path), ["networks.ramp", "monitoring-0.ramp", "billing-1.ramp"])
        XCTAssertEqual(system.files[1].text, """
        # Synthetic namespace monitoring-0.
        namespace monitoring-0 [team=t0] {
          deny all

          service prometheus-0 [app=prometheus-0] ports web:9090
          service users-2 [app=users-2] ports grpc:9090
          service cart-4 [app=cart-4, !canary] ports http:8080, 30000-30010/udp
          service checkout-6 [app=checkout-6] ports http:8080

          prometheus-0 -> namespaces [team=t1]:metrics
          prometheus-0 -> users-2:grpc
          checkout-6 -> users-2:grpc
          cart-4 -> prometheus-0:web
          users-2 -> cart-4:http
          cart-4 -> checkout-6:http
          prometheus-0 -> checkout-6:http
          cart-4 -> users-2:grpc
        }

        """)
        XCTAssertEqual(system.files[2].text, """
        # Synthetic namespace billing-1.
        namespace billing-1 [team=t1] {
          deny ingress

          service users-1 [app=users-1] ports http:8080
          service queue-3 [app=queue-3] ports amqp:5672, metrics:9100
          service shipping-5 [app=shipping-5] ports http:8080, metrics:9100
          service recommend-7 [app=recommend-7, !canary] ports http:8080

          shipping-5 -> queue-3:amqp
          users-1 -> shipping-5:http
          shipping-5 -> recommend-7:http
          recommend-7 -> shipping-5:http
        }

        """)
    }

    func testSmallSystemCompilesWithoutDiagnostics() {
        let system = SyntheticSystem(size: .small, seed: 1)
        XCTAssertEqual(system.size.services, 1_500)
        XCTAssertEqual(system.size.dependencies, 9_300)

        let compilation = compile(system.files.map { ($0.path, $0.text) })

        XCTAssertEqual(messages(compilation), [])
        XCTAssertFalse(compilation.policies.isEmpty)
        XCTAssertEqual(system.files.count, 151)
        XCTAssertEqual(dependencyLineCount(system), 9_300)
    }

    /// Covers one namespace, namespaces of one service, teams of more than
    /// 25 namespaces, which are scraped by label, a system with more
    /// dependencies than distinct pairs, and the size of the optimizer's
    /// rule-count goal.
    func testOtherSizesCompileWithoutDiagnostics() {
        let cases: [(size: SyntheticSystem.Size, seed: UInt64)] = [
            (SyntheticSystem.Size(services: 6, namespaces: 2, dependencies: 8), 1),
            (SyntheticSystem.Size(services: 120, namespaces: 12, dependencies: 600), 7),
            (SyntheticSystem.Size(services: 120, namespaces: 12, dependencies: 600), 8),
            (SyntheticSystem.Size(services: 40, namespaces: 1, dependencies: 300), 3),
            (SyntheticSystem.Size(services: 30, namespaces: 30, dependencies: 200), 4),
            (SyntheticSystem.Size(services: 600, namespaces: 520, dependencies: 3_000), 2),
            (SyntheticSystem.Size(services: 20, namespaces: 2, dependencies: 2_000), 5),
            (SyntheticSystem.Size(services: 1_000, namespaces: 20, dependencies: 10_000), 1),
        ]
        for (size, seed) in cases {
            let system = SyntheticSystem(size: size, seed: seed)

            let compilation = compile(system.files.map { ($0.path, $0.text) })

            XCTAssertEqual(messages(compilation), [], "\(size), seed \(seed)")
            XCTAssertFalse(compilation.policies.isEmpty, "\(size), seed \(seed)")
        }
    }

    /// A system asked for more lines than it has distinct client and target
    /// pairs stops drawing, in place of repeating a dependency.
    func testSaturatedSystemStopsDrawing() {
        let system = SyntheticSystem(size: SyntheticSystem.Size(services: 4, namespaces: 1, dependencies: 1_000), seed: 2)
        XCTAssertEqual(dependencyLineCount(system), 242)
        XCTAssertEqual(messages(compile(system.files.map { ($0.path, $0.text) })), [])
    }

    private func dependencyLineCount(_ system: SyntheticSystem) -> Int {
        system.files.reduce(0) { count, file in
            count + file.text.split(separator: "\n").filter { $0.contains(" -> ") }.count
        }
    }
}
