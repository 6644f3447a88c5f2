import RampDiagnostics
import RampIR
import RampKube
import RampSource
import RampSyntax

extension Resolver {
    // MARK: - Profiles

    func clusterProfile(_ declaration: ProfileDecl) -> ClusterProfile {
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
                if let parsed = version, parsed < .oldestSupported {
                    let expected = "Kubernetes \(KubernetesVersion.oldestSupported) or later, as \(KubernetesVersion.unsupportedReason)"
                    diagnostics.emit(.invalidProfileSetting(word.text, expected: expected), at: word.range)
                    version = nil
                }
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
        // The standard profile declares no pod network and enforces SCTP and
        // port ranges, so most builds skip the loop over every dependency.
        guard !profile.podNetworks.isEmpty || !profile.enforcesSCTP || !profile.enforcesPortRanges else { return }
        for dependency in program.dependencies {
            // A block of every address, such as those of `internet`, contains the
            // pod network by definition and is meant for the outside, so it is left out.
            for block in dependency.client.blocks + dependency.server.blocks where block.cidr.prefixLength > 0 {
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
