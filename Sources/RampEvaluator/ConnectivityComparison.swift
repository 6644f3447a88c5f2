import RampKube

/// A source atom and a destination atom.
struct AtomPair: Hashable {
    let source: Int
    let destination: Int
}

/// A pair of atoms and a protocol on which two policy sets differ.
struct AtomPairDifference: Sendable {
    let source: Int
    let destination: Int
    let `protocol`: NetworkProtocol
    /// Non-empty.
    let ports: [PortDifference]
}

extension AtomPairDifference {
    var pair: AtomPair { AtomPair(source: source, destination: destination) }
}

/// Finds every atom pair and protocol on which two policy sets allow
/// different ports, without visiting all pairs one by one.
///
/// A pair that has a specific entry in either set, on either side, is
/// compared directly. Every other pair gets only default and granted ports,
/// which depend on each end's defaults and grants and on the wide sets that
/// hold the other end (see `PolicySetAccess`). Sources and destinations are
/// therefore grouped by these in both sets, and a pair of groups is compared
/// once. Only when the groups differ are their pairs listed, skipping the
/// pairs already compared directly.
/// Pairs that no single cluster can hold (see `ClusterAbstraction.canPair`)
/// are skipped everywhere.
struct ConnectivityComparison {
    let abstraction: ClusterAbstraction
    let table: PortSetTable
    let first: PolicySetAccess
    let second: PolicySetAccess
    /// The members of the wide sets that both sets' grants name.
    let wideSets: [BitSet]

    /// Returns the differences ordered by source atom, destination atom and
    /// protocol. With a limit, returns the first `limit` of them (at least 1).
    func differences(limit: Int?) -> [AtomPairDifference] {
        firstDifferences(limit: limit).ordered()
    }

    /// Returns the first `limit` differences in the order of `differences`.
    func firstDifferences(limit: Int?) -> FirstDifferences {
        var found = FirstDifferences(limit: limit)
        found.add(specificDifferences())
        addDefaultDifferences(to: &found)
        return found
    }

    // MARK: - Pairs with specific entries

    private func specificDifferences() -> [AtomPairDifference] {
        let ingressBySource = ingressEntriesBySource()
        var result: [AtomPairDifference] = []
        var templates: [PortsKey: [AtomPairDifference]] = [:]
        for source in 0..<abstraction.atomCount {
            var destinations = Array(first.egressSpecific[source].keys) + Array(second.egressSpecific[source].keys)
            destinations += ingressBySource[source]
            for destination in Set(destinations).sorted()
            where abstraction.canPair(source, destination) && !first.storesSameEntries(as: second, from: source, to: destination) {
                result += template(for: portsKey(from: source, to: destination), in: &templates).map {
                    AtomPairDifference(source: source, destination: destination, protocol: $0.protocol, ports: $0.ports)
                }
            }
        }
        return result
    }

    /// Returns the port set IDs that decide one pair in both sets.
    func portsKey(from source: Int, to destination: Int) -> PortsKey {
        PortsKey(
            firstEgress: first.egress(from: source, to: destination), firstIngress: first.ingress(from: source, to: destination),
            secondEgress: second.egress(from: source, to: destination), secondIngress: second.ingress(from: source, to: destination)
        )
    }

    /// For each source atom, the destinations whose ingress has a specific entry for it in either set.
    private func ingressEntriesBySource() -> [[Int]] {
        var bySource = Array(repeating: [Int](), count: abstraction.atomCount)
        for access in [first, second] {
            for (destination, entries) in access.ingressSpecific.enumerated() {
                for source in entries.keys { bySource[source].append(destination) }
            }
        }
        return bySource
    }

    /// Compares one pair given each set's egress and ingress port set IDs.
    private func compare(
        source: Int,
        destination: Int,
        first: (egress: Int, ingress: Int),
        second: (egress: Int, ingress: Int)
    ) -> [AtomPairDifference] {
        if first == second { return [] }
        let sets = (table[first.egress], table[first.ingress], table[second.egress], table[second.ingress])
        var result: [AtomPairDifference] = []
        for networkProtocol in NetworkProtocol.allCases {
            let ports = PortComparison.differences(
                first: (sets.0[networkProtocol], sets.1[networkProtocol]),
                second: (sets.2[networkProtocol], sets.3[networkProtocol])
            )
            if !ports.isEmpty {
                result.append(AtomPairDifference(source: source, destination: destination, protocol: networkProtocol, ports: ports))
            }
        }
        return result
    }

    // MARK: - Pairs without specific entries

    /// The part of one end that decides its pairs without specific entries,
    /// in both sets. That is the default ports of its own direction: egress
    /// for a source, ingress for a destination. It is also the grants it
    /// keeps for its own direction and for the other end's, and the wide
    /// sets that contain it, which the other end's grants read.
    private struct EndKey: Hashable {
        let firstDefault: Int
        let secondDefault: Int
        /// The grants of its own direction, then those of the other end's.
        let firstGrants: [[PeerGrant]]
        let secondGrants: [[PeerGrant]]
        let membership: Int
        /// Whether the atom is an address, which drops port names from the
        /// egress towards it. Always false for a source.
        let isAddress: Bool

        var isAlike: Bool { firstDefault == secondDefault && firstGrants == secondGrants }

        /// Whether its own direction admits some port in either set, by
        /// default or by a grant it holds.
        var opensOwnSide: Bool {
            firstDefault != PortSetTable.emptyID || secondDefault != PortSetTable.emptyID
                || !firstGrants[0].isEmpty || !secondGrants[0].isEmpty
        }

        /// Whether it has a grant that opens the other end's direction in either set.
        var opensOtherSide: Bool { !firstGrants[1].isEmpty || !secondGrants[1].isEmpty }
    }

    /// Returns whether some port can pass both directions of a pair in
    /// either set. Otherwise both sets allow nothing there.
    private static func canAllow(_ source: EndKey, _ destination: EndKey) -> Bool {
        (source.opensOwnSide || destination.opensOtherSide) && (destination.opensOwnSide || source.opensOtherSide)
    }

    /// Atoms grouped by their `EndKey` in one role.
    private struct EndGroups {
        var keys: [EndKey] = []
        var members: [[Int]] = []
        /// For each atom, the index of its group.
        var groupOf: [Int] = []
        /// The groups that open their own direction, in order.
        var opening: [Int] = []
    }

    /// Compares the pairs without specific entries group by group. Both sets
    /// allow the same for a pair whose ends each have alike defaults and
    /// grants in both. When one end differs and the other is alike, the
    /// pair can differ only where the other end lies in a wide set of a
    /// grant that differs, or everywhere when the defaults differ.
    private func addDefaultDifferences(to found: inout FirstDifferences) {
        let membership = membershipClasses()
        let sources = endGroups { atom in
            EndKey(firstDefault: first.egressDefault[atom], secondDefault: second.egressDefault[atom],
                   firstGrants: first.heldAsSource(atom), secondGrants: second.heldAsSource(atom),
                   membership: membership[atom], isAddress: false)
        }
        let destinations = endGroups { atom in
            EndKey(firstDefault: first.ingressDefault[atom], secondDefault: second.ingressDefault[atom],
                   firstGrants: first.heldAsDestination(atom), secondGrants: second.heldAsDestination(atom),
                   membership: membership[atom], isAddress: abstraction.isAddress(atom))
        }

        var templates: [PortsKey: [AtomPairDifference]] = [:]
        for source in sources.keys.indices {
            for destination in partners(of: source, in: sources, among: destinations)
            where ConnectivityComparison.canAllow(sources.keys[source], destinations.keys[destination]) {
                compareGroups(sources.members[source], destinations.members[destination], into: &found, templates: &templates)
            }
        }
        for destination in destinations.keys.indices where !destinations.keys[destination].isAlike {
            for source in partners(of: destination, in: destinations, among: sources)
            where sources.keys[source].isAlike && ConnectivityComparison.canAllow(sources.keys[source], destinations.keys[destination]) {
                compareGroups(sources.members[source], destinations.members[destination], into: &found, templates: &templates)
            }
        }
    }

    /// The port set IDs that decide a pair in both sets. Many pairs share
    /// them, and comparing port sets costs more than a lookup.
    struct PortsKey: Hashable {
        let firstEgress: Int
        let firstIngress: Int
        let secondEgress: Int
        let secondIngress: Int
    }

    /// Returns the differences of a pair with these port sets, as a
    /// template whose atoms are placeholders, comparing each key once.
    func template(for key: PortsKey, in templates: inout [PortsKey: [AtomPairDifference]]) -> [AtomPairDifference] {
        if let known = templates[key] { return known }
        let differences = compare(
            source: 0, destination: 0, first: (key.firstEgress, key.firstIngress), second: (key.secondEgress, key.secondIngress)
        )
        templates[key] = differences
        return differences
    }

    /// Returns the groups of the other role whose pairs with `group` can
    /// differ, for a group that differs between the sets: every differing
    /// group, and the alike groups that the differing grants reach. An alike
    /// group has no partners here, because the other role lists its pairs.
    private func partners(of group: Int, in groups: EndGroups, among others: EndGroups) -> [Int] {
        let key = groups.keys[group]
        if key.isAlike { return [] }
        // Without a grant for the other end's direction, a group of the
        // other role that opens nothing there by itself admits nothing.
        if key.firstDefault != key.secondDefault { return key.opensOtherSide ? Array(others.keys.indices) : others.opening }
        var reached = Set(others.keys.indices.filter { !others.keys[$0].isAlike })
        for (firstList, secondList) in zip(key.firstGrants, key.secondGrants) where firstList != secondList {
            for grant in Set(firstList).symmetricDifference(secondList) {
                for atom in wideSets[grant.set].members { reached.insert(others.groupOf[atom]) }
            }
        }
        return reached.sorted()
    }

    /// Compares one pair of groups through their first atoms, and copies
    /// any difference to the pairs of the groups that have no specific entry.
    private func compareGroups(
        _ sources: [Int], _ destinations: [Int], into found: inout FirstDifferences, templates: inout [PortsKey: [AtomPairDifference]]
    ) {
        let (source, destination) = (sources[0], destinations[0])
        let firstEgress = first.baseEgress(from: source, to: destination)
        let secondEgress = second.baseEgress(from: source, to: destination)
        let egress = abstraction.isAddress(destination)
            ? (table.withoutNames(firstEgress), table.withoutNames(secondEgress))
            : (firstEgress, secondEgress)
        let key = PortsKey(
            firstEgress: egress.0, firstIngress: first.baseIngress(from: source, to: destination),
            secondEgress: egress.1, secondIngress: second.baseIngress(from: source, to: destination)
        )
        let template = template(for: key, in: &templates)
        if template.isEmpty { return }
        expand(template, sources: sources, destinations: destinations, into: &found)
    }

    private func endGroups(by key: (Int) -> EndKey) -> EndGroups {
        var groups = EndGroups()
        var indexByKey: [EndKey: Int] = [:]
        groups.groupOf.reserveCapacity(abstraction.atomCount)
        for atom in 0..<abstraction.atomCount {
            let atomKey = key(atom)
            let index = indexByKey[atomKey] ?? groups.keys.count
            if index == groups.keys.count {
                indexByKey[atomKey] = index
                groups.keys.append(atomKey)
                groups.members.append([])
            }
            groups.members[index].append(atom)
            groups.groupOf.append(index)
        }
        groups.opening = groups.keys.indices.filter { groups.keys[$0].opensOwnSide }
        return groups
    }

    /// Numbers each atom by the wide sets that hold it. Atoms of one number
    /// meet the same grants.
    private func membershipClasses() -> [Int] {
        var lists = Array(repeating: [Int](), count: abstraction.atomCount)
        for (set, members) in wideSets.enumerated() {
            for atom in members.members { lists[atom].append(set) }
        }
        var numbers: [[Int]: Int] = [:]
        return lists.map { list in
            if let number = numbers[list] { return number }
            numbers[list] = numbers.count
            return numbers.count - 1
        }
    }

    /// Copies a group pair's differences to each of its atom pairs that has
    /// no specific entry, while `found` keeps them.
    ///
    /// Sources and destinations are in ascending order, so once `found`
    /// drops a difference of one pair, it drops those of every later pair
    /// too. A comparison with a limit then skips the rest of the group pair,
    /// which can hold most pairs of a large cluster.
    private func expand(_ template: [AtomPairDifference], sources: [Int], destinations: [Int], into found: inout FirstDifferences) {
        for source in sources {
            for destination in destinations where abstraction.canPair(source, destination)
                && !first.hasSpecificEntry(from: source, to: destination) && !second.hasSpecificEntry(from: source, to: destination) {
                var dropped = false
                for difference in template {
                    if found.keeps(source: source, destination: destination, protocol: difference.protocol) {
                        found.add(AtomPairDifference(source: source, destination: destination, protocol: difference.protocol, ports: difference.ports))
                    } else {
                        dropped = true
                    }
                }
                if dropped { return }
            }
        }
    }
}
