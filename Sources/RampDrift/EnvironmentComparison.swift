import Foundation
import RampChecks
import RampEvaluator
import RampIR
import RampKube
import RampSema
import RampSource
import RampSyntax

/// The reason two environments differ on one connection.
public enum DifferenceCause: Hashable, Sendable {
    /// Taking any one of these settings from the second environment, alone,
    /// makes the first one agree with it.
    case setting(anyOf: [EnvironmentPart])
    /// Only taking all of these settings together does.
    case combination([EnvironmentPart])
    /// Drift: the difference needs statements with `only in` (and perhaps
    /// settings) to be explained. It is declared when one of those
    /// statements states the connection in the environment that allows it.
    case drift([EnvironmentPart], declared: Bool)
    /// Nothing explains the difference, which would be a bug in ramp.
    case unexplained

    /// The statements with `only in` that the cause names.
    public var statements: [SourceRange] {
        let parts: [EnvironmentPart]
        switch self {
        case .setting(let list), .combination(let list), .drift(let list, _): parts = list
        case .unexplained: parts = []
        }
        return parts.compactMap { part in
            if case .statement(let range) = part { return range }
            return nil
        }
    }

    public var isUndeclaredDrift: Bool {
        switch self {
        case .drift(_, let declared): return !declared
        case .unexplained: return true
        default: return false
        }
    }
}

/// One connection class and port range that one environment allows and the
/// other blocks, named in contract terms, with its cause.
public struct EnvironmentDifference: Sendable {
    public let allowedIn: String
    public let blockedIn: String
    /// The endpoints in contract terms, named as the environment that
    /// allows the connection names them.
    public let source: String
    public let destination: String
    /// For an endpoint outside the cluster, its address range as text.
    public let sourceAddresses: AddressRange?
    public let destinationAddresses: AddressRange?
    public let `protocol`: NetworkProtocol
    public let ports: ClosedRange<Int>
    /// Container port names the destination gives the port; empty when the
    /// difference needs none.
    public let namedPorts: [String]
    /// A concrete connection of the class, on the first port of `ports`.
    public let example: Connection
    public let cause: DifferenceCause

    /// Returns one difference covering this one and `next` when `next`
    /// continues its ports with the same endpoints, port names and cause,
    /// or nil otherwise.
    func joined(with next: EnvironmentDifference) -> EnvironmentDifference? {
        guard next.ports.lowerBound == ports.upperBound + 1, next.protocol == self.protocol, next.allowedIn == allowedIn,
              next.source == source, next.destination == destination, next.sourceAddresses == sourceAddresses,
              next.destinationAddresses == destinationAddresses, next.namedPorts == namedPorts, next.cause == cause else {
            return nil
        }
        return EnvironmentDifference(
            allowedIn: allowedIn, blockedIn: blockedIn, source: source, destination: destination,
            sourceAddresses: sourceAddresses, destinationAddresses: destinationAddresses, protocol: self.protocol,
            ports: ports.lowerBound...next.ports.upperBound, namedPorts: namedPorts, example: example, cause: cause
        )
    }
}

/// The semantic difference between two environments built from the same
/// contracts: the settings that differ, and every connection that one of
/// them allows and the other blocks, each attributed to its cause.
///
/// Attribution builds one environment again with parts of the other
/// substituted and checks whether it then agrees with the other on the
/// connection. Settings are tried one at a time, then all together (reduced
/// to a minimal set), in both directions; what settings cannot explain is
/// drift, and the statements with `only in` are tried next. With every part
/// substituted one environment is the other, so every difference has a
/// cause unless ramp itself is inconsistent.
public struct EnvironmentComparison: Sendable {
    public let first: String
    public let second: String
    public let settings: [SettingDifference]
    /// Ordered by the order of the evaluator's differences.
    public let differences: [EnvironmentDifference]
    /// The limit of classes of differing connections to attribute, when the
    /// comparison had more classes than that and left the others unattributed.
    public internal(set) var reachedClassLimit: Int?

    /// Compares two declared environments. Returns nil when either one does
    /// not compile; compile each first to report why. Throws when the
    /// evaluator cannot compare their policies: one does not validate, or
    /// their selectors combine into too many classes of labels. Environments
    /// in `compiled` are not compiled again.
    public static func compare(
        _ files: [ContractFile], _ first: String, _ second: String, compiled: [String: CompiledEnvironment] = [:]
    ) throws(PolicyValidationError) -> EnvironmentComparison? {
        try compare(files, first, second, compiled: compiled, reusingSearches: true)
    }

    /// Compares as the public `compare` does. With `onlyUndeclaredDrift`,
    /// the comparison keeps undeclared drift alone, because the drift check
    /// reports nothing else. It then neither names nor stores the declared
    /// differences, nor searches which settings explain them, which took
    /// about a fifth of the check of large environments. Without
    /// `reusingSearches`, every difference between other endpoints gets a
    /// search of its own, which tests compare with the reuse. Without
    /// `derivingFromTheOther`, the builds that equal the other environment's
    /// (see `Attribution.partsMakeTheOther`) are compiled as other mixes are,
    /// which tests compare too. Tests also give the number of runs that the
    /// classes are attributed in (see `DifferenceNaming.runCount`).
    ///
    /// With a `classLimit`, only the first classes of differing connections
    /// that the settings do not explain, up to the limit, are attributed.
    static func compare(
        _ files: [ContractFile], _ first: String, _ second: String, compiled: [String: CompiledEnvironment],
        reusingSearches: Bool = true, onlyUndeclaredDrift: Bool = false, derivingFromTheOther: Bool = true, runs: Int? = nil,
        classLimit: Int? = nil
    ) throws(PolicyValidationError) -> EnvironmentComparison? {
        let settings = Resolver.settingDifferences(files, between: first, and: second)
        // The drift check skips the classes that settings explain. They are
        // most differences, and their number can grow with the square of
        // the namespaces. When the settings explain all of them, it needs
        // neither other builds nor evaluators.
        if onlyUndeclaredDrift && derivingFromTheOther && !settings.contains(where: { $0.part?.isStatement ?? false }) {
            let builds = [(first, second), (second, first)].map { environment, other in
                compiled[environment].map { ($0.program, $0.policies) }
                    ?? MixedBuilds.compile(files, EnvironmentMix(environment: environment, substituting: [], from: other))
            }
            if let firstBuild = builds[0], let secondBuild = builds[1],
               Attribution.partsMakeTheOther(settings, firstBuild.program, secondBuild.program) {
                // A comparison throws for policies that an evaluator rejects,
                // whatever explains their differences.
                try NetworkPolicyEvaluator.validate(firstBuild.policies)
                try NetworkPolicyEvaluator.validate(secondBuild.policies)
                return EnvironmentComparison(first: first, second: second, settings: settings, differences: [])
            }
        }
        guard var attribution = try Attribution(
            files: files, settings: settings, first: first, second: second, compiled: compiled, derivingFromTheOther: derivingFromTheOther
        ) else {
            return nil
        }
        attribution.reusesSearches = reusingSearches
        attribution.namesSettings = !onlyUndeclaredDrift
        let variants = onlyUndeclaredDrift ? attribution.settingVariants() : []
        if attribution.explainsEveryDifference(variants) {
            return EnvironmentComparison(first: first, second: second, settings: attribution.settings, differences: [])
        }
        attribution.compileSingleParts()

        let (firstProgram, secondProgram) = (attribution.firstProgram, attribution.secondProgram)
        // The examples are evaluated against the builds with one part
        // substituted, so those builds split the classes too. Builds with
        // several parts substituted use only blocks, selectors and ports
        // that those builds already have.
        let singles = attribution.singlePartBuilds()
        let (firstPolicies, secondPolicies) = (attribution.firstPolicies, attribution.secondPolicies)
        let context = Array(singles.joined())
        // Both builds place their rules by the labels that namespaces
        // declare, so clusters where a declared namespace carries others
        // are left out, as the checks of expectations leave them out. Each
        // difference gets its example when read and is dropped once
        // attributed, as the raw list of a large comparison takes more
        // memory than the attributed one.
        let declaredLabels = AssertionAnalysis.declaredLabels([firstProgram, secondProgram])
        // Attributing a class costs tens of microseconds, and the classes can
        // grow with the square of the namespaces, so a limit keeps the check's
        // time and memory in proportion to its input. Asking for one class more
        // than the limit shows whether the limit is reached.
        var raw = try connectivityDifferenceSequence(
            between: firstPolicies, and: secondPolicies, limit: classLimit.map { $0 + 1 }, namespaceLabels: declaredLabels,
            context: context, unlessExplainedBy: variants, evaluators: attribution.evaluators
        )
        let reachesLimit = classLimit.map { raw.underestimatedCount > $0 } ?? false
        if let classLimit, reachesLimit { raw.keepFirst(classLimit) }
        let boundaries = PortBoundaries([firstPolicies, secondPolicies] + singles)

        let naming = DifferenceNaming(
            first: first, second: second, names: (ContractNames(programs: [firstProgram]), ContractNames(programs: [secondProgram])),
            boundaries: boundaries, onlyUndeclaredDrift: onlyUndeclaredDrift
        )
        // The classes are attributed on all processor cores, in runs of
        // consecutive classes, each by a copy of the attribution with caches
        // of its own. A cause does not depend on which searches came before
        // (see `Attribution.cause`), so the differences stay the same.
        let shared = attribution
        let attributed = raw.split(into: runs ?? DifferenceNaming.runCount(raw.underestimatedCount)).concurrentMap { run in
            var (run, attribution) = (run, shared)
            return (naming.differences(&run, attributing: &attribution), attribution)
        }
        let differences = attributed.flatMap(\.0)
        var comparison = EnvironmentComparison(first: first, second: second, settings: attribution.settings, differences: differences)
        if reachesLimit { comparison.reachedClassLimit = classLimit }
        // Freeing the builds and the classes took about a twentieth of the
        // check of large environments, and nothing waits for it.
        ProcessLifetime.release([consume attribution, consume attributed, consume raw, consume singles, consume context, consume variants])
        return comparison
    }
}

/// Turns the differences of a sequence into environment differences with
/// their causes, named in contract terms.
private struct DifferenceNaming: Sendable {
    let first: String
    let second: String
    let names: (ContractNames, ContractNames)
    let boundaries: PortBoundaries
    let onlyUndeclaredDrift: Bool

    /// Returns how many runs to split a number of differences into: one per
    /// processor core and at most four, of at least 64 differences each.
    /// Each run copies the attribution and fills caches of its own, which
    /// added a fifth to the peak memory of a large comparison on two cores.
    static func runCount(_ differences: Int) -> Int {
        max(1, min(ProcessInfo.processInfo.activeProcessorCount, 4, differences / 64))
    }

    /// Attributes and names every difference that `raw` has left, in order.
    func differences(_ raw: inout ConnectivityDifferenceSequence, attributing attribution: inout Attribution) -> [EnvironmentDifference] {
        var differences: [EnvironmentDifference] = []
        // TODO: each class of connections that differs is attributed on its
        // own, and the classes can grow with the square of the namespaces.
        // The evaluator splits sources by every namespace whose policies
        // name them. So when one environment isolates pods for ingress that
        // the other leaves open, every namespace's pods differ towards each
        // of them. The drift check skips the classes that settings explain
        // and stops at its limit of classes, but `ramp diff --env` lists
        // them all. 300 namespaces, each with a pod that a statement `only
        // in` production isolates for egress, take about 12 s and 1.2 GB to
        // compare with `ramp diff --env` (42 KB). Merging the sources that every build decides alike
        // for a destination would keep both linear. `namespaces [...]`
        // clients grow the classes the same way, through the generated rules.
        while let difference = raw.next() {
            // Pieces differ only in ports, and names do not depend on ports,
            // so each environment names the endpoints of a difference once.
            var namesBySide: [Bool: ContractNames.EndpointNames] = [:]
            var attributed: [Attribution.AttributedExample] = []
            let firstIndex = differences.count
            for portDifference in difference.ports {
                let allowedByFirst = portDifference.allowedBy == .first
                var lower = portDifference.ports.lowerBound
                while lower <= portDifference.ports.upperBound {
                    let example = DifferenceNaming.concreteConnection(difference, port: lower, namedPorts: portDifference.namedPorts)
                    let (cause, lastAlike) = attribution.cause(
                        of: example, allowedInFirst: allowedByFirst, upTo: portDifference.ports.upperBound, reusing: &attributed
                    )
                    let statements = cause?.statements ?? []
                    let upper = statements.isEmpty ? lastAlike : min(lastAlike, boundaries.lastPort(from: lower, protocol: difference.protocol))
                    defer { lower = upper + 1 }
                    guard let cause, !onlyUndeclaredDrift || cause.isUndeclaredDrift else { continue }
                    let (source, destination) = namesBySide[allowedByFirst] ?? (allowedByFirst ? names.0 : names.1).names(
                        of: example, sourceAddresses: difference.source.addressRange, destinationAddresses: difference.destination.addressRange
                    )
                    namesBySide[allowedByFirst] = (source, destination)
                    let next = EnvironmentDifference(
                        allowedIn: allowedByFirst ? first : second,
                        blockedIn: allowedByFirst ? second : first,
                        source: source.name,
                        destination: destination.name,
                        sourceAddresses: source.range,
                        destinationAddresses: destination.range,
                        protocol: difference.protocol,
                        ports: lower...upper,
                        namedPorts: portDifference.namedPorts,
                        example: example,
                        cause: cause
                    )
                    // The report joins neighbouring port ranges anyway, and
                    // joining them here keeps the list short.
                    if differences.count > firstIndex, let joined = differences[differences.count - 1].joined(with: next) {
                        differences[differences.count - 1] = joined
                    } else {
                        differences.append(next)
                    }
                }
            }
        }
        return differences
    }

    /// Returns the example connection of the piece of ports that starts at
    /// `port`. The evaluator's example covers the first port difference
    /// only, so every piece gets the same endpoints with its own port and
    /// names.
    private static func concreteConnection(_ difference: ConnectivityDifference, port: Int, namedPorts: [String]) -> Connection {
        var connection = difference.example.connection
        connection.port = port
        if case .pod(var pod) = connection.destination {
            pod.containerPorts = namedPorts.map {
                RampEvaluator.ContainerPort(name: $0, protocol: difference.protocol, containerPort: port)
            }
            connection.destination = .pod(pod)
        }
        return connection
    }
}

extension EndpointClass {
    var addressRange: AddressRange? {
        if case let .addresses(first, last) = kind { return AddressRange(first: first, last: last) }
        return nil
    }
}

// MARK: - Attribution

/// Builds one environment with parts of the other substituted, and checks
/// whether it then decides a connection as the other one does.
private struct Substitution: Sendable {
    var builds: MixedBuilds
    let target: MixedBuilds.Build
    /// The settings and the statements with `only in`, in the order causes
    /// list them.
    private let settingParts: [EnvironmentPart]
    private let statementParts: [EnvironmentPart]
    /// The settings, and all parts, indexed by the namespaces each can change.
    private let lists: [WholeSubstitution: PartsByNamespace]
    /// For each namespace, the indices in the settings, and in the
    /// statements, whose substitution alone changes the policies of that
    /// namespace. A part missing from every list changes no policy or does
    /// not compile alone.
    private var settingsByNamespace: [String: [Int]] = [:]
    private var statementsByNamespace: [String: [Int]] = [:]
    /// The builds evaluated since the caller last emptied the list, each
    /// once, with the verdict of the first evaluation.
    var evaluated: [(build: MixedBuilds.Build, allows: Bool)] = []
    /// The statements that a search cannot drop one at a time, found once.
    private var undroppableStatements: [EnvironmentPart]?
    private let reach: StatementReach
    /// The builds with every setting, or every part, substituted, looked up
    /// once: hashing those large sets for each connection would cost more
    /// than the rest of its search.
    private var wholeSubstitutions: [WholeSubstitution: MixedBuilds.Build?] = [:]

    /// A mix that substitutes every setting, or every setting and statement.
    enum WholeSubstitution: Hashable {
        case settings
        case everything
    }

    init(builds: MixedBuilds, target: MixedBuilds.Build, settingParts: [EnvironmentPart], statementParts: [EnvironmentPart], reach: StatementReach) {
        self.builds = builds
        self.target = target
        self.reach = reach
        self.settingParts = settingParts
        self.statementParts = statementParts
        lists = [
            .settings: PartsByNamespace(settingParts, reach: reach),
            .everything: PartsByNamespace(settingParts + statementParts, reach: reach),
        ]
    }

    /// Compiles the builds with each part substituted alone, and indexes
    /// the parts by the namespaces whose policies they change.
    mutating func compileSingleParts(_ parts: [EnvironmentPart], restriction: NamespaceRestriction) {
        builds.compileSingleParts(parts, reach: reach, restriction: restriction)
        settingsByNamespace = namespacesChanged(bySubstituting: settingParts)
        statementsByNamespace = namespacesChanged(bySubstituting: statementParts)
    }


    /// Returns, for each namespace, the indices of the parts whose build
    /// with that part alone substituted changes the namespace's policies.
    private mutating func namespacesChanged(bySubstituting parts: [EnvironmentPart]) -> [String: [Int]] {
        var indices: [String: [Int]] = [:]
        for (index, part) in parts.enumerated() {
            guard let single = builds.build(substituting: [part]) else { continue }
            for namespace in single.changedNamespaces {
                indices[namespace, default: []].append(index)
            }
        }
        return indices
    }

    mutating func explains(_ parts: Set<EnvironmentPart>, _ connection: Connection) -> Bool {
        explains(parts, connection, targetAllows: allows(target, connection))
    }

    /// Checks whether substituting all settings, or all settings and
    /// statements, explains the connection.
    mutating func explains(_ substitution: WholeSubstitution, _ connection: Connection) -> Bool {
        guard let mixed = build(substituting: substitution) else { return false }
        return allows(mixed, connection) == allows(target, connection)
    }

    /// Records a build made another way as the one with every setting, or
    /// every part, substituted. A nil build records that the mix does not
    /// compile.
    mutating func use(_ build: MixedBuilds.Build?, for substitution: WholeSubstitution) {
        wholeSubstitutions[substitution] = .some(build)
    }

    /// Returns the build with every setting, or every part, substituted, or
    /// nil when it does not compile.
    mutating func build(substituting substitution: WholeSubstitution) -> MixedBuilds.Build? {
        if wholeSubstitutions[substitution] == nil {
            wholeSubstitutions[substitution] = .some(builds.build(substituting: Set(lists[substitution]!.parts)))
        }
        return wholeSubstitutions[substitution] ?? nil
    }

    /// Checks one mix against whether the target allows the connection,
    /// which callers that try many mixes on one connection evaluate once.
    private mutating func explains(_ parts: Set<EnvironmentPart>, _ connection: Connection, targetAllows: Bool) -> Bool {
        guard let mixed = builds.build(substituting: parts) else { return false }
        return allows(mixed, connection) == targetAllows
    }

    /// Evaluates the connection in one build and adds the build to `evaluated`.
    private mutating func allows(_ build: MixedBuilds.Build, _ connection: Connection) -> Bool {
        let allows = build.evaluator.allows(connection)
        if !evaluated.contains(where: { $0.build === build }) { evaluated.append((build, allows)) }
        return allows
    }

    /// Returns the settings that explain the connection alone, in the order
    /// of `settingParts`.
    mutating func singleSettings(_ connection: Connection) -> [EnvironmentPart] {
        singles(settingParts, settingsByNamespace, connection)
    }

    /// Returns the statements that explain the connection alone, in the
    /// order of `statementParts`.
    mutating func singleStatements(_ connection: Connection) -> [EnvironmentPart] {
        singles(statementParts, statementsByNamespace, connection)
    }

    /// Returns the parts that explain the connection alone, in list order.
    ///
    /// Only parts that change the policies of the source's or the
    /// destination's namespace are evaluated. Every other part that compiles
    /// decides the connection as the build without substitutions does, so
    /// it explains the connection exactly when that build does, which it
    /// does not for a difference. When it does, every part is evaluated, as
    /// one that does not compile explains nothing.
    private mutating func singles(_ parts: [EnvironmentPart], _ byNamespace: [String: [Int]], _ connection: Connection) -> [EnvironmentPart] {
        let targetAllows = allows(target, connection)
        if explains([], connection, targetAllows: targetAllows) {
            return parts.filter { explains([$0], connection, targetAllows: targetAllows) }
        }
        let namespaces = [connection.source, connection.destination].compactMap(PoliciesByNamespace.namespace(deciding:))
        let candidates = Set(namespaces.flatMap { byNamespace[$0] ?? [] }).sorted()
        return candidates.map { parts[$0] }.filter { explains([$0], connection, targetAllows: targetAllows) }
    }

    /// Drops parts one at a time while the rest still explains the
    /// connection, and repeats until no part can go: a statement may be
    /// droppable only after the statements that use it.
    ///
    /// Parts that reach neither endpoint's namespace are searched apart: the
    /// enforcement of another namespace, and statements whose reach (see
    /// `StatementReach`) lies elsewhere. Such a part changes no policy that
    /// decides the connection, and whether a mix compiles is decided for its
    /// group of statements alone. So the search drops each of them that it
    /// can drop without the others of its group, which depends on the group
    /// only (see `undroppable()`). Without them each search tries a few
    /// parts, and searches for different namespaces share their mixes.
    ///
    /// Profile parts and parameters stay in the search: there are few of
    /// them, and a parameter that only a substituted statement uses changes
    /// policies only together with that statement.
    mutating func minimal(_ substitution: WholeSubstitution, _ connection: Connection) -> [EnvironmentPart] {
        let list = lists[substitution]!
        let targetAllows = allows(target, connection)
        let endpoints = Set([connection.source, connection.destination].compactMap(PoliciesByNamespace.namespace(deciding:)))
        let relevant = list.relevant(to: endpoints).map { list.parts[$0] }
        guard !relevant.isEmpty else { return search(list.parts, connection, targetAllows: targetAllows) }

        var cause = Set(search(relevant, connection, targetAllows: targetAllows))
        if substitution == .everything {
            cause.formUnion(undroppable().filter { !list.reaches($0, endpoints) })
        }
        return list.ordered(cause)
    }

    /// Returns the statements that a search cannot drop one at a time: each
    /// mix of the rest of its group without it does not compile. They are
    /// found once for every group, as the searches of all connections share
    /// them.
    private mutating func undroppable() -> [EnvironmentPart] {
        if let undroppableStatements { return undroppableStatements }
        var groups: [SourceRange: [EnvironmentPart]] = [:]
        var order: [SourceRange] = []
        for part in statementParts {
            guard case .statement(let range) = part else { continue }
            let group = reach.group(of: range)
            if groups[group] == nil { order.append(group) }
            groups[group, default: []].append(part)
        }

        var stuck: [EnvironmentPart] = []
        for group in order { stuck += searchCompiling(groups[group]!) }
        undroppableStatements = stuck
        return stuck
    }

    /// Drops statements one at a time while the rest compiles, and repeats
    /// until none can go, as `search` does for statements that cannot change
    /// the connection.
    private mutating func searchCompiling(_ statements: [EnvironmentPart]) -> [EnvironmentPart] {
        var remaining = statements
        var changed = true
        while changed && !remaining.isEmpty {
            changed = false
            for part in remaining {
                let rest = remaining.filter { $0 != part }
                if rest.isEmpty || builds.build(substituting: Set(rest)) != nil {
                    remaining = rest
                    changed = true
                }
            }
        }
        return remaining
    }

    /// Drops parts one at a time while the rest still explains the
    /// connection, and repeats until no part can go.
    private mutating func search(_ parts: [EnvironmentPart], _ connection: Connection, targetAllows: Bool) -> [EnvironmentPart] {
        // TODO: each try compiles the rest for the namespaces it reaches, so a
        // search costs a compilation per part. Where many statements reach the
        // same namespaces, every class tries dozens of mixes. One contract of
        // 25 namespaces and about 90 `only in` statements (10.6 KB) takes 22 s
        // and 2.1 GB to check, nearly all of it here.
        var remaining = parts
        var changed = true
        while changed && remaining.count > 1 {
            changed = false
            let candidates = remaining
            for (index, part) in candidates.enumerated() where remaining.count > 1 {
                let rest = remaining.filter { $0 != part }
                let restParts = Set(rest)
                // Most parts can go, so the mix without the next part too is
                // likely the next one tried, and both compile at once. The
                // result does not change, as only the cache fills sooner.
                if !builds.isCached(restParts), index + 1 < candidates.count, rest.count > 1 {
                    let next = candidates[index + 1]
                    builds.compile([restParts, Set(rest.filter { $0 != next })])
                }
                if explains(restParts, connection, targetAllows: targetAllows) {
                    remaining = rest
                    changed = true
                }
            }
        }
        return remaining
    }

    /// Returns the settings that explain the connection, one alone or
    /// several together, or nil when settings cannot.
    mutating func settingCause(_ connection: Connection) -> DifferenceCause? {
        let singles = singleSettings(connection)
        if !singles.isEmpty { return .setting(anyOf: singles) }
        if settingParts.count > 1 && explains(.settings, connection) {
            return .combination(minimal(.settings, connection))
        }
        return nil
    }
}

/// Finds the cause of each difference. Settings explain a difference when
/// substituting them in either direction does: the first environment with
/// the second's settings, or the second with the first's. Only then are
/// statements tried, substituted into the first environment.
private struct Attribution: Sendable {
    let settings: [SettingDifference]
    var forward: Substitution
    var backward: Substitution
    /// Every part, in the order of the settings that differ.
    private let parts: [EnvironmentPart]
    private let settingParts: [EnvironmentPart]
    private let statementParts: [EnvironmentPart]
    private let declaredInFirst: DeclaredConnections
    private let declaredInSecond: DeclaredConnections
    private let reach: StatementReach
    /// The contracts restricted to what some namespaces' policies depend on.
    private let restriction: NamespaceRestriction
    /// Whether each environment with every part of the other substituted
    /// compiles to the other's policies.
    private let partsMakeTheOther: Bool

    init?(
        files: [ContractFile], settings: [SettingDifference], first: String, second: String, compiled: [String: CompiledEnvironment],
        derivingFromTheOther: Bool
    ) throws(PolicyValidationError) {
        self.settings = settings
        let parts = settings.compactMap(\.part)
        // Both directions are built at once. A failure of the first is still
        // reported before one of the second.
        let directions = [(first, second), (second, first)].concurrentMap { environment, other in
            Result { () throws(PolicyValidationError) -> MixedBuilds? in
                try MixedBuilds(files: files, environment: environment, other: other, enforcementParts: parts, compiled: compiled[environment])
            }
        }
        guard let forwardBuilds = try directions[0].get(), let backwardBuilds = try directions[1].get() else { return nil }
        settingParts = parts.filter { !$0.isStatement }
        statementParts = parts.filter(\.isStatement)
        let programs = [forwardBuilds.program, backwardBuilds.program]
        let statements = statementParts.compactMap { part -> SourceRange? in
            if case .statement(let range) = part { return range }
            return nil
        }
        // The reach, the restriction and the declared connections do not
        // depend on each other, so they are built at once.
        let ((reach, restriction), declared) = concurrently({
            (
                StatementReach(statements: statements, programs: programs, networks: files.flatMap(\.networks)),
                NamespaceRestriction(files: files, programs: programs)
            )
        }, {
            (DeclaredConnections(program: programs[0]), DeclaredConnections(program: programs[1]))
        })
        self.parts = parts
        self.reach = reach
        self.restriction = restriction
        (declaredInFirst, declaredInSecond) = declared
        forward = Substitution(
            builds: forwardBuilds, target: backwardBuilds.base, settingParts: settingParts, statementParts: statementParts, reach: reach
        )
        backward = Substitution(
            builds: backwardBuilds, target: forwardBuilds.base, settingParts: settingParts, statementParts: statementParts, reach: reach
        )
        partsMakeTheOther = derivingFromTheOther && Attribution.partsMakeTheOther(settings, forwardBuilds.program, backwardBuilds.program)
        // Substituting every part then needs no build: it gives the other
        // environment, whose build the comparison has. Compiling it took
        // about a tenth of the check of many statements.
        if partsMakeTheOther {
            forward.use(backwardBuilds.base, for: .everything)
            backward.use(forwardBuilds.base, for: .everything)
        }
    }

    /// Compiles the builds with one part substituted, in both directions.
    /// Every one of them is needed, because they split the compared classes,
    /// and the searches start from them.
    mutating func compileSingleParts() {
        let (parts, restriction) = (parts, restriction)
        // The two directions share nothing they change, so they compile at once.
        let compiled = [forward, backward].concurrentMap { substitution in
            var substitution = substitution
            substitution.compileSingleParts(parts, restriction: restriction)
            return substitution
        }
        (forward, backward) = (compiled[0], compiled[1])
    }

    /// The evaluators of both environments without substitutions.
    var evaluators: (first: NetworkPolicyEvaluator, second: NetworkPolicyEvaluator) {
        (forward.builds.base.evaluator, backward.builds.base.evaluator)
    }
    var firstPolicies: [NetworkPolicy] { forward.builds.policies }
    var secondPolicies: [NetworkPolicy] { backward.builds.policies }
    var firstProgram: Program { forward.builds.program }
    var secondProgram: Program { backward.builds.program }

    /// Returns the statements' connections in the environment that allows a difference.
    private func declared(_ first: Bool) -> DeclaredConnections {
        first ? declaredInFirst : declaredInSecond
    }

    /// Returns the policies that each build with one part substituted
    /// changes, in both directions.
    mutating func singlePartBuilds() -> [[NetworkPolicy]] {
        var policies: [[NetworkPolicy]] = []
        for part in settingParts + statementParts {
            if let build = forward.builds.build(substituting: [part]) { policies.append(build.changedPolicies) }
            if let build = backward.builds.build(substituting: [part]) { policies.append(build.changedPolicies) }
        }
        return policies
    }

    /// A cause found for one example connection, with every build whose
    /// verdict on that connection decided it, and those verdicts. The cause
    /// is nil when settings explain the connection and `namesSettings` is off.
    final class AttributedExample: Sendable {
        let connection: Connection
        let builds: [MixedBuilds.Build]
        let verdicts: [Bool]
        let cause: DifferenceCause?

        init(connection: Connection, builds: [MixedBuilds.Build], verdicts: [Bool], cause: DifferenceCause?) {
            self.connection = connection
            self.builds = builds
            self.verdicts = verdicts
            self.cause = cause
        }

        /// Returns the last port up to `limit` on which every build that
        /// decided this cause decides `other` alike, or nil when one of them
        /// gives `other` another verdict.
        func lastPortDecidedAlike(_ other: Connection, upTo limit: Int) -> Int? {
            var last = limit
            for (build, verdict) in zip(builds, verdicts) {
                let decided = build.evaluator.allowsAndLastPortDecidedAlike(other, upTo: last)
                guard decided.allows == verdict else { return nil }
                last = decided.lastPort
            }
            return last
        }
    }

    /// The namespaces whose policies decide a connection's two endpoints:
    /// the only part of a connection that a search reads besides verdicts.
    private struct DecidingNamespaces: Hashable {
        let source: String?
        let destination: String?

        init(_ connection: Connection) {
            source = PoliciesByNamespace.namespace(deciding: connection.source)
            destination = PoliciesByNamespace.namespace(deciding: connection.destination)
        }
    }

    /// The latest searches, by the namespaces of their connections.
    private var recentSearches: [DecidingNamespaces: [AttributedExample]] = [:]
    /// How many searches per pair of namespaces a new connection is checked against.
    private static let recentSearchCount = 2
    /// Whether causes are shared between differences. Tests turn it off to
    /// compare the results.
    var reusesSearches = true
    /// Whether a cause names the settings that explain a difference. Without
    /// it, a difference that all settings together explain, in either
    /// direction, gets no cause, because the drift check needs to know only
    /// that it is not drift.
    var namesSettings = true

    /// Returns the cause of a connection, and the last port up to `limit`
    /// on which every build that decided the cause decides the connection
    /// alike, so that the same cause applies up to that port.
    ///
    /// A search reads a connection only through the verdicts of the builds
    /// it evaluates and the namespaces of its endpoints. So when every build
    /// that decided an earlier cause gives a connection between the same
    /// namespaces the same verdict, every step of the search takes the same
    /// branch, and that cause is reused. Only whether a statement states the
    /// connection is checked again, because that reads the endpoints and port.
    ///
    /// Pieces of one difference share their endpoints, and are checked first
    /// with `decidesAlike`, which also bounds the ports of the piece.
    mutating func cause(
        of connection: Connection, allowedInFirst: Bool, upTo limit: Int, reusing earlier: inout [AttributedExample]
    ) -> (cause: DifferenceCause?, lastPort: Int) {
        // The most recent pieces are the likeliest to match, and looking at
        // a few bounds the cost when a difference has many pieces.
        for example in earlier.suffix(4).reversed()
        where example.builds.allSatisfy({ $0.evaluator.decidesAlike(example.connection, connection) }) {
            let lastPort = Attribution.lastPortDecidedAlike(connection, by: example.builds, upTo: limit)
            return (reused(example, connection, allowedInFirst: allowedInFirst), lastPort)
        }
        let namespaces = DecidingNamespaces(connection)
        for example in (recentSearches[namespaces] ?? []).reversed() {
            guard let lastPort = example.lastPortDecidedAlike(connection, upTo: limit) else { continue }
            earlier.append(AttributedExample(connection: connection, builds: example.builds, verdicts: example.verdicts, cause: example.cause))
            return (reused(example, connection, allowedInFirst: allowedInFirst), lastPort)
        }

        forward.evaluated = []
        backward.evaluated = []
        let cause = cause(of: connection, allowedInFirst: allowedInFirst)
        let evaluated = forward.evaluated + backward.evaluated
        let example = AttributedExample(connection: connection, builds: evaluated.map(\.build), verdicts: evaluated.map(\.allows), cause: cause)
        earlier.append(example)
        if reusesSearches {
            recentSearches[namespaces, default: []].append(example)
            if recentSearches[namespaces]!.count > Attribution.recentSearchCount { recentSearches[namespaces]!.removeFirst() }
        }
        return (cause, Attribution.lastPortDecidedAlike(connection, by: example.builds, upTo: limit))
    }

    /// Returns an earlier example's cause for the connection, with the
    /// statements' declaration checked for this connection.
    private func reused(_ example: AttributedExample, _ connection: Connection, allowedInFirst: Bool) -> DifferenceCause? {
        guard case .drift(let parts, _) = example.cause else { return example.cause }
        return .drift(parts, declared: declared(allowedInFirst).states(parts, connection))
    }

    private static func lastPortDecidedAlike(_ connection: Connection, by builds: [MixedBuilds.Build], upTo limit: Int) -> Int {
        builds.reduce(limit) { last, build in build.evaluator.lastPortDecidedAlike(connection, upTo: last) }
    }

    private mutating func cause(of connection: Connection, allowedInFirst: Bool) -> DifferenceCause? {
        if !namesSettings && explainedBySettings(connection) { return nil }
        if let cause = forward.settingCause(connection) { return cause }
        if let cause = backward.settingCause(connection) { return cause }

        let statements = forward.singleStatements(connection)
        if !statements.isEmpty {
            return .drift(statements, declared: declared(allowedInFirst).states(statements, connection))
        }
        guard forward.explains(.everything, connection) else { return .unexplained }
        let parts = forward.minimal(.everything, connection)
        return .drift(parts, declared: declared(allowedInFirst).states(parts, connection))
    }

    /// Returns the builds with every setting substituted, in both
    /// directions, as variants of the environment each starts from.
    ///
    /// Where the first environment with the second's settings decides a
    /// connection as the second does, or the reverse, settings explain it.
    /// With several settings `explainedBySettings` returns true, and with
    /// one the search of `Substitution.singleSettings` finds it. So no piece of
    /// a difference that a variant decides alike on every port can be drift.
    mutating func settingVariants() -> [PolicyVariant] {
        guard !settingParts.isEmpty else { return [] }
        if partsMakeTheOther {
            buildSettingVariantsFromStatements()
        } else {
            // Each direction builds its own mix, so both compile at once.
            let built = [forward, backward].concurrentMap { substitution in
                var substitution = substitution
                _ = substitution.build(substituting: .settings)
                return substitution
            }
            (forward, backward) = (built[0], built[1])
        }
        var variants: [PolicyVariant] = []
        if let build = forward.build(substituting: .settings) { variants.append(PolicyVariant(of: .first, build.evaluator)) }
        if let build = backward.build(substituting: .settings) { variants.append(PolicyVariant(of: .second, build.evaluator)) }
        return variants
    }

    /// Builds each environment with the other's settings as the other
    /// environment with this one's statements, for environments where
    /// `partsMakeTheOther` is true. Both builds then have the same contracts
    /// and policies, and the second compiles only the namespaces that the
    /// statements reach, instead of every namespace.
    ///
    /// When the settings are all enforcement, that build is also the source
    /// that each environment assembles its builds with one enforcement
    /// setting from (see `EnforcementSources`), which then needs no
    /// compilation of every namespace.
    private mutating func buildSettingVariantsFromStatements() {
        let (statements, reach, restriction) = (Set(statementParts), reach, restriction)
        let built = [forward, backward].concurrentMap { substitution in
            var substitution = substitution
            substitution.builds.restrict(to: reach, restriction)
            let policies = substitution.builds.policies(substituting: statements)
            return (substitution, policies)
        }
        (forward, backward) = (built[0].0, built[1].0)
        forward.use(backward.builds.build(substituting: statements), for: .settings)
        backward.use(forward.builds.build(substituting: statements), for: .settings)

        let settings = Set(settingParts)
        if let policies = built[1].1 { forward.builds.useSource(policies, substituting: settings) }
        if let policies = built[0].1 { backward.builds.useSource(policies, substituting: settings) }
    }

    /// Returns whether each environment with every part of the other
    /// substituted compiles to the other's policies: every setting that
    /// differs is a part, or the settings without a part, such as the
    /// Kubernetes version, change no policy (see `ClusterProfile.lowersAlike`).
    /// When no statement differs either, the settings explain every difference.
    static func partsMakeTheOther(_ settings: [SettingDifference], _ first: Program, _ second: Program) -> Bool {
        settings.allSatisfy { $0.part != nil } || first.environment.profile.lowersAlike(second.environment.profile)
    }

    /// Returns whether one of the variants has policies of the same effect
    /// as the other environment in every namespace, so that it decides every
    /// connection as that environment does and explains every difference.
    func explainsEveryDifference(_ variants: [PolicyVariant]) -> Bool {
        variants.contains { $0.decidesAlike(($0.side == .first ? forward : backward).target.evaluator) }
    }

    /// Returns whether substituting all settings, in either direction,
    /// explains the connection, in which case the full search finds settings
    /// as its cause too. With several settings, the full search of a drift
    /// cause evaluates these two builds as well, so the builds that decide
    /// it, and the ports it covers, stay the same.
    private mutating func explainedBySettings(_ connection: Connection) -> Bool {
        settingParts.count > 1 && (forward.explains(.settings, connection) || backward.explains(.settings, connection))
    }
}
