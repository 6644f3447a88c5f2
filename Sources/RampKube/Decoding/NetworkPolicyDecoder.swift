import RampDiagnostics
import RampSource
import RampYAML

/// Decodes `networking.k8s.io/v1` NetworkPolicy objects from YAML documents,
/// as kubectl prints them (YAML or JSON, single objects or `kind: List`)
/// and as people write them.
///
/// Objects of other kinds are returned as skipped. Metadata other than the
/// name and namespace, and `status`, are ignored. In `spec` and below, an
/// unknown field, a value of the wrong type or a value that the API server
/// would reject is reported at its position, and the object is left out.
public struct NetworkPolicyDecoder: Sendable {
    /// The namespace of a manifest that names none, as `kubectl apply`
    /// takes it from the current context.
    public var defaultNamespace: String

    public init(defaultNamespace: String = "default") {
        self.defaultNamespace = defaultNamespace
    }

    /// Reads and decodes every document of `file`.
    public func decode(_ file: SourceFile, diagnostics: DiagnosticEngine) -> NetworkPolicyDecodingResult {
        decode(YAMLReader().read(file, diagnostics: diagnostics), diagnostics: diagnostics)
    }

    /// Decodes documents from `YAMLReader`. Empty documents and documents
    /// with syntax errors, which the reader has reported, are passed over.
    public func decode(_ documents: [YAMLSourceDocument], diagnostics: DiagnosticEngine) -> NetworkPolicyDecodingResult {
        var result = NetworkPolicyDecodingResult()
        for document in documents where !document.hasErrors && !document.root.isNull {
            decodeObject(document.root, comments: document.comments, listDepth: 0, diagnostics: diagnostics, into: &result)
        }
        return result
    }

    // MARK: - Objects and lists

    /// Lists may contain lists, which are decoded down to this depth.
    private static let maximumListDepth = 8

    /// Decodes one object. `comments` are the comment lines above it, which
    /// become the policy's comments.
    private func decodeObject(
        _ value: YAMLValue, comments: [String], listDepth: Int, diagnostics: DiagnosticEngine, into result: inout NetworkPolicyDecodingResult) {
        guard let header = ObjectHeader(value, diagnostics: diagnostics) else { return }

        if header.kind.hasSuffix("List"), let items = value["items"], listDepth < NetworkPolicyDecoder.maximumListDepth {
            decodeList(items, listDepth: listDepth, diagnostics: diagnostics, into: &result)
            return
        }
        guard header.kind == "NetworkPolicy" else {
            result.skipped.append(SkippedObject(apiVersion: header.apiVersion, kind: header.kind, name: header.name, range: value.range))
            return
        }
        guard header.apiVersion == "networking.k8s.io/v1" else {
            diagnostics.emit(.manifestUnsupportedAPIVersion(header.apiVersion), at: header.apiVersionRange)
            return
        }

        let object = NetworkPolicyObjectDecoder(diagnostics: diagnostics, defaultNamespace: defaultNamespace)
        if let decoded = object.decode(value, comments: comments) { result.policies.append(decoded) }
    }

    private func decodeList(_ items: YAMLValue, listDepth: Int, diagnostics: DiagnosticEngine, into result: inout NetworkPolicyDecodingResult) {
        if items.isNull { return }
        guard let objects = items.sequence else {
            diagnostics.emit(.manifestWrongType("items", expected: "a sequence", found: items.kindDescription), at: items.range)
            return
        }
        for object in objects {
            decodeObject(object, comments: object.comments, listDepth: listDepth + 1, diagnostics: diagnostics, into: &result)
        }
    }
}

/// The `apiVersion`, `kind` and name that identify an object, read before
/// the decoder has chosen how to decode it.
private struct ObjectHeader {
    let apiVersion: String
    let apiVersionRange: SourceRange
    let kind: String
    let name: String?

    /// Reads the header, reporting a value that is not an object.
    init?(_ value: YAMLValue, diagnostics: DiagnosticEngine) {
        guard value.mapping != nil else {
            diagnostics.emit(.manifestNotObject(found: value.kindDescription), at: value.range)
            return nil
        }
        guard let apiVersionValue = ObjectHeader.requiredString("apiVersion", in: value, diagnostics: diagnostics),
              let kindValue = ObjectHeader.requiredString("kind", in: value, diagnostics: diagnostics) else {
            return nil
        }
        apiVersion = apiVersionValue.0
        apiVersionRange = apiVersionValue.1
        kind = kindValue.0
        if case .string(let text)? = value["metadata"]?["name"]?.resolvedScalar {
            name = text
        } else {
            name = nil
        }
    }

    private static func requiredString(_ key: String, in value: YAMLValue, diagnostics: DiagnosticEngine) -> (String, SourceRange)? {
        guard let field = value[key] else {
            diagnostics.emit(.manifestMissingField(key, in: "the object"), at: value.range)
            return nil
        }
        guard case .string(let text)? = field.resolvedScalar else {
            diagnostics.emit(.manifestWrongType(key, expected: "a string", found: field.kindDescription), at: field.range)
            return nil
        }
        return (text, field.range)
    }
}
