import Foundation
import RampDiagnostics
import RampDriver
import RampSource
import XCTest

/// Compiles every contract in `Diagnostics/` and compares its diagnostics
/// with the expectations written beside the offending lines:
///
///     web -> db:5432 extra  # expected-error@18 {{expected end of line ...}}
///
/// `@COLUMN` refers to the comment's own line and `@LINE:COLUMN` to any line.
/// A missing or an unexpected diagnostic fails the test, with its location.
///
/// A file compiles without `--env` unless a line `# compile-with: --env NAME`
/// names the environment to build.
final class DiagnosticCorpusTests: XCTestCase {
    struct Expectation: Hashable, CustomStringConvertible {
        let line: Int
        let column: Int
        let severity: String
        let message: String

        var description: String { "\(line):\(column): \(severity): \(message)" }
    }

    func testCorpus() throws {
        let directory = repositoryRoot.appendingPathComponent("Tests/RampCompilerTests/Diagnostics")
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".ramp") }.sorted()
        XCTAssertFalse(names.isEmpty, "the corpus must not be empty")
        for name in names {
            let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
            check(name, text: text)
        }
    }

    private func check(_ name: String, text: String) {
        let expected = Set(expectations(in: text))
        XCTAssertFalse(expected.isEmpty, "\(name) states no expectations")
        var compilation = Compilation()
        compilation.environment = environment(in: text, name: name)
        compilation.compile([SourceFile(path: name, text: text)])
        let actual = Set(compilation.diagnostics.diagnostics.compactMap { diagnostic -> Expectation? in
            guard let range = diagnostic.range else { return nil }
            let (line, column) = range.file.lineAndColumn(of: range.start)
            return Expectation(line: line, column: column, severity: diagnostic.severity.rawValue, message: diagnostic.message)
        })
        for missing in expected.subtracting(actual).sorted(by: { $0.line < $1.line }) {
            XCTFail("\(name):\(missing.line):\(missing.column): missing \(missing.severity): \(missing.message)")
        }
        for unexpected in actual.subtracting(expected).sorted(by: { $0.line < $1.line }) {
            XCTFail("\(name):\(unexpected.line):\(unexpected.column): unexpected \(unexpected.severity): \(unexpected.message)")
        }
    }

    /// Returns the environment that a `# compile-with: --env NAME` line names.
    private func environment(in text: String, name: String) -> String? {
        for line in text.components(separatedBy: "\n") where line.hasPrefix("# compile-with:") {
            let arguments = line.dropFirst("# compile-with:".count).split(separator: " ").map(String.init)
            guard arguments.count == 2, arguments[0] == "--env" else {
                XCTFail("\(name): 'compile-with' supports only '--env NAME', found '\(arguments.joined(separator: " "))'")
                return nil
            }
            return arguments[1]
        }
        return nil
    }

    private func expectations(in text: String) -> [Expectation] {
        let pattern = try! NSRegularExpression(pattern: #"expected-(error|warning)@(?:(\d+):)?(\d+) \{\{(.*?)\}\}"#)
        var result: [Expectation] = []
        for (index, line) in text.components(separatedBy: "\n").enumerated() {
            let range = NSRange(line.startIndex..., in: line)
            for match in pattern.matches(in: line, range: range) {
                func group(_ number: Int) -> String? {
                    Range(match.range(at: number), in: line).map { String(line[$0]) }
                }
                result.append(Expectation(
                    line: group(2).flatMap { Int($0) } ?? index + 1,
                    column: Int(group(3)!)!,
                    severity: group(1)!,
                    message: group(4)!
                ))
            }
        }
        return result
    }
}
