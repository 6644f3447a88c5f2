import RampSource

// Declarations that describe clusters rather than services: profiles hold
// the facts of one kind of cluster, parameters are values that differ per
// environment, and environments pick a profile, set parameters and state
// which directions each namespace enforces.

/// `profile openshift { ... }`
public struct ProfileDecl: Sendable {
    public let name: Word
    public let settings: [ProfileSetting]
    public let range: SourceRange
}

public struct ProfileSetting: Sendable {
    public enum Kind: Sendable {
        /// `kubernetes 1.29`
        case kubernetes(Word)
        /// `dns pods openshift-dns [dns.operator.openshift.io/daemonset-dns=default] ports 5353/udp, 5353/tcp`
        case dnsPods(namespace: Word, selector: SelectorSyntax, ports: [PortRefSyntax])
        /// `dns address 169.254.20.10/32 ports 53/udp, 53/tcp`
        case dnsAddress(cidr: Word, ports: [PortRefSyntax])
        /// `apiserver 10.0.0.2/32, 10.0.0.3/32 port 6443`
        case apiserver(cidrs: [Word], port: PortRefSyntax)
        /// `pod-network 10.244.0.0/16, fd00:10:244::/56`
        case podNetwork([Word])
        /// `node-network 10.0.0.0/24`
        case nodeNetwork([Word])
        /// `ip-families ipv4, ipv6`
        case ipFamilies([Word])
        /// `sctp enforced` or `sctp unenforced`
        case sctp(Word)
        /// `port-ranges enforced` or `port-ranges unenforced`
        case portRanges(Word)
    }

    public let kind: Kind
    public let range: SourceRange
}

/// `parameter backup-network` or `parameter backup-network = 198.51.100.0/24`
public struct ParameterDecl: Sendable {
    public let name: Word
    public let defaultValue: [CIDRBlockSyntax]?
    public let range: SourceRange
}

/// `environment production { profile gke  set backup-network = ...  enforce * ingress }`
public struct EnvironmentDecl: Sendable {
    public let name: Word
    public let profile: Word?
    public let assignments: [ParameterAssignment]
    public let enforcement: [EnforceSyntax]
    public let range: SourceRange
}

public struct ParameterAssignment: Sendable {
    public let name: Word
    public let value: [CIDRBlockSyntax]
    public let range: SourceRange
}

/// `enforce storefront ingress, egress`, `enforce * ingress` or `enforce data none`
public struct EnforceSyntax: Sendable {
    /// Nil for `*`, every namespace that no other line names.
    public let namespace: Word?
    public let directions: [Direction]
    public let range: SourceRange
}

/// `only in staging, dev` after a service, dependency, expectation or
/// invariant: the statement exists only in builds for the environments
/// listed, and in no build without `--env`.
public struct EnvironmentScope: Sendable {
    public let environments: [Word]
    public let range: SourceRange

    /// Returns whether the statement applies in a build for `environment`;
    /// nil stands for the build without `--env`.
    public func includes(_ environment: String?) -> Bool {
        guard let environment else { return false }
        return environments.contains { $0.text == environment }
    }
}

// MARK: - Assertions

/// `expect allowed web -> api:8080` or `expect blocked web -> db:5432`
public struct ExpectationDecl: Sendable {
    public let allowed: Bool
    public let client: EndpointSyntax
    public let target: TargetSyntax
    public let range: SourceRange
    public var scope: EnvironmentScope? = nil
}

/// `never web -> data/postgres` or `only api -> data/postgres:5432`
public struct InvariantDecl: Sendable {
    public enum Kind: String, Sendable {
        case never
        case only
    }

    public let kind: Kind
    public let clients: [EndpointSyntax]
    public let targets: [TargetSyntax]
    public let range: SourceRange
    public var scope: EnvironmentScope? = nil
}
