import Foundation
import RampIR
import RampKube
import RampLowering
import XCTest

/// `Pipeline.lower` builds the grouped plan directly instead of running
/// `GroupBySubject` on the reference plan. These tests pin that the shortcut
/// returns exactly the plan of the long way, origins and names included.
final class PipelineShortcutTests: XCTestCase {
    func testGroupedLoweringOnExamples() throws {
        let program = try exampleProgram()
        XCTAssertEqual(ReferenceLowering.lowerGrouped(program), groupedTheLongWay(program))
    }

    func testPipelineOnExamples() throws {
        let program = try exampleProgram()
        for level in OptimizationLevel.allCases {
            XCTAssertEqual(Pipeline.lower(program, level: level), loweredTheLongWay(program, level: level), "level \(level)")
        }
    }

    func testGroupedLoweringOnRandomContracts() throws {
        var compared = 0
        for seed in 0..<300 {
            guard let program = compile(RandomContracts.contract(seed: UInt64(seed)), path: "random.ramp").program else { continue }
            XCTAssertEqual(ReferenceLowering.lowerGrouped(program), groupedTheLongWay(program), "seed \(seed)")
            compared += 1
        }
        XCTAssertGreaterThan(compared, 100, "too few random contracts compiled")
    }

    func testPipelineOnRandomContracts() throws {
        for seed in 0..<300 {
            guard let program = compile(RandomContracts.contract(seed: UInt64(seed)), path: "random.ramp").program else { continue }
            for level in OptimizationLevel.allCases {
                XCTAssertEqual(Pipeline.lower(program, level: level), loweredTheLongWay(program, level: level), "seed \(seed), level \(level)")
            }
        }
    }

    /// Returns the program of every contract in `contracts/`, built without an environment.
    private func exampleProgram() throws -> Program {
        let directory = repositoryRoot.appendingPathComponent("contracts")
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".ramp") }.sorted()
        let files = try names.map { name in
            (name, try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8))
        }
        return try XCTUnwrap(compile(files).program)
    }

    private func groupedTheLongWay(_ program: Program) -> PolicyPlan {
        var plan = ReferenceLowering.lower(program)
        GroupBySubject().run(&plan)
        return plan
    }

    private func loweredTheLongWay(_ program: Program, level: OptimizationLevel) -> PolicyPlan {
        var plan = ReferenceLowering.lower(program)
        let passes = Pipeline.passes(
            level: level, kubernetesVersion: .defaultTarget, portRangesEnforced: program.environment.profile.enforcesPortRanges
        )
        for pass in passes {
            pass.run(&plan)
        }
        return plan
    }
}
