import Foundation

/// Writes source maps beside the generated YAML and deletes the maps of
/// earlier builds that no longer match.
///
/// Like `OutputWriter`, it writes each file to a temporary file and renames
/// it into place, and deletes only files that carry ramp's marker.
struct SourceMapWriter {
    let directory: String

    /// Writes `maps`, keyed by YAML file name, and deletes every other map
    /// that ramp wrote into the directory. An empty `maps` deletes them all,
    /// which is what a build without `--source-map` does, because its YAML
    /// no longer matches the old maps.
    func write(_ maps: [String: SourceMap]) throws(OutputError) {
        var written: Set<String> = []
        for yamlName in maps.keys.sorted() {
            let name = ManifestLayout.sourceMapName(yamlName)
            try writeAtomically(maps[yamlName]!.json, to: directory + "/" + name)
            written.insert(name)
        }
        try removeStale(keeping: written)
    }

    private func writeAtomically(_ text: String, to path: String) throws(OutputError) {
        let data = Data(text.utf8)
        if FileManager.default.contents(atPath: path) == data { return }
        let temporary = directory + "/.\(UUID().uuidString).tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: data) else {
            throw OutputError.unwritable(path, reason: "cannot create a temporary file in the output directory")
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: temporary)
            throw OutputError.unwritable(path, reason: reason)
        }
    }

    private func removeStale(keeping kept: Set<String>) throws(OutputError) {
        let existing = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        // Only the maps are sorted, because the directory contains a YAML
        // file per namespace, and sorting every name would cost more than the rest.
        let maps = existing.filter { $0.hasSuffix(".yaml.map.json") }
        for name in maps.sorted() where !kept.contains(name) {
            let path = directory + "/" + name
            guard let data = FileManager.default.contents(atPath: path),
                  String(decoding: data.prefix(SourceMap.jsonPrefix.utf8.count), as: UTF8.self) == SourceMap.jsonPrefix
            else { continue }
            do {
                try FileManager.default.removeItem(atPath: path)
            } catch {
                throw OutputError.unwritable(path, reason: error.localizedDescription)
            }
        }
    }
}
