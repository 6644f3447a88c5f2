import RampDiagnostics
import RampKube

/// NetworkPolicies of manifests that share a namespace and name.
enum DuplicatePolicies {
    /// Reports each policy whose namespace and name an earlier one already
    /// has, because the API server keeps one object per namespace and name,
    /// and returns the policies without those later ones.
    static func removing(from policies: [DecodedNetworkPolicy], diagnostics: DiagnosticEngine) -> [DecodedNetworkPolicy] {
        var first: [String: DecodedNetworkPolicy] = [:]
        var unique: [DecodedNetworkPolicy] = []
        for decoded in policies {
            let key = decoded.policy.namespace + "/" + decoded.policy.name
            guard let earlier = first[key] else {
                first[key] = decoded
                unique.append(decoded)
                continue
            }
            diagnostics.emit(
                .duplicatePolicy(key), at: decoded.ranges.name ?? decoded.ranges.object,
                notes: [Note("first defined here", at: earlier.ranges.name ?? earlier.ranges.object)]
            )
        }
        return unique
    }
}
