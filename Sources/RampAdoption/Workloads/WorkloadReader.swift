import RampDiagnostics
import RampKube
import RampSource
import RampYAML

/// Reads workloads, Services and Namespaces from ordinary manifests with the
/// generic YAML reader, including `kind: List` exports.
///
/// The reader is lenient: it takes the fields it needs and skips a field of
/// the wrong type, because these manifests only describe the cluster and
/// `kubectl` has validated them. YAML syntax errors are reported. Other kinds
/// of objects, NetworkPolicies included, are passed over.
public struct WorkloadReader: Sendable {
    public var defaultNamespace: String

    public init(defaultNamespace: String = "default") {
        self.defaultNamespace = defaultNamespace
    }

    /// Kinds whose pods are described by `spec.template`.
    private static let templateKinds: Set<String> = [
        "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job",
    ]

    public func read(_ file: SourceFile, diagnostics: DiagnosticEngine, into inventory: inout WorkloadInventory) {
        read(YAMLReader().read(file, diagnostics: diagnostics), into: &inventory)
    }

    /// Reads documents that `YAMLReader` has read, skipping those with errors,
    /// which the reader has reported.
    public func read(_ documents: [YAMLSourceDocument], into inventory: inout WorkloadInventory) {
        for document in documents where !document.hasErrors {
            readObject(document.root, depth: 0, into: &inventory)
        }
    }

    private func readObject(_ object: YAMLValue, depth: Int, into inventory: inout WorkloadInventory) {
        guard let kind = object["kind"]?.stringValue else { return }
        if kind.hasSuffix("List"), depth < 8 {
            for item in object["items"]?.sequence ?? [] { readObject(item, depth: depth + 1, into: &inventory) }
            return
        }
        guard let name = object["metadata"]?["name"]?.stringValue else { return }
        let namespace = object["metadata"]?["namespace"]?.stringValue ?? defaultNamespace

        switch kind {
        case _ where WorkloadReader.templateKinds.contains(kind):
            if let template = object["spec"]?["template"] { addWorkload(kind, name, namespace, template: template, range: object.range, into: &inventory) }
        case "CronJob":
            if let template = object["spec"]?["jobTemplate"]?["spec"]?["template"] {
                addWorkload(kind, name, namespace, template: template, range: object.range, into: &inventory)
            }
        case "Pod":
            addWorkload(kind, name, namespace, template: object, range: object.range, into: &inventory)
        case "Service":
            inventory.services.append(service(object, name: name, namespace: namespace))
        case "Namespace":
            var labels = stringMap(object["metadata"]?["labels"])
            labels["kubernetes.io/metadata.name"] = name
            inventory.namespaces.append(NamespaceManifest(name: name, labels: labels, range: object.range))
        default:
            return
        }
    }

    /// Adds a workload, given the object that contains its pod `metadata` and `spec`.
    private func addWorkload(
        _ kind: String, _ name: String, _ namespace: String, template: YAMLValue, range: SourceRange, into inventory: inout WorkloadInventory
    ) {
        let labels = stringMap(template["metadata"]?["labels"])
        let containers = (template["spec"]?["containers"]?.sequence ?? []) + (template["spec"]?["initContainers"]?.sequence ?? [])
        var ports: [WorkloadPort] = []
        for container in containers {
            for port in container["ports"]?.sequence ?? [] {
                guard case .int(let number)? = port["containerPort"]?.resolvedScalar else { continue }
                let networkProtocol = port["protocol"]?.stringValue.flatMap(NetworkProtocol.init(rawValue:)) ?? .tcp
                ports.append(WorkloadPort(name: port["name"]?.stringValue, protocol: networkProtocol, number: number))
            }
        }
        inventory.workloads.append(Workload(kind: kind, name: name, namespace: namespace, podLabels: labels, ports: ports, range: range))
    }

    private func service(_ object: YAMLValue, name: String, namespace: String) -> ServiceManifest {
        let selectorValue = object["spec"]?["selector"]
        let selector = selectorValue?.mapping == nil ? nil : stringMap(selectorValue)
        var ports: [ServiceManifest.Port] = []
        for port in object["spec"]?["ports"]?.sequence ?? [] {
            guard case .int(let number)? = port["port"]?.resolvedScalar else { continue }
            let networkProtocol = port["protocol"]?.stringValue.flatMap(NetworkProtocol.init(rawValue:)) ?? .tcp
            var target: NetworkPolicyPort.Port?
            switch port["targetPort"]?.resolvedScalar {
            case .int(let value)?: target = .number(value)
            case .string(let text)?: target = Int(text).map(NetworkPolicyPort.Port.number) ?? .name(text)
            default: target = nil
            }
            ports.append(ServiceManifest.Port(name: port["name"]?.stringValue, protocol: networkProtocol, port: number, targetPort: target))
        }
        return ServiceManifest(name: name, namespace: namespace, selector: selector, ports: ports, range: object.range)
    }

    private func stringMap(_ value: YAMLValue?) -> [String: String] {
        var result: [String: String] = [:]
        for entry in value?.mapping ?? [] {
            guard let key = entry.key.stringValue, let text = entry.value.scalar?.value else { continue }
            result[key] = text
        }
        return result
    }
}

extension YAMLValue {
    /// The text of a scalar that resolves to a string, nil otherwise.
    var stringValue: String? {
        if case .string(let text)? = resolvedScalar { return text }
        return nil
    }
}
