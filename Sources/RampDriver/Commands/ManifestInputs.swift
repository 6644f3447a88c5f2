import Foundation
import RampAdoption
import RampDiagnostics
import RampKube
import RampSource
import RampSyntax
import RampYAML

/// Finds and reads the Kubernetes manifests named on the command line.
enum ManifestInputs {
    static let fileExtensions = ["yaml", "yml", "json"]
    /// What to pass instead of a FIFO or a device, which could block.
    static let standardInputAdvice = "pass '-' to read standard input"

    /// Expands directories to the manifests below them, sorted by path, and
    /// reads every file. `-` reads standard input. Problems are reported as
    /// diagnostics without a source location.
    static func read(_ paths: [String], diagnostics: DiagnosticEngine) -> [SourceFile] {
        var files: [SourceFile] = []
        var seen: Set<String> = []
        for path in paths {
            if path == "-" {
                files.append(SourceFile(path: "<stdin>", bytes: [UInt8](FileHandle.standardInput.readDataToEndOfFile())))
                continue
            }
            for filePath in expand(path, diagnostics: diagnostics) where seen.insert(filePath).inserted {
                if let file = InputFile.read(filePath, advice: standardInputAdvice, diagnostics: diagnostics) { files.append(file) }
            }
        }
        return files
    }

    private static func expand(_ path: String, diagnostics: DiagnosticEngine) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            diagnostics.emit(.fileUnreadable(path, reason: "no such file or directory"), at: nil)
            return []
        }
        guard isDirectory.boolValue else { return [path] }
        let found = (DirectorySearch.files(below: path, extensions: fileExtensions) ?? []).filter { !isSourceMap($0) }
        if found.isEmpty {
            diagnostics.emit(.fileUnreadable(path, reason: "the directory contains no .yaml, .yml or .json files"), at: nil)
        }
        return found
    }

    /// Returns whether `path` is a source map that `ramp build --source-map`
    /// wrote beside its YAML. Such maps are skipped in a directory, so that
    /// a build's output directory can be linted, imported or compared as it is.
    static func isSourceMap(_ path: String) -> Bool {
        guard path.hasSuffix(ManifestLayout.sourceMapName(".yaml")),
              let handle = FileHandle(forReadingAtPath: path)
        else { return false }
        defer { try? handle.close() }
        let prefix = handle.readData(ofLength: SourceMap.jsonPrefix.utf8.count)
        return String(decoding: prefix, as: UTF8.self) == SourceMap.jsonPrefix
    }

    /// Decodes the NetworkPolicies of the files. Objects of other kinds are
    /// skipped, with a warning when the kind looks like a misspelt
    /// NetworkPolicy. A file without any object gets a warning, because lint
    /// would otherwise pass it in silence and drift would read it as a
    /// cluster without policies. A namespace and name used twice is an
    /// error, and only the first of those policies is returned.
    static func policies(_ files: [SourceFile], diagnostics: DiagnosticEngine) -> [DecodedNetworkPolicy] {
        let decoder = NetworkPolicyDecoder()
        let decoded = files.flatMap { file in
            let documents = documents(of: file, expected: "NetworkPolicy", diagnostics: diagnostics)
            let result = decoder.decode(documents, diagnostics: diagnostics)
            result.skipped.forEach { reportMisspeltKind($0, diagnostics: diagnostics) }
            return result.policies
        }
        return DuplicatePolicies.removing(from: decoded, diagnostics: diagnostics)
    }

    /// Warns about a skipped object whose kind is close to `NetworkPolicy`,
    /// because lint would pass it in silence, import would leave it out and
    /// drift would read the cluster without it. Other kinds are common in
    /// exports and pass without a word.
    private static func reportMisspeltKind(_ skipped: SkippedObject, diagnostics: DiagnosticEngine) {
        guard let kind = skipped.kind,
              NameSuggestion.closest(to: kind, in: ["NetworkPolicy"], ignoringCase: true) != nil
        else { return }
        diagnostics.emit(.misspeltPolicyKind(kind, name: skipped.name), at: skipped.range)
    }

    /// Reads the workloads, Services and Namespaces of the files, with the
    /// same warning as `policies` for a file without any object. A file
    /// whose objects yield none of those gets a warning too, because the
    /// checks that read them would otherwise pass in silence.
    static func inventory(_ files: [SourceFile], diagnostics: DiagnosticEngine) -> WorkloadInventory {
        var inventory = WorkloadInventory()
        let reader = WorkloadReader()
        for file in files {
            let documents = documents(of: file, expected: "Kubernetes object", diagnostics: diagnostics)
            let countBefore = inventory.count
            reader.read(documents, into: &inventory)

            let hasObjects = documents.contains { !$0.hasErrors && !$0.root.isNull }
            if inventory.count == countBefore && hasObjects {
                diagnostics.emit(.noWorkloads(file.path), at: nil)
            }
        }
        return inventory
    }

    /// Reads the YAML documents of a manifest file and warns when it is
    /// empty or contains only comments and `---`, and at each character that
    /// reorders displayed text. `expected` names what the file should
    /// contain, for the warning.
    static func documents(of file: SourceFile, expected: String, diagnostics: DiagnosticEngine) -> [YAMLSourceDocument] {
        // YAML read from bytes that are not UTF-8, such as a file saved as
        // UTF-16, would fail with errors about the garbled text instead.
        if let offset = SourceFile.firstInvalidUTF8Offset(file.bytes) {
            diagnostics.emit(.invalidUTF8(offset: offset), at: SourceRange(file: file, start: offset, end: offset + 1))
            return []
        }
        for control in DirectionalControls.find(in: file.bytes) {
            diagnostics.emit(.manifestDirectionalControl(codePoint: control.codePoint, name: control.name), at: control.range(in: file))
        }
        let documents = YAMLReader().read(file, diagnostics: diagnostics)
        if documents.allSatisfy({ !$0.hasErrors && $0.root.isNull }) {
            diagnostics.emit(.emptyManifest(file.path, expected: expected), at: nil)
        }
        return documents
    }
}
