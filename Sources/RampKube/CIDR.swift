import Foundation
import RampDiagnostics

/// An IP family, as Kubernetes' `ipFamilies` names them.
public enum IPFamily: String, Sendable, Hashable {
    case ipv4 = "IPv4"
    case ipv6 = "IPv6"

    public var bitWidth: Int { self == .ipv4 ? 32 : 128 }
}

/// An IPv4 or IPv6 network in CIDR notation, stored as the network address
/// with the host bits cleared and the prefix length.
public struct CIDR: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let family: IPFamily
    /// The address bits, right-aligned: an IPv4 address uses the low 32 bits.
    public let address: UInt128
    public let prefixLength: Int

    public init(family: IPFamily, address: UInt128, prefixLength: Int) {
        self.family = family
        self.prefixLength = prefixLength
        self.address = address & CIDR.networkMask(family: family, prefixLength: prefixLength)
    }

    public static let allIPv4 = CIDR(family: .ipv4, address: 0, prefixLength: 0)
    public static let allIPv6 = CIDR(family: .ipv6, address: 0, prefixLength: 0)

    static func networkMask(family: IPFamily, prefixLength: Int) -> UInt128 {
        let width = family.bitWidth
        let all: UInt128 = width == 128 ? ~0 : (UInt128(1) << width) - 1
        if prefixLength == 0 { return 0 }
        return all ^ (prefixLength >= width ? 0 : (UInt128(1) << (width - prefixLength)) - 1)
    }

    /// The first and last address of the block.
    public var first: UInt128 { address }
    public var last: UInt128 {
        let hostBits = family.bitWidth - prefixLength
        if hostBits == 0 { return address }
        // `1 << 128` is 0, so ::/0 would wrap below zero.
        if hostBits == 128 { return .max }
        return address | ((UInt128(1) << hostBits) - 1)
    }

    public func contains(_ other: CIDR) -> Bool {
        other.family == family && other.prefixLength >= prefixLength
            && (other.address & CIDR.networkMask(family: family, prefixLength: prefixLength)) == address
    }

    public func contains(address candidate: UInt128, family candidateFamily: IPFamily) -> Bool {
        candidateFamily == family && candidate >= first && candidate <= last
    }

    public var description: String {
        IPAddressFormat.format(address, family: family) + "/" + String(prefixLength)
    }

    public static func < (lhs: CIDR, rhs: CIDR) -> Bool {
        if lhs.family != rhs.family { return lhs.family == .ipv4 }
        if lhs.address != rhs.address { return lhs.address < rhs.address }
        return lhs.prefixLength < rhs.prefixLength
    }
}

// MARK: - Parsing

/// Why a CIDR string was rejected, worded to follow "invalid CIDR 'x': ".
public struct CIDRParseError: Error, Equatable, Sendable {
    public let reason: String
}

extension CIDR {
    /// Parses `a.b.c.d/n` or an IPv6 address with `/n`. Host bits must be
    /// zero: contracts write networks exactly.
    public static func parse(_ text: String) throws(CIDRParseError) -> CIDR {
        let (cidr, hadHostBits) = try parseClearingHostBits(text)
        guard !hadHostBits else {
            throw CIDRParseError(reason: "host bits are set; the network address is \(cidr)")
        }
        return cidr
    }

    /// Parses as `parse` does, but clears host bits and returns whether
    /// there were any. The API server accepts `ipBlock.cidr: 10.0.0.1/8` for
    /// compatibility, and NetworkPolicy then matches the network 10.0.0.0/8,
    /// so manifests read from a cluster may hold such blocks.
    public static func parseClearingHostBits(_ text: String) throws(CIDRParseError) -> (cidr: CIDR, hadHostBits: Bool) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2 else {
            throw CIDRParseError(reason: "expected an address and a prefix length such as 10.0.0.0/8")
        }
        let addressText = String(parts[0])
        let (family, address) = try parseAddress(addressText)
        guard let prefix = Int(parts[1]), parts[1].allSatisfy(\.isASCII), prefix >= 0, prefix <= family.bitWidth else {
            throw CIDRParseError(reason: "prefix length must be a number from 0 to \(family.bitWidth)")
        }
        let cidr = CIDR(family: family, address: address, prefixLength: prefix)
        return (cidr, cidr.address != address)
    }

    public static func parseAddress(_ text: String) throws(CIDRParseError) -> (IPFamily, UInt128) {
        if text.contains(":") {
            guard let value = IPAddressFormat.parseIPv6(text) else {
                throw CIDRParseError(reason: "\(QuotedText.quote(text)) is not an IPv6 address")
            }
            return (.ipv6, value)
        }
        guard let value = IPAddressFormat.parseIPv4(text) else {
            throw CIDRParseError(reason: "\(QuotedText.quote(text)) is not an IPv4 address")
        }
        return (.ipv4, UInt128(value))
    }
}

/// Parsing and canonical printing of IP addresses (RFC 5952 for IPv6).
public enum IPAddressFormat {
    public static func parseIPv4(_ text: String) -> UInt32? {
        let octets = text.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4 else { return nil }
        var value: UInt32 = 0
        for octet in octets {
            // Leading zeros are rejected: some parsers read them as octal.
            guard !octet.isEmpty, octet.count <= 3, octet.allSatisfy({ $0.isASCII && $0.isNumber }),
                  octet == "0" || !octet.hasPrefix("0"), let number = UInt32(octet), number <= 255
            else { return nil }
            value = value << 8 | number
        }
        return value
    }

    public static func parseIPv6(_ text: String) -> UInt128? {
        let halves = text.components(separatedBy: "::")
        guard halves.count <= 2 else { return nil }
        guard let head = parseGroups(halves[0]) else { return nil }
        if halves.count == 1 {
            guard head.count == 8 else { return nil }
            return combine(head)
        }
        guard let tail = parseGroups(halves[1]), head.count + tail.count <= 7 else { return nil }
        return combine(head + Array(repeating: 0, count: 8 - head.count - tail.count) + tail)
    }

    private static func parseGroups(_ text: String) -> [UInt16]? {
        if text.isEmpty { return [] }
        var groups: [UInt16] = []
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        for (index, part) in parts.enumerated() {
            // An embedded IPv4 address may end the text, as in ::ffff:10.0.0.1.
            if index == parts.count - 1, part.contains("."), let v4 = parseIPv4(String(part)) {
                groups.append(UInt16(v4 >> 16))
                groups.append(UInt16(v4 & 0xFFFF))
                continue
            }
            guard !part.isEmpty, part.count <= 4, let value = UInt16(part, radix: 16),
                  part.allSatisfy(\.isHexDigit) else { return nil }
            groups.append(value)
        }
        return groups
    }

    private static func combine(_ groups: [UInt16]) -> UInt128 {
        groups.reduce(UInt128(0)) { $0 << 16 | UInt128($1) }
    }

    public static func format(_ address: UInt128, family: IPFamily) -> String {
        if family == .ipv4 {
            let value = UInt32(truncatingIfNeeded: address)
            return [24, 16, 8, 0].map { String((value >> UInt32($0)) & 0xFF) }.joined(separator: ".")
        }
        let groups = (0..<8).map { UInt16(truncatingIfNeeded: address >> UInt128(112 - 16 * $0)) }
        return formatIPv6(groups)
    }

    /// Prints the canonical form: lowercase, no leading zeros, and the longest
    /// run of two or more zero groups (the first one on a tie) replaced by `::`.
    private static func formatIPv6(_ groups: [UInt16]) -> String {
        var bestStart = -1
        var bestLength = 0
        var index = 0
        while index < 8 {
            guard groups[index] == 0 else { index += 1; continue }
            var end = index
            while end < 8 && groups[end] == 0 { end += 1 }
            if end - index > bestLength && end - index >= 2 {
                bestStart = index
                bestLength = end - index
            }
            index = end
        }
        let text = groups.map { String($0, radix: 16) }
        if bestStart < 0 { return text.joined(separator: ":") }
        let head = text[..<bestStart].joined(separator: ":")
        let tail = text[(bestStart + bestLength)...].joined(separator: ":")
        return head + "::" + tail
    }
}
