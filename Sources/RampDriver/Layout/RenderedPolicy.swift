import RampKube
import RampYAML

/// One generated object with its YAML written once per build. The object
/// limits, the contract hash and the file text all come from these bytes.
/// Only the metadata is written again for each of them, because ramp's label
/// and annotation change it and it is a few lines.
public struct RenderedPolicy: Sendable {
    public let policy: NetworkPolicy
    /// The comment lines above the object.
    let comments: YAMLBuffer
    /// `spec:` and everything under it, with the comment lines of the rules recorded.
    let spec: YAMLBuffer

    init(_ policy: NetworkPolicy) {
        self.policy = policy
        var comments = YAMLBuffer()
        policy.writeYAMLComments(to: &comments)
        self.comments = comments
        var spec = YAMLBuffer(capacity: 256, recordsComments: true)
        policy.writeYAMLSpec(to: &spec)
        spec.trimCapacity()
        self.spec = spec
    }

    private init(_ policy: NetworkPolicy, comments: YAMLBuffer, spec: YAMLBuffer) {
        self.policy = policy
        self.comments = comments
        self.spec = spec
    }

    /// Renders every policy, in order, on all processor cores.
    public static func render(_ policies: [NetworkPolicy]) -> [RenderedPolicy] {
        policies.concurrentMap(RenderedPolicy.init)
    }

    /// Returns the same object with other metadata, which leaves the
    /// comments and the spec, and so their bytes, as they are.
    func replacingMetadata(of changed: NetworkPolicy) -> RenderedPolicy {
        RenderedPolicy(changed, comments: comments, spec: spec)
    }

    /// The size of the object's YAML document without comments, `---`
    /// included. `kubectl apply` converts the document to JSON, which drops
    /// the comments, so they do not count towards its limits.
    var byteCount: Int {
        var head = YAMLBuffer()
        policy.writeYAMLHead(to: &head)
        let commentBytes = spec.commentRanges.reduce(0) { $0 + $1.count }
        return 4 + head.count + spec.count - commentBytes
    }

    /// Writes the document as `YAMLEmitter` writes `policy.yamlDocument`.
    func writeDocument(to buffer: inout YAMLBuffer) {
        buffer.append("---\n")
        buffer.append(comments)
        policy.writeYAMLHead(to: &buffer)
        buffer.append(spec)
    }

    /// Feeds the document without any comment line to `hasher`: the text
    /// that `YAMLEmitter` writes for `policy.withoutComments.yamlDocument`.
    func hashWithoutComments(into hasher: inout SHA256) {
        var head = YAMLBuffer()
        head.append("---\n")
        policy.writeYAMLHead(to: &head)
        hasher.update(head.bytes)

        spec.bytes.withUnsafeBufferPointer { bytes in
            var start = 0
            for range in spec.commentRanges {
                hasher.update(UnsafeBufferPointer(rebasing: bytes[start..<range.lowerBound]))
                start = range.upperBound
            }
            hasher.update(UnsafeBufferPointer(rebasing: bytes[start...]))
        }
    }
}
