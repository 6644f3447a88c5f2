import RampKube

/// Fingerprints of peers, ports and selectors, which dictionary keys hash
/// and tables compare in place of the values, and fast equality of peers.
///
/// The synthesized hash of a peer runs a separate `Hasher` for every entry
/// of its label dictionaries: about half the instructions of building the
/// pair table of `MergeRules` (callgrind, `ramp-benchmark small`). Equal
/// peers have equal fingerprints. Users still compare equal fingerprints'
/// values, so a collision costs time but never merges two different peers.
enum PeerKey {
    /// Returns `lhs == rhs` for peers, comparing their selectors with
    /// `areEqual`.
    static func areEqual(_ lhs: NetworkPolicyPeer, _ rhs: NetworkPolicyPeer) -> Bool {
        areEqual(lhs.podSelector, rhs.podSelector) && areEqual(lhs.namespaceSelector, rhs.namespaceSelector)
            && lhs.ipBlock == rhs.ipBlock
    }

    /// Returns `lhs == rhs` for selectors. The synthesized `==` of a label
    /// dictionary hashes every key to look it up in the other dictionary,
    /// while a scan of the few labels of a selector compares the strings
    /// directly.
    static func areEqual(_ lhs: LabelSelector?, _ rhs: LabelSelector?) -> Bool {
        guard let lhs, let rhs else { return lhs == nil && rhs == nil }
        guard lhs.matchLabels.count == rhs.matchLabels.count, lhs.matchExpressions == rhs.matchExpressions else { return false }
        guard lhs.matchLabels.count <= 8 else { return lhs.matchLabels == rhs.matchLabels }

        // Keys are unique and the counts equal, so finding every entry of one side in the other proves equality.
        for (key, value) in lhs.matchLabels where !rhs.matchLabels.contains(where: { $0.key == key && $0.value == value }) {
            return false
        }
        return true
    }

    static func fingerprint(of peer: NetworkPolicyPeer) -> UInt64 {
        var fingerprint = PeerKey.fingerprint(of: peer.podSelector)
        fingerprint = PeerKey.combine(fingerprint, PeerKey.fingerprint(of: peer.namespaceSelector))
        if let block = peer.ipBlock { fingerprint = PeerKey.combine(fingerprint, UInt64(bitPattern: Int64(block.hashValue))) }
        return fingerprint
    }

    /// Returns a fingerprint of a port from its fields, without a `Hasher`.
    static func fingerprint(of port: NetworkPolicyPort) -> UInt64 {
        var fingerprint: UInt64
        switch port.protocol {
        case nil: fingerprint = 1
        case .tcp: fingerprint = 2
        case .udp: fingerprint = 3
        case .sctp: fingerprint = 4
        }
        switch port.port {
        case nil: fingerprint = combine(fingerprint, 5)
        case .number(let number): fingerprint = combine(fingerprint, UInt64(bitPattern: Int64(number)))
        case .name(let name): fingerprint = combine(fingerprint, fnv1a(name))
        }
        return combine(fingerprint, UInt64(bitPattern: Int64(port.endPort ?? -1)))
    }

    /// Sums the entries' hashes for `matchLabels`, because a dictionary's
    /// iteration order differs between equal dictionaries.
    static func fingerprint(of selector: LabelSelector?) -> UInt64 {
        guard let selector else { return 0x9E37_79B9_7F4A_7C15 }

        var labels: UInt64 = 0
        for (key, value) in selector.matchLabels {
            labels = labels &+ combine(fnv1a(key), fnv1a(value))
        }
        var fingerprint = combine(labels, UInt64(selector.matchExpressions.count))
        for requirement in selector.matchExpressions {
            fingerprint = combine(fingerprint, fnv1a(requirement.key))
            for value in requirement.values { fingerprint = combine(fingerprint, fnv1a(value)) }
        }
        return fingerprint
    }

    /// Returns the 64-bit FNV-1a hash of the UTF-8 bytes of `text`.
    static func fnv1a(_ text: String) -> UInt64 {
        // A native string lends its bytes without a copy, and a buffer loop
        // avoids the per-byte index checks of iterating `utf8`.
        var text = text
        return text.withUTF8 { bytes in
            var hash: UInt64 = 0xCBF2_9CE4_8422_2325
            for byte in bytes {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01B3
            }
            return hash
        }
    }

    static func combine(_ first: UInt64, _ second: UInt64) -> UInt64 {
        (first ^ (second &+ 0x9E37_79B9_7F4A_7C15 &+ (first << 6) &+ (first >> 2)))
    }
}
