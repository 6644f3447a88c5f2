import RampKube

// Which pods, addresses and ports one part of a dependency includes, decided
// from the declarations of the program. Every function returns true only
// when the inclusion is true in every cluster that matches the declarations,
// so a caller that reports a redundancy or explains an allowed connection
// never overstates it. Two services are taken to select different pods
// unless they are the same service.

// MARK: - Endpoints

extension Program {
    /// Returns whether every pod or address of `inner` also lies in `outer`.
    public func endpoint(_ outer: Endpoint, covers inner: Endpoint) -> Bool {
        if outer == inner { return true }
        switch (outer, inner) {
        case (.cluster, .service), (.cluster, .namespace), (.cluster, .namespaces):
            return true
        case let (_, .service(id)):
            return endpoint(outer, containsNamespace: id.namespace)
        case let (_, .namespace(name)):
            return endpoint(outer, containsNamespace: name)
        case let (.namespace(name), .namespaces(selector)):
            // Only a selector pinned to the namespace's name lies inside it.
            return selector.matchLabels[Namespace.nameLabel] == name
        case let (.namespaces(outerSelector), .namespaces(innerSelector)):
            return outerSelector.isEmpty || outerSelector == innerSelector
        case let (.external(_, outerBlocks), .external(_, innerBlocks)):
            return AddressSet(innerBlocks).isSubset(of: AddressSet(outerBlocks))
        default:
            return false
        }
    }

    /// Returns whether every pod of the namespace `name` lies in `endpoint`:
    /// `namespace name`, `cluster`, or a namespace selector that matches
    /// the namespace's labels.
    public func endpoint(_ endpoint: Endpoint, containsNamespace name: String) -> Bool {
        switch endpoint {
        case .namespace(let other):
            return other == name
        case .cluster:
            return true
        case .namespaces(let selector):
            return namespaceSelector(selector, surelyMatches: name)
        case .service, .external:
            return false
        }
    }

    /// Returns whether the pods of service `id` lie in `endpoint`.
    public func endpoint(_ endpoint: Endpoint, containsPodsOf id: ServiceID) -> Bool {
        if case .service(let other) = endpoint { return other == id }
        return self.endpoint(endpoint, containsNamespace: id.namespace)
    }

    /// Returns whether an address outside the cluster lies in `endpoint`.
    public func endpoint(_ endpoint: Endpoint, containsAddress address: UInt128, family: IPFamily) -> Bool {
        guard case .external(_, let blocks) = endpoint else { return false }
        return AddressSet(blocks).contains(address, family: family)
    }

    /// Returns whether `selector` matches the namespace in every cluster. A
    /// declared namespace has the labels its contracts give it. Of an
    /// undeclared one only its name label is known, so a selector surely
    /// matches it only when it constrains that label alone.
    private func namespaceSelector(_ selector: LabelSelector, surelyMatches name: String) -> Bool {
        if let namespace = self.namespace(named: name) {
            return selector.matches(namespace.labels)
        }
        let keys = Set(selector.matchLabels.keys).union(selector.matchExpressions.map(\.key))
        return keys.isSubset(of: [Namespace.nameLabel]) && selector.matches([Namespace.nameLabel: name])
    }
}

// MARK: - Ports

extension PortSet {
    /// Returns whether every port that `inner` admits is admitted here.
    /// Named ports cover only the same name, because Kubernetes resolves a
    /// name on each destination pod.
    public func covers(_ inner: PortSet) -> Bool {
        switch (self, inner) {
        case (.all, _):
            return true
        case (.some, .all):
            return false
        case let (.some(outerItems), .some(innerItems)):
            return innerItems.allSatisfy { item in PortSet.items(outerItems, cover: item) }
        }
    }

    /// Returns whether the set admits `port` over `protocol`.
    public func admits(port: Int, protocol networkProtocol: NetworkProtocol) -> Bool {
        covers(.some([PortItem(protocol: networkProtocol, value: .range(first: port, last: port))]))
    }

    private static func items(_ items: [PortItem], cover item: PortItem) -> Bool {
        switch item.value {
        case .name(let name):
            return items.contains { $0.protocol == item.protocol && $0.value == .name(name) }
        case let .range(first, last):
            // Usually one range covers the item, or none of the protocol
            // meets it, and both are found without building a list.
            var meets = false
            for other in items where other.protocol == item.protocol {
                guard case let .range(a, b) = other.value, a <= last, b >= first else { continue }
                if a <= first && b >= last { return true }
                meets = true
            }
            guard meets else { return false }
            // The covering ranges of the protocol, joined, must span first...last.
            let ranges = items.compactMap { other -> (Int, Int)? in
                guard other.protocol == item.protocol, case let .range(a, b) = other.value else { return nil }
                return (a, b)
            }.sorted { $0 < $1 }
            var next = first
            for (a, b) in ranges where a <= next && b >= next {
                next = b + 1
                if next > last { return true }
            }
            return false
        }
    }
}
