import Foundation
import RampDiagnostics
import RampKube
import RampSource

/// Finds, reads and decodes the NetworkPolicy manifests given to `ramp test --policies`.
enum PolicyInputs {
    static let fileExtensions = ["yaml", "yml", "json"]

    struct Result {
        var policies: [DecodedNetworkPolicy] = []
        /// True when a path could not be read, which is an I/O error rather than a manifest error.
        var hasUnreadablePath = false
    }

    /// Reads every manifest, reporting YAML and decoding problems at their
    /// positions, objects of other kinds and files without any object as
    /// warnings, and a namespace and name used twice as an error. The path
    /// `-` reads standard input, such as the output of `kubectl get
    /// networkpolicy -A -o yaml` piped to `ramp test --policies - contracts`.
    static func read(_ paths: [String], diagnostics: DiagnosticEngine) -> Result {
        var result = Result()
        var seen: Set<String> = []
        for path in paths {
            if path == "-" {
                let input = SourceFile(path: "<stdin>", bytes: [UInt8](FileHandle.standardInput.readDataToEndOfFile()))
                result.policies += decode(input, diagnostics: diagnostics)
                continue
            }
            guard let files = expand(path, diagnostics: diagnostics) else {
                result.hasUnreadablePath = true
                continue
            }
            for filePath in files where seen.insert(filePath).inserted {
                guard let file = InputFile.read(filePath, advice: ManifestInputs.standardInputAdvice, diagnostics: diagnostics) else {
                    result.hasUnreadablePath = true
                    continue
                }
                result.policies += decode(file, diagnostics: diagnostics)
            }
        }
        result.policies = DuplicatePolicies.removing(from: result.policies, diagnostics: diagnostics)
        if result.policies.isEmpty && !diagnostics.hasErrors {
            diagnostics.emit(.noPoliciesFound(paths), at: nil)
        }
        return result
    }

    /// Returns the NetworkPolicies of one file, and warns about each object of another kind.
    private static func decode(_ file: SourceFile, diagnostics: DiagnosticEngine) -> [DecodedNetworkPolicy] {
        let documents = ManifestInputs.documents(of: file, expected: "NetworkPolicy", diagnostics: diagnostics)
        let decoded = NetworkPolicyDecoder().decode(documents, diagnostics: diagnostics)
        for skipped in decoded.skipped {
            diagnostics.emit(.objectSkipped(kind: skipped.kind ?? "object", name: skipped.name), at: skipped.range)
        }
        return decoded.policies
    }

    /// Returns the file itself, or the manifest files below a directory sorted by path; nil when the path does not exist.
    private static func expand(_ path: String, diagnostics: DiagnosticEngine) -> [String]? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            diagnostics.emit(.fileUnreadable(path, reason: "no such file or directory"), at: nil)
            return nil
        }
        guard isDirectory.boolValue else { return [path] }

        guard let found = DirectorySearch.files(below: path, extensions: fileExtensions) else {
            diagnostics.emit(.fileUnreadable(path, reason: "the directory cannot be listed"), at: nil)
            return nil
        }
        return found.filter { !ManifestInputs.isSourceMap($0) }
    }
}
