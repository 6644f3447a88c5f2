import RampEvaluator

/// Words for the example connection of a drift finding. The evaluator's
/// example pods carry made-up names, which no cluster has, so an example
/// names each pod by what NetworkPolicy reads of it: its labels and its
/// namespace.
enum DriftExample {
    static func describe(_ connection: Connection) -> String {
        "\(describe(connection.source)) -> \(describe(connection.destination)) on \(connection.protocol.rawValue) \(connection.port)"
    }

    static func describe(_ endpoint: Endpoint) -> String {
        switch endpoint {
        case .ipAddress(let address):
            return "address \(address)"
        case .pod(let pod):
            let labels = pod.labels.isEmpty ? "a pod without labels" : "a pod " + labelList(pod.labels)
            return labels + " in " + describe(pod.namespace)
        }
    }

    /// Returns the namespace name, and its other labels where it has some,
    /// because namespace selectors may read them.
    private static func describe(_ namespace: Namespace) -> String {
        let labels = namespace.labels.filter { $0.key != Namespace.nameLabel }
        let name = "namespace '\(namespace.name)'"
        return labels.isEmpty ? name : name + " labelled " + labelList(labels)
    }

    private static func labelList(_ labels: [String: String]) -> String {
        "{" + labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",") + "}"
    }
}
