import XCTest

final class RandomContractTests: XCTestCase {
    func testGeneratorIsDeterministic() {
        XCTAssertEqual(RandomContracts.contract(seed: 42), RandomContracts.contract(seed: 42))
        XCTAssertNotEqual(RandomContracts.contract(seed: 42), RandomContracts.contract(seed: 43))
    }

    /// Every generated contract is valid, so property tests exercise the
    /// lowering and not the error paths.
    func testGeneratedContractsCompile() {
        for seed in 0..<300 {
            let text = RandomContracts.contract(seed: UInt64(seed))
            let compilation = compile(text, path: "random.ramp")
            XCTAssertEqual(messages(compilation).filter { $0.contains("error") }, [], "seed \(seed):\n\(text)")
        }
    }
}
