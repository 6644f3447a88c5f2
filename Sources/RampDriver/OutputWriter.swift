import Foundation

/// Writes generated files into the output directory.
///
/// Each file is written to a temporary file in the same directory and then
/// renamed over the old one, so a reader never sees half a file. Files left
/// from an earlier build are deleted only when they carry ramp's header.
struct OutputWriter {
    let directory: String

    struct WriteError: Error {
        let path: String
        let reason: String
    }

    func write(_ files: [String: String]) throws(WriteError) {
        try createDirectory()
        for name in files.keys.sorted() {
            try writeAtomically(files[name]!, to: directory + "/" + name)
        }
        try removeStale(keeping: Set(files.keys))
    }

    private func createDirectory() throws(WriteError) {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw WriteError(path: directory, reason: error.localizedDescription)
        }
    }

    private func writeAtomically(_ text: String, to path: String) throws(WriteError) {
        let data = Data(text.utf8)
        if FileManager.default.contents(atPath: path) == data { return }
        let temporary = directory + "/.\(UUID().uuidString).tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: data) else {
            throw WriteError(path: path, reason: "cannot create a temporary file in the output directory")
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: temporary)
            throw WriteError(path: path, reason: reason)
        }
    }

    private func removeStale(keeping kept: Set<String>) throws(WriteError) {
        let existing = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        for name in existing.sorted() where name.hasSuffix(".yaml") && !kept.contains(name) {
            let path = directory + "/" + name
            guard let data = FileManager.default.contents(atPath: path),
                  String(decoding: data.prefix(ManifestLayout.headerPrefix.utf8.count), as: UTF8.self) == ManifestLayout.headerPrefix
            else { continue }
            do {
                try FileManager.default.removeItem(atPath: path)
            } catch {
                throw WriteError(path: path, reason: error.localizedDescription)
            }
        }
    }
}
