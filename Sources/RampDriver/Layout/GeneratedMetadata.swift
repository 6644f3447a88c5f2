import RampKube
import RampSource

/// The label and annotation that mark every object ramp writes, so that
/// `ramp drift`, `kubectl apply --prune -l` and people can tell ramp's
/// objects from others and see which contracts produced them.
public struct GeneratedMetadata: Sendable {
    /// `app.kubernetes.io/managed-by`, the recommended label for the tool that manages an object.
    public static let managedByLabel = "app.kubernetes.io/managed-by"
    public static let managedByValue = "ramp"
    public static let contractHashAnnotation = "ramp.dev/contract-hash"

    /// 64 hexadecimal digits.
    public let contractHash: String

    public init(contractHash: String) {
        self.contractHash = contractHash
    }

    /// Hashes the contract files: SHA-256 over the files sorted by path, each
    /// written as its length in bytes, a newline and its bytes. Paths are not
    /// hashed, so the value does not depend on the directory ramp ran in.
    /// Every object of one build carries the same hash, whichever files its
    /// namespace came from, because a network or an environment declared in
    /// one file can change the objects of every namespace.
    public init(sources: [SourceFile]) {
        var hasher = SHA256()
        for file in sources.sorted(by: { $0.path < $1.path }) {
            hasher.update(Array("\(file.bytes.count)\n".utf8))
            hasher.update(file.bytes)
        }
        contractHash = SHA256.hexadecimal(hasher.finalize())
    }

    /// Returns the policy with the label and the annotation added.
    func apply(to policy: NetworkPolicy) -> NetworkPolicy {
        var marked = policy
        marked.labels[GeneratedMetadata.managedByLabel] = GeneratedMetadata.managedByValue
        marked.annotations[GeneratedMetadata.contractHashAnnotation] = contractHash
        return marked
    }
}
