import RampDiagnostics
import RampIR
import RampKube
import RampSource
import RampSyntax

extension Resolver {
    // MARK: - Declarations

    mutating func collectEnvironmentDeclarations(_ files: [ContractFile]) {
        for file in files {
            for profile in file.profiles {
                declareOnce(profile, name: profile.name, kind: "profile", in: &declarations.profiles)
            }
            for parameter in file.parameters {
                declareOnce(parameter, name: parameter.name, kind: "parameter", in: &declarations.parameters)
            }
            for environment in file.environments {
                declareOnce(environment, name: environment.name, kind: "environment", in: &declarations.environments)
            }
        }
    }

    private func declareOnce<Declaration>(_ declaration: Declaration, name: Word, kind: String, in table: inout [String: Declaration]) {
        guard table[name.text] == nil else {
            diagnostics.emit(.duplicateDeclaration(kind, name.text), at: name.range)
            return
        }
        table[name.text] = declaration
    }

    // MARK: - The environment being built

    /// Checks every profile and environment, so a mistake in one that is not
    /// being built is still reported, and then selects the one named.
    mutating func selectEnvironment(_ name: String?) {
        var profiles: [String: ClusterProfile] = [:]
        for (profileName, declaration) in declarations.profiles.sorted(by: { $0.key < $1.key }) {
            profiles[profileName] = clusterProfile(declaration)
        }
        var environments: [String: Environment] = [:]
        for (environmentName, declaration) in declarations.environments.sorted(by: { $0.key < $1.key }) {
            environments[environmentName] = buildEnvironment(declaration, profiles: profiles)
        }
        guard let name else { return }
        guard let selected = environments[name] else {
            diagnostics.emit(.unknownEnvironment(name, declared: declarations.environments.keys.sorted()), at: nil)
            return
        }
        environment = selected
    }

    private func buildEnvironment(_ declaration: EnvironmentDecl, profiles: [String: ClusterProfile]) -> Environment {
        var profile = ClusterProfile.standard
        if let profileName = declaration.profile {
            if let declared = profiles[profileName.text] {
                profile = declared
            } else {
                reportUnknownName(.unknownProfile(profileName.text), profileName, candidates: Array(declarations.profiles.keys))
            }
        }
        for assignment in declaration.assignments where declarations.parameters[assignment.name.text] == nil {
            reportUnknownName(.unknownParameter(assignment.name.text), assignment.name, candidates: Array(declarations.parameters.keys))
        }
        let (enforcement, defaultEnforcement) = enforcement(declaration)
        return Environment(
            name: declaration.name.text, profile: profile, enforcement: enforcement, defaultEnforcement: defaultEnforcement,
            origin: declaration.name.range
        )
    }

    private func enforcement(_ declaration: EnvironmentDecl) -> ([String: Set<NetworkPolicy.PolicyType>], Set<NetworkPolicy.PolicyType>) {
        var byNamespace: [String: Set<NetworkPolicy.PolicyType>] = [:]
        var fallback: Set<NetworkPolicy.PolicyType> = [.ingress, .egress]
        var stated: Set<String> = []
        for line in declaration.enforcement {
            let key = line.namespace?.text ?? "*"
            guard stated.insert(key).inserted else {
                diagnostics.emit(.duplicateEnforcement(key), at: line.range)
                continue
            }
            let directions = Set(line.directions.map { $0 == .ingress ? NetworkPolicy.PolicyType.ingress : .egress })
            guard let namespace = line.namespace else {
                fallback = directions
                continue
            }
            if namespaces[namespace.text] == nil {
                reportUnknownName(.unknownNamespace(namespace.text), namespace, candidates: Array(namespaces.keys))
                continue
            }
            byNamespace[namespace.text] = directions
        }
        return (byNamespace, fallback)
    }

    /// Returns the value of a parameter in the environment being built: its
    /// `set` value there, else its default. Reports when it has neither.
    func parameterValue(_ name: Word) -> [CIDRBlockSyntax]? {
        guard let parameter = declarations.parameters[name.text] else {
            reportUnknownName(.unknownParameter(name.text), name, candidates: Array(declarations.parameters.keys))
            return nil
        }
        if let environmentDeclaration = declarations.environments[environment.name],
           let assignment = environmentDeclaration.assignments.last(where: { $0.name.text == name.text }) {
            return assignment.value
        }
        if let value = parameter.defaultValue { return value }
        diagnostics.emit(.parameterNotSet(name.text, environment: environment.name), at: name.range,
                         notes: [Note("parameter '\(name.text)' is declared here", at: parameter.name.range)])
        return nil
    }

    func reportUnknownName(_ message: DiagnosticMessage, _ name: Word, candidates: [String]) {
        guard let suggestion = Suggestions.closest(to: name.text, in: candidates) else {
            diagnostics.emit(message, at: name.range)
            return
        }
        diagnostics.emit(message, at: name.range, notes: [Note("did you mean '\(suggestion)'?")],
                         fixIts: [FixIt("use the declared name", replacing: name.range, with: suggestion)])
    }

    // MARK: - Profiles

    private func clusterProfile(_ declaration: ProfileDecl) -> ClusterProfile {
        var version: KubernetesVersion?
        var dns: [ClusterProfile.DNSTarget] = []
        var apiserver: (blocks: [IPBlock], port: PortItem)?
        var podNetworks: [CIDR] = []
        var nodeNetworks: [CIDR] = []
        var families: Set<IPFamily> = [.ipv4, .ipv6]
        var enforcesSCTP = true
        var enforcesPortRanges = true
        for setting in declaration.settings {
            switch setting.kind {
            case .kubernetes(let word):
                version = KubernetesVersion(word.text)
                if version == nil { diagnostics.emit(.invalidProfileSetting(word.text, expected: "a Kubernetes version such as 1.30"), at: word.range) }
            case let .dnsPods(namespace, selector, ports):
                if let reason = KubernetesNames.dns1123LabelError(namespace.text) {
                    diagnostics.emit(.invalidNamespaceName(namespace.text, reason: reason), at: namespace.range)
                }
                if let labelSelector = SelectorConversion(diagnostics: diagnostics).labelSelector(selector.requirements) {
                    dns.append(.init(peer: .pods(namespace: namespace.text, selector: labelSelector), ports: numericPorts(ports)))
                }
            case let .dnsAddress(cidr, ports):
                if let block = ipBlock(cidr: cidr, excepts: []) {
                    dns.append(.init(peer: .address(block), ports: numericPorts(ports)))
                }
            case let .apiserver(cidrs, port):
                let blocks = cidrs.compactMap { ipBlock(cidr: $0, excepts: []) }
                if let item = numericPorts([port]).first { apiserver = (blocks, item) }
            case .podNetwork(let words):
                podNetworks = words.compactMap(parseCIDR)
            case .nodeNetwork(let words):
                nodeNetworks = words.compactMap(parseCIDR)
            case .ipFamilies(let words):
                families = Set(words.compactMap { word in
                    switch word.text.lowercased() {
                    case "ipv4": return IPFamily.ipv4
                    case "ipv6": return IPFamily.ipv6
                    default:
                        diagnostics.emit(.invalidProfileSetting(word.text, expected: "'ipv4' or 'ipv6'"), at: word.range)
                        return nil
                    }
                })
            case .sctp(let word):
                enforcesSCTP = enforcementFlag(word) ?? true
            case .portRanges(let word):
                enforcesPortRanges = enforcementFlag(word) ?? true
            }
        }
        return ClusterProfile(
            name: declaration.name.text, kubernetesVersion: version, dns: dns.isEmpty ? ClusterProfile.standard.dns : dns,
            apiserver: apiserver, podNetworks: podNetworks, nodeNetworks: nodeNetworks, ipFamilies: families,
            enforcesSCTP: enforcesSCTP, enforcesPortRanges: enforcesPortRanges, origin: declaration.name.range
        )
    }

    private func enforcementFlag(_ word: Word) -> Bool? {
        switch word.text {
        case "enforced": return true
        case "unenforced": return false
        default:
            diagnostics.emit(.invalidProfileSetting(word.text, expected: "'enforced' or 'unenforced'"), at: word.range)
            return nil
        }
    }

    /// Ports in a profile are numbers, because they are facts about pods.
    private func numericPorts(_ references: [PortRefSyntax]) -> [PortItem] {
        let conversion = PortConversion(diagnostics: diagnostics)
        return references.compactMap { reference in
            guard reference.isNumeric else {
                diagnostics.emit(.invalidPort(reference.value.text), at: reference.value.range)
                return nil
            }
            guard let range = conversion.numberRange(reference.value), let networkProtocol = conversion.networkProtocol(reference.protocolName) else {
                return nil
            }
            return PortItem(protocol: networkProtocol, value: .range(first: range.first, last: range.last))
        }
    }

    // MARK: - Checks against the profile

    func checkAgainstProfile(_ program: Program) {
        let profile = program.environment.profile
        for dependency in program.dependencies {
            for block in dependency.client.blocks + dependency.server.blocks {
                if let podNetwork = profile.podNetworks.first(where: { $0.contains(block.cidr) || block.cidr.contains($0) }) {
                    diagnostics.emit(.ipBlockOverlapsPodNetwork(block.cidr.description, podNetwork: podNetwork.description), at: dependency.origin)
                }
            }
            guard case .some(let items) = dependency.ports else { continue }
            if !profile.enforcesSCTP, items.contains(where: { $0.protocol == .sctp }) {
                diagnostics.emit(.sctpNotEnforced(profile: profile.name), at: dependency.origin)
            }
            if !profile.enforcesPortRanges {
                for item in items {
                    if case let .range(first, last) = item.value, first != last {
                        diagnostics.emit(.portRangeNotEnforced("\(first)-\(last)", profile: profile.name), at: dependency.origin)
                    }
                }
            }
        }
    }
}
