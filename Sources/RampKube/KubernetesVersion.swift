/// A Kubernetes minor version, such as 1.25, which decides what the API
/// accepts.
public struct KubernetesVersion: Comparable, Sendable, CustomStringConvertible {
    public let major: Int
    public let minor: Int

    public init(major: Int, minor: Int) {
        self.major = major
        self.minor = minor
    }

    /// Parses `1.25` or `v1.25`; a patch number is accepted and ignored.
    public init?(_ text: String) {
        let digits = text.hasPrefix("v") ? text.dropFirst() : Substring(text)
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3, let major = Int(parts[0]), let minor = Int(parts[1]),
              parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }) else { return nil }
        self.init(major: major, minor: minor)
    }

    /// The oldest version that ramp compiles for. Its rules select a
    /// namespace by the label `kubernetes.io/metadata.name`, which the API
    /// server sets on every namespace from 1.21 on.
    public static let oldestSupported = KubernetesVersion(major: 1, minor: 21)

    /// The reason that a version before `oldestSupported` cannot be a
    /// target, for messages about such a version.
    public static let unsupportedReason =
        "ramp's rules select namespaces by the label kubernetes.io/metadata.name, which the API server sets from 1.21 on"

    /// `endPort` became stable in 1.25.
    public static let endPortStable = KubernetesVersion(major: 1, minor: 25)
    /// The default when no version is given: the oldest minor version that
    /// the Kubernetes project still supported when this release was written.
    public static let defaultTarget = KubernetesVersion(major: 1, minor: 32)

    public var description: String { "\(major).\(minor)" }

    public static func < (lhs: KubernetesVersion, rhs: KubernetesVersion) -> Bool {
        (lhs.major, lhs.minor) < (rhs.major, rhs.minor)
    }
}
