import RampDiagnostics
import RampKube
import RampSource

/// A container port as a pod template declares it.
public struct WorkloadPort: Hashable, Sendable {
    public let name: String?
    public let `protocol`: NetworkProtocol
    public let number: Int

    public init(name: String?, protocol: NetworkProtocol, number: Int) {
        self.name = name
        self.protocol = `protocol`
        self.number = number
    }
}

/// An object that runs pods: a Deployment, StatefulSet, DaemonSet,
/// ReplicaSet, ReplicationController, Job, CronJob or a bare Pod.
public struct Workload: Sendable {
    public let kind: String
    public let name: String
    public let namespace: String
    /// The labels of the pods it runs: the pod template's, or a Pod's own.
    public let podLabels: [String: String]
    /// The ports of its containers and init containers.
    public let ports: [WorkloadPort]
    public let range: SourceRange

    /// `deployment 'api'`, for messages.
    public var description: String { "\(kind.lowercased()) \(QuotedText.quote(name))" }
}

/// A Service, read for its selector and its port mapping.
public struct ServiceManifest: Sendable {
    public struct Port: Sendable {
        public let name: String?
        public let `protocol`: NetworkProtocol
        public let port: Int
        /// Nil when `targetPort` is omitted, which means the same number as `port`.
        public let targetPort: NetworkPolicyPort.Port?
    }

    public let name: String
    public let namespace: String
    /// Nil for a Service without a selector, whose endpoints are managed by hand.
    public let selector: [String: String]?
    public let ports: [Port]
    public let range: SourceRange
}

/// A Namespace, read for its labels.
public struct NamespaceManifest: Sendable {
    public let name: String
    /// The labels as written, plus `kubernetes.io/metadata.name`, which the API server sets.
    public let labels: [String: String]
    public let range: SourceRange
}

/// The workloads, Services and Namespaces of a set of manifests.
public struct WorkloadInventory: Sendable {
    public var workloads: [Workload] = []
    public var services: [ServiceManifest] = []
    public var namespaces: [NamespaceManifest] = []

    public init() {}

    public var isEmpty: Bool { workloads.isEmpty && services.isEmpty && namespaces.isEmpty }

    /// The number of workloads, Services and Namespaces together.
    public var count: Int { workloads.count + services.count + namespaces.count }

    /// Returns whether any workload runs in the namespace.
    public func hasWorkloads(in namespace: String) -> Bool {
        workloads.contains { $0.namespace == namespace }
    }

    /// Returns the workloads of a namespace whose pods the selector matches.
    public func workloads(in namespace: String, matching selector: LabelSelector) -> [Workload] {
        workloads.filter { $0.namespace == namespace && selector.matches($0.podLabels) }
    }

    /// Returns the labels of a namespace: those of its manifest, or only the
    /// name label when the manifests do not include it.
    public func namespaceLabels(_ name: String) -> [String: String] {
        namespaces.first { $0.name == name }?.labels ?? ["kubernetes.io/metadata.name": name]
    }

    /// Returns the names of every namespace that a workload runs in or a manifest declares.
    public var namespaceNames: Set<String> {
        Set(workloads.map(\.namespace)).union(namespaces.map(\.name)).union(services.map(\.namespace))
    }
}
