import RampYAML

/// The arrangement of the files that `ramp build` writes.
public enum OutputLayout: String, Sendable, CaseIterable {
    /// One `<namespace>.yaml` per namespace, for `kubectl apply -f <dir>`.
    case plain
    /// The same files and a `kustomization.yaml` that lists them, for
    /// `kubectl apply -k <dir>` and for other kustomizations to include.
    case kustomize
}

/// Writes the `kustomization.yaml` of the kustomize layout.
enum Kustomization {
    static let fileName = "kustomization.yaml"

    /// Returns the file: ramp's header, so that a later build with another
    /// layout deletes it, and the resources in file-name order.
    static func render(resources: [String], version: String) -> String {
        let header = [
            "\(ManifestLayout.headerText) \(version). Do not edit: it lists the files that ramp writes",
            "beside it, and 'ramp build --layout kustomize' rewrites it.",
        ]
        let document = YAMLDocument(.mapping([
            YAMLEntry("apiVersion", .string("kustomize.config.k8s.io/v1beta1")),
            YAMLEntry("kind", .string("Kustomization")),
            YAMLEntry("resources", .sequence(resources.sorted().map { YAMLItem(.string($0)) })),
        ]))
        // A kustomization is one document, so the document marker is left out.
        let text = YAMLEmitter().emit(header: header, documents: [document])
        return text.replacingOccurrences(of: "\n---\n", with: "\n")
    }
}
