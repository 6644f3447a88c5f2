import Foundation
import RampAdoption
import RampDiagnostics
import RampDriver
import RampKube
import RampSource

let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

func sourceFile(_ relativePath: String) -> SourceFile {
    let url = fixtures.appendingPathComponent(relativePath)
    return SourceFile(path: relativePath, bytes: [UInt8]((try? Data(contentsOf: url)) ?? Data()))
}

func decode(_ files: [SourceFile], diagnostics: DiagnosticEngine) -> [DecodedNetworkPolicy] {
    files.flatMap { NetworkPolicyDecoder().decode($0, diagnostics: diagnostics).policies }
}

func inventory(_ files: [SourceFile], diagnostics: DiagnosticEngine) -> WorkloadInventory {
    var result = WorkloadInventory()
    for file in files { WorkloadReader().read(file, diagnostics: diagnostics, into: &result) }
    return result
}

/// Returns the diagnostics as `path:line: CODE` lines, in reading order.
func codes(_ diagnostics: DiagnosticEngine) -> [String] {
    diagnostics.sorted().map { diagnostic in
        guard let range = diagnostic.range else { return diagnostic.id.code }
        return "\(range.file.path):\(range.file.lineAndColumn(of: range.start).line): \(diagnostic.id.code)"
    }
}

/// Runs the driver in process and captures its output.
func runRamp(_ arguments: [String]) -> (status: Int32, output: String, error: String) {
    var output = ""
    var error = ""
    let driver = Driver(standardOutput: { output += $0 }, standardError: { error += $0 }, environment: [:], standardErrorIsTerminal: false)
    let status = driver.run(arguments)
    return (status.rawValue, output, error)
}

func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("ramp-adoption-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
