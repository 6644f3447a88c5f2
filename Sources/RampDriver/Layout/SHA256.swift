/// SHA-256 as FIPS 180-4 specifies it. Foundation on Linux has no CryptoKit,
/// and ramp takes no package dependencies, so the contract hash uses this.
///
/// The state, the partial block and the message schedule are fixed-size
/// values, so that hashing allocates no memory. A build hashes every object
/// in several small updates.
struct SHA256 {
    private typealias Words = (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32)

    /// The hash value H, from the initial value of FIPS 180-4, 5.3.3.
    private var state: Words = (0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19)
    /// A block not yet complete, of which the first `pendingCount` bytes are set.
    private var pending: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
    private var pendingCount = 0
    private var byteCount: UInt64 = 0

    init() {}

    /// Returns the digest of `bytes` as 64 lowercase hexadecimal digits.
    static func hexDigest<Bytes: Sequence>(of bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var hasher = SHA256()
        hasher.update(bytes)
        return hexadecimal(hasher.finalize())
    }

    static func hexadecimal(_ digest: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(digest.count * 2)
        for byte in digest {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    mutating func update<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        let contiguous: Void? = bytes.withContiguousStorageIfAvailable { update($0) }
        if contiguous == nil { Array(bytes).withUnsafeBufferPointer { update($0) } }
    }

    /// Hashes whole blocks straight from `bytes` and keeps the rest for the next call.
    mutating func update(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        byteCount &+= UInt64(bytes.count)
        var offset = 0
        if pendingCount > 0 {
            offset = min(64 - pendingCount, bytes.count)
            appendPending(UnsafeRawBufferPointer(start: base, count: offset))
            guard pendingCount == 64 else { return }
            compressPending()
        }
        while bytes.count - offset >= 64 {
            SHA256.compress(UnsafeRawPointer(base + offset), into: &state)
            offset += 64
        }
        appendPending(UnsafeRawBufferPointer(start: base + offset, count: bytes.count - offset))
    }

    private mutating func appendPending(_ bytes: UnsafeRawBufferPointer) {
        guard !bytes.isEmpty else { return }
        let start = pendingCount
        withUnsafeMutableBytes(of: &pending) { block in
            UnsafeMutableRawBufferPointer(rebasing: block[start..<start + bytes.count]).copyMemory(from: bytes)
        }
        pendingCount += bytes.count
    }

    private mutating func compressPending() {
        let block = pending
        withUnsafeBytes(of: block) { SHA256.compress($0.baseAddress!, into: &state) }
        pendingCount = 0
    }

    /// Pads the message with a 1 bit, zeros and its length in bits, and
    /// returns the 32-byte digest.
    mutating func finalize() -> [UInt8] {
        let bitLength = byteCount &* 8
        appendPending(0x80)
        if pendingCount > 56 {
            while pendingCount < 64 { appendPending(0) }
            compressPending()
        }
        while pendingCount < 56 { appendPending(0) }
        withUnsafeBytes(of: bitLength.bigEndian) { appendPending($0) }
        compressPending()

        let words = [state.0, state.1, state.2, state.3, state.4, state.5, state.6, state.7]
        return words.flatMap { word in (0..<4).map { UInt8(truncatingIfNeeded: word >> UInt32(24 - 8 * $0)) } }
    }

    private mutating func appendPending(_ byte: UInt8) {
        withUnsafeBytes(of: byte) { appendPending($0) }
    }

    // MARK: - Compression

    /// Compresses the 64 bytes at `block` into `state`: FIPS 180-4, 6.2.2.
    private static func compress(_ block: UnsafeRawPointer, into state: inout Words) {
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { schedule in
            expand(block, into: schedule)
            roundConstants.withUnsafeBufferPointer { constants in
                runRounds(schedule: UnsafeBufferPointer(schedule), constants: constants, state: &state)
            }
        }
    }

    /// Writes the message schedule W of one block, its 64 words.
    @inline(__always)
    private static func expand(_ block: UnsafeRawPointer, into schedule: UnsafeMutableBufferPointer<UInt32>) {
        for index in 0..<16 {
            schedule[index] = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: index * 4, as: UInt32.self))
        }
        for index in 16..<64 {
            let s0 = rotate(schedule[index - 15], 7) ^ rotate(schedule[index - 15], 18) ^ (schedule[index - 15] >> 3)
            let s1 = rotate(schedule[index - 2], 17) ^ rotate(schedule[index - 2], 19) ^ (schedule[index - 2] >> 10)
            schedule[index] = schedule[index - 16] &+ s0 &+ schedule[index - 7] &+ s1
        }
    }

    /// Runs the 64 rounds and adds the working variables to `state`.
    @inline(__always)
    private static func runRounds(
        schedule: UnsafeBufferPointer<UInt32>, constants: UnsafeBufferPointer<UInt32>, state: inout Words
    ) {
        var (a, b, c, d, e, f, g, h) = state
        // Eight rounds per iteration, each naming the working variables one
        // place further on, so that no round has to move all eight of them.
        for index in stride(from: 0, to: 64, by: 8) {
            round(a, b, c, &d, e, f, g, &h, schedule[index] &+ constants[index])
            round(h, a, b, &c, d, e, f, &g, schedule[index + 1] &+ constants[index + 1])
            round(g, h, a, &b, c, d, e, &f, schedule[index + 2] &+ constants[index + 2])
            round(f, g, h, &a, b, c, d, &e, schedule[index + 3] &+ constants[index + 3])
            round(e, f, g, &h, a, b, c, &d, schedule[index + 4] &+ constants[index + 4])
            round(d, e, f, &g, h, a, b, &c, schedule[index + 5] &+ constants[index + 5])
            round(c, d, e, &f, g, h, a, &b, schedule[index + 6] &+ constants[index + 6])
            round(b, c, d, &e, f, g, h, &a, schedule[index + 7] &+ constants[index + 7])
        }
        state = (state.0 &+ a, state.1 &+ b, state.2 &+ c, state.3 &+ d, state.4 &+ e, state.5 &+ f, state.6 &+ g, state.7 &+ h)
    }

    /// Runs one round and updates `d` and `h` in place: `h` becomes the new
    /// `a` and `d` the new `e` of FIPS 180-4, 6.2.2 step 3.
    @inline(__always)
    private static func round(
        _ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: inout UInt32,
        _ e: UInt32, _ f: UInt32, _ g: UInt32, _ h: inout UInt32, _ constantPlusWord: UInt32
    ) {
        let sum1 = rotate(e, 6) ^ rotate(e, 11) ^ rotate(e, 25)
        let choice = g ^ (e & (f ^ g))
        let temporary1 = h &+ sum1 &+ choice &+ constantPlusWord
        let sum0 = rotate(a, 2) ^ rotate(a, 13) ^ rotate(a, 22)
        let majority = (a & b) | (c & (a | b))
        d = d &+ temporary1
        h = temporary1 &+ sum0 &+ majority
    }

    @inline(__always)
    private static func rotate(_ value: UInt32, _ count: UInt32) -> UInt32 {
        value >> count | value << (32 - count)
    }

    private static let roundConstants: [UInt32] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ]
}
