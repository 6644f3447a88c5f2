import RampEvaluator
import RampKube

/// Writes the evaluator's verdict on one connection in contract terms, with
/// the location of every policy and rule it names.
public struct VerdictText {
    let vocabulary: ContractVocabulary
    let sources: any PolicySources

    public init(vocabulary: ContractVocabulary, sources: any PolicySources) {
        self.vocabulary = vocabulary
        self.sources = sources
    }

    /// Returns one line such as `blocked: a pod of shop/web -> a pod of
    /// shop/api on TCP 8080; egress: not isolated; ingress: isolated by
    /// shop/api (shop.ramp:4:11), no rule admits it`.
    public func describe(_ verdict: Verdict) -> String {
        let head = (verdict.isAllowed ? "allowed: " : "blocked: ") + describeConnection(verdict.connection)
        let egress = "egress: " + describe(verdict.egress, connection: verdict.connection)
        let ingress = "ingress: " + describe(verdict.ingress, connection: verdict.connection)
        return [head, egress, ingress].joined(separator: "; ")
    }

    /// Returns the connection as `a pod of shop/web -> a pod of shop/api on TCP 8080`.
    public func describeConnection(_ connection: Connection) -> String {
        var text = "\(vocabulary.describe(connection.source)) -> \(vocabulary.describe(connection.destination))"
        text += " on \(connection.protocol.rawValue) \(connection.port)"
        if case .pod(let pod) = connection.destination {
            let names = pod.containerPorts.filter { $0.protocol == connection.protocol && $0.containerPort == connection.port }.compactMap(\.name)
            if !names.isEmpty { text += " (named " + names.map { "'\($0)'" }.joined(separator: ", ") + ")" }
        }
        return text
    }

    private func describe(_ side: DirectionVerdict, connection: Connection) -> String {
        switch side {
        case .external:
            return "outside the cluster, no policies apply"
        case .notIsolated:
            return "not isolated"
        case .admitted(let rules):
            return "admitted by " + rules.map { $0.description + locations(sources.sources(of: $0, admitting: connection)) }.joined(separator: ", ")
        case .denied(let policies):
            let list = policies.map { $0.description + locations(sources.sources(of: $0)) }.joined(separator: ", ")
            return "isolated by \(list), no rule admits it"
        }
    }

    private func locations(_ places: [PolicySource]) -> String {
        var seen: Set<String> = []
        let unique = places.map(\.location).filter { seen.insert($0).inserted }
        return unique.isEmpty ? "" : " (" + unique.joined(separator: ", ") + ")"
    }
}
