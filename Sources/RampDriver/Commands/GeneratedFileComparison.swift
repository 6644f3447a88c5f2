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
        // Every file would be missing, and the advice to build into the
        // path would fail the same way.
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), !isDirectory.boolValue {
            diagnostics.emit(
                .fileUnreadable(directory, reason: "it is not a directory; give '-o' the directory that 'ramp build' writes"), at: nil
            )
            return
        }
        for name in expected.keys.sorted() {
            let path = directory + "/" + name
            guard let data = FileManager.default.contents(atPath: path) else {
                if FileManager.default.fileExists(atPath: path) {
                    diagnostics.emit(.fileUnreadable(path, reason: "the file exists but cannot be read, so it cannot be compared with a fresh build"), at: nil)
                } else {
                    diagnostics.emit(.generatedFileMissing(path, command: command), at: nil)
                }
                continue
            }
            let expectedData = Data(expected[name]!.utf8)
            if data != expectedData {
                diagnostics.emit(.generatedFileStale(path, command: command), at: nil, notes: commentNotes(data, expectedData))
            }
        }

        for name in generatedFiles(excluding: expected) {
            diagnostics.emit(.generatedFileExtra(directory + "/" + name, command: command), at: nil, notes: extraFileNotes(name))
        }
    }

    /// Names the layout that writes a kustomization, which a check of the
    /// plain layout would otherwise blame on a namespace.
    private func extraFileNotes(_ name: String) -> [Note] {
        guard name == Kustomization.fileName else { return [] }
        return [Note("'ramp build --layout kustomize' writes this file; when that build wrote it, give 'ramp check' '--layout kustomize' too")]
    }

    /// Explains a difference in comment lines alone. Those name the
    /// contract files as the build was given them, so a check given other
    /// paths, or run from another directory, differs only there. The first
    /// line names the contract files of the namespace, so when it matches,
    /// the paths are most likely the same and a comment was edited by hand.
    private func commentNotes(_ found: Data, _ expected: Data) -> [Note] {
        guard GeneratedFileComparison.lines(of: found) == GeneratedFileComparison.lines(of: expected) else { return [] }
        guard GeneratedFileComparison.firstLine(of: found) == GeneratedFileComparison.firstLine(of: expected) else {
            return [Note("only comment lines differ, such as the contract paths they name; give 'ramp check' the contract paths that 'ramp build' was given, from the same directory")]
        }
        return [Note("only comment lines differ, and the header names the same contract files, so a comment was likely edited by hand")]
    }

    private static func firstLine(of data: Data) -> Data.SubSequence {
        data.prefix { $0 != UInt8(ascii: "\n") }
    }

    /// Returns the lines that are not comments.
    private static func lines(of data: Data) -> [Data.SubSequence] {
        data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).filter { line in
            line.first { $0 != UInt8(ascii: " ") } != UInt8(ascii: "#")
        }
    }

    /// Returns the regular `.yaml` files in the directory whose first line is
    /// ramp's header, sorted, other than the expected ones. Those are not
    /// read, because reading every file of a large directory once more took
    /// a twentieth of a check. A build never deletes a symbolic link, so a
    /// link to a generated file is not one that a fresh build would remove.
    private func generatedFiles(excluding expected: [String: String]) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { name in
            guard expected[name] == nil else { return false }
            let path = directory + "/" + name
            guard name.hasSuffix(".yaml"),
                  (try? FileManager.default.attributesOfItem(atPath: path)[.type] as? FileAttributeType) == .typeRegular,
                  let data = FileManager.default.contents(atPath: path)
            else { return false }
            return data.starts(with: Data(ManifestLayout.headerPrefix.utf8))
        }.sorted()
    }
}
