import RampDiagnostics
import RampKube

/// Turns the analysed input into the dependencies of a contract whose
/// lowering admits exactly the input's connections, or reports why none can.
///
/// A contract dependency admits a connection on both sides: the server's
/// ingress and, where the client is isolated, the client's egress. A rule of
/// the input admits one side only. So a rule becomes a dependency only as far
/// as the other side admits the same connection in the input, wherever the
/// contract isolates that side. The input blocks the rest of the rule anyway.
struct ContractBuilder {
    let analysis: InputAnalysis
    let inventory: WorkloadInventory

    /// Declared namespace labels, without `kubernetes.io/metadata.name`.
    private(set) var labels: [String: [String: String]] = [:]
    private(set) var dnsOff: Set<String> = []
    private(set) var dependencies: [ImportedDependency] = []
    private(set) var problems: [ImportProblem] = []

    static let dnsRegion = Region.pods(PodSet(namespaces: .named("kube-system"), pods: LabelSelector(matchLabels: ["k8s-app": "kube-dns"])))
    static let dnsPorts = PortSpec(numbers: [.udp: [53...53], .tcp: [53...53]])

    /// The positions in `analysis.entries` of each namespace's entries per
    /// direction, in order, and each namespace's isolated subjects per
    /// direction, sorted. A candidate dependency reads one namespace's
    /// entries and subjects. A scan of all of them grew with the square.
    private let entryPositions: [NamespaceDirection: [Int]]
    private let isolatedSubjects: [NamespaceDirection: [Subject]]

    private struct NamespaceDirection: Hashable {
        let namespace: String
        let direction: NetworkPolicy.PolicyType
    }

    init(analysis: InputAnalysis, inventory: WorkloadInventory) {
        self.analysis = analysis
        self.inventory = inventory

        var entryPositions: [NamespaceDirection: [Int]] = [:]
        for (position, entry) in analysis.entries.enumerated() {
            entryPositions[NamespaceDirection(namespace: entry.subject.namespace, direction: entry.direction), default: []].append(position)
        }
        self.entryPositions = entryPositions

        var isolatedSubjects: [NamespaceDirection: [Subject]] = [:]
        for (direction, subjects) in analysis.isolated {
            for subject in subjects.keys.sorted() {
                isolatedSubjects[NamespaceDirection(namespace: subject.namespace, direction: direction), default: []].append(subject)
            }
        }
        self.isolatedSubjects = isolatedSubjects
    }

    mutating func build() {
        for manifest in inventory.namespaces where analysis.namespaces.contains(manifest.name) {
            labels[manifest.name] = manifest.labels.filter { $0.key != NamespaceSet.nameLabel }
        }
        inferLabels()
        decideDNS()
        for entry in analysis.entries where !isConsumedByDNS(entry) {
            dependencies += candidates(for: entry)
        }
        mergeDependencies()
        dropCoveredNames()
        checkIsolation()
    }

    // MARK: - Where the contract puts rules

    /// An object of the lowered contract that gets the rules of a dependency.
    enum Unit: Hashable {
        case namespaceDefault(String)
        case service(ServiceKey)

        var namespace: String {
            switch self {
            case .namespaceDefault(let name): return name
            case .service(let key): return key.namespace
            }
        }

        var subject: Subject {
            switch self {
            case .namespaceDefault(let name): return Subject(namespace: name, selector: LabelSelector())
            case .service(let key): return Subject(namespace: key.namespace, selector: key.selector)
            }
        }
    }

    var declaredNamespaces: Set<String> { analysis.namespaces }

    func posture(_ namespace: String) -> Set<NetworkPolicy.PolicyType> {
        analysis.posture[namespace] ?? []
    }

    /// Returns the objects that get a rule for `direction` when a dependency
    /// names `endpoint`, as the lowering places them, assuming the contract
    /// isolates what the input isolates.
    func units(of endpoint: ContractEndpoint, direction: NetworkPolicy.PolicyType) -> [Unit] {
        switch endpoint {
        case .service(let key):
            return [.service(key)]
        case .namespace(let name):
            return units(ofNamespace: name, direction: direction)
        case .namespaces(let selector):
            return matchingNamespaces(selector).flatMap { units(ofNamespace: $0, direction: direction) }
        case .cluster:
            return declaredNamespaces.sorted().flatMap { units(ofNamespace: $0, direction: direction) }
        case .external:
            return []
        }
    }

    private func units(ofNamespace name: String, direction: NetworkPolicy.PolicyType) -> [Unit] {
        guard declaredNamespaces.contains(name) else { return [] }
        if posture(name).contains(direction) { return [.namespaceDefault(name)] }
        return isolatedSubjects[NamespaceDirection(namespace: name, direction: direction), default: []]
            .map { .service(ServiceKey(namespace: name, selector: $0.selector!)) }
    }

    /// Returns the declared namespaces whose declared labels match, as the lowering decides.
    func matchingNamespaces(_ selector: LabelSelector) -> [String] {
        declaredNamespaces.sorted().filter { name in
            var namespaceLabels = labels[name] ?? [:]
            namespaceLabels[NamespaceSet.nameLabel] = name
            return selector.matches(namespaceLabels)
        }
    }

    /// Returns the ports on which the input admits `region` for every pod of
    /// `unit` in `direction`, from the rules of policies that select all of
    /// them: every port when no policy isolates the unit for `direction`.
    func coverage(of unit: Unit, region: Region, direction: NetworkPolicy.PolicyType, ignoringClusterWide: Bool = false) -> PortSpec {
        if case .service(let key) = unit, !isIsolatedInInput(key, direction: direction) { return .all }
        var ports = PortSpec.none
        // The entries are read in place: copying each one cost an eighth of
        // an import whose namespace selectors reach many namespaces.
        for position in entryPositions[NamespaceDirection(namespace: unit.namespace, direction: direction), default: []] {
            guard analysis.entries[position].subject.covers(unit.subject), region.isInside(analysis.entries[position].region) else { continue }
            if ignoringClusterWide, case .pods(let pods) = analysis.entries[position].region,
               pods.namespaces == .selected(LabelSelector()), pods.pods.isEmpty { continue }
            ports = ports.union(analysis.entries[position].ports)
        }
        return ports
    }

    // MARK: - Namespace labels and DNS

    /// Declares labels on a namespace when a `namespaces [labels]` rule of
    /// one side meets, in that namespace, rules of the other side that admit
    /// it, as the lowering of `A -> namespaces [labels]` produces them. The
    /// labels then only place rules that the input has anyway.
    private mutating func inferLabels() {
        // Entries whose region is every pod of namespaces chosen by plain labels.
        let labelled: [(entry: Entry, labels: [String: String])] = analysis.entries.compactMap { entry in
            guard case .pods(let pods) = entry.region, case .selected(let selector) = pods.namespaces, pods.pods.isEmpty,
                  selector.matchExpressions.isEmpty, !selector.matchLabels.isEmpty, selector.matchLabels[NamespaceSet.nameLabel] == nil else {
                return nil
            }
            return (entry, selector.matchLabels)
        }
        let candidates = Set(labelled.map(\.labels)).sorted { $0.sorted { $0.key < $1.key }.description < $1.sorted { $0.key < $1.key }.description }

        for name in declaredNamespaces.sorted() where !inventory.namespaces.contains(where: { $0.name == name }) {
            // A candidate is accepted when every entry it would make match the
            // namespace pairs with rules there. It is tight when those rules
            // admit exactly the entries' ports, as one dependency writes them.
            var accepted: [(labels: [String: String], tight: Bool)] = []
            for candidate in candidates {
                let affected = labelled.filter { item in item.labels.allSatisfy { candidate[$0.key] == $0.value } }
                var tight = true
                let pairs = affected.allSatisfy { item in
                    let other: NetworkPolicy.PolicyType = item.entry.direction == .ingress ? .egress : .ingress
                    let targets = units(ofNamespace: name, direction: other)
                    let coverages = targets.map { coverage(of: $0, region: .pods(item.entry.subject.podSet), direction: other, ignoringClusterWide: true) }
                    if coverages.contains(where: { $0 != item.entry.ports }) { tight = false }
                    return !targets.isEmpty && coverages.allSatisfy { $0.contains(item.entry.ports) }
                }
                if pairs { accepted.append((candidate, tight)) }
            }
            // Of two values for one key, a tight candidate wins, then the first in sorted order.
            var merged: [String: String] = labels[name] ?? [:]
            for candidate in accepted.filter(\.tight) + accepted.filter({ !$0.tight }) {
                for (key, value) in candidate.labels.sorted(by: { $0.key < $1.key }) where merged[key] == nil {
                    merged[key] = value
                }
            }
            if !merged.isEmpty { labels[name] = merged }
        }
    }

    /// Turns DNS off in a namespace unless every pod that the contract
    /// isolates for egress there may reach cluster DNS in the input, because
    /// the lowering adds the DNS rule to each of them.
    private mutating func decideDNS() {
        for name in declaredNamespaces {
            let targets = units(ofNamespace: name, direction: .egress)
            let covered = targets.allSatisfy {
                coverage(of: $0, region: ContractBuilder.dnsRegion, direction: .egress).contains(ContractBuilder.dnsPorts)
            }
            if !covered { dnsOff.insert(name) }
        }
    }

    /// Returns whether the contract's own DNS rule states the entry.
    private func isConsumedByDNS(_ entry: Entry) -> Bool {
        entry.direction == .egress && !dnsOff.contains(entry.subject.namespace)
            && entry.region.isInside(ContractBuilder.dnsRegion) && ContractBuilder.dnsPorts.contains(entry.ports)
    }

    // MARK: - Dependencies from rules

    private mutating func candidates(for entry: Entry) -> [ImportedDependency] {
        guard let other = ContractEndpoint(entry.region) else {
            guard case .pods(let pods) = entry.region, case .selected(let selector) = pods.namespaces else { return [] }
            problems.append(ImportProblem(
                message: "the peer \(SelectorText.bracketed(pods.pods)) of namespaces \(SelectorText.bracketed(selector)) selects pods of several namespaces chosen by labels, and a contract names pods only in one namespace",
                origin: entry.origin
            ))
            let widened = ContractEndpoint(.pods(PodSet(namespaces: pods.namespaces, pods: LabelSelector())))!
            var approximated = dependency(for: entry, other: widened)
            approximated.approximations.append("\(entry.origin.description) admits only pods \(SelectorText.bracketed(pods.pods)) of these namespaces")
            return [approximated]
        }
        var candidate = dependency(for: entry, other: other)
        if other.isExternal {
            candidate.ports = candidate.ports.withoutNames
            if candidate.ports.isEmpty { return [] }
        }
        let otherDirection: NetworkPolicy.PolicyType = entry.direction == .ingress ? .egress : .ingress
        return refine(candidate, other: other, otherDirection: otherDirection, thisRegion: .pods(entry.subject.podSet), origin: entry.origin)
    }

    private func dependency(for entry: Entry, other: ContractEndpoint) -> ImportedDependency {
        let own = ContractEndpoint(entry.subject)
        return entry.direction == .ingress
            ? ImportedDependency(client: other, server: own, ports: entry.ports, origins: [entry.origin])
            : ImportedDependency(client: own, server: other, ports: entry.ports, origins: [entry.origin])
    }

    /// Narrows a candidate to what the other side admits in the input. The
    /// other side is the endpoint `other`, which the lowering gives a rule
    /// for `otherDirection` wherever it isolates pods.
    private mutating func refine(
        _ candidate: ImportedDependency, other: ContractEndpoint, otherDirection: NetworkPolicy.PolicyType, thisRegion: Region, origin: Origin
    ) -> [ImportedDependency] {
        let targets = units(of: other, direction: otherDirection)
        let coverages = targets.map { coverage(of: $0, region: thisRegion, direction: otherDirection) }
        if coverages.allSatisfy({ $0.contains(candidate.ports) }) { return [candidate] }

        if case .service = other { return narrowed(candidate, to: coverages[0]) }
        if let name = singleNamespace(other) {
            if posture(name).contains(otherDirection) { return narrowed(candidate, to: coverages[0]) }
            problems.append(ImportProblem(
                message: "namespace \(QuotedText.quote(name)) isolates some pods for \(otherDirection.rawValue.lowercased()) and not all of them admit this rule's connections, so no dependency states it exactly",
                origin: origin
            ))
            var approximated = candidate
            approximated.approximations.append("\(origin.description): the pods of namespace \(QuotedText.quote(name)) that the input isolates for \(otherDirection.rawValue.lowercased()) admit less than this")
            return [approximated]
        }
        return split(candidate, other: other, otherDirection: otherDirection, thisRegion: thisRegion, origin: origin)
    }

    private func narrowed(_ candidate: ImportedDependency, to ports: PortSpec) -> [ImportedDependency] {
        var result = candidate
        result.ports = candidate.ports.intersection(ports)
        return result.ports.isEmpty ? [] : [result]
    }

    /// Returns the one namespace an endpoint lies in, if it lies in one.
    private func singleNamespace(_ endpoint: ContractEndpoint) -> String? {
        switch endpoint {
        case .namespace(let name): return name
        case .namespaces(let selector): return selector.matchLabels[NamespaceSet.nameLabel]
        default: return nil
        }
    }

    /// Splits a cluster-wide or label-selected endpoint into the namespaces
    /// that no contract declares, which admit everything, and one piece per
    /// declared namespace, each narrowed on its own.
    private mutating func split(
        _ candidate: ImportedDependency, other: ContractEndpoint, otherDirection: NetworkPolicy.PolicyType, thisRegion: Region, origin: Origin
    ) -> [ImportedDependency] {
        let selector: LabelSelector
        switch other {
        case .cluster: selector = LabelSelector()
        case .namespaces(let labels): selector = labels
        default: return [candidate]
        }
        let matched = matchingNamespaces(selector)
        var rest = selector
        rest.matchExpressions.append(LabelSelectorRequirement(key: NamespaceSet.nameLabel, operator: .notIn, values: matched.sorted()))
        var pieces = [replacing(other, with: .namespaces(rest.canonical), in: candidate)]
        for name in matched {
            var piece = selector
            piece.matchLabels[NamespaceSet.nameLabel] = name
            let endpoint: ContractEndpoint = selector.isEmpty ? .namespace(name) : .namespaces(piece.canonical)
            pieces += refine(replacing(other, with: endpoint, in: candidate), other: endpoint, otherDirection: otherDirection, thisRegion: thisRegion, origin: origin)
        }
        return pieces
    }

    private func replacing(_ old: ContractEndpoint, with new: ContractEndpoint, in candidate: ImportedDependency) -> ImportedDependency {
        var result = candidate
        if result.client == old { result.client = new } else { result.server = new }
        return result
    }

    // MARK: - Isolation

    /// Checks that the contract isolates exactly what the input isolates: a
    /// service named as a client or server must be isolated in the input,
    /// and every isolated selector must be named as one.
    private mutating func checkIsolation() {
        for index in dependencies.indices {
            for direction in [NetworkPolicy.PolicyType.egress, .ingress] {
                let endpoint = direction == .egress ? dependencies[index].client : dependencies[index].server
                guard case .service(let key) = endpoint, !isIsolatedInInput(key, direction: direction) else { continue }
                let role = direction == .egress ? "client" : "server"
                problems.append(ImportProblem(
                    message: "no policy isolates pods \(SelectorText.bracketed(key.selector)) of namespace \(QuotedText.quote(key.namespace)) for \(direction.rawValue.lowercased()), but a contract isolates every service it names as a \(role)",
                    origin: dependencies[index].origins.first
                ))
                dependencies[index].approximations.append(
                    "\(dependencies[index].origins.first?.description ?? "a rule") admits only pods \(SelectorText.bracketed(key.selector)) of namespace \(QuotedText.quote(key.namespace))"
                )
                if direction == .egress { dependencies[index].client = .namespace(key.namespace) } else { dependencies[index].server = .namespace(key.namespace) }
            }
        }
        for direction in [NetworkPolicy.PolicyType.ingress, .egress] {
            let services = namedServices(direction)
            for (subject, origin) in analysis.isolated[direction]!.sorted(by: { $0.key < $1.key }) where !posture(subject.namespace).contains(direction) {
                let named = services[subject.namespace, default: []].contains { subject.selector!.isNarrower(than: $0) }
                if !named {
                    problems.append(ImportProblem(
                        message: "\(origin.policy) isolates pods \(SelectorText.bracketed(subject.selector!)) for \(direction.rawValue.lowercased()) and admits no connection that a dependency can state; a contract isolates a service only by naming it in a dependency",
                        origin: origin
                    ))
                }
            }
        }
    }

    /// Returns the selectors of the services that dependencies name as
    /// client (egress) or server (ingress), by namespace, in order.
    private func namedServices(_ direction: NetworkPolicy.PolicyType) -> [String: [LabelSelector]] {
        var services: [String: [LabelSelector]] = [:]
        for dependency in dependencies {
            guard case .service(let key) = direction == .egress ? dependency.client : dependency.server else { continue }
            services[key.namespace, default: []].append(key.selector)
        }
        return services
    }

    func isIsolatedInInput(_ key: ServiceKey, direction: NetworkPolicy.PolicyType) -> Bool {
        if posture(key.namespace).contains(direction) { return true }
        return isolatedSubjects[NamespaceDirection(namespace: key.namespace, direction: direction), default: []]
            .contains { key.selector.isNarrower(than: $0.selector!) }
    }

    // MARK: - Merging

    /// Removes a port name from a dependency whose server is a service when
    /// another dependency admits the same name from a client and to a server
    /// that contain these in every cluster. A service cannot name a port in
    /// a contract, and the other dependency already admits the connection.
    private mutating func dropCoveredNames() {
        for index in dependencies.indices {
            guard case .service = dependencies[index].server else { continue }
            for case .name(let name, let networkProtocol) in dependencies[index].ports.items {
                let single = PortSpec(numbers: [:], names: [networkProtocol: [name]])
                let covered = dependencies.indices.contains { other in
                    other != index && dependencies[other].ports.contains(single)
                        && ContractBuilder.isInside(dependencies[index].client, dependencies[other].client)
                        && ContractBuilder.isInside(dependencies[index].server, dependencies[other].server)
                }
                if covered { dependencies[index].ports = dependencies[index].ports.removing(name: name, protocol: networkProtocol) }
            }
        }
        dependencies.removeAll { $0.ports.isEmpty }
    }

    /// Returns whether the pods or addresses of one endpoint lie inside the
    /// other's in every cluster.
    static func isInside(_ inner: ContractEndpoint, _ outer: ContractEndpoint) -> Bool {
        if inner == outer { return true }
        switch (inner, outer) {
        case (.service, .cluster), (.namespace, .cluster), (.namespaces, .cluster):
            return true
        case let (.service(a), .service(b)):
            return a.namespace == b.namespace && a.selector.isNarrower(than: b.selector)
        case let (.service(key), .namespace(name)):
            return key.namespace == name
        case let (.service(key), .namespaces(selector)):
            return NamespaceSet.named(key.namespace).isInside(.selected(selector))
        case let (.namespace(name), .namespaces(selector)):
            return NamespaceSet.named(name).isInside(.selected(selector))
        case let (.namespaces(a), .namespaces(b)):
            return a.isNarrower(than: b)
        case let (.external(a), .external(b)):
            return Region.addresses(a).isInside(.addresses(b))
        default:
            return false
        }
    }

    /// Joins dependencies with the same client and server, adding their ports.
    private mutating func mergeDependencies() {
        struct Pair: Hashable {
            let client: ContractEndpoint
            let server: ContractEndpoint
        }
        var order: [Pair] = []
        var merged: [Pair: ImportedDependency] = [:]
        for dependency in dependencies {
            let key = Pair(client: dependency.client, server: dependency.server)
            if var existing = merged[key] {
                existing.ports = existing.ports.union(dependency.ports)
                existing.origins += dependency.origins.filter { !existing.origins.contains($0) }
                existing.approximations += dependency.approximations.filter { !existing.approximations.contains($0) }
                merged[key] = existing
            } else {
                order.append(key)
                merged[key] = dependency
            }
        }
        dependencies = order.map { merged[$0]! }
    }
}
