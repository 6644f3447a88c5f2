import Foundation
import RampDiagnostics
import RampDriver
import RampKube
import RampSource
import XCTest

/// The repository root, found from this file's path so tests run from any directory.
let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// Compiles contract texts given as path/text pairs.
func compile(_ files: [(String, String)]) -> Compilation {
    var compilation = Compilation()
    compilation.compile(files.map { SourceFile(path: $0.0, text: $0.1) })
    return compilation
}

func compile(_ text: String, path: String = "test.ramp") -> Compilation {
    compile([(path, text)])
}

/// Returns the rendered YAML of every namespace, concatenated in file-name order.
func yaml(_ compilation: Compilation) -> String {
    guard let program = compilation.program else { return "" }
    let files = ManifestLayout.render(compilation.policies, program: program, version: "test")
    return files.keys.sorted().map { files[$0]! }.joined()
}

/// Returns the diagnostics as `line:column: severity: message` lines.
func messages(_ compilation: Compilation) -> [String] {
    compilation.diagnostics.sorted().map { diagnostic in
        guard let range = diagnostic.range else { return "\(diagnostic.severity.rawValue): \(diagnostic.message)" }
        let (line, column) = range.file.lineAndColumn(of: range.start)
        return "\(line):\(column): \(diagnostic.severity.rawValue): \(diagnostic.message)"
    }
}

/// Runs the driver in process and captures its output.
func runRamp(_ arguments: [String], environment: [String: String] = [:]) -> (status: Int32, output: String, error: String) {
    var output = ""
    var error = ""
    let driver = Driver(
        standardOutput: { output += $0 },
        standardError: { error += $0 },
        environment: environment,
        standardErrorIsTerminal: false
    )
    let status = driver.run(arguments)
    return (status.rawValue, output, error)
}

func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("ramp-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Returns `count` namespaces in a ring, each with a dependency of its own
/// and a statement `only in` one environment from a pod of its own to one
/// of the next namespace, which isolates both in that environment alone.
func namespaceRing(_ count: Int, onlyIn environment: String) -> String {
    (0..<count).map { index in
        """
        namespace n\(index) {
          service a [app=a] ports http:80
          service b [app=b] ports http:80
          a -> b:http
          b -> n\((index + 1) % count)/a:http only in \(environment)
        }

        """
    }.joined()
}
