import RampDiagnostics
import RampEvaluator
import RampIR
import RampKube
import RampSource

/// The invariants and expectations of one program, checked against one set
/// of policies: the generated ones, or policies read from manifests.
///
/// Endpoints are sets of pods and addresses, not concrete pods, and every
/// check covers every cluster that the contracts can describe (see
/// `Reachability`). In those clusters declared namespaces carry their
/// declared labels, and a service's pods have the container ports it
/// declares, so a named port resolves only where the service declares that name.
public struct AssertionAnalysis {
    /// The maximum number of connection classes examined for one invariant.
    /// A note states when the check stopped there.
    public static let classLimit = 200

    let program: Program
    let reachability: Reachability
    let encoding: QueryEncoding
    public let vocabulary: ContractVocabulary
    public let verdictText: VerdictText
    let sources: any PolicySources
    /// The policies as messages name them, such as "the generated policies".
    let policiesDescription: String

    public init(
        program: Program, policies: [NetworkPolicy], sources: any PolicySources, policiesDescription: String
    ) throws(PolicyValidationError) {
        self.program = program
        self.sources = sources
        self.policiesDescription = policiesDescription
        encoding = QueryEncoding(program: program)
        vocabulary = ContractVocabulary(programs: [program])
        verdictText = VerdictText(vocabulary: vocabulary, sources: sources)

        var sets = [EndpointSet.matching(vocabulary.refiningPeers)]
        for invariant in program.invariants { sets += AssertionAnalysis.endpointSets(of: AssertionAnalysis.query(for: invariant, encoding)) }
        for expectation in program.expectations { sets += AssertionAnalysis.endpointSets(of: AssertionAnalysis.query(for: expectation, encoding)) }
        reachability = try Reachability(policies: policies, endpointSets: sets, namespaceLabels: AssertionAnalysis.declaredLabels([program]))
    }

    /// Returns the labels of every declared namespace, from the first program that declares it.
    /// The checks take the clusters to carry them, as ramp does when it places rules.
    public static func declaredLabels(_ programs: [Program]) -> [String: [String: String]] {
        var labels: [String: [String: String]] = [:]
        for program in programs {
            for namespace in program.namespaces where labels[namespace.name] == nil { labels[namespace.name] = namespace.labels }
        }
        return labels
    }

    private static func endpointSets(of query: ReachabilityQuery) -> [EndpointSet] {
        [query.sources, query.destinations]
    }

    // MARK: - Expectations

    /// Evaluates every expectation, in the program's order.
    public func runExpectations(where included: (Expectation) -> Bool = { _ in true }) -> [ExpectationResult] {
        program.expectations.filter(included).map { expectation in
            let query = AssertionAnalysis.query(for: expectation, encoding)
            let contradicting = expectation.allowed
                ? reachability.deniedConnections(query, limit: 1)
                : reachability.allowedConnections(query, limit: 1)
            return ExpectationResult(expectation: expectation, counterexample: contradicting.first?.examples.first)
        }
    }

    /// Returns the summary of an expectation, such as
    /// `expect blocked shop/web -> shop/db on TCP 5432`.
    public func describe(_ expectation: Expectation) -> String {
        let verb = expectation.allowed ? "allowed" : "blocked"
        return "expect \(verb) \(vocabulary.describe(expectation.client)) -> \(vocabulary.describe(expectation.server)) on \(vocabulary.describe(expectation.ports))"
    }

    /// Returns the error for a failed expectation: the contradicting
    /// connection, each side's verdict, and notes at the policies or rules
    /// that decide it.
    public func diagnostic(for result: ExpectationResult) -> Diagnostic? {
        guard let verdict = result.counterexample else { return nil }
        let connection = verdict.connection
        let source = vocabulary.describe(connection.source)
        let destination = vocabulary.describe(connection.destination)
        let ports = "\(connection.protocol.rawValue) \(connection.port)"
        let message: DiagnosticMessage = result.expectation.allowed
            ? .expectedAllowed(policies: policiesDescription, source: source, destination: destination, ports: ports)
            : .expectedBlocked(policies: policiesDescription, source: source, destination: destination, ports: ports)
        var notes = [Note(verdictText.describe(verdict))]
        notes += deciding(verdict).map { Note($0.text, at: $0.range) }
        return Diagnostic(message, at: result.expectation.origin, notes: notes)
    }

    /// Returns what decides a verdict: the rules that admit an allowed
    /// connection, or the policies that isolate a blocked one.
    func deciding(_ verdict: Verdict) -> [(text: String, range: SourceRange?)] {
        var result: [(text: String, range: SourceRange?)] = []
        var seen: Set<PolicySource> = []
        for side in [verdict.egress, verdict.ingress] {
            switch side {
            case .admitted(let rules) where verdict.isAllowed:
                for rule in rules {
                    for place in sources.sources(of: rule, admitting: verdict.connection) where seen.insert(place).inserted {
                        result.append((AssertionAnalysis.admittingNote(place, rule: rule), place.range))
                    }
                }
            case .denied(let policies):
                for policy in policies {
                    for place in sources.sources(of: policy) where seen.insert(place).inserted {
                        result.append(("\(policy) isolates the pod and no rule of it admits the connection", place.range))
                    }
                }
            default:
                continue
            }
        }
        return result
    }

    static func admittingNote(_ place: PolicySource, rule: RuleReference) -> String {
        switch place.description {
        case "dependency": return "this dependency allows it"
        case "rule": return "this rule admits it (\(rule))"
        default: return "\(place.description) allows it"
        }
    }

    // MARK: - Queries

    static func query(for invariant: Invariant, _ encoding: QueryEncoding) -> ReachabilityQuery {
        let clients = encoding.peers(for: invariant.clients)
        return ReachabilityQuery(
            sources: invariant.kind == .never ? .matching(clients) : .notMatching(clients),
            destinations: .matching(encoding.peers(for: invariant.server)),
            ports: encoding.ports(for: invariant.ports),
            destinationContainerPorts: encoding.containerPorts(of: invariant.server)
        )
    }

    static func query(for expectation: Expectation, _ encoding: QueryEncoding) -> ReachabilityQuery {
        ReachabilityQuery(
            sources: .matching(encoding.peers(for: expectation.client)),
            destinations: .matching(encoding.peers(for: expectation.server)),
            ports: encoding.ports(for: expectation.ports),
            destinationContainerPorts: encoding.containerPorts(of: expectation.server)
        )
    }
}

/// The outcome of one expectation.
public struct ExpectationResult: Sendable {
    public let expectation: Expectation
    /// A connection that contradicts the expectation, with its verdict; nil when it passed.
    public let counterexample: Verdict?

    public var passed: Bool { counterexample == nil }
}
