import RampKube

/// A pair of atoms and a protocol on which two policy sets differ.
struct AtomPairDifference: Sendable {
    let source: Int
    let destination: Int
    let `protocol`: NetworkProtocol
    /// Non-empty.
    let ports: [PortDifference]
}

/// Finds every atom pair and protocol on which two policy sets allow
/// different ports, without visiting all pairs one by one.
///
/// A pair that has a specific entry in either set, on either side, is
/// compared directly. Every other pair gets only default ports, which depend
/// on the source's egress defaults and the destination's ingress defaults.
/// Sources and destinations are therefore grouped by their defaults in both
/// sets, and a pair of groups is compared once. Only when the groups differ
/// are their pairs listed, skipping the pairs already compared directly.
/// Pairs that no single cluster can hold (see `ClusterAbstraction.canPair`)
/// are skipped everywhere.
struct ConnectivityComparison {
    let abstraction: ClusterAbstraction
    let table: PortSetTable
    let first: PolicySetAccess
    let second: PolicySetAccess

    /// Returns the differences ordered by source atom, destination atom and
    /// protocol. With a limit, returns the first `limit` of them (at least 1).
    func differences(limit: Int?) -> [AtomPairDifference] {
        var result = specificDifferences()
        result += defaultDifferences(limit: limit)
        result.sort { ($0.source, $0.destination, $0.protocol) < ($1.source, $1.destination, $1.protocol) }
        if let limit, result.count > limit { result.removeSubrange(max(limit, 1)...) }
        return result
    }

    // MARK: - Pairs with specific entries

    private func specificDifferences() -> [AtomPairDifference] {
        let ingressBySource = ingressEntriesBySource()
        var result: [AtomPairDifference] = []
        for source in 0..<abstraction.atomCount {
            var destinations = Array(first.egressSpecific[source].keys) + Array(second.egressSpecific[source].keys)
            destinations += ingressBySource[source]
            for destination in Set(destinations).sorted()
            where abstraction.canPair(source, destination) && !first.storesSameEntries(as: second, from: source, to: destination) {
                result += compare(
                    source: source,
                    destination: destination,
                    first: (first.egress(from: source, to: destination), first.ingress(from: source, to: destination)),
                    second: (second.egress(from: source, to: destination), second.ingress(from: source, to: destination))
                )
            }
        }
        return result
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

    // MARK: - Pairs with default ports only

    private struct SourceDefaults: Hashable {
        let first: Int
        let second: Int
    }

    private struct DestinationDefaults: Hashable {
        let first: Int
        let second: Int
        let isAddress: Bool
    }

    private func defaultDifferences(limit: Int?) -> [AtomPairDifference] {
        let atoms = 0..<abstraction.atomCount
        let sourceGroups = groups(of: atoms) { SourceDefaults(first: first.egressDefault[$0], second: second.egressDefault[$0]) }
        let destinationGroups = groups(of: atoms) {
            DestinationDefaults(first: first.ingressDefault[$0], second: second.ingressDefault[$0], isAddress: abstraction.isAddress($0))
        }

        var result: [AtomPairDifference] = []
        for (sourceDefaults, sources) in sourceGroups {
            for (destinationDefaults, destinations) in destinationGroups {
                if sourceDefaults.first == sourceDefaults.second && destinationDefaults.first == destinationDefaults.second {
                    continue
                }
                let egress = destinationDefaults.isAddress
                    ? (table.withoutNames(sourceDefaults.first), table.withoutNames(sourceDefaults.second))
                    : (sourceDefaults.first, sourceDefaults.second)
                let template = compare(
                    source: 0, destination: 0,
                    first: (egress.0, destinationDefaults.first),
                    second: (egress.1, destinationDefaults.second)
                )
                if template.isEmpty { continue }
                result += expand(template, sources: sources, destinations: destinations, limit: limit)
            }
        }
        return result
    }

    /// Groups atoms by a key, each group in increasing atom order, groups in order of their first atom.
    private func groups<Key: Hashable>(of atoms: Range<Int>, by key: (Int) -> Key) -> [(Key, [Int])] {
        var order: [Key] = []
        var members: [Key: [Int]] = [:]
        for atom in atoms {
            let groupKey = key(atom)
            if members[groupKey] == nil { order.append(groupKey) }
            members[groupKey, default: []].append(atom)
        }
        return order.map { ($0, members[$0]!) }
    }

    /// Copies a group pair's differences to each of its atom pairs that has no specific entry.
    private func expand(_ template: [AtomPairDifference], sources: [Int], destinations: [Int], limit: Int?) -> [AtomPairDifference] {
        var result: [AtomPairDifference] = []
        var pairCount = 0
        for source in sources {
            for destination in destinations where abstraction.canPair(source, destination)
                && !first.hasSpecificEntry(from: source, to: destination) && !second.hasSpecificEntry(from: source, to: destination) {
                result += template.map {
                    AtomPairDifference(source: source, destination: destination, protocol: $0.protocol, ports: $0.ports)
                }
                pairCount += 1
                if let limit, pairCount >= limit { return result }
            }
        }
        return result
    }
}
