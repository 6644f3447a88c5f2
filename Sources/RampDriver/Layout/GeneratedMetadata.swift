import RampKube

/// The label and annotation that mark every object ramp writes, so that
/// `ramp drift`, `kubectl apply --prune -l` and people can tell ramp's
/// objects from others and see whether one was changed by hand.
public enum GeneratedMetadata {
    /// `app.kubernetes.io/managed-by`, the recommended label for the tool that manages an object.
    public static let managedByLabel = "app.kubernetes.io/managed-by"
    public static let managedByValue = "ramp"
    public static let contractHashAnnotation = "ramp.dev/contract-hash"

    /// Returns the object with the label and the annotation added.
    ///
    /// The annotation is the SHA-256, in 64 hexadecimal digits, of what the
    /// contracts require of this one object: its YAML with the label but
    /// without comments and without the annotation. It changes exactly when
    /// the contracts change the object, so a one-line contract edit touches
    /// no other object, and an object edited by hand no longer matches it.
    static func apply(to object: RenderedPolicy) -> RenderedPolicy {
        var marked = object.policy
        marked.labels[managedByLabel] = managedByValue
        marked.annotations[contractHashAnnotation] = nil

        var hasher = SHA256()
        object.replacingMetadata(of: marked).hashWithoutComments(into: &hasher)
        marked.annotations[contractHashAnnotation] = SHA256.hexadecimal(hasher.finalize())
        return object.replacingMetadata(of: marked)
    }
}
