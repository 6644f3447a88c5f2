/// A synthetic contract system of a given size, for benchmarks and tests.
///
/// The same size and seed always give the same text. Services are spread
/// evenly over the namespaces, each with an `app=<name>` selector, the one
/// API port its clients call and at most two more: another port or a UDP
/// range, and `metrics`. Most dependencies stay inside a namespace, some
/// cross namespaces, a monitoring service scrapes whole namespaces, and a
/// few lines name `internet`, declared networks or CIDRs. Every generated
/// system compiles without diagnostics, and has `dependencies` lines unless
/// it has too few services to draw that many distinct client and target
/// pairs (`ContractGenerator` gives the mix and how it avoids warnings).
public struct SyntheticSystem: Sendable {
    /// The number of services, namespaces and dependency lines.
    public struct Size: Equatable, Sendable, CustomStringConvertible {
        public var services: Int
        public var namespaces: Int
        public var dependencies: Int

        public init(services: Int, namespaces: Int, dependencies: Int) {
            self.services = max(1, services)
            self.namespaces = min(max(1, namespaces), self.services)
            self.dependencies = max(0, dependencies)
        }

        public static let small = Size(services: 1_500, namespaces: 150, dependencies: 9_300)
        public static let large = Size(services: 10_000, namespaces: 1_000, dependencies: 100_000)

        /// Returns the size with every count multiplied by `factor`.
        public func scaled(by factor: Int) -> Size {
            Size(services: services * factor, namespaces: namespaces * factor, dependencies: dependencies * factor)
        }

        public var description: String {
            "\(services) services in \(namespaces) namespaces, \(dependencies) dependencies"
        }
    }

    /// One contract file, with a path relative to the system's root directory.
    public struct File: Sendable {
        public let path: String
        public let text: String
    }

    public let size: Size
    public let seed: UInt64
    /// `networks.ramp`, then one file per namespace in namespace order.
    public let files: [File]

    public init(size: Size, seed: UInt64 = 1) {
        self.size = size
        self.seed = seed
        var generator = ContractGenerator(size: size, seed: seed)
        self.files = generator.generate()
    }

    /// The total size of the contract text in bytes.
    public var byteCount: Int {
        files.reduce(0) { $0 + $1.text.utf8.count }
    }
}
