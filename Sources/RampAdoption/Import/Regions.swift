import RampKube

/// The namespaces part of a set of pods.
enum NamespaceSet: Hashable {
    /// One namespace, by its name label.
    case named(String)
    /// The namespaces whose labels match; the empty selector matches all.
    case selected(LabelSelector)

    static let nameLabel = "kubernetes.io/metadata.name"

    /// Reads a namespace selector, recognising one that selects a single namespace by name.
    init(_ selector: LabelSelector) {
        let canonical = selector.canonical
        if canonical.matchExpressions.isEmpty, canonical.matchLabels.count == 1, let name = canonical.matchLabels[NamespaceSet.nameLabel] {
            self = .named(name)
        } else if canonical.matchLabels.isEmpty, canonical.matchExpressions.count == 1,
                  let requirement = canonical.matchExpressions.first, requirement.key == NamespaceSet.nameLabel,
                  requirement.operator == .in, requirement.values.count == 1 {
            self = .named(requirement.values[0])
        } else {
            self = .selected(canonical)
        }
    }

    /// Returns whether every namespace of this set belongs to `other` in every cluster.
    func isInside(_ other: NamespaceSet) -> Bool {
        switch (self, other) {
        case (_, .selected(let selector)) where selector.isEmpty: return true
        case let (.named(a), .named(b)): return a == b
        case let (.named(name), .selected(selector)): return LabelSelector(matchLabels: [NamespaceSet.nameLabel: name]).isNarrower(than: selector)
        case (.selected, .named): return false
        case let (.selected(a), .selected(b)): return a.isNarrower(than: b)
        }
    }
}

/// A set of pods: those matching `pods` in the namespaces of `namespaces`.
struct PodSet: Hashable {
    let namespaces: NamespaceSet
    /// Canonical; empty selects every pod.
    let pods: LabelSelector

    init(namespaces: NamespaceSet, pods: LabelSelector) {
        self.namespaces = namespaces
        self.pods = pods.canonical
    }

    func isInside(_ other: PodSet) -> Bool {
        namespaces.isInside(other.namespaces) && (other.pods.isEmpty || pods.isNarrower(than: other.pods))
    }
}

/// The other end of a rule: pods, or addresses outside the cluster.
enum Region: Hashable {
    case pods(PodSet)
    /// Sorted blocks.
    case addresses([IPBlock])

    static let allPods = Region.pods(PodSet(namespaces: .selected(LabelSelector()), pods: LabelSelector()))
    static let allAddresses = Region.addresses([IPBlock(cidr: .allIPv4), IPBlock(cidr: .allIPv6)])

    /// Returns whether the region lies inside `other` in every cluster.
    func isInside(_ other: Region) -> Bool {
        switch (self, other) {
        case let (.pods(a), .pods(b)): return a.isInside(b)
        case let (.addresses(a), .addresses(b)):
            return a.allSatisfy { block in
                b.contains { outer in outer.cidr.contains(block.cidr) && !outer.except.contains { $0.contains(block.cidr) || block.cidr.contains($0) } }
            }
        default: return false
        }
    }
}

/// The pods an input policy isolates: a whole namespace, or the pods of a selector.
struct Subject: Hashable, Comparable {
    let namespace: String
    /// Nil for the whole namespace; otherwise canonical and not empty.
    let selector: LabelSelector?

    init(namespace: String, selector: LabelSelector) {
        self.namespace = namespace
        self.selector = selector.isEmpty ? nil : selector.canonical
    }

    var podSet: PodSet { PodSet(namespaces: .named(namespace), pods: selector ?? LabelSelector()) }

    /// Returns whether this subject's policies apply to every pod of `other`.
    func covers(_ other: Subject) -> Bool {
        guard namespace == other.namespace else { return false }
        guard let selector else { return true }
        guard let otherSelector = other.selector else { return false }
        return otherSelector.isNarrower(than: selector)
    }

    static func < (lhs: Subject, rhs: Subject) -> Bool {
        if lhs.namespace != rhs.namespace { return lhs.namespace < rhs.namespace }
        return SelectorText.bracketed(lhs.selector ?? LabelSelector()) < SelectorText.bracketed(rhs.selector ?? LabelSelector())
    }
}
