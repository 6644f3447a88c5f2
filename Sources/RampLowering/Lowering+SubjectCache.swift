import RampIR
import RampKube

extension Lowering {
    /// A namespace-wide endpoint and the direction its subjects are isolated for.
    struct SubjectQuery: Hashable {
        let endpoint: Endpoint
        let direction: NetworkPolicy.PolicyType
    }

    /// Returns `isolatedSubjects(of:direction:)`, computed once for each
    /// namespace-wide endpoint. Such an endpoint scans every namespace, so
    /// 100,000 dependencies on `namespaces [...]` over 5,000 namespaces took
    /// a minute. The subjects do not change while rules are added.
    mutating func cachedIsolatedSubjects(of endpoint: Endpoint, direction: NetworkPolicy.PolicyType) -> [SubjectKey] {
        switch endpoint {
        case .service, .external:
            return isolatedSubjects(of: endpoint, direction: direction)
        case .namespace, .namespaces, .cluster:
            let query = SubjectQuery(endpoint: endpoint, direction: direction)
            if let cached = subjectCache[query] { return cached }
            let subjects = isolatedSubjects(of: endpoint, direction: direction)
            subjectCache[query] = subjects
            return subjects
        }
    }
}
