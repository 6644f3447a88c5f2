@testable import RampDrift
import RampDiagnostics
import RampSema
import RampSource
import XCTest

/// The namespaces a statement with `only in` can change: those of the
/// endpoints of its dependencies, and for a service also those of every
/// dependency that names it.
final class StatementReachTests: XCTestCase {
    private let contracts = """
    environment staging {
    }
    environment production {
    }
    namespace shop [team=store] {
      service web [app=web] ports http:8080
      service probe [app=probe] only in staging
      probe -> web:http only in staging
      web -> data/db:sql, internet only in production
    }
    namespace data [team=store] {
      service db [app=db] ports sql:5432
      db -> namespaces [team=store]:9000 only in staging
    }
    namespace tools {
      service scanner [app=scanner] only in staging
      scanner -> cluster:22 only in staging
    }
    namespace idle {
    }
    """

    private func reach() -> (StatementReach, [String: SourceRange]) {
        let compilation = compile(contracts)
        XCTAssertEqual(messages(compilation).filter { $0.contains(": error: ") }, [])
        let files = compilation.contractFiles
        let statements = Resolver.settingDifferences(files, between: "staging", and: "production").compactMap(\.location)
        let programs = ["staging", "production"].map { Resolver.resolve(files, environment: $0, diagnostics: DiagnosticEngine()) }
        var byText: [String: SourceRange] = [:]
        for statement in statements { byText[statement.text] = statement }
        return (StatementReach(statements: statements, programs: programs), byText)
    }

    func testReachOfEachStatement() throws {
        let (reach, statements) = reach()

        func namespaces(_ text: String) throws -> Set<String>? {
            reach.namespaces(of: try XCTUnwrap(statements[text], text))
        }
        XCTAssertEqual(statements.count, 6)
        XCTAssertEqual(try namespaces("service probe [app=probe]"), ["shop"])
        XCTAssertEqual(try namespaces("probe -> web:http"), ["shop"])
        XCTAssertEqual(try namespaces("web -> data/db:sql, internet"), ["shop", "data"])
        XCTAssertEqual(try namespaces("db -> namespaces [team=store]:9000"), ["shop", "data"])
        // The service reaches what the dependency naming it reaches.
        XCTAssertEqual(try namespaces("service scanner [app=scanner]"), ["tools", "shop", "data", "idle"])
        XCTAssertEqual(try namespaces("scanner -> cluster:22"), ["tools", "shop", "data", "idle"])
    }

    /// A mix without a service that an expectation names does not compile,
    /// whatever namespace the expectation is in.
    func testServiceOfExpectationHasNoReach() throws {
        let text = """
        environment staging {
        }
        environment production {
        }
        namespace shop {
          service web [app=web] ports http:8080 only in staging
          service web [app=storefront] ports http:8080 only in production
        }
        namespace tools {
          service probe [app=probe]
          probe -> shop/web:http
          expect allowed probe -> shop/web:http
        }
        """
        // Only the two environments compile: the build without one has no 'web'.
        let files = compile(text).contractFiles
        let statements = Resolver.settingDifferences(files, between: "staging", and: "production").compactMap(\.location)
        let diagnostics = DiagnosticEngine()
        let programs = ["staging", "production"].map { Resolver.resolve(files, environment: $0, diagnostics: diagnostics) }
        XCTAssertFalse(diagnostics.hasErrors)
        let reach = StatementReach(statements: statements, programs: programs)

        XCTAssertEqual(statements.count, 2)
        XCTAssertEqual(statements.map { reach.namespaces(of: $0) }, [nil, nil])
    }

    func testUnknownStatementHasNoReach() throws {
        let (reach, statements) = reach()
        let known = try XCTUnwrap(statements["probe -> web:http"])
        let unknown = SourceRange(file: known.file, start: 0, end: 3)

        XCTAssertNil(reach.namespaces(of: unknown))
    }
}
