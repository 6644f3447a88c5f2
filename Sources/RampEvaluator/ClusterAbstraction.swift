import RampKube

/// A finite set of endpoint classes, called atoms, that stands for every
/// possible cluster under a group of policies. Two endpoints in the same
/// atom are selected by the same policies and matched by the same peers, so
/// every policy in the group treats them alike.
///
/// - Namespace classes split the namespaces by every namespace selector in
///   play, including the name selector of each policy's namespace (which a
///   podSelector-only peer and a policy's own scope use). A namespace always
///   carries `kubernetes.io/metadata.name`, so that key is never absent, and
///   a name that is not a valid DNS-1123 label is never a namespace name.
/// - Pod atoms split each namespace class by the pod selectors that can
///   apply there: those of policies in that namespace, and those of peers
///   whose namespace part matches the class.
/// - Address atoms split IPv4 and IPv6 space at every `cidr` and `except` boundary.
///
/// Atoms are numbered with pod atoms first, then address atoms.
///
/// Extra peers split the atoms further although no policy uses them, so
/// that every atom lies either inside or outside each of them. A pod peer
/// among them must carry a namespace selector, because it belongs to no
/// policy whose namespace it could default to.
///
/// Known namespace labels restrict the clusters considered to those where
/// each named namespace carries exactly the labels given for the selectors
/// in play: the classes of such a namespace with other labels pair with
/// nothing (see `canPair`).
struct ClusterAbstraction: Sendable {
    struct NamespaceClass: Sendable {
        let box: LabelBox
        /// Indices of the namespace predicates the class satisfies.
        let satisfied: BitSet
        /// The namespace name, when the class is a namespace that contains policies.
        let policyNamespace: String?
        /// One name the class allows, or two when it allows more than one.
        let candidateNames: [String]
        /// Labels of a representative namespace, without the name label.
        let labels: [String: String]
        let description: String

        /// The name, when the class allows exactly one.
        var fixedName: String? { candidateNames.count == 1 ? candidateNames[0] : nil }
    }

    struct PodAtom: Sendable {
        let namespaceClass: Int
        let box: LabelBox
    }

    struct AddressAtom: Sendable {
        let family: IPFamily
        let first: UInt128
        let last: UInt128
    }

    private(set) var namespaceClasses: [NamespaceClass] = []
    private(set) var podAtoms: [PodAtom] = []
    private(set) var addressAtoms: [AddressAtom] = []
    private(set) var podAtomsByNamespaceClass: [[Int]] = []
    /// For each namespace class: pod selector ID to the atoms that satisfy it.
    private var podAtomsBySelector: [[Int: [Int]]] = []
    /// For each namespace class: the label space its pod atoms' boxes live in.
    private var podSpaces: [LabelSpace] = []
    private var namespacePredicateIndex: [LabelSelector: Int] = [:]
    private var podSelectorIDs: [LabelSelector: Int] = [:]
    private var namespaceClassesByName: [String: [Int]] = [:]
    /// For each namespace predicate, the classes that satisfy it, in
    /// increasing order. Filtering every class for each peer grew with the
    /// square of the namespaces.
    private var namespaceClassesByPredicate: [Int: [Int]] = [:]
    /// Namespace classes whose labels contradict the known labels of their namespace.
    private var contradictingNamespaceClasses: Set<Int> = []

    init(
        policies: [EffectivePolicy], extraPeers: [NetworkPolicyPeer] = [], namespaceLabels: [String: [String: String]] = [:]
    ) throws(PolicyValidationError) {
        precondition(extraPeers.allSatisfy { $0.ipBlock != nil || $0.namespaceSelector != nil },
                     "an extra pod peer needs a namespace selector")
        // A name selector per known namespace gives each its own classes.
        let namePeers = namespaceLabels.keys.sorted().map { NetworkPolicyPeer(namespaceSelector: .namespaceNamed($0)) }
        try buildNamespaceClasses(policies, extraPeers: extraPeers + namePeers)
        excludeContradictingClasses(namespaceLabels)
        try buildPodAtoms(policies, extraPeers: extraPeers)
        buildAddressAtoms(policies, extraPeers: extraPeers)
    }

    var atomCount: Int { podAtoms.count + addressAtoms.count }

    func isAddress(_ atom: Int) -> Bool { atom >= podAtoms.count }

    func addressAtom(_ atom: Int) -> AddressAtom { addressAtoms[atom - podAtoms.count] }

    // MARK: - Namespace classes

    private mutating func buildNamespaceClasses(_ policies: [EffectivePolicy], extraPeers: [NetworkPolicyPeer]) throws(PolicyValidationError) {
        var selectors: Set<LabelSelector> = []
        for policy in policies {
            selectors.insert(.namespaceNamed(policy.namespace))
            for peer in policy.selectorPeers {
                selectors.insert(peer.namespacePart(policyNamespace: policy.namespace).normalized)
            }
        }
        for peer in extraPeers {
            if let namespaceSelector = peer.namespaceSelector { selectors.insert(namespaceSelector.normalized) }
        }
        let space = LabelSpace(selectors: Array(selectors), extraKeys: [Namespace.nameLabel])
        let initial = initialNamespaceBox(in: space)

        var predicates: [LabelConstraint] = []
        var predicateByConstraint: [LabelConstraint: Int] = [:]
        for selector in ClusterAbstraction.canonicallyOrdered(selectors) {
            let constraint = space.compile(selector)
            let index = predicateByConstraint[constraint] ?? predicates.count
            if index == predicates.count {
                predicates.append(constraint)
                predicateByConstraint[constraint] = index
            }
            namespacePredicateIndex[selector] = index
        }

        // The namespace of each name predicate, so that a class finds its
        // namespace among the predicates it satisfies. Testing every
        // namespace's predicate for every class grew with the square of the
        // namespaces: most of the time of a 1 MB import.
        var policyNamespaceByPredicate: [Int: String] = [:]
        for name in Set(policies.map(\.namespace)).sorted() {
            let predicate = namespacePredicateIndex[.namespaceNamed(name)]!
            if policyNamespaceByPredicate[predicate] == nil { policyNamespaceByPredicate[predicate] = name }
        }
        for labelClass in try space.partition(initial, by: predicates) {
            let name = labelClass.satisfied.members.compactMap { policyNamespaceByPredicate[$0] }.min()
            var labels = space.representative(of: labelClass.box)
            labels.removeValue(forKey: Namespace.nameLabel)
            if let name { namespaceClassesByName[name, default: []].append(namespaceClasses.count) }
            for predicate in labelClass.satisfied.members {
                namespaceClassesByPredicate[predicate, default: []].append(namespaceClasses.count)
            }
            namespaceClasses.append(NamespaceClass(
                box: labelClass.box,
                satisfied: labelClass.satisfied,
                policyNamespace: name,
                candidateNames: space.candidateValues(Namespace.nameLabel, in: labelClass.box, count: 2),
                labels: labels,
                description: space.describe(labelClass.box, relativeTo: initial)
            ))
        }
    }

    /// Marks the classes of a known namespace whose predicates differ from
    /// those its known labels satisfy.
    ///
    /// A selector that requires a name can match only the namespace of that
    /// name, so each class tests those of its own name and the selectors
    /// without a name. Testing every selector for every class grew with the
    /// square of the namespaces, as each namespace brings its own.
    private mutating func excludeContradictingClasses(_ namespaceLabels: [String: [String: String]]) {
        var byName: [String: [(LabelSelector, Int)]] = [:]
        var unnamed: [(LabelSelector, Int)] = []
        for (selector, index) in namespacePredicateIndex {
            if let name = selector.matchLabels[Namespace.nameLabel] {
                byName[name, default: []].append((selector, index))
            } else {
                unnamed.append((selector, index))
            }
        }
        for (index, namespaceClass) in namespaceClasses.enumerated() {
            guard let name = namespaceClass.fixedName, var labels = namespaceLabels[name] else { continue }
            labels[Namespace.nameLabel] = name
            let candidates = unnamed + (byName[name] ?? [])
            let satisfied = Set(candidates.filter { $0.0.matches(labels) }.map(\.1))
            if satisfied != Set(namespaceClass.satisfied.members) { contradictingNamespaceClasses.insert(index) }
        }
    }

    /// Returns the box of every label map a namespace can have. The name
    /// label is present, and its value is a valid namespace name.
    private func initialNamespaceBox(in space: LabelSpace) -> LabelBox {
        var box = space.fullBox
        let index = space.domainIndex(of: Namespace.nameLabel)!
        let domain = space.domains[index]
        let impossible = domain.values.indices.filter { KubernetesNames.dns1123LabelError(domain.values[$0]) != nil }
        box.allowed[index] = box.allowed[index].subtracting(BitSet(impossible + [domain.absentClass]))
        return box
    }

    // MARK: - Pod atoms

    private mutating func buildPodAtoms(_ policies: [EffectivePolicy], extraPeers: [NetworkPolicyPeer]) throws(PolicyValidationError) {
        let selectors = registerPodSelectors(policies, extraPeers: extraPeers)
        let policiesByNamespace = Dictionary(grouping: policies, by: \.namespace)

        // The pod selectors that peers use, by the namespace predicate beside
        // them. A class reads those of the predicates it satisfies, because
        // testing every peer against every class grew with the square of the
        // namespaces.
        var peerSelectorsByPredicate: [Int: Set<Int>] = [:]
        let scopedPeers = policies.flatMap { policy in policy.selectorPeers.map { ($0, policy.namespace) } }
            + extraPeers.filter { $0.ipBlock == nil }.map { ($0, "") }
        for (peer, policyNamespace) in scopedPeers {
            guard let podSelector = peer.podSelector, !podSelector.isEmpty else { continue }
            let namespacePart = peer.namespacePart(policyNamespace: policyNamespace).normalized
            peerSelectorsByPredicate[namespacePredicateIndex[namespacePart]!, default: []].insert(podSelectorIDs[podSelector.normalized]!)
        }

        for (classIndex, namespaceClass) in namespaceClasses.enumerated() {
            var relevant: Set<Int> = []
            if let name = namespaceClass.policyNamespace {
                for policy in policiesByNamespace[name] ?? [] {
                    relevant.insert(podSelectorIDs[policy.podSelector.normalized]!)
                }
            }
            for predicate in namespaceClass.satisfied.members {
                relevant.formUnion(peerSelectorsByPredicate[predicate] ?? [])
            }
            try addPodAtoms(in: classIndex, relevant: relevant.sorted(), selectors: selectors)
        }
    }

    /// Numbers the distinct pod selectors in canonical order and returns them by ID.
    private mutating func registerPodSelectors(_ policies: [EffectivePolicy], extraPeers: [NetworkPolicyPeer]) -> [LabelSelector] {
        var selectors: Set<LabelSelector> = []
        for policy in policies {
            selectors.insert(policy.podSelector.normalized)
            for peer in policy.selectorPeers {
                if let selector = peer.podSelector { selectors.insert(selector.normalized) }
            }
        }
        for peer in extraPeers where peer.ipBlock == nil {
            if let selector = peer.podSelector { selectors.insert(selector.normalized) }
        }
        let ordered = ClusterAbstraction.canonicallyOrdered(selectors)
        for (id, selector) in ordered.enumerated() { podSelectorIDs[selector] = id }
        return ordered
    }

    /// Returns the selectors in the order of their canonical text. Each text
    /// is built once: building it in every comparison took a sixth of a
    /// lint that checks every namespace's policies for redundancy.
    private static func canonicallyOrdered(_ selectors: Set<LabelSelector>) -> [LabelSelector] {
        selectors.map { (text: $0.canonicalText, selector: $0) }.sorted { $0.text < $1.text }.map(\.selector)
    }

    private mutating func addPodAtoms(in classIndex: Int, relevant: [Int], selectors: [LabelSelector]) throws(PolicyValidationError) {
        let space = LabelSpace(selectors: relevant.map { selectors[$0] })
        var predicates: [LabelConstraint] = []
        var predicateByConstraint: [LabelConstraint: Int] = [:]
        var selectorsOfPredicate: [[Int]] = []
        for id in relevant {
            let constraint = space.compile(selectors[id])
            let index = predicateByConstraint[constraint] ?? predicates.count
            if index == predicates.count {
                predicates.append(constraint)
                predicateByConstraint[constraint] = index
                selectorsOfPredicate.append([])
            }
            selectorsOfPredicate[index].append(id)
        }

        var atoms: [Int] = []
        var atomsBySelector: [Int: [Int]] = [:]
        for labelClass in try space.partition(space.fullBox, by: predicates) {
            for predicate in labelClass.satisfied.members {
                for id in selectorsOfPredicate[predicate] { atomsBySelector[id, default: []].append(podAtoms.count) }
            }
            atoms.append(podAtoms.count)
            podAtoms.append(PodAtom(namespaceClass: classIndex, box: labelClass.box))
        }
        podAtomsByNamespaceClass.append(atoms)
        podAtomsBySelector.append(atomsBySelector)
        podSpaces.append(space)
    }

    /// Returns the labels of a representative pod of the atom.
    func representativeLabels(of atom: Int) -> [String: String] {
        let pod = podAtoms[atom]
        return podSpaces[pod.namespaceClass].representative(of: pod.box)
    }

    /// Returns the atom's pod labels in selector syntax.
    func podLabelDescription(of atom: Int) -> String {
        let pod = podAtoms[atom]
        let space = podSpaces[pod.namespaceClass]
        return space.describe(pod.box, relativeTo: space.fullBox)
    }

    // MARK: - Address atoms

    private mutating func buildAddressAtoms(_ policies: [EffectivePolicy], extraPeers: [NetworkPolicyPeer]) {
        let blocks = policies.flatMap { policy in
            (policy.ingress + policy.egress).flatMap { $0.peers ?? [] }.compactMap(\.ipBlock)
        } + extraPeers.compactMap(\.ipBlock)
        for family in [IPFamily.ipv4, .ipv6] {
            let maximum = IPAddress.maximum(of: family)
            var cuts: Set<UInt128> = [0]
            for block in blocks where block.cidr.family == family {
                for cidr in [block.cidr] + block.except {
                    cuts.insert(cidr.address)
                    if cidr.lastAddress < maximum { cuts.insert(cidr.lastAddress + 1) }
                }
            }
            let starts = cuts.sorted()
            for (index, start) in starts.enumerated() {
                let last = index + 1 < starts.count ? starts[index + 1] - 1 : maximum
                addressAtoms.append(AddressAtom(family: family, first: start, last: last))
            }
        }
    }

    // MARK: - Lookups

    /// Returns whether one cluster can hold a source in the first atom and a
    /// destination in the second. Neither may contradict the known namespace
    /// labels. Pods of two different namespace classes
    /// live in two different namespaces. That is impossible when both classes
    /// allow only the same name, because one namespace has one set of labels.
    func canPair(_ source: Int, _ destination: Int) -> Bool {
        if contradictsKnownLabels(source) || contradictsKnownLabels(destination) { return false }
        if isAddress(source) || isAddress(destination) { return true }
        let sourceClass = podAtoms[source].namespaceClass
        let destinationClass = podAtoms[destination].namespaceClass
        if sourceClass == destinationClass { return true }
        let sourceName = namespaceClasses[sourceClass].fixedName
        return sourceName == nil || sourceName != namespaceClasses[destinationClass].fixedName
    }

    /// Returns whether the atom is a pod of a known namespace with labels other than its known ones.
    func contradictsKnownLabels(_ atom: Int) -> Bool {
        !isAddress(atom) && contradictingNamespaceClasses.contains(podAtoms[atom].namespaceClass)
    }

    /// Returns representative namespaces for a source and a destination
    /// class. For two different classes the names differ, so that the two
    /// namespaces can coexist. The pair must satisfy `canPair`.
    func representativeNamespaces(source: Int, destination: Int) -> (Namespace, Namespace) {
        let sourceClass = namespaceClasses[source]
        let destinationClass = namespaceClasses[destination]
        if source == destination {
            let namespace = Namespace(name: sourceClass.candidateNames[0], labels: sourceClass.labels)
            return (namespace, namespace)
        }
        // The class with a single candidate picks first, the other avoids its name.
        if destinationClass.fixedName != nil {
            let destinationName = destinationClass.candidateNames[0]
            let sourceName = sourceClass.candidateNames.first { $0 != destinationName }!
            return (Namespace(name: sourceName, labels: sourceClass.labels),
                    Namespace(name: destinationName, labels: destinationClass.labels))
        }
        let sourceName = sourceClass.candidateNames[0]
        let destinationName = destinationClass.candidateNames.first { $0 != sourceName }!
        return (Namespace(name: sourceName, labels: sourceClass.labels),
                Namespace(name: destinationName, labels: destinationClass.labels))
    }

    /// Returns the pod atoms that a policy in `namespace` with this pod selector selects.
    func selectedAtoms(namespace: String, podSelector: LabelSelector) -> [Int] {
        let id = podSelector.isEmpty ? nil : podSelectorIDs[podSelector.normalized]!
        return (namespaceClassesByName[namespace] ?? []).flatMap { podAtoms(in: $0, satisfying: id) }
    }

    /// Returns the atoms that a peer of a policy in `policyNamespace` matches, in increasing order.
    func peerAtoms(_ peer: NetworkPolicyPeer, policyNamespace: String) -> [Int] {
        if let block = peer.ipBlock {
            return addressAtoms.indices.filter { index in
                let atom = addressAtoms[index]
                return block.contains(IPAddress(family: atom.family, value: atom.first))
            }.map { $0 + podAtoms.count }
        }
        let namespacePart = peer.namespacePart(policyNamespace: policyNamespace).normalized
        let predicate = namespacePredicateIndex[namespacePart]!
        let podSelector = peer.podSelector.flatMap { $0.isEmpty ? nil : podSelectorIDs[$0.normalized]! }
        return (namespaceClassesByPredicate[predicate] ?? []).flatMap { podAtoms(in: $0, satisfying: podSelector) }
    }

    /// Returns the pod atoms of a namespace class that satisfy a pod selector, nil meaning any.
    private func podAtoms(in namespaceClass: Int, satisfying podSelector: Int?) -> [Int] {
        guard let podSelector else { return podAtomsByNamespaceClass[namespaceClass] }
        return podAtomsBySelector[namespaceClass][podSelector] ?? []
    }
}

// MARK: - Peers

extension EffectivePolicy {
    /// Peers that select pods, from rules of both directions.
    var selectorPeers: [NetworkPolicyPeer] {
        (ingress + egress).flatMap { $0.peers ?? [] }.filter { $0.ipBlock == nil }
    }
}

extension NetworkPolicyPeer {
    /// Returns the selector of the namespaces whose pods the peer can match.
    /// A peer without a namespace selector matches pods of the policy's own namespace.
    func namespacePart(policyNamespace: String) -> LabelSelector {
        namespaceSelector ?? .namespaceNamed(policyNamespace)
    }
}
