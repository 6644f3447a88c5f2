@testable import RampDrift
import RampDiagnostics
import RampEvaluator
import RampKube
import RampLowering
import RampSema
import RampSource
import RampSyntax
import XCTest

/// Builds that substitute enforcement settings are assembled from a few
/// compiled builds. Each must change exactly the namespaces, and hold
/// exactly the policies, that compiling the mix whole gives.
final class MixedBuildsTests: XCTestCase {
    /// Two profiles whose cluster DNS runs in different pods.
    private static let profiles = """
        profile gke {
          dns pods kube-system [k8s-app=kube-dns] ports 53/udp
        }
        profile kind {
          dns pods kube-system [k8s-app=coredns] ports 53/udp
        }

        """

    private let contracts = MixedBuildsTests.profiles + """
    environment staging {
      profile gke
      enforce * ingress, egress
    }
    environment production {
      profile kind
      enforce * ingress
      enforce web egress
      enforce data none
    }
    namespace web {
      deny all
      service front [app=front] ports http:8080
      service canary [app=canary] only in production
      front -> api/gateway:http
      front -> data/db:sql only in staging
    }
    namespace api {
      service gateway [app=gateway] ports http:8080
      service worker [app=worker] only in staging
      gateway -> data/db:sql
      worker -> data/db:sql only in staging
    }
    namespace data {
      deny ingress
      service db [app=db] ports sql:5432
    }
    """

    /// Environments that differ in a parameter's value, in enforcement and
    /// in statements, all of which are parts.
    private let parameterContracts = """
        parameter backup = 198.51.100.0/24
        network offsite = parameter backup
        environment staging {
          set backup = 192.0.2.0/24
          enforce * ingress, egress
        }
        environment production {
          enforce * egress
        }
        namespace web {
          service front [app=front] ports http:8080
          front -> network offsite
          front -> api/gateway:http only in staging
        }
        namespace api {
          service gateway [app=gateway] ports http:8080
          gateway -> network offsite only in production
        }
        namespace data {
          service db [app=db] ports sql:5432
        }
        """

    /// Connections between the pods of every service and to both blocks
    /// the parameter takes.
    private let parameterConnections: [Connection] = {
        let addresses = [0xC000_0201, 0xC633_6401].map { Endpoint.ipAddress(IPAddress(family: .ipv4, value: $0)) }
        let pods = [("web", "front"), ("api", "gateway"), ("data", "db")].map { namespace, app in
            Endpoint.pod(Pod(name: app, namespace: Namespace(name: namespace), labels: ["app": app]))
        }
        return (pods + addresses).flatMap { source in
            (pods + addresses).map { Connection(from: source, to: $0, protocol: .tcp, port: 8080) }
        }
    }()

    private func contractFiles() -> [ContractFile] {
        let compilation = compile(contracts)
        XCTAssertEqual(messages(compilation).filter { $0.contains(": error: ") }, [])
        return compilation.contractFiles
    }

    /// Compiles a mix whole, as a build without assembly does.
    private func wholePolicies(_ files: [ContractFile], _ parts: Set<EnvironmentPart>) -> [NetworkPolicy] {
        let policies = compiledPolicies(files, parts)
        XCTAssertNotNil(policies, "\(parts)")
        return policies ?? []
    }

    /// Returns the policies of a mix compiled whole, or nil when it does not compile.
    private func compiledPolicies(_ files: [ContractFile], _ parts: Set<EnvironmentPart>) -> [NetworkPolicy]? {
        let diagnostics = DiagnosticEngine()
        let mix = EnvironmentMix(environment: "production", substituting: parts, from: "staging")
        let program = Resolver.resolve(files, mix: mix, diagnostics: diagnostics)
        guard !diagnostics.hasErrors else { return nil }
        return Pipeline.lower(program, level: .standard, kubernetesVersion: .defaultTarget).networkPolicies
    }

    /// Pods of every service and one other pod per namespace, DNS, and an
    /// address outside the cluster.
    private let endpoints: [Endpoint] = {
        let pods: [(String, [String: String])] = [
            ("web", ["app": "front"]), ("web", [:]), ("api", ["app": "gateway"]), ("api", ["app": "worker"]), ("api", [:]),
            ("data", ["app": "db"]), ("data", [:]), ("kube-system", ["k8s-app": "kube-dns"]), ("kube-system", ["k8s-app": "coredns"]),
        ]
        return pods.enumerated().map { index, pod in
            Endpoint.pod(Pod(name: "pod\(index)", namespace: Namespace(name: pod.0), labels: pod.1))
        } + [.ipAddress(IPAddress(family: .ipv4, value: 0xC000_0201))]
    }()

    /// Returns the connections between every two endpoints on the ports
    /// the contracts name and one they do not.
    private var connections: [Connection] {
        endpoints.flatMap { source in
            endpoints.flatMap { destination in
                [(NetworkProtocol.tcp, 8080), (.tcp, 5432), (.udp, 53), (.tcp, 9)].map {
                    Connection(from: source, to: destination, protocol: $0.0, port: $0.1)
                }
            }
        }
    }

    /// Checks a build against compiling its mix whole: the build exists
    /// exactly when the mix compiles, changes the same namespaces, and
    /// decides every connection alike. Returns whether the mix compiles.
    private func matchesWholeCompilation(
        _ build: MixedBuilds.Build?, _ parts: Set<EnvironmentPart>, files: [ContractFile], base: PoliciesByNamespace,
        connections: [Connection]
    ) throws -> Bool {
        guard let whole = compiledPolicies(files, parts) else {
            XCTAssertNil(build, "\(parts)")
            return false
        }
        let build = try XCTUnwrap(build, "\(parts)")
        XCTAssertEqual(build.changedNamespaces, base.namespaces(differingFrom: PoliciesByNamespace(whole)), "\(parts)")
        let evaluator = try NetworkPolicyEvaluator(policies: whole)
        XCTAssertEqual(connections.filter { build.evaluator.allows($0) != evaluator.allows($0) }, [], "\(parts)")
        return true
    }

    /// Returns the builds of production with parts of staging substituted,
    /// each part compiled alone as a comparison prepares them, with the
    /// parts and their reach.
    private func preparedBuilds(_ files: [ContractFile]) throws -> (MixedBuilds, [EnvironmentPart], StatementReach) {
        let parts = Resolver.settingDifferences(files, between: "production", and: "staging").compactMap(\.part)
        var builds = try XCTUnwrap(MixedBuilds(files: files, environment: "production", other: "staging", enforcementParts: parts))
        let programs = [builds.program, Resolver.resolve(files, environment: "staging", diagnostics: DiagnosticEngine())]
        let statements = parts.compactMap { part -> SourceRange? in
            if case .statement(let range) = part { return range }
            return nil
        }
        let reach = StatementReach(statements: statements, programs: programs, networks: files.flatMap(\.networks))
        builds.compileSingleParts(parts, reach: reach, restriction: NamespaceRestriction(files: files, programs: programs))
        return (builds, parts, reach)
    }

    private func allMixes(of parts: [EnvironmentPart]) -> [Set<EnvironmentPart>] {
        (0..<(1 << parts.count)).map { bits in
            Set(parts.indices.filter { bits & (1 << $0) != 0 }.map { parts[$0] })
        }
    }

    func testEnforcementPartsAreTheDifferingOnes() {
        let parts = Resolver.settingDifferences(contractFiles(), between: "production", and: "staging").compactMap(\.part)

        XCTAssertEqual(parts.filter(\.isEnforcement), [
            .enforcement(namespace: "api", direction: .egress),
            .enforcement(namespace: "data", direction: .ingress),
            .enforcement(namespace: "data", direction: .egress),
            .enforcement(namespace: "web", direction: .ingress),
        ])
    }

    /// Every mix of the enforcement settings, with and without the profile
    /// and the statements, against compiling it whole.
    func testAssembledBuildsMatchWholeCompilation() throws {
        let files = contractFiles()
        let parts = Resolver.settingDifferences(files, between: "production", and: "staging").compactMap(\.part)
        let enforcement = parts.filter(\.isEnforcement)
        let others = parts.filter { !$0.isEnforcement }
        XCTAssertEqual(others.count, 5)
        var builds = try XCTUnwrap(MixedBuilds(files: files, environment: "production", other: "staging", enforcementParts: parts))
        let base = PoliciesByNamespace(builds.policies)
        XCTAssertEqual(builds.policies, wholePolicies(files, []))

        var compared = 0
        for extra in [[], [others[0]], others] {
            for mix in allMixes(of: enforcement) {
                let parts = mix.union(extra)
                let first = try XCTUnwrap(builds.build(substituting: parts))
                let whole = wholePolicies(files, parts)
                let changed = base.namespaces(differingFrom: PoliciesByNamespace(whole))

                XCTAssertEqual(first.changedNamespaces, changed, "\(parts)")
                let evaluator = try NetworkPolicyEvaluator(policies: whole)
                let disagreeing = connections.filter { first.evaluator.allows($0) != evaluator.allows($0) }
                XCTAssertEqual(disagreeing, [], "\(parts)")
                if parts.count == 1 {
                    XCTAssertEqual(first.changedPolicies, whole.filter { changed.contains($0.namespace) }, "\(parts)")
                }
                compared += 1
            }
        }
        XCTAssertEqual(compared, 48)
    }

    /// Statements compiled in batches, or known not to compile alone, give
    /// the builds that compiling each one alone gives.
    func testSingleStatementBuildsMatchWholeCompilation() throws {
        let files = contractFiles()
        let parts = Resolver.settingDifferences(files, between: "production", and: "staging").compactMap(\.part)
        var builds = try XCTUnwrap(MixedBuilds(files: files, environment: "production", other: "staging", enforcementParts: parts))
        let statements = parts.compactMap { part -> SourceRange? in
            if case .statement(let range) = part { return range }
            return nil
        }
        let programs = [builds.program, Resolver.resolve(files, environment: "staging", diagnostics: DiagnosticEngine())]
        let reach = StatementReach(statements: statements, programs: programs)
        let batches = StatementBatches(parts: parts, reach: reach, program: builds.program)
        XCTAssertEqual(batches.failing.count, 1)
        XCTAssertEqual(batches.batches.map(\.count), [2, 1])
        builds.compileSingleParts(parts, reach: reach, restriction: NamespaceRestriction(files: files, programs: programs))
        let base = PoliciesByNamespace(builds.policies)

        for part in parts where part.isStatement {
            let build = builds.build(substituting: [part])
            guard let whole = compiledPolicies(files, [part]) else {
                XCTAssertNil(build, "\(part)")
                continue
            }
            let single = try XCTUnwrap(build, "\(part)")
            let changed = base.namespaces(differingFrom: PoliciesByNamespace(whole))
            XCTAssertEqual(single.changedNamespaces, changed, "\(part)")
            XCTAssertEqual(single.changedPolicies, whole.filter { changed.contains($0.namespace) }, "\(part)")
            let evaluator = try NetworkPolicyEvaluator(policies: whole)
            XCTAssertEqual(connections.filter { single.evaluator.allows($0) != evaluator.allows($0) }, [], "\(part)")
        }
    }

    /// Mixes with statements are compiled for the namespaces they reach and
    /// take every other namespace from the build of their other parts. Each
    /// must compile exactly when compiling it whole does, and decide every
    /// connection alike.
    func testRestrictedBuildsMatchWholeCompilation() throws {
        let files = contractFiles()
        var (builds, parts, _) = try preparedBuilds(files)
        let base = PoliciesByNamespace(builds.policies)
        let local = parts.filter { $0.isStatement || $0.isEnforcement }
        let dns = try XCTUnwrap(parts.first { $0 == .dns })

        var (compiling, failing) = (0, 0)
        for extra in [[], [dns]] {
            for mix in allMixes(of: local) where mix.contains(where: \.isStatement) {
                let parts = mix.union(extra)
                let build = builds.build(substituting: parts)
                if try matchesWholeCompilation(build, parts, files: files, base: base, connections: connections) {
                    compiling += 1
                } else {
                    failing += 1
                }
            }
        }
        XCTAssertEqual(compiling + failing, 480)
        XCTAssertGreaterThan(failing, 0)
        XCTAssertGreaterThan(compiling, 0)
    }

    /// A parameter changes only the namespaces whose dependencies use its
    /// networks, so mixes with it compile for those namespaces alone. Each
    /// must decide every connection as compiling it whole does.
    func testParameterBuildsMatchWholeCompilation() throws {
        let files = compile(parameterContracts).contractFiles
        let connections = parameterConnections
        var (builds, parts, reach) = try preparedBuilds(files)
        let base = PoliciesByNamespace(builds.policies)
        let parameter = EnvironmentPart.parameter("backup")

        XCTAssertEqual(reach.namespaces(ofParameter: "backup"), ["web", "api"])
        XCTAssertTrue(parts.contains(parameter))
        var compiled = 0
        for mix in allMixes(of: parts.filter { $0 != parameter }) {
            let parts = mix.union([parameter])
            let build = builds.build(substituting: parts)
            if try matchesWholeCompilation(build, parts, files: files, base: base, connections: connections) { compiled += 1 }
        }
        XCTAssertEqual(compiled, 32)
    }

    /// When every difference is a part, production with all of staging's
    /// settings is staging with all of production's statements, which
    /// compiles only the namespaces the statements reach.
    func testOtherEnvironmentWithStatementsHasTheSettings() throws {
        let files = compile(parameterContracts).contractFiles
        let settings = Resolver.settingDifferences(files, between: "production", and: "staging")
        XCTAssertTrue(settings.allSatisfy { $0.part != nil })
        let (production, parts, reach) = try preparedBuilds(files)
        let statements = Set(parts.filter(\.isStatement))
        let settingParts = Set(parts.filter { !$0.isStatement })
        var staging = try XCTUnwrap(MixedBuilds(files: files, environment: "staging", other: "production", enforcementParts: parts))
        staging.restrict(to: reach, NamespaceRestriction(files: files, programs: [production.program, staging.program]))

        let fromStatements = try XCTUnwrap(staging.build(substituting: statements))
        let whole = try NetworkPolicyEvaluator(policies: try XCTUnwrap(compiledPolicies(files, settingParts)))
        XCTAssertEqual(statements.count, 2)
        XCTAssertEqual(settingParts.count, 4)
        XCTAssertEqual(parameterConnections.filter { fromStatements.evaluator.allows($0) != whole.allows($0) }, [])
        XCTAssertEqual(parameterConnections.filter { whole.allows($0) }.count, 17)
    }

    /// Staging with production's statements is production with all of
    /// staging's settings, so production assembles its enforcement mixes
    /// from it. Each must decide every connection as compiling it whole does.
    func testSourceFromStatementsMatchesWholeCompilation() throws {
        let files = compile(parameterContracts).contractFiles
        var (production, parts, reach) = try preparedBuilds(files)
        let statements = Set(parts.filter(\.isStatement))
        let settings = parts.filter { !$0.isStatement }
        var staging = try XCTUnwrap(MixedBuilds(files: files, environment: "staging", other: "production", enforcementParts: parts))
        staging.restrict(to: reach, NamespaceRestriction(files: files, programs: [production.program, staging.program]))
        let source = try XCTUnwrap(staging.policies(substituting: statements))
        let whole = try XCTUnwrap(compiledPolicies(files, Set(settings)))

        for namespace in ["web", "api", "data"] {
            XCTAssertEqual(source.policies(in: namespace), PoliciesByNamespace(whole).policies(in: namespace), namespace)
        }
        production.useSource(source, substituting: Set(settings))
        let base = PoliciesByNamespace(production.policies)
        let enforcement = settings.filter(\.isEnforcement)
        var compiled = 0
        for mix in allMixes(of: enforcement) {
            let parts = mix.union([.parameter("backup")])
            if try matchesWholeCompilation(production.build(substituting: parts), parts, files: files, base: base, connections: parameterConnections) {
                compiled += 1
            }
        }
        XCTAssertEqual(enforcement.count, 3)
        XCTAssertEqual(compiled, 8)
    }

    /// Five namespaces in a ring, each with a statement of staging that
    /// isolates a pod of its own and one of the next namespace.
    private let ringContracts = MixedBuildsTests.profiles + """
        environment staging {
          profile gke
        }
        environment production {
          profile kind
        }

        """ + namespaceRing(5, onlyIn: "staging")

    /// Mixes of statements that share no namespace with all the others are
    /// composed from the builds of smaller mixes. Each must compile exactly
    /// when compiling it whole does, and decide every connection alike.
    func testComposedBuildsMatchWholeCompilation() throws {
        let files = compile(ringContracts).contractFiles
        var (builds, parts, reach) = try preparedBuilds(files)
        let base = PoliciesByNamespace(builds.policies)
        let statements = parts.filter(\.isStatement)
        let dns = try XCTUnwrap(parts.first { $0 == .dns })
        let pods = (0..<5).flatMap { index in
            [["app": "a"], ["app": "b"], [:]].map { labels in
                Endpoint.pod(Pod(name: "pod", namespace: Namespace(name: "n\(index)"), labels: labels))
            }
        } + [Endpoint.pod(Pod(name: "dns", namespace: Namespace(name: "kube-system"), labels: ["k8s-app": "coredns"]))]
        let connections = pods.flatMap { source in
            pods.flatMap { destination in
                [(NetworkProtocol.tcp, 80), (.udp, 53), (.tcp, 9)].map { Connection(from: source, to: destination, protocol: $0.0, port: $0.1) }
            }
        }

        var (composable, compiled) = (0, 0)
        for extra in [[], [dns]] {
            // Smaller mixes first, so that the pieces of each mix are built.
            for mix in allMixes(of: statements).sorted(by: { $0.count < $1.count }) where mix.count + extra.count > 1 {
                let parts = mix.union(extra)
                if MixComposition(parts, reach: reach) != nil { composable += 1 }
                if try matchesWholeCompilation(builds.build(substituting: parts), parts, files: files, base: base, connections: connections) {
                    compiled += 1
                }
            }
        }
        // Of the 26 mixes of two statements or more, the five pairs of
        // neighbours share a namespace.
        XCTAssertEqual(statements.count, 5)
        XCTAssertEqual(composable, 42)
        XCTAssertEqual(builds.composedCount, 42)
        XCTAssertEqual(compiled, 57)
    }

    /// A mix whose other parts do not compile does not compile either,
    /// however it is built.
    func testMixWithoutServiceFails() throws {
        let files = contractFiles()
        let parts = Resolver.settingDifferences(files, between: "production", and: "staging").compactMap(\.part)
        let statements = parts.filter(\.isStatement)
        XCTAssertEqual(statements.count, 4)
        var builds = try XCTUnwrap(MixedBuilds(files: files, environment: "production", other: "staging", enforcementParts: parts))
        let dependency = try XCTUnwrap(statements.last)
        let enforcement = EnvironmentPart.enforcement(namespace: "api", direction: .egress)

        XCTAssertNil(builds.build(substituting: [dependency]))
        XCTAssertNil(builds.build(substituting: [dependency, enforcement]))
        XCTAssertNotNil(builds.build(substituting: Set(statements + [enforcement])))
    }
}
