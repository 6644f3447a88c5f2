import RampKube
import RampSource

/// One part of an environment that can differ from another environment's
/// and changes the generated policies.
public enum EnvironmentPart: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The DNS targets of the profile.
    case dns
    /// The API server addresses and port of the profile.
    case apiserver
    /// The IP families of the profile, which decide the blocks of `internet`.
    case ipFamilies
    /// The value of a parameter.
    case parameter(String)
    /// Whether a namespace enforces one direction.
    case enforcement(namespace: String, direction: NetworkPolicy.PolicyType)
    /// Whether a service or dependency with `only in` applies; the range is the statement's.
    case statement(SourceRange)

    public var isStatement: Bool {
        if case .statement = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .dns: return "cluster DNS of the profile"
        case .apiserver: return "API server of the profile"
        case .ipFamilies: return "IP families of the profile"
        case .parameter(let name): return "parameter '\(name)'"
        case let .enforcement(namespace, direction):
            return "\(direction.rawValue.lowercased()) enforcement in namespace '\(namespace)'"
        case .statement(let range): return "statement at \(range.locationDescription)"
        }
    }

    /// Orders profile parts first, then parameters, enforcement and statements.
    public static func < (lhs: EnvironmentPart, rhs: EnvironmentPart) -> Bool {
        switch (lhs, rhs) {
        case let (.parameter(a), .parameter(b)): return a < b
        case let (.enforcement(a, x), .enforcement(b, y)): return a != b ? a < b : x < y
        case let (.statement(a), .statement(b)): return a < b
        default: return lhs.rank < rhs.rank
        }
    }

    private var rank: Int {
        switch self {
        case .dns: return 0
        case .apiserver: return 1
        case .ipFamilies: return 2
        case .parameter: return 3
        case .enforcement: return 4
        case .statement: return 5
        }
    }
}

/// The environment a build is for, with some parts taken from a second
/// environment instead. `ramp diff` builds such mixes to find out which
/// part explains a difference between two environments.
public struct EnvironmentMix: Hashable, Sendable {
    /// The environment the build is for and that supplies every part not substituted.
    public let environment: String
    /// The environment that supplies the substituted parts.
    public let other: String
    public let substituted: Set<EnvironmentPart>

    public init(environment: String, substituting substituted: Set<EnvironmentPart> = [], from other: String? = nil) {
        self.environment = environment
        self.other = other ?? environment
        self.substituted = substituted
    }

    /// Returns the environment that supplies `part`.
    public func source(of part: EnvironmentPart) -> String {
        substituted.contains(part) ? other : environment
    }
}

/// A setting in which two environments differ, with each one's value as text.
public struct SettingDifference: Sendable {
    /// The part to substitute, or nil for a setting that changes no policy,
    /// such as the Kubernetes version or the pod network.
    public let part: EnvironmentPart?
    /// The name of the setting, such as `parameter 'backup-network'`.
    public let title: String
    public let first: String
    public let second: String
    /// The statement, for a part that is a statement with `only in`.
    public let location: SourceRange?

    /// The value of a statement with `only in` in an environment it applies in.
    public static let applies = "applies"
    public static let doesNotApply = "does not apply"
}
