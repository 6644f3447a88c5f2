import RampDiagnostics
import RampSource

extension Parser {
    // MARK: - Profile

    mutating func parseProfile() throws(StatementFailure) -> ProfileDecl {
        let start = advance()
        let name = try parseName("profile name")
        let open = try expectBlockOpen(kind: "profile", name: name)
        let settings = parseBlock(kind: "profile", name: name, open: open) { (parser: inout Parser) throws(StatementFailure) in
            try parser.parseProfileSetting()
        }
        return ProfileDecl(name: name, settings: settings, range: range(from: start))
    }

    mutating func expectBlockOpen(kind: String, name: Word) throws(StatementFailure) -> Token {
        skipNewlines(beforeClosing: .leftBrace)
        guard at(.leftBrace) else { throw fail(expected: "'{' to open \(kind) \(QuotedText.quote(name.text))") }
        return advance()
    }

    static let profileSettings = [
        "kubernetes", "dns", "apiserver", "pod-network", "node-network", "ip-families", "sctp", "port-ranges",
    ]

    private mutating func parseProfileSetting() throws(StatementFailure) -> ProfileSetting {
        let start = current
        guard at(.word), Parser.profileSettings.contains(text(current)) else {
            let names = Parser.profileSettings.map { "'\($0)'" }
            throw fail(expected: "a profile setting: " + names.dropLast().joined(separator: ", ") + " or " + names.last!)
        }
        let keyword = text(advance())
        let kind: ProfileSetting.Kind
        switch keyword {
        case "kubernetes":
            kind = .kubernetes(try parseName("a Kubernetes version such as 1.30"))
        case "dns":
            kind = try parseDNSSetting()
        case "apiserver":
            let cidrs = try parseCommaList { (parser: inout Parser) throws(StatementFailure) in try parser.parseCIDR() }
            guard at("port") else { throw fail(expected: "'port' and the API server's pod port, such as 'port 6443'") }
            advance()
            kind = .apiserver(cidrs: cidrs, port: try parsePortRef())
        case "pod-network":
            kind = .podNetwork(try parseCommaList { (parser: inout Parser) throws(StatementFailure) in try parser.parseCIDR() })
        case "node-network":
            kind = .nodeNetwork(try parseCommaList { (parser: inout Parser) throws(StatementFailure) in try parser.parseCIDR() })
        case "ip-families":
            kind = .ipFamilies(try parseCommaList { (parser: inout Parser) throws(StatementFailure) in try parser.parseName("'ipv4' or 'ipv6'") })
        case "sctp":
            kind = .sctp(try parseName("'enforced' or 'unenforced'"))
        default:
            kind = .portRanges(try parseName("'enforced' or 'unenforced'"))
        }
        return ProfileSetting(kind: kind, range: range(from: start))
    }

    private mutating func parseDNSSetting() throws(StatementFailure) -> ProfileSetting.Kind {
        if at("pods") {
            advance()
            let namespace = try parseName("namespace of the DNS pods")
            guard at(.leftBracket) else { throw fail(expected: "'[' to start the label selector of the DNS pods") }
            let selector = try parseSelector()
            return .dnsPods(namespace: namespace, selector: selector, ports: try parseSettingPorts())
        }
        if at("address") {
            advance()
            let cidr = try parseCIDR()
            return .dnsAddress(cidr: cidr, ports: try parseSettingPorts())
        }
        throw fail(expected: "'pods' or 'address' after 'dns'")
    }

    private mutating func parseSettingPorts() throws(StatementFailure) -> [PortRefSyntax] {
        guard at("ports") else { throw fail(expected: "'ports' and the DNS pods' ports, such as 'ports 53/udp, 53/tcp'") }
        advance()
        return try parseCommaList { (parser: inout Parser) throws(StatementFailure) in try parser.parsePortRef() }
    }

    // MARK: - Parameter

    mutating func parseParameter() throws(StatementFailure) -> ParameterDecl {
        let start = advance()
        let name = try parseName("parameter name")
        var defaultValue: [CIDRBlockSyntax]?
        if at(.equals) {
            advance()
            defaultValue = try parseCIDRBlocks()
        }
        return ParameterDecl(name: name, defaultValue: defaultValue, range: range(from: start))
    }

    // MARK: - Environment

    mutating func parseEnvironment() throws(StatementFailure) -> EnvironmentDecl {
        let start = advance()
        let name = try parseName("environment name")
        let open = try expectBlockOpen(kind: "environment", name: name)
        var profile: Word?
        var assignments: [ParameterAssignment] = []
        var enforcement: [EnforceSyntax] = []
        _ = parseBlock(kind: "environment", name: name, open: open) { (parser: inout Parser) throws(StatementFailure) -> Void? in
            let statementStart = parser.current
            if parser.at("profile") {
                parser.advance()
                profile = try parser.parseName("profile name")
            } else if parser.at("set") {
                parser.advance()
                let parameter = try parser.parseName("parameter name")
                _ = try parser.expect(.equals, "'=' after the parameter name")
                let value = try parser.parseCIDRBlocks()
                assignments.append(ParameterAssignment(name: parameter, value: value, range: parser.range(from: statementStart)))
            } else if parser.at("enforce") {
                enforcement.append(try parser.parseEnforce())
            } else {
                throw parser.fail(expected: "'profile', 'set' or 'enforce'")
            }
            return ()
        }
        return EnvironmentDecl(
            name: name, profile: profile, assignments: assignments, enforcement: enforcement, range: range(from: start)
        )
    }

    /// Parses `enforce <namespace or *> <directions or none>`.
    private mutating func parseEnforce() throws(StatementFailure) -> EnforceSyntax {
        let start = advance()
        var namespace: Word?
        if at(.unknown) && text(current) == "*" {
            advance()
        } else {
            namespace = try parseName("namespace name or '*'")
        }
        if at("none") {
            advance()
            return EnforceSyntax(namespace: namespace, directions: [], range: range(from: start))
        }
        var directions: [Direction] = []
        repeat {
            if at(.comma) { advance() }
            switch current.kind == .word ? text(current) : "" {
            case "ingress": directions.append(.ingress)
            case "egress": directions.append(.egress)
            case "all": directions += [.ingress, .egress]
            default: throw fail(expected: "'ingress', 'egress', 'all' or 'none'")
            }
            advance()
        } while at(.comma)
        return EnforceSyntax(namespace: namespace, directions: directions, range: range(from: start))
    }
}
