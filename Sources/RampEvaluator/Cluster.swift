import RampKube

/// A cluster description for concrete queries: namespaces with labels, and
/// pods with labels and container ports. Pods are looked up as `namespace/name`.
public struct Cluster: Sendable {
    public private(set) var namespaces: [String: Namespace] = [:]
    public private(set) var pods: [String: Pod] = [:]

    public init() {}

    /// Adds a namespace, replacing one of the same name. Pods added
    /// afterwards see its labels, pods added before keep the old ones.
    public mutating func addNamespace(_ name: String, labels: [String: String] = [:]) {
        namespaces[name] = Namespace(name: name, labels: labels)
    }

    /// Adds a pod. A namespace that was not added is created without labels
    /// other than its name label.
    public mutating func addPod(
        _ name: String,
        namespace namespaceName: String,
        labels: [String: String] = [:],
        containerPorts: [ContainerPort] = []
    ) {
        let namespace = namespaces[namespaceName] ?? Namespace(name: namespaceName)
        namespaces[namespaceName] = namespace
        pods[namespaceName + "/" + name] = Pod(name: name, namespace: namespace, labels: labels, containerPorts: containerPorts)
    }

    /// Returns the pod written as `namespace/name`, or nil when there is none.
    public func endpoint(_ qualifiedName: String) -> Endpoint? {
        pods[qualifiedName].map(Endpoint.pod)
    }
}
