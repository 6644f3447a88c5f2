import RampDiagnostics
@testable import RampSema
import RampSyntax
import XCTest

/// Large contracts check services and resolve dependencies on all cores,
/// small ones in order. Both ways must give the same result.
final class ResolverConcurrencyTests: XCTestCase {
    /// Returns contracts of `count` namespaces of four services each, whose
    /// services call the next namespace's.
    private func contracts(namespaces count: Int) -> String {
        (0..<count).map { index in
            """
            namespace n\(index) {
              service a [app=a] ports 80
              service b [app=b] ports 81
              service c [app=c] ports 82
              service d [app=d] ports 83
              a -> b:81, c:82
              d -> n\((index + 1) % count)/a:80
            }

            """
        }.joined()
    }

    /// Returns the files of the contracts and a resolver that declared them.
    private func prepared(namespaces count: Int) -> ([ContractFile], Resolver) {
        let files = compile(contracts(namespaces: count)).contractFiles
        var resolver = Resolver(diagnostics: DiagnosticEngine())
        resolver.prepare(files, selection: nil)
        return (files, resolver)
    }

    func testLargeContractsResolveConcurrently() throws {
        let (files, resolver) = prepared(namespaces: 20)

        let concurrent = try XCTUnwrap(resolver.resolveDependenciesConcurrently())
        let services = try XCTUnwrap(resolver.checkServicesConcurrently(files))

        XCTAssertEqual(concurrent, resolver.resolveDependenciesInOrder())
        XCTAssertEqual(concurrent.count, 60)
        XCTAssertEqual(services.count, 80)
    }

    func testSmallContractsResolveInOrder() {
        let (files, resolver) = prepared(namespaces: 16)

        XCTAssertNil(resolver.resolveDependenciesConcurrently())
        XCTAssertNil(resolver.checkServicesConcurrently(files))
        XCTAssertEqual(resolver.resolveDependenciesInOrder().count, 48)
    }
}
