import RampDiagnostics
import RampIR
import RampKube
import RampSource
import RampSyntax

extension Resolver {
    /// Lists the settings in which two declared environments differ: profile
    /// settings, parameter values, enforcement by namespace and direction,
    /// and statements with `only in` that apply in one of them only.
    ///
    /// Run it on contracts that compile for both environments; problems in
    /// the contracts are not reported here.
    public static func settingDifferences(_ files: [ContractFile], between first: String, and second: String) -> [SettingDifference] {
        var resolver = Resolver(diagnostics: DiagnosticEngine())
        // The settings read the namespaces' names alone, and checking every
        // service took about a sixteenth of the check of 1 MB of
        // environments that differ in settings alone.
        resolver.declaresServices = false
        resolver.prepare(files, selection: EnvironmentMix(environment: first))
        var differences = resolver.profileDifferences(first, second)
        differences += resolver.parameterDifferences(first, second)
        differences += resolver.enforcementDifferences(first, second)
        differences += statementDifferences(files, first, second)
        return differences
    }

    // MARK: - Profiles

    private func profileDifferences(_ first: String, _ second: String) -> [SettingDifference] {
        let profiles = (profile(ofEnvironment: first), profile(ofEnvironment: second))
        let rows: [(EnvironmentPart?, String, (ClusterProfile) -> String)] = [
            (nil, "profile", { $0.origin == nil ? "none (kube-dns in kube-system on port 53)" : $0.name }),
            (nil, "Kubernetes version", { $0.kubernetesVersion?.description ?? "not set" }),
            (.dns, "cluster DNS", { $0.dns.map(Resolver.describe).joined(separator: "; ") }),
            (.apiserver, "API server", { profile in
                guard let apiserver = profile.apiserver else { return "none" }
                return apiserver.blocks.map { $0.cidr.description }.joined(separator: ", ") + " port " + Resolver.describe(apiserver.port)
            }),
            (.ipFamilies, "IP families", { $0.ipFamilies.map(\.rawValue).sorted().joined(separator: ", ") }),
            (nil, "pod network", { $0.podNetworks.isEmpty ? "not set" : $0.podNetworks.map(\.description).joined(separator: ", ") }),
            (nil, "node network", { $0.nodeNetworks.isEmpty ? "not set" : $0.nodeNetworks.map(\.description).joined(separator: ", ") }),
            (nil, "SCTP", { $0.enforcesSCTP ? "enforced" : "unenforced" }),
            (nil, "port ranges", { $0.enforcesPortRanges ? "enforced" : "unenforced" }),
        ]
        return rows.compactMap { part, title, describe in
            let values = (describe(profiles.0), describe(profiles.1))
            guard values.0 != values.1 else { return nil }
            return SettingDifference(part: part, title: title, first: values.0, second: values.1, location: nil)
        }
    }

    private static func describe(_ target: ClusterProfile.DNSTarget) -> String {
        let ports = target.ports.map(describe).joined(separator: ", ")
        switch target.peer {
        case let .pods(namespace, selector):
            return "pods [\(describe(selector))] in \(namespace) on \(ports)"
        case .address(let block):
            return "\(block.cidr) on \(ports)"
        }
    }

    private static func describe(_ port: PortItem) -> String {
        switch port.value {
        case let .range(first, last): return (first == last ? "\(first)" : "\(first)-\(last)") + "/" + port.protocol.rawValue.lowercased()
        case .name(let name): return name + "/" + port.protocol.rawValue.lowercased()
        }
    }

    /// Writes a selector as a contract does: `app=web, tier in (a, b), !canary`.
    static func describe(_ selector: LabelSelector) -> String {
        let labels = selector.matchLabels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        let expressions = selector.matchExpressions.map { requirement -> String in
            let values = requirement.values.joined(separator: ", ")
            switch requirement.operator {
            case .in: return "\(requirement.key) in (\(values))"
            case .notIn: return "\(requirement.key) notin (\(values))"
            case .exists: return "\(requirement.key) exists"
            case .doesNotExist: return "!\(requirement.key)"
            }
        }
        return (labels + expressions).joined(separator: ", ")
    }

    // MARK: - Parameters and enforcement

    private func parameterDifferences(_ first: String, _ second: String) -> [SettingDifference] {
        declarations.parameters.keys.sorted().compactMap { name in
            let values = (parameterValue(name, in: first), parameterValue(name, in: second))
            guard blocks(values.0) != blocks(values.1) else { return nil }
            return SettingDifference(
                part: .parameter(name), title: "parameter '\(name)'", first: describe(values.0), second: describe(values.1), location: nil
            )
        }
    }

    private func blocks(_ value: [CIDRBlockSyntax]?) -> Set<IPBlock>? {
        value.map { Set($0.compactMap { ipBlock(cidr: $0.cidr, excepts: $0.excepts) }) }
    }

    private func describe(_ value: [CIDRBlockSyntax]?) -> String {
        guard let value else { return "not set" }
        return value.map { Resolver.collapsed($0.range.text) }.joined(separator: ", ")
    }

    private func enforcementDifferences(_ first: String, _ second: String) -> [SettingDifference] {
        var differences: [SettingDifference] = []
        for namespace in namespaces.keys.sorted() {
            for direction in [NetworkPolicy.PolicyType.ingress, .egress] {
                let enforced = (self.enforced(direction, in: namespace, environment: first),
                                self.enforced(direction, in: namespace, environment: second))
                guard enforced.0 != enforced.1 else { continue }
                let part = EnvironmentPart.enforcement(namespace: namespace, direction: direction)
                differences.append(SettingDifference(
                    part: part, title: part.description,
                    first: enforced.0 ? "enforced" : "not enforced", second: enforced.1 ? "enforced" : "not enforced", location: nil
                ))
            }
        }
        return differences
    }

    // MARK: - Statements

    private static func statementDifferences(_ files: [ContractFile], _ first: String, _ second: String) -> [SettingDifference] {
        var differences: [SettingDifference] = []
        for file in files {
            for namespace in file.namespaces {
                for member in namespace.members {
                    let statement: (scope: EnvironmentScope?, range: SourceRange, title: String)
                    switch member {
                    case .service(let service):
                        statement = (service.scope, service.range, "service '\(service.name.text)' in namespace '\(namespace.name.text)'")
                    case .dependency(let dependency):
                        statement = (dependency.scope, dependency.range, "'\(collapsed(dependency.range.text))' in namespace '\(namespace.name.text)'")
                    default:
                        continue
                    }
                    guard let scope = statement.scope, scope.includes(first) != scope.includes(second) else { continue }
                    differences.append(SettingDifference(
                        part: .statement(statement.range), title: statement.title,
                        first: scope.includes(first) ? SettingDifference.applies : SettingDifference.doesNotApply,
                        second: scope.includes(second) ? SettingDifference.applies : SettingDifference.doesNotApply,
                        location: statement.range
                    ))
                }
            }
        }
        return differences.sorted { $0.location! < $1.location! }
    }

    /// Joins the lines of a statement that continues over several lines.
    static func collapsed(_ text: String) -> String {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }).joined(separator: " ")
    }
}
