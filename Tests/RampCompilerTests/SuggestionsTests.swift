import RampDiagnostics
@testable import RampSema
import XCTest

final class SuggestionsTests: XCTestCase {
    /// A reference to an undeclared name of twenty thousand characters, next
    /// to a declared one of the same length, once built a table of 400
    /// million cells (3 GB) for the suggestion.
    func testLongNamesGetNoSuggestion() {
        let declared = String(repeating: "n", count: 20_000)
        let compilation = compile("""
        network \(declared) = 10.0.0.0/8
        namespace shop {
          service web [app=web]
          web -> network \(declared.dropLast())m:443
        }
        """)

        XCTAssertEqual(compilation.diagnostics.errorCount, 1)
        XCTAssertEqual(compilation.diagnostics.diagnostics.first?.notes.count, 0)
        XCTAssertNil(NameSuggestion.closest(to: declared + "x", in: [declared]))
    }

    /// Each suggestion compares a name with every declared name, so only the
    /// first errors get one: 10,000 typos among 10,000 services took 40 s.
    func testOnlyTheFirstErrorsGetSuggestions() {
        let count = 300
        let services = (0..<count).map { "  service s\($0) [app=s\($0)] ports 80\n" }.joined()
        let references = (0..<count).map { "  s\($0) -> t\($0):80\n" }.joined()
        let compilation = compile("namespace shop {\n" + services + references + "}\n")

        let errors = compilation.diagnostics.diagnostics
        XCTAssertEqual(errors.count, count)
        XCTAssertEqual(errors.filter { !$0.notes.isEmpty }.count, Suggester.hintLimit)
        XCTAssertEqual(errors.first?.notes.first?.message, "did you mean 's0'?")
    }

    /// A warning about a namespace that resembles a declared one is the only
    /// sign of the typo, so it is never dropped, however often it recurs.
    func testNamespaceLookalikeWarningsAreNotLimited() {
        let lines = String(repeating: "  web -> namespace shp\n", count: Suggester.hintLimit + 50)
        let compilation = compile("namespace shop {\n  service web [app=web]\n" + lines + "}\n")

        // The repeated line is also a repeated dependency, which another warning reports.
        let lookalikes = compilation.diagnostics.diagnostics.filter { $0.id == .undeclaredNamespaceResemblesDeclared }
        XCTAssertEqual(lookalikes.count, Suggester.hintLimit + 50)
        XCTAssertTrue(compilation.diagnostics.diagnostics.allSatisfy { $0.severity == .warning })
    }
}
