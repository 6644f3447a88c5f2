import RampIR
import RampSource

/// Numbers every declared service, in declaration order, and records the
/// service number of each dependency's client and server.
///
/// The subjects and the lowering both need, for every dependency, the
/// declared service at each end. Looking it up once here saves a second
/// lookup. The table hashes a service ID with FNV-1a over its bytes, which
/// costs fewer instructions than `Hasher` on two strings.
struct ServiceNumbers {
    /// The number of declared services.
    let count: Int
    /// The position in `Program.namespaces` of each service's namespace.
    let namespacePositions: [Int]
    /// The service number of each dependency's client, or nil when the
    /// client is not a declared service. Indexed like `Program.dependencies`.
    let clients: [Int?]
    /// The same as `clients`, for each dependency's server.
    let servers: [Int?]
    private let table: ServiceTable

    init(program: Program) {
        var table = ServiceTable(capacity: program.namespaces.reduce(0) { $0 + $1.services.count })
        var namespacePositions: [Int] = []
        namespacePositions.reserveCapacity(table.capacity)
        for (position, namespace) in program.namespaces.enumerated() {
            for service in namespace.services {
                table.insert(service.id, number: namespacePositions.count)
                namespacePositions.append(position)
            }
        }

        // Each lookup reads only the finished table, so they run on all cores.
        let dependencies = program.dependencies
        let finished = table
        let clients = ConcurrentIndices.map(count: dependencies.count, itemSize: DependencyOrigins.dependenciesPerWorkItem) {
            finished.number(of: dependencies[$0].client)
        }
        let servers = ConcurrentIndices.map(count: dependencies.count, itemSize: DependencyOrigins.dependenciesPerWorkItem) {
            finished.number(of: dependencies[$0].server)
        }

        self.count = namespacePositions.count
        self.namespacePositions = namespacePositions
        self.clients = clients
        self.servers = servers
        self.table = table
    }

    /// Returns the number of a declared service, or nil for any other ID.
    func number(of id: ServiceID) -> Int? {
        table.number(of: id)
    }
}

/// An open-addressing hash table from service ID to service number.
private struct ServiceTable {
    private var slots: [(id: ServiceID, number: Int)?]
    private let mask: Int

    /// The number of services the table was sized for.
    let capacity: Int

    init(capacity: Int) {
        // At most half the slots are used, so probe sequences stay short.
        var size = 16
        while size < capacity * 2 { size *= 2 }
        self.slots = Array(repeating: nil, count: size)
        self.mask = size - 1
        self.capacity = capacity
    }

    mutating func insert(_ id: ServiceID, number: Int) {
        var slot = ServiceTable.hash(id) & mask
        while let occupant = slots[slot] {
            // A repeated ID keeps its first number.
            if occupant.id == id { return }
            slot = (slot + 1) & mask
        }
        slots[slot] = (id, number)
    }

    func number(of endpoint: Endpoint) -> Int? {
        guard case .service(let id) = endpoint else { return nil }
        return number(of: id)
    }

    func number(of id: ServiceID) -> Int? {
        var slot = ServiceTable.hash(id) & mask
        while let occupant = slots[slot] {
            if occupant.id == id { return occupant.number }
            slot = (slot + 1) & mask
        }
        return nil
    }

    /// Returns the 64-bit FNV-1a hash of the namespace, a `/`, and the name.
    private static func hash(_ id: ServiceID) -> Int {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        mix(id.namespace, into: &hash)
        hash = (hash ^ 0x2F) &* 0x0000_0100_0000_01B3
        mix(id.name, into: &hash)
        // The low bits pick the slot, so the high bits are folded into them.
        return Int(truncatingIfNeeded: hash ^ (hash >> 32))
    }

    /// Mixes the UTF-8 bytes of `text` into an FNV-1a hash. Reading the
    /// contiguous bytes costs a few instructions a byte; iterating the UTF-8
    /// view of a small string costs many more.
    private static func mix(_ text: String, into hash: inout UInt64) {
        let mixed = text.utf8.withContiguousStorageIfAvailable { bytes in
            var result = hash
            for byte in bytes {
                result = (result ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
            }
            return result
        }
        if let mixed {
            hash = mixed
            return
        }

        for byte in text.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
    }
}
