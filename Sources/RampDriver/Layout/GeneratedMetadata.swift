import RampKube
import RampYAML

/// The label and annotation that mark every object ramp writes, so that
/// `ramp drift`, `kubectl apply --prune -l` and people can tell ramp's
/// objects from others and see whether one was changed by hand.
public enum GeneratedMetadata {
    /// `app.kubernetes.io/managed-by`, the recommended label for the tool that manages an object.
    public static let managedByLabel = "app.kubernetes.io/managed-by"
    public static let managedByValue = "ramp"
    public static let contractHashAnnotation = "ramp.dev/contract-hash"

    /// Returns the policy with the label and the annotation added.
    ///
    /// The annotation is the SHA-256, in 64 hexadecimal digits, of what the
    /// contracts require of this one object: its YAML with the label but
    /// without comments and without the annotation. It changes exactly when
    /// the contracts change the object, so a one-line contract edit touches
    /// no other object, and an object edited by hand no longer matches it.
    public static func apply(to policy: NetworkPolicy) -> NetworkPolicy {
        var marked = policy
        marked.labels[managedByLabel] = managedByValue
        marked.annotations[contractHashAnnotation] = nil
        marked.annotations[contractHashAnnotation] = contractHash(of: marked)
        return marked
    }

    /// Returns the hash that `apply` would write for `policy`.
    public static func contractHash(of policy: NetworkPolicy) -> String {
        var unmarked = policy.withoutComments
        unmarked.annotations[contractHashAnnotation] = nil
        let text = YAMLEmitter().emit(header: [], documents: [unmarked.yamlDocument])
        return SHA256.hexDigest(of: Array(text.utf8))
    }
}
