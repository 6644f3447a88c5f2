import RampSource

// The tree the parser builds. Every node keeps the source range it was
// parsed from, so that every later diagnostic and every generated YAML
// comment points at the text the user wrote.

/// A name, number, string or CIDR as written, with its range. For a
/// string the text is the value without quotes and escapes.
public struct Word: Sendable, Hashable {
    public let text: String
    public let range: SourceRange

    public init(_ text: String, _ range: SourceRange) {
        self.text = text
        self.range = range
    }
}

public struct ContractFile: Sendable {
    public let source: SourceFile
    public let namespaces: [NamespaceDecl]
    public let networks: [NetworkDecl]
    public let profiles: [ProfileDecl]
    public let parameters: [ParameterDecl]
    public let environments: [EnvironmentDecl]
}

// MARK: - Declarations

/// `namespace shop [team=payments] { ... }`
public struct NamespaceDecl: Sendable {
    public let name: Word
    /// The namespace's own labels, matched by `namespaces [...]` peers.
    public let labels: [LabelSyntax]
    public let members: [NamespaceMember]
    public let range: SourceRange
}

public enum NamespaceMember: Sendable {
    case posture(PostureDecl)
    case dns(DNSDecl)
    case service(ServiceDecl)
    case dependency(DependencyDecl)
    case expectation(ExpectationDecl)
    case invariant(InvariantDecl)
}

public enum Direction: String, Sendable, Hashable {
    case ingress
    case egress
}

/// `deny ingress, egress` or `deny all`: default-deny for the namespace.
public struct PostureDecl: Sendable {
    public let directions: [Direction]
    public let range: SourceRange
}

/// `dns off` or `dns on`.
public struct DNSDecl: Sendable {
    public let enabled: Bool
    public let range: SourceRange
}

/// `service api [app=api, tier in (web)] ports http:8080, 9090/udp`
public struct ServiceDecl: Sendable {
    public let name: Word
    public let selector: SelectorSyntax
    public let ports: [PortDeclSyntax]
    public let range: SourceRange
    /// `only in staging`: the environments the service exists in; nil for every build.
    public var scope: EnvironmentScope? = nil
}

/// A container port: `[name ':'] number ['-' number] ['/' protocol]`.
public struct PortDeclSyntax: Sendable {
    public let name: Word?
    /// The number or range as written, such as `8080` or `30000-30100`.
    public let number: Word
    public let protocolName: Word?
    public let range: SourceRange
}

/// `network backup = 10.20.0.0/16 except 10.20.5.0/24, fd00::/8`, or
/// `network backup = parameter backup-network` for a value that each
/// environment sets.
public struct NetworkDecl: Sendable {
    public let name: Word
    public let blocks: [CIDRBlockSyntax]
    public let parameter: Word?
    public let range: SourceRange
}

public struct CIDRBlockSyntax: Sendable {
    public let cidr: Word
    public let excepts: [Word]
    public let range: SourceRange
}

// MARK: - Selectors

/// `[app=api, tier in (a, b), !canary]`
public struct SelectorSyntax: Sendable {
    public let requirements: [LabelSyntax]
    public let range: SourceRange
}

public struct LabelSyntax: Sendable {
    public enum Operator: String, Sendable {
        case equals = "="
        case notEquals = "!="
        case `in` = "in"
        case notIn = "notin"
        case exists = "exists"
        case doesNotExist = "!"
    }

    public let key: Word
    public let `operator`: Operator
    public let values: [Word]
    public let range: SourceRange
}

// MARK: - Dependencies

/// `frontend, admin -> api:http, cache:6379`
///
/// It is a class because the namespace builders, the resolver and the
/// checks each keep or pass on every statement, and copying one reference
/// is cheaper than copying each of its arrays and ranges.
public final class DependencyDecl: Sendable {
    public let clients: [EndpointSyntax]
    public let targets: [TargetSyntax]
    public let range: SourceRange
    /// `only in staging`: the environments the dependency applies to; nil for every build.
    public let scope: EnvironmentScope?

    init(clients: [EndpointSyntax], targets: [TargetSyntax], range: SourceRange, scope: EnvironmentScope? = nil) {
        self.clients = clients
        self.targets = targets
        self.range = range
        self.scope = scope
    }

    /// Returns the statement limited to the environments of `scope`.
    func limited(to scope: EnvironmentScope) -> DependencyDecl {
        DependencyDecl(clients: clients, targets: targets, range: range, scope: scope)
    }
}

/// One server of a dependency and the ports it is called on; no ports
/// means every port of the server.
public struct TargetSyntax: Sendable {
    public let endpoint: EndpointSyntax
    public let ports: [PortRefSyntax]
    public let range: SourceRange
}

/// `http`, `8080`, `30000-30100/udp` in a dependency.
public struct PortRefSyntax: Sendable {
    /// A name or a number or range, as written.
    public let value: Word
    public let protocolName: Word?
    public let range: SourceRange

    /// True when the first character is an ASCII digit. The bytes decide
    /// unless a non-ASCII byte follows the first, which could join it into
    /// a larger character.
    public var isNumeric: Bool {
        let utf8 = value.text.utf8
        guard let first = utf8.first, first >= UInt8(ascii: "0"), first <= UInt8(ascii: "9") else { return false }
        guard let second = utf8.dropFirst().first, second >= 0x80 else { return true }
        return value.text.first.map { $0.isASCII && $0.isNumber } ?? false
    }
}

public struct EndpointSyntax: Sendable {
    public enum Kind: Sendable {
        /// `api` or `shop/api`.
        case service(namespace: Word?, name: Word)
        /// `namespace monitoring`: every pod of one namespace.
        case namespace(Word)
        /// `namespaces [team=payments]`: every pod of the matching namespaces.
        case namespaces(SelectorSyntax)
        /// `cluster`: every pod of every namespace.
        case cluster
        /// `internet`: 0.0.0.0/0 and ::/0.
        case internet
        /// `network backup`: a declared set of CIDRs.
        case network(Word)
        /// `10.0.0.0/8`: one CIDR written in place.
        case cidr(Word)
        /// `apiserver`: the API server endpoints of the environment's profile.
        case apiserver
    }

    public let kind: Kind
    public let range: SourceRange
}
