import Foundation
import RampDiagnostics

/// A comparison of one directory with the files that a fresh build writes there.
struct GeneratedFileComparison {
    let directory: String
    /// The `ramp build` command that brings the directory up to date, for the messages.
    let command: String

    /// Reports each expected file that is missing or differs byte for byte,
    /// and each file with ramp's header that the build would delete.
    func compare(_ expected: [String: String], diagnostics: DiagnosticEngine) {
        for name in expected.keys.sorted() {
            let path = directory + "/" + name
            guard let data = FileManager.default.contents(atPath: path) else {
                diagnostics.emit(.generatedFileMissing(path, command: command), at: nil)
                continue
            }
            if data != Data(expected[name]!.utf8) {
                diagnostics.emit(.generatedFileStale(path, command: command), at: nil)
            }
        }

        for name in generatedFiles() where expected[name] == nil {
            diagnostics.emit(.generatedFileExtra(directory + "/" + name, command: command), at: nil)
        }
    }

    /// Returns the `.yaml` files in the directory whose first line is ramp's header, sorted.
    private func generatedFiles() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { name in
            guard name.hasSuffix(".yaml"), let data = FileManager.default.contents(atPath: directory + "/" + name) else { return false }
            return data.starts(with: Data(ManifestLayout.headerPrefix.utf8))
        }.sorted()
    }
}
