import Foundation

/// Lists the files below a directory named on the command line.
enum DirectorySearch {
    /// Returns the paths of the files below `directory` whose names end with
    /// one of `extensions`, each as `directory` followed by the path inside
    /// it, sorted so that output does not depend on directory order. Returns
    /// nil when the directory cannot be listed.
    ///
    /// A symbolic link given as `directory` is followed, as a shell user
    /// expects of `contracts -> ../shared/contracts`. Links to directories
    /// below it are not followed, so a link that points back up cannot make
    /// the search endless.
    static func files(below directory: String, extensions: [String]) -> [String]? {
        let base = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        let target = URL(fileURLWithPath: base).resolvingSymlinksInPath().path
        guard let enumerator = FileManager.default.enumerator(atPath: target) else { return nil }
        return enumerator.compactMap { $0 as? String }
            .filter { name in extensions.contains { name.hasSuffix("." + $0) } }
            .map { base + "/" + $0 }
            .sorted()
    }
}
