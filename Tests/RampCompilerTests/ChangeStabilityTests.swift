import Foundation
import RampDriver
import RampLowering
import XCTest

final class ChangeStabilityTests: XCTestCase {
    /// Removing one Online Boutique dependency touches its client's and its
    /// server's objects in the reference lowering. The optimized lowering can
    /// touch up to four: when the removal leaves two services with the same
    /// rules, merge-objects joins them into one object under a new name.
    func testBoutiqueEdgeRemovalTouchesFewObjects() throws {
        let text = try String(contentsOf: repositoryRoot.appendingPathComponent("contracts/boutique.ramp"), encoding: .utf8)
        let program = try XCTUnwrap(compile(text, path: "boutique.ramp").program)

        let reference = ChangeStability.measure(program, level: .none)
        XCTAssertEqual(reference.samples, 17)
        XCTAssertEqual(reference.maximumChangedObjects, 2)
        XCTAssertEqual(Int((reference.meanChangedObjects * 17).rounded()), 33)

        let optimized = ChangeStability.measure(program, level: .standard)
        XCTAssertEqual(optimized.samples, 17)
        XCTAssertEqual(optimized.maximumChangedObjects, 4)
        XCTAssertEqual(Int((optimized.meanChangedObjects * 17).rounded()), 35)
    }
}
