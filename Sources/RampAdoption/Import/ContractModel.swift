import RampKube
import RampSource

/// A service of the imported contract: the pods of a selector in a namespace.
struct ServiceKey: Hashable, Comparable {
    let namespace: String
    /// Canonical and not empty.
    let selector: LabelSelector

    static func < (lhs: ServiceKey, rhs: ServiceKey) -> Bool {
        (lhs.namespace, SelectorText.bracketed(lhs.selector)) < (rhs.namespace, SelectorText.bracketed(rhs.selector))
    }
}

/// An endpoint of the imported contract, before names are chosen.
enum ContractEndpoint: Hashable {
    case service(ServiceKey)
    case namespace(String)
    /// A selector that is neither empty nor a single namespace name.
    case namespaces(LabelSelector)
    case cluster
    case external([IPBlock])

    /// Returns the endpoint that selects the region, or nil when no contract
    /// endpoint does: pods of some namespaces chosen by labels.
    init?(_ region: Region) {
        switch region {
        case .addresses(let blocks):
            self = .external(blocks)
        case .pods(let pods):
            switch (pods.namespaces, pods.pods.isEmpty) {
            case (.named(let name), true): self = .namespace(name)
            case (.named(let name), false): self = .service(ServiceKey(namespace: name, selector: pods.pods))
            case (.selected(let selector), true): self = selector.isEmpty ? .cluster : .namespaces(selector)
            case (.selected, false): return nil
            }
        }
    }

    init(_ subject: Subject) {
        if let selector = subject.selector {
            self = .service(ServiceKey(namespace: subject.namespace, selector: selector))
        } else {
            self = .namespace(subject.namespace)
        }
    }

    var isExternal: Bool {
        if case .external = self { return true }
        return false
    }
}

/// A dependency of the imported contract, with the input rules it comes from.
struct ImportedDependency {
    var client: ContractEndpoint
    var server: ContractEndpoint
    var ports: PortSpec
    var origins: [Origin]
    /// Comments on how the dependency differs from the input, written above it.
    var approximations: [String] = []
}

/// A rule or object that no contract states exactly.
struct ImportProblem {
    let message: String
    let origin: Origin?
}
