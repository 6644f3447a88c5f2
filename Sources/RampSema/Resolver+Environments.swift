import RampDiagnostics
import RampIR
import RampKube
import RampSource
import RampSyntax

extension Resolver {
    // MARK: - Declarations

    /// Returns the names of the environments that the files declare, sorted,
    /// without resolving the rest of the contracts.
    public static func environmentNames(_ files: [ContractFile]) -> [String] {
        var resolver = Resolver(diagnostics: DiagnosticEngine())
        resolver.collectEnvironmentDeclarations(files)
        return resolver.declarations.environments.keys.sorted()
    }

    mutating func collectEnvironmentDeclarations(_ files: [ContractFile]) {
        for file in files {
            for profile in file.profiles {
                declareOnce(profile, name: profile.name, kind: "profile", in: &declarations.profiles) { $0.name }
            }
            for parameter in file.parameters {
                declareOnce(parameter, name: parameter.name, kind: "parameter", in: &declarations.parameters) { $0.name }
            }
            for environment in file.environments {
                if let reason = KubernetesNames.dns1123LabelError(environment.name.text) {
                    diagnostics.emit(.invalidEnvironmentName(environment.name.text, reason: reason), at: environment.name.range)
                    continue
                }
                declareOnce(environment, name: environment.name, kind: "environment", in: &declarations.environments) { $0.name }
            }
        }
    }

    private func declareOnce<Declaration>(
        _ declaration: Declaration, name: Word, kind: String, in table: inout [String: Declaration], nameOf: (Declaration) -> Word
    ) {
        if let first = table[name.text] {
            diagnostics.emit(.duplicateDeclaration(kind, name.text), at: name.range,
                             notes: [Note("\(kind) \(QuotedText.quote(name.text)) is first declared here", at: nameOf(first).range)])
            return
        }
        table[name.text] = declaration
    }

    /// Records the environment the build is for. An unknown name is
    /// reported, and the build then goes on as one without `--env`.
    mutating func select(_ mix: EnvironmentMix?) {
        guard let mix else { return }
        for name in Set([mix.environment, mix.other]).sorted() where declarations.environments[name] == nil {
            diagnostics.emit(.unknownEnvironment(name, declared: declarations.environments.keys.sorted()), at: nil)
            return
        }
        selection = mix
    }

    // MARK: - Checks of every declaration

    /// Builds every profile and checks every environment, whichever one the
    /// build is for, so that a mistake in one environment fails every build.
    mutating func checkEnvironmentDeclarations() {
        for name in declarations.profiles.keys.sorted() {
            profiles[name] = clusterProfile(declarations.profiles[name]!)
        }
        for name in declarations.environments.keys.sorted() {
            let declaration = declarations.environments[name]!
            if let profileName = declaration.profile, declarations.profiles[profileName.text] == nil {
                reportUnknownName(.unknownProfile(profileName.text), profileName, candidates: Array(declarations.profiles.keys))
            }
            checkAssignments(declaration)
            enforcements[name] = enforcement(declaration)
        }
    }

    private func checkAssignments(_ declaration: EnvironmentDecl) {
        var assigned: [String: ParameterAssignment] = [:]
        for assignment in declaration.assignments {
            let name = assignment.name
            guard declarations.parameters[name.text] != nil else {
                reportUnknownName(.unknownParameter(name.text), name, candidates: Array(declarations.parameters.keys))
                continue
            }
            if let first = assigned[name.text] {
                diagnostics.emit(.duplicateParameterAssignment(name.text, environment: declaration.name.text), at: name.range,
                                 notes: [Note("parameter \(QuotedText.quote(name.text)) is first set here", at: first.name.range)])
                continue
            }
            assigned[name.text] = assignment
            for block in assignment.value {
                _ = ipBlock(cidr: block.cidr, excepts: block.excepts)
            }
        }
    }

    private func enforcement(_ declaration: EnvironmentDecl) -> Enforcement {
        var result = Enforcement()
        var stated: [String: EnforceSyntax] = [:]
        for line in declaration.enforcement {
            let key = line.namespace?.text ?? "*"
            if let first = stated[key] {
                diagnostics.emit(.duplicateEnforcement(key), at: line.range,
                                 notes: [Note("the enforcement of \(QuotedText.quote(key)) is first stated here", at: first.range)])
                continue
            }
            stated[key] = line
            let directions = Set(line.directions.map { $0 == .ingress ? NetworkPolicy.PolicyType.ingress : .egress })
            guard let namespace = line.namespace else {
                result.fallback = directions
                continue
            }
            if namespaces[namespace.text] == nil {
                reportUnknownName(.unknownNamespace(namespace.text), namespace, candidates: Array(namespaces.keys), listedAs: "namespaces")
                continue
            }
            result.byNamespace[namespace.text] = directions
        }
        return result
    }

    // MARK: - The environment being built

    /// Assembles the environment of the build from the profiles and
    /// enforcement of the selected environments.
    mutating func buildEnvironment() {
        guard let selection, let declaration = declarations.environments[selection.environment] else { return }
        let base = profile(ofEnvironment: selection.environment)
        let dns = profile(ofEnvironment: selection.source(of: .dns)).dns
        let apiserver = profile(ofEnvironment: selection.source(of: .apiserver)).apiserver
        let families = profile(ofEnvironment: selection.source(of: .ipFamilies)).ipFamilies
        let profile = ClusterProfile(
            name: base.name, kubernetesVersion: base.kubernetesVersion, dns: dns, apiserver: apiserver,
            podNetworks: base.podNetworks, nodeNetworks: base.nodeNetworks, ipFamilies: families,
            enforcesSCTP: base.enforcesSCTP, enforcesPortRanges: base.enforcesPortRanges, origin: base.origin
        )
        let own = enforcements[selection.environment] ?? Enforcement()
        var byNamespace = own.byNamespace
        if selection.substituted.contains(where: { if case .enforcement = $0 { return true } else { return false } }) {
            for namespace in namespaces.keys {
                byNamespace[namespace] = Set([NetworkPolicy.PolicyType.ingress, .egress].filter { direction in
                    enforced(direction, in: namespace, environment: selection.source(of: .enforcement(namespace: namespace, direction: direction)))
                })
            }
        }
        environment = Environment(
            name: selection.environment, profile: profile, enforcement: byNamespace, defaultEnforcement: own.fallback,
            origin: declaration.name.range
        )
    }

    /// Returns the profile an environment names, or the standard profile.
    func profile(ofEnvironment name: String) -> ClusterProfile {
        declarations.environments[name]?.profile.flatMap { profiles[$0.text] } ?? .standard
    }

    func enforced(_ direction: NetworkPolicy.PolicyType, in namespace: String, environment name: String) -> Bool {
        let enforcement = enforcements[name] ?? Enforcement()
        return (enforcement.byNamespace[namespace] ?? enforcement.fallback).contains(direction)
    }

    /// Returns the value of a parameter in the environment being built: its
    /// `set` value there, else its default. Reports when it has neither.
    func parameterValue(_ name: Word) -> [CIDRBlockSyntax]? {
        guard let parameter = declarations.parameters[name.text] else {
            reportUnknownName(.unknownParameter(name.text), name, candidates: Array(declarations.parameters.keys))
            return nil
        }
        let environmentName = selection?.source(of: .parameter(name.text))
        if let value = parameterValue(name.text, in: environmentName) { return value }
        diagnostics.emit(.parameterNotSet(name.text, environment: environmentName ?? ""), at: name.range,
                         notes: [Note("parameter \(QuotedText.quote(name.text)) is declared here", at: parameter.name.range)])
        return nil
    }

    /// Returns the value that an environment gives a parameter, its default
    /// when the environment sets none, or nil when it has neither.
    func parameterValue(_ name: String, in environmentName: String?) -> [CIDRBlockSyntax]? {
        if let environmentName, let declaration = declarations.environments[environmentName],
           let assignment = declaration.assignments.first(where: { $0.name.text == name }) {
            return assignment.value
        }
        return declarations.parameters[name]?.defaultValue
    }

    /// Returns whether a statement applies in the build, after checking the
    /// environment names of its `only in` clause. A statement without one
    /// applies in every build.
    func statementApplies(_ scope: EnvironmentScope?, statement: SourceRange) -> Bool {
        guard let scope else { return true }
        for name in scope.environments where declarations.environments[name.text] == nil {
            reportUnknownName(.unknownEnvironment(name.text, declared: declarations.environments.keys.sorted()), name,
                              candidates: Array(declarations.environments.keys))
        }
        return scope.includes(selection?.source(of: .statement(statement)))
    }

    /// Reports an unknown name with the closest candidate as a fix-it. When
    /// none is close and `listedAs` names the kind of the candidates, a note
    /// lists them instead, so that the message still shows what to write.
    func reportUnknownName(_ message: DiagnosticMessage, _ name: Word, candidates: [String], listedAs kind: String? = nil) {
        guard let suggestion = NameSuggestion.closest(to: name.text, in: candidates) else {
            let notes = kind.map { [Note(candidates.isEmpty ? "no \($0) are declared" : "declared \($0): \(NameSuggestion.list(candidates))")] } ?? []
            diagnostics.emit(message, at: name.range, notes: notes)
            return
        }
        diagnostics.emit(message, at: name.range, notes: [Note("did you mean \(QuotedText.quote(suggestion))?")],
                         fixIts: [FixIt("use the declared name", replacing: name.range, with: suggestion)])
    }
}

/// The directions an environment enforces: per namespace, and in every
/// namespace it does not name.
struct Enforcement {
    var byNamespace: [String: Set<NetworkPolicy.PolicyType>] = [:]
    var fallback: Set<NetworkPolicy.PolicyType> = [.ingress, .egress]
}
