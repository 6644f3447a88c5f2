import RampDiagnostics
import RampEvaluator
import RampIR
import RampKube
import RampLowering
import RampSema
import RampSyntax

/// Builds one environment with parts of a second one substituted, and
/// caches each build with the evaluator of its policies.
///
/// Each build keeps only how it differs from the build without
/// substitutions: the namespaces whose policies changed, and an evaluator
/// that shares the index of every other namespace. Mixes that substitute
/// only enforcement settings are assembled from a few compiled builds (see
/// `EnforcementSources`). Single statements are compiled in batches (see
/// `StatementBatches`), and other mixes with statements only for the
/// namespaces they reach (see `NamespaceRestriction`). So the cost of a mix
/// grows with what it changes, not with the size of the environment.
struct MixedBuilds: Sendable {
    /// A class, so that reading a build from the cache copies no arrays.
    final class Build: Sendable {
        /// The namespaces whose policies differ from those of the build
        /// without substitutions.
        let changedNamespaces: Set<String>
        /// The policies of `changedNamespaces` in build order, kept for
        /// builds with one part substituted and for `policies(substituting:)`,
        /// and empty for the others.
        let changedPolicies: [NetworkPolicy]
        let evaluator: NetworkPolicyEvaluator

        init(changedNamespaces: Set<String>, changedPolicies: [NetworkPolicy], evaluator: NetworkPolicyEvaluator) {
            self.changedNamespaces = changedNamespaces
            self.changedPolicies = changedPolicies
            self.evaluator = evaluator
        }
    }

    let files: [ContractFile]
    let environment: String
    let other: String
    /// The program of `environment` without substitutions, which names the
    /// endpoints of a difference and finds the connections statements state.
    let program: Program
    /// The policies of `environment` without substitutions.
    let policies: [NetworkPolicy]
    let base: Build
    private let basePolicies: PoliciesByNamespace
    private var cache: [Set<EnvironmentPart>: Build?] = [:]
    private var sources: EnforcementSources
    /// The number of mixes with enforcement settings seen, by their other parts.
    private var mixesByOtherParts: [Set<EnvironmentPart>: Int] = [:]
    /// The namespaces that statements reach and what their policies depend
    /// on, for compiling mixes with statements in those namespaces only.
    private var reach: StatementReach?
    private var restriction: NamespaceRestriction?
    /// Mixes of several statements whose builds keep their changed policies.
    private var statementMixesKeepingPolicies: Set<Set<EnvironmentPart>> = []
    /// The number of builds composed from smaller ones, which tests read.
    private(set) var composedCount = 0

    /// Compiles `environment` without substitutions, returns nil when it
    /// does not compile, and throws when its policies do not validate.
    /// `enforcementParts` are the enforcement settings in which the two
    /// environments differ. A `compiled` environment is taken as it is.
    init?(
        files: [ContractFile], environment: String, other: String, enforcementParts: [EnvironmentPart], compiled: CompiledEnvironment? = nil
    ) throws(PolicyValidationError) {
        let mix = EnvironmentMix(environment: environment, substituting: [], from: other)
        guard let (program, policies) = compiled.map({ ($0.program, $0.policies) }) ?? MixedBuilds.compile(files, mix) else { return nil }
        let evaluator = try NetworkPolicyEvaluator(policies: policies)
        self.files = files
        self.environment = environment
        self.other = other
        self.program = program
        self.policies = policies
        base = Build(changedNamespaces: [], changedPolicies: [], evaluator: evaluator)
        basePolicies = PoliciesByNamespace(policies)
        sources = EnforcementSources(parts: enforcementParts)
        cache[[]] = base
    }

    /// Lets mixes with statements or parameters compile only the namespaces
    /// they reach.
    mutating func restrict(to reach: StatementReach, _ restriction: NamespaceRestriction) {
        self.reach = reach
        self.restriction = restriction
    }

    /// Compiles the builds with each one of `parts` substituted on all
    /// processor cores, so that `build(substituting:)` finds them cached.
    /// Statements with `only in` are compiled in batches (see
    /// `StatementBatches`), enforcement from its sources, the rest alone.
    mutating func compileSingleParts(_ parts: [EnvironmentPart], reach: StatementReach, restriction: NamespaceRestriction) {
        restrict(to: reach, restriction)
        let statements = StatementBatches(parts: parts, reach: reach, program: program)
        for part in statements.failing { store(nil, for: [part]) }
        var alone = parts.filter { !$0.isStatement } + statements.alone
        // Each batch compiles only the namespaces its statements reach, as the
        // build of one statement does. A batch of one statement then costs a
        // fraction of a whole compilation.
        let compiled = restrictedPolicies(statements.batches.map { batch in
            let namespaces = batch.reduce(into: Set<String>()) { namespaces, part in
                if case .statement(let range) = part { namespaces.formUnion(reach.namespaces(of: range) ?? []) }
            }
            return (Set(batch), namespaces)
        })
        for (batch, policies) in zip(statements.batches, compiled) {
            // A batch that fails to compile leaves its statements to compile alone.
            guard let policies else {
                alone += batch
                continue
            }
            // Each statement's namespaces hold the policies of the build that
            // substitutes it alone, and every other namespace is the base's.
            let grouped = PoliciesByNamespace(policies)
            for case .statement(let range) in batch {
                let build = restrictedBuild(grouped, in: reach.namespaces(of: range) ?? [], over: base, keepsPolicies: true)
                store(build, for: [.statement(range)])
            }
        }
        compile(alone.map { [$0] })
    }

    /// Compiles the builds of the mixes not yet cached on all processor
    /// cores, so that `build(substituting:)` finds them cached.
    mutating func compile(_ mixes: [Set<EnvironmentPart>]) {
        let uncomposed = compose(mixes)
        var assembled: [Set<EnvironmentPart>] = []
        var restricted: [(mix: Set<EnvironmentPart>, plan: RestrictedPlan)] = []
        var wholeMixes: Set<Set<EnvironmentPart>> = []
        var neededSources: Set<EnforcementSources.Source> = []
        var starts: Set<Set<EnvironmentPart>> = []
        for mix in uncomposed where cache[mix] == nil {
            if let plan = restrictedPlan(mix) {
                restricted.append((mix, plan))
                if cache[plan.others] == nil { starts.insert(plan.others) }
                continue
            }
            guard assembles(mix) else {
                wholeMixes.insert(mix)
                continue
            }
            assembled.append(mix)
            let (others, sourcesOfMix) = sources.sources(of: mix)
            if cache[others] == nil { wholeMixes.insert(others) }
            neededSources.formUnion(sourcesOfMix.filter { !sources.contains($0) })
        }

        // The build a restricted mix starts from may compile restricted
        // itself, as parameters with profile settings do.
        let restrictedStarts = starts.filter { restrictedPlan($0) != nil }
        wholeMixes.formUnion(starts.subtracting(restrictedStarts))

        let (whole, sourceList) = (Array(wholeMixes), Array(neededSources))
        let compiled = compileWhole(whole + sourceList.map(sources.parts(of:)))
        for (parts, policies) in zip(whole, compiled) {
            store(derive(policies, keepsPolicies: keepsPolicies(parts)), for: parts)
        }
        for (source, policies) in zip(sourceList, compiled[whole.count...]) {
            sources.store(policies.map(PoliciesByNamespace.init), for: source)
        }
        for mix in assembled where cache[mix] == nil {
            store(assemble(mix), for: mix)
        }
        if !restrictedStarts.isEmpty { compile(Array(restrictedStarts)) }
        compileRestricted(restricted)
    }

    // MARK: - Composed builds

    /// Builds the mixes that compose from builds of smaller mixes (see
    /// `MixComposition`), compiling those first, and returns the others. A
    /// mix whose smaller builds do not all compile is among the others.
    ///
    /// A mix composes only when at most one of the builds it needs is not
    /// built yet. That build composes the same way or compiles, so composing
    /// costs at most the one compilation that the mix would cost, unless
    /// that build does not compile and the mix is compiled after all. Where
    /// many statements share namespaces, composing regardless built more
    /// smaller mixes than the searches ever tried, and took more than twice
    /// as long.
    private mutating func compose(_ mixes: [Set<EnvironmentPart>]) -> [Set<EnvironmentPart>] {
        guard let reach, restriction != nil else { return mixes }
        var compositions: [(mix: Set<EnvironmentPart>, composition: MixComposition)] = []
        var others: [Set<EnvironmentPart>] = []
        for mix in mixes where cache[mix] == nil {
            if !keepsPolicies(mix), let composition = MixComposition(mix, reach: reach), lacksAtMostOneBuild(composition) {
                compositions.append((mix, composition))
            } else {
                others.append(mix)
            }
        }
        guard !compositions.isEmpty else { return others }

        var smaller: Set<Set<EnvironmentPart>> = []
        for (_, composition) in compositions {
            smaller.insert(composition.others)
            smaller.formUnion(composition.pieces.map(\.mix))
        }
        compile(smaller.filter { cache[$0] == nil })
        for (mix, composition) in compositions {
            if let build = composedBuild(composition) {
                store(build, for: mix)
                composedCount += 1
            } else {
                others.append(mix)
            }
        }
        return others
    }

    /// Returns whether at most one of the builds that a composition reads
    /// is not built yet.
    private func lacksAtMostOneBuild(_ composition: MixComposition) -> Bool {
        var missing = cache[composition.others] == nil ? 1 : 0
        for piece in composition.pieces where cache[piece.mix] == nil {
            missing += 1
            if missing > 1 { return false }
        }
        return true
    }

    /// Returns the build that takes each piece's namespaces from the piece's
    /// build and every other namespace from the build of the other parts,
    /// or nil when one of those builds does not compile.
    private func composedBuild(_ composition: MixComposition) -> Build? {
        guard let start = cache[composition.others] ?? nil else { return nil }
        var changed = start.changedNamespaces
        var pieces: [(namespaces: Set<String>, evaluator: NetworkPolicyEvaluator)] = []
        for piece in composition.pieces {
            guard let build = cache[piece.mix] ?? nil else { return nil }
            changed.subtract(piece.namespaces)
            changed.formUnion(piece.namespaces.intersection(build.changedNamespaces))
            pieces.append((piece.namespaces, build.evaluator))
        }
        return Build(changedNamespaces: changed, changedPolicies: [], evaluator: start.evaluator.replacingPolicies(from: pieces))
    }

    // MARK: - Restricted builds

    /// The plan of a mix with statements: compile it for the namespaces
    /// its statements and enforcement settings reach, and take every other
    /// namespace from the build of its other parts, which it does not change.
    private struct RestrictedPlan {
        let others: Set<EnvironmentPart>
        let namespaces: Set<String>
    }

    /// Returns the plan of a mix with statements of known reach, or of a
    /// mix of parameters and profile settings, or nil for a mix to compile
    /// whole.
    ///
    /// In a mix with statements, parameters stay among the other parts,
    /// whose one build serves every mix with them, because a parameter can
    /// reach far more namespaces than a statement. A mix with enforcement
    /// settings and no statement is assembled instead.
    private func restrictedPlan(_ mix: Set<EnvironmentPart>) -> RestrictedPlan? {
        guard let reach, restriction != nil else { return nil }
        if mix.contains(where: \.isStatement) { return statementPlan(mix, reach: reach) }
        guard mix.contains(where: \.isParameter), !mix.contains(where: \.isEnforcement) else { return nil }
        var others: Set<EnvironmentPart> = []
        var namespaces: Set<String> = []
        for part in mix {
            if case .parameter(let name) = part {
                namespaces.formUnion(reach.namespaces(ofParameter: name))
            } else {
                others.insert(part)
            }
        }
        return RestrictedPlan(others: others, namespaces: namespaces)
    }

    private func statementPlan(_ mix: Set<EnvironmentPart>, reach: StatementReach) -> RestrictedPlan? {
        var others: Set<EnvironmentPart> = []
        var namespaces: Set<String> = []
        for part in mix {
            switch part {
            case .statement(let range):
                guard let reached = reach.namespaces(of: range) else { return nil }
                namespaces.formUnion(reached)
            case .enforcement(let namespace, _):
                namespaces.insert(namespace)
            default:
                others.insert(part)
            }
        }
        return RestrictedPlan(others: others, namespaces: namespaces)
    }

    /// Compiles mixes for the namespaces of their plans on all processor
    /// cores. A mix whose other parts do not compile is compiled whole,
    /// because whether it compiles is then decided outside those namespaces.
    private mutating func compileRestricted(_ restricted: [(mix: Set<EnvironmentPart>, plan: RestrictedPlan)]) {
        guard restriction != nil, !restricted.isEmpty else { return }
        let ready = restricted.filter { (cache[$0.plan.others] ?? nil) != nil }
        let compiled = restrictedPolicies(ready.map { ($0.mix, $0.plan.namespaces) })
        for ((mix, plan), policies) in zip(ready, compiled) {
            let start = (cache[plan.others] ?? nil)!
            let build = policies.flatMap {
                restrictedBuild(PoliciesByNamespace($0), in: plan.namespaces, over: start, keepsPolicies: keepsPolicies(mix))
            }
            store(build, for: mix)
        }
        let unready = restricted.map(\.mix).filter { cache[$0] == nil }
        for (mix, policies) in zip(unready, compileWhole(unready)) {
            store(derive(policies, keepsPolicies: keepsPolicies(mix)), for: mix)
        }
    }

    /// Returns the build whose `namespaces` hold their policies among
    /// `policies`, from a restricted compilation or a batch, and whose other
    /// namespaces are those of `start`.
    private func restrictedBuild(_ policies: PoliciesByNamespace, in namespaces: Set<String>, over start: Build, keepsPolicies: Bool) -> Build? {
        let replacement = policies.policies(in: namespaces)
        var changed = start.changedNamespaces.subtracting(namespaces)
        for namespace in namespaces where policies.policies(in: namespace) != basePolicies.policies(in: namespace) {
            changed.insert(namespace)
        }
        guard let evaluator = try? start.evaluator.replacingPolicies(of: namespaces, with: replacement) else { return nil }
        let changedPolicies = keepsPolicies ? replacement.filter { changed.contains($0.namespace) } : []
        return Build(changedNamespaces: changed, changedPolicies: changedPolicies, evaluator: evaluator)
    }

    /// Compiles each mix for its namespaces alone on all processor cores,
    /// each to its policies or nil. Only the policies of those namespaces
    /// are meaningful.
    private func restrictedPolicies(_ mixes: [(parts: Set<EnvironmentPart>, namespaces: Set<String>)]) -> [[NetworkPolicy]?] {
        guard let restriction else { return mixes.map { _ in nil } }
        let (environment, other) = (environment, other)
        return mixes.concurrentMap { parts, namespaces in
            MixedBuilds.compile(restriction.files(for: namespaces), EnvironmentMix(environment: environment, substituting: parts, from: other))?.policies
        }
    }

    /// Compiles mixes on all processor cores, each to its policies or nil.
    private func compileWhole(_ mixes: [Set<EnvironmentPart>]) -> [[NetworkPolicy]?] {
        let (files, environment, other) = (files, environment, other)
        return mixes.concurrentMap { parts in
            MixedBuilds.compile(files, EnvironmentMix(environment: environment, substituting: parts, from: other))?.policies
        }
    }

    /// Returns whether to assemble a mix from compiled builds rather than
    /// compile it whole. Assembling compiles the mix's other parts and up to
    /// three sources, which pays off only when other mixes share them. Mixes
    /// of enforcement settings alone all share theirs, so they are always
    /// assembled. So is a mix that costs at most one compilation to assemble,
    /// no more than compiling it whole: its other parts compiled and it
    /// lacks one source at most. Other mixes are assembled from the second
    /// one with the same other parts on.
    private mutating func assembles(_ mix: Set<EnvironmentPart>) -> Bool {
        let (others, sourcesOfMix) = sources.sources(of: mix)
        if sourcesOfMix.isEmpty { return false }
        if others.isEmpty { return true }
        if (cache[others] ?? nil) != nil && sourcesOfMix.count(where: { !sources.contains($0) }) <= 1 { return true }
        mixesByOtherParts[others, default: 0] += 1
        return mixesByOtherParts[others]! > 1
    }

    /// Returns the build of `environment` with `parts` taken from `other`, or
    /// nil when that mix does not compile, which happens when a substituted
    /// part leaves a statement without something it uses.
    mutating func build(substituting parts: Set<EnvironmentPart>) -> Build? {
        if let cached = cache[parts] { return cached }
        compile([parts])
        return cache[parts] ?? nil
    }

    /// Returns the policies of every namespace in the build that substitutes
    /// a mix of statements alone, or nil when the mix does not compile or
    /// was built before without keeping its policies. The build is cached as
    /// `build(substituting:)` caches it.
    ///
    /// Only the policies of each namespace are in build order, which is all
    /// that assembling a mix from a source reads.
    mutating func policies(substituting statements: Set<EnvironmentPart>) -> PoliciesByNamespace? {
        precondition(statements.allSatisfy(\.isStatement), "a mix of statements alone starts from the base build")
        guard !isCached(statements) || statementMixesKeepingPolicies.contains(statements) else { return nil }
        statementMixesKeepingPolicies.insert(statements)
        guard let build = build(substituting: statements) else { return nil }
        let unchanged = policies.filter { !build.changedNamespaces.contains($0.namespace) }
        return PoliciesByNamespace(unchanged + build.changedPolicies)
    }

    /// Records the policies of the build that substitutes `parts`, made
    /// another way, when an enforcement source substitutes exactly those
    /// parts, so that mixes assembled from that source need no compilation.
    mutating func useSource(_ policies: PoliciesByNamespace, substituting parts: Set<EnvironmentPart>) {
        guard let source = sources.source(substituting: parts) else { return }
        sources.store(policies, for: source)
    }

    /// Returns whether the build of a mix keeps the policies of the namespaces it changes.
    private func keepsPolicies(_ mix: Set<EnvironmentPart>) -> Bool {
        mix.count == 1 || statementMixesKeepingPolicies.contains(mix)
    }

    /// Returns whether the cache contains the build of a mix, or the fact that it does not compile.
    func isCached(_ parts: Set<EnvironmentPart>) -> Bool {
        cache[parts] != nil
    }

    private mutating func store(_ build: Build?, for parts: Set<EnvironmentPart>) {
        cache[parts] = .some(build)
    }

    /// Returns the build of compiled policies as a change of the build
    /// without substitutions, or nil when they do not compile or validate.
    private func derive(_ policies: [NetworkPolicy]?, keepsPolicies: Bool) -> Build? {
        guard let policies else { return nil }
        let grouped = PoliciesByNamespace(policies)
        let changed = basePolicies.namespaces(differingFrom: grouped)
        let changedPolicies = policies.filter { changed.contains($0.namespace) }
        guard let evaluator = try? base.evaluator.replacingPolicies(of: changed, with: changedPolicies) else { return nil }
        return Build(changedNamespaces: changed, changedPolicies: keepsPolicies ? changedPolicies : [], evaluator: evaluator)
    }

    /// Returns the build of a mix that substitutes enforcement settings: the
    /// build of its other parts, with the policies of each namespace whose
    /// enforcement it substitutes taken from the compiled build that
    /// substitutes the same directions everywhere. Falls back to compiling
    /// the mix when one of those builds does not compile.
    private mutating func assemble(_ mix: Set<EnvironmentPart>) -> Build? {
        let (others, directions) = sources.split(mix)
        guard let start = cache[others] ?? nil else { return nil }
        var changed = start.changedNamespaces
        var replaced: Set<String> = []
        var replacement: [NetworkPolicy] = []
        for (namespace, substituted) in directions {
            guard let source = sources.policies(of: EnforcementSources.Source(others: others, directions: substituted)) else {
                return derive(compileWhole([mix])[0], keepsPolicies: mix.count == 1)
            }
            let policies = source.policies(in: namespace)
            replaced.insert(namespace)
            replacement += policies
            if policies == basePolicies.policies(in: namespace) {
                changed.remove(namespace)
            } else {
                changed.insert(namespace)
            }
        }
        guard let evaluator = try? start.evaluator.replacingPolicies(of: replaced, with: replacement) else { return nil }
        let keepsPolicies = mix.count == 1 && !changed.isEmpty
        return Build(changedNamespaces: changed, changedPolicies: keepsPolicies ? replacement : [], evaluator: evaluator)
    }

    /// Compiles one mix with the optimized lowering, which allows the same
    /// connections as the reference lowering, at the Kubernetes version of
    /// the environment's profile.
    static func compile(_ files: [ContractFile], _ mix: EnvironmentMix) -> (program: Program, policies: [NetworkPolicy])? {
        let diagnostics = DiagnosticEngine()
        let program = Resolver.resolve(files, mix: mix, diagnostics: diagnostics)
        guard !diagnostics.hasErrors else { return nil }
        let version = program.environment.profile.kubernetesVersion ?? .defaultTarget
        return (program, Pipeline.lower(program, level: .standard, kubernetesVersion: version).networkPolicies)
    }
}
