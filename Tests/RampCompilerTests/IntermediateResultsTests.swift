import RampDriver
import RampSource
import XCTest

/// A compilation that drops its syntax trees, plan and policies, as
/// `ramp build` does to lower its peak memory.
final class IntermediateResultsTests: XCTestCase {
    private let shop = """
    namespace shop {
      deny all
      service web [app=web] ports http:8080
      service api [app=api] ports http:8080
      service loadgen [app=loadgen]
      web -> api:http
      loadgen -> api:http
    %@
    }

    """

    private func compile(_ statements: String, keepsIntermediateResults: Bool) -> Compilation {
        var compilation = Compilation()
        compilation.keepsIntermediateResults = keepsIntermediateResults
        compilation.compile([SourceFile(path: "test.ramp", text: shop.replacingOccurrences(of: "%@", with: statements))])
        return compilation
    }

    private func messages(_ compilation: Compilation) -> [String] {
        compilation.diagnostics.sorted().map(\.message)
    }

    func testDroppedResultsKeepRenderedPolicies() {
        let withResults = compile("", keepsIntermediateResults: true)
        let withoutResults = compile("", keepsIntermediateResults: false)

        XCTAssertEqual(withResults.contractFiles.count, 1)
        XCTAssertNotNil(withResults.plan)
        XCTAssertEqual(withResults.policies.count, 3)
        XCTAssertEqual(withoutResults.contractFiles.count, 0)
        XCTAssertNil(withoutResults.plan)
        XCTAssertEqual(withoutResults.policies.count, 0)
        XCTAssertEqual(withoutResults.renderedPolicies.map(\.policy), withResults.renderedPolicies.map(\.policy))
        XCTAssertEqual(withoutResults.renderedPolicies.map(\.policy.name), ["namespace-default", "api", "web-loadgen"])
    }

    func testInvariantsCheckedWithDroppedResults() {
        let withoutResults = compile("  never loadgen -> api", keepsIntermediateResults: false)

        XCTAssertEqual(messages(withoutResults).first, "'never' is violated: the generated policies allow shop/loadgen to reach shop/api on TCP 8080")
        XCTAssertEqual(messages(withoutResults), messages(compile("  never loadgen -> api", keepsIntermediateResults: true)))
    }
}
