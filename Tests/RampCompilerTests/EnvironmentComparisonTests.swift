import Foundation
import RampDiagnostics
import RampDriver
import RampDrift
import RampEvaluator
import RampKube
import RampSema
import RampSource
import RampSyntax
import XCTest

/// `ramp diff --env` and the drift check of `ramp check`: what differs
/// between two environments, and which part of them explains it.
final class EnvironmentComparisonTests: XCTestCase {
    /// Parses contracts that compile for every environment they declare.
    private func files(_ text: String, path: String = "test.ramp") -> [ContractFile] {
        let compilation = compile(text, path: path)
        XCTAssertEqual(messages(compilation).filter { $0.contains(": error: ") }, [])
        return compilation.contractFiles
    }

    private func compare(_ text: String) throws -> EnvironmentComparison {
        try XCTUnwrap(EnvironmentComparison.compare(files(text), "staging", "production"))
    }

    // MARK: - Attribution

    /// Every kind of setting, and a statement that states the connection it adds.
    private let settings = """
    profile gke {
      dns pods kube-system [k8s-app=kube-dns] ports 53/udp, 53/tcp
      ip-families ipv4
    }
    profile openshift {
      dns pods openshift-dns [dns.operator.openshift.io/daemonset-dns=default] ports 5353/udp, 5353/tcp
    }
    parameter backup = 198.51.100.0/24
    network backup = parameter backup
    environment staging {
      profile gke
      set backup = 192.0.2.0/24
    }
    environment production {
      profile openshift
      enforce * ingress, egress
      enforce tools ingress
    }
    namespace shop {
      deny all
      service web [app=web] ports http:8080
      service db [app=db] ports 5432
      service load-test [app=load-test] only in staging
      internet -> web:http
      web -> db:5432
      db -> network backup:443
      load-test -> web:http only in staging
    }
    namespace tools {
      deny all
      service probe [app=probe]
      probe -> shop/web:http
    }
    """

    /// A pod whose own dependencies name other addresses gets the same name
    /// for the DNS address as every other pod.
    func testAddressNameIsSameForEveryPod() throws {
        let text = """
        profile plain {
          dns address 10.96.0.10/32 ports 53/udp
        }
        profile gke {
          dns pods kube-system [k8s-app=kube-dns] ports 53/udp
        }
        environment staging {
          profile plain
        }
        environment production {
          profile gke
        }
        namespace shop {
          deny all
          service web [app=web] ports http:8080
          service db [app=db] ports 5432
          web -> db:5432
          db -> 192.0.2.0/24:443
        }
        """
        let report = ComparisonReport(try compare(text)).text(limit: nil)
        XCTAssertTrue(report.hasSuffix("""
        cluster DNS
          staging only: other pods of namespace shop -> cluster DNS (10.96.0.10/32), 53/udp
          staging only: shop/db -> cluster DNS (10.96.0.10/32), 53/udp
          staging only: shop/web -> cluster DNS (10.96.0.10/32), 53/udp
          production only: other pods of namespace shop -> cluster DNS pods in kube-system, 53/udp
          production only: shop/db -> cluster DNS pods in kube-system, 53/udp
          production only: shop/web -> cluster DNS pods in kube-system, 53/udp

        """), report)
    }

    /// A declared namespace carries its declared labels in both builds, so
    /// a connection that only another label of it would allow is no
    /// difference: here `shop` would need `team=y` to reach its own `web`.
    func testDeclaredNamespaceLabelsBoundTheComparedClusters() throws {
        let text = """
        environment staging {
          enforce * ingress, egress
        }
        environment production {
          enforce * ingress
        }
        namespace shop [team=x] {
          deny all
          service web [app=web] ports http:8080
          namespaces [team=y] -> web:http
        }
        """
        let report = ComparisonReport(try compare(text)).text(limit: nil)
        XCTAssertTrue(report.hasSuffix("""
        Connections that differ: 10, in 1 group.

        egress enforcement in namespace 'shop'
          production only: other pods of namespace shop -> addresses outside the cluster (0.0.0.0/0, ::/0), every port
          production only: other pods of namespace shop -> cluster DNS pods in kube-system, 1-52/tcp, 54-65535/tcp, 1-52/udp, 54-65535/udp, every sctp port
          production only: other pods of namespace shop -> pods of namespace kube-system, every port
          production only: other pods of namespace shop -> pods of other namespaces, every port
          production only: other pods of namespace shop -> pods of other namespaces labelled team=y, every port
          production only: shop/web -> addresses outside the cluster (0.0.0.0/0, ::/0), every port
          production only: shop/web -> cluster DNS pods in kube-system, 1-52/tcp, 54-65535/tcp, 1-52/udp, 54-65535/udp, every sctp port
          production only: shop/web -> pods of namespace kube-system, every port
          production only: shop/web -> pods of other namespaces, every port
          production only: shop/web -> pods of other namespaces labelled team=y, every port

        """), report)
    }

    func testReportGroupsDifferencesByCause() throws {
        let report = ComparisonReport(try compare(settings))
        XCTAssertEqual(report.text(limit: nil), """
        Environments 'staging' and 'production'

        Settings that differ:
          profile
            staging:    gke
            production: openshift
          cluster DNS
            staging:    pods [k8s-app=kube-dns] in kube-system on 53/udp, 53/tcp
            production: pods [dns.operator.openshift.io/daemonset-dns=default] in openshift-dns on 5353/udp, 5353/tcp
          IP families
            staging:    IPv4
            production: IPv4, IPv6
          parameter 'backup'
            staging:    192.0.2.0/24
            production: 198.51.100.0/24
          egress enforcement in namespace 'tools'
            staging:    enforced
            production: not enforced
          service 'load-test' in namespace 'shop'
            staging:    applies
            production: does not apply
          'load-test -> web:http' in namespace 'shop'
            staging:    applies
            production: does not apply

        Connections that differ: 23, in 6 groups.

        cluster DNS
          staging only: other pods of namespace shop -> cluster DNS pods in kube-system, 53/tcp, 53/udp
          staging only: shop/db -> cluster DNS pods in kube-system, 53/tcp, 53/udp
          staging only: shop/load-test -> cluster DNS pods in kube-system, 53/tcp, 53/udp
          staging only: shop/web -> cluster DNS pods in kube-system, 53/tcp, 53/udp
          production only: other pods of namespace shop -> cluster DNS pods in openshift-dns, 5353/tcp, 5353/udp
          production only: shop/db -> cluster DNS pods in openshift-dns, 5353/tcp, 5353/udp
          production only: shop/web -> cluster DNS pods in openshift-dns, 5353/tcp, 5353/udp

        cluster DNS or egress enforcement in namespace 'tools'
          production only: other pods of namespace tools -> cluster DNS pods in openshift-dns, 5353/tcp, 5353/udp
          production only: tools/probe -> cluster DNS pods in openshift-dns, 5353/tcp, 5353/udp

        IP families
          production only: internet (::/0) -> shop/web, 8080/tcp

        parameter 'backup'
          staging only: shop/db -> network backup (192.0.2.0/24), 443/tcp
          production only: shop/db -> network backup (198.51.100.0/24), 443/tcp

        egress enforcement in namespace 'tools'
          production only: other pods of namespace tools -> cluster DNS pods in openshift-dns, 1-5352/tcp, 5354-65535/tcp, 1-5352/udp, 5354-65535/udp, every sctp port
          production only: other pods of namespace tools -> internet (3 address ranges), every port
          production only: other pods of namespace tools -> network backup (198.51.100.0/24), every port
          production only: other pods of namespace tools -> pods of namespace openshift-dns, every port
          production only: other pods of namespace tools -> pods of other namespaces, every port
          production only: tools/probe -> cluster DNS pods in openshift-dns, 1-5352/tcp, 5354-65535/tcp, 1-5352/udp, 5354-65535/udp, every sctp port
          production only: tools/probe -> internet (3 address ranges), every port
          production only: tools/probe -> network backup (198.51.100.0/24), every port
          production only: tools/probe -> pods of namespace openshift-dns, every port
          production only: tools/probe -> pods of other namespaces, every port

        drift declared by 'load-test -> web:http' in namespace 'shop' (test.ramp:27:3)
          staging only: shop/load-test -> shop/web, 8080/tcp

        """)
    }

    func testReportIsDeterministic() throws {
        XCTAssertEqual(ComparisonReport(try compare(settings)).text(limit: nil), ComparisonReport(try compare(settings)).text(limit: nil))
    }

    /// Environments that the caller compiled give the comparison that
    /// compiling them again gives.
    func testCompiledEnvironmentsGiveSameReport() throws {
        let sources = [SourceFile(path: "test.ramp", text: settings)]
        var base = Compilation()
        base.compile(sources)
        var compiled: [String: CompiledEnvironment] = [:]
        for environment in ["staging", "production"] {
            var compilation = Compilation()
            compilation.environment = environment
            compilation.compile(sources)
            compiled[environment] = CompiledEnvironment(program: try XCTUnwrap(compilation.program), policies: compilation.policies)
        }

        let reused = try XCTUnwrap(EnvironmentComparison.compare(base.contractFiles, "staging", "production", compiled: compiled))
        let again = try XCTUnwrap(EnvironmentComparison.compare(base.contractFiles, "staging", "production"))
        XCTAssertEqual(ComparisonReport(reused).text(limit: nil), ComparisonReport(again).text(limit: nil))
    }

    func testReportLimitsLinesPerGroup() throws {
        let text = ComparisonReport(try compare(settings)).text(limit: 2)
        XCTAssertTrue(text.contains("  ... and 5 more; '--limit 0' lists every line\n"), text)
        XCTAssertTrue(text.contains("  ... and 8 more; '--limit 0' lists every line\n"), text)
    }

    func testSettingDifferencesNameEachPart() throws {
        let parts = try compare(settings).settings.map(\.part)
        XCTAssertEqual(parts.count, 7)
        XCTAssertEqual(Array(parts.prefix(5)), [
            nil, .dns, .ipFamilies, .parameter("backup"), .enforcement(namespace: "tools", direction: .egress),
        ])
        XCTAssertTrue(parts.suffix(2).allSatisfy { $0?.isStatement ?? false })
    }

    /// In staging the database may reach anything, because egress is not
    /// enforced; in production it may reach the backup network on 443. Port
    /// 443 of staging's backup network differs only because of both.
    func testCombinationNeedsEverySettingItNames() throws {
        let comparison = try compare("""
        parameter backup = 198.51.100.0/24
        network backup = parameter backup
        environment staging {
          set backup = 192.0.2.0/24
          enforce * ingress
        }
        environment production {
        }
        namespace data {
          deny all
          service db [app=db] ports 5432
          db -> network backup:443
        }
        """)
        let backup = comparison.differences.filter { $0.source == "data/db" && $0.destination == "network backup" }
        let causes = Dictionary(grouping: backup, by: { $0.ports.contains(443) && $0.protocol == .tcp }).mapValues { Set($0.map(\.cause)) }
        XCTAssertEqual(causes[true], [.combination([.parameter("backup"), .enforcement(namespace: "data", direction: .egress)])])
        XCTAssertEqual(causes[false], [.setting(anyOf: [.enforcement(namespace: "data", direction: .egress)])])
        XCTAssertTrue(backup.allSatisfy { $0.allowedIn == "staging" })
    }

    func testIdenticalEnvironmentsDifferInNothing() throws {
        let comparison = try compare("""
        environment staging {
        }
        environment production {
          enforce * ingress, egress
        }
        namespace shop {
          deny all
          service web [app=web] ports 8080
          internet -> web:8080
        }
        """)
        XCTAssertEqual(ComparisonReport(comparison).text(limit: nil), """
        Environments 'staging' and 'production'

        No setting differs.

        No connection differs.

        """)
    }

    /// Taking production's API server alone leaves staging's statement
    /// without one, so that mix does not compile and explains nothing.
    func testMixThatDoesNotCompileExplainsNothing() throws {
        let comparison = try compare("""
        profile kind {
          apiserver 172.18.0.2/32 port 6443
        }
        environment staging {
          profile kind
        }
        environment production {
        }
        namespace ops {
          deny all
          service operator [app=operator]
          operator -> apiserver only in staging
        }
        """)
        let operatorToAPIServer = comparison.differences.filter { $0.destination == "apiserver" }
        XCTAssertEqual(operatorToAPIServer.map(\.ports), [6443...6443])
        guard case .drift(let parts, declared: true) = operatorToAPIServer.first?.cause else {
            return XCTFail("expected declared drift, found \(String(describing: operatorToAPIServer.first?.cause))")
        }
        XCTAssertEqual(parts.count, 1)
    }

    // MARK: - Drift

    /// A statement in production only: the connection it states is declared,
    /// but it also isolates the probe for egress there.
    private let undeclared = """
    environment staging {
    }
    environment production {
    }
    namespace shop {
      deny all
      service web [app=web] ports http:8080
      service load-test [app=load-test] only in staging
      load-test -> web:http only in staging
    }
    namespace tools {
      service probe [app=probe]
      probe -> shop/web:http only in production
    }
    """

    func testMarkdownReport() throws {
        XCTAssertEqual(ComparisonReport(try compare(undeclared)).markdown(limit: nil), """
        ## Environments `staging` and `production`

        ### Settings that differ

        | setting | staging | production |
        | --- | --- | --- |
        | service 'load-test' in namespace 'shop' | applies | does not apply |
        | 'load-test -> web:http' in namespace 'shop' | applies | does not apply |
        | 'probe -> shop/web:http' in namespace 'tools' | does not apply | applies |

        ### Connections that differ

        8 connections, in 3 groups.

        #### drift declared by 'load-test -> web:http' in namespace 'shop' (test.ramp:9:3)

        | allowed only in | source | destination | ports |
        | --- | --- | --- | --- |
        | staging | shop/load-test | shop/web | 8080/tcp |

        #### drift declared by 'probe -> shop/web:http' in namespace 'tools' (test.ramp:13:3)

        | allowed only in | source | destination | ports |
        | --- | --- | --- | --- |
        | production | tools/probe | shop/web | 8080/tcp |

        #### undeclared drift caused by 'probe -> shop/web:http' in namespace 'tools' (test.ramp:13:3)

        | allowed only in | source | destination | ports |
        | --- | --- | --- | --- |
        | staging | tools/probe | addresses outside the cluster (0.0.0.0/0, ::/0) | every port |
        | staging | tools/probe | cluster DNS pods in kube-system | 1-52/tcp, 54-65535/tcp, 1-52/udp, 54-65535/udp, every sctp port |
        | staging | tools/probe | other pods of namespace tools | every port |
        | staging | tools/probe | pods of namespace kube-system | every port |
        | staging | tools/probe | pods of other namespaces | every port |
        | staging | tools/probe | tools/probe | every port |

        """)
    }

    /// Services selected by thirteen different keys make 8,192 classes of
    /// pod labels, past what the evaluator affords, so the pair of
    /// environments cannot be compared. That is an error, not a pass.
    /// The drift check compares them only when their settings do not
    /// explain every difference, which a statement `only in` one of them
    /// prevents here.
    func testUncomparablePairIsAnError() throws {
        let services = (0..<13).map { "  service s\($0) [k\($0)=x] ports http:80\n" }.joined()
        let calls = (1..<13).map { "  s0 -> s\($0):http\n" }.joined()
        let environments = "environment staging {\n}\nenvironment production {\n  enforce shop ingress\n}\n"
        let text = environments + "namespace shop {\n\(services)\(calls)  s1 -> s2:http only in production\n}\n"

        XCTAssertThrowsError(try EnvironmentComparison.compare(files(text), "staging", "production")) { error in
            XCTAssertEqual((error as? PolicyValidationError)?.labelClassLimit, 4096)
        }
        let diagnostics = EnvironmentDrift.check(files(text))
        XCTAssertEqual(diagnostics.map(\.id), [.policiesTooComplex])
        XCTAssertEqual(diagnostics.first?.range?.locationDescription, "test.ramp:3:13")
        XCTAssertEqual(diagnostics.first?.notes.map(\.message), [
            "the drift check cannot compare environments 'production' and 'staging', so the drift between them is not checked",
        ])
    }

    /// When the other environment's settings, substituted, give policies of
    /// the same effect in every namespace, no difference can be drift, and
    /// the drift check passes without the classes that it could not build.
    /// Environments that differ in substitutable settings alone pass without
    /// that build. Profiles of other names, a difference that no build
    /// substitutes, need it.
    func testReproducingSettingsPassWithoutClasses() throws {
        let services = (0..<13).map { "  service s\($0) [k\($0)=x] ports http:80\n" }.joined()
        let calls = (1..<13).map { "  s0 -> s\($0):http\n" }.joined()
        let namespace = "namespace shop {\n\(services)\(calls)}\n"
        let settingsAlone = "environment staging {\n}\nenvironment production {\n  enforce shop ingress\n}\n" + namespace
        let profiles = "profile a {\n  kubernetes 1.30\n}\nprofile b {\n  kubernetes 1.30\n}\n"
        let renamedProfile = profiles + "environment staging {\n  profile a\n}\nenvironment production {\n  profile b\n  enforce shop ingress\n}\n" + namespace

        for text in [settingsAlone, renamedProfile] {
            XCTAssertThrowsError(try EnvironmentComparison.compare(files(text), "staging", "production")) { error in
                XCTAssertEqual((error as? PolicyValidationError)?.labelClassLimit, 4096)
            }
            XCTAssertEqual(EnvironmentDrift.check(files(text)).map(\.id), [])
        }
        // The profile's name differs, and no build substitutes it.
        XCTAssertEqual(Resolver.settingDifferences(files(renamedProfile), between: "staging", and: "production").map(\.title), [
            "profile", "egress enforcement in namespace 'shop'",
        ])
    }

    func testUndeclaredDriftIsReportedAtTheStatement() {
        let diagnostics = EnvironmentDrift.check(files(undeclared))
        XCTAssertEqual(diagnostics.count, 1)
        let diagnostic = diagnostics[0]
        XCTAssertEqual(diagnostic.id, .undeclaredDrift)
        XCTAssertEqual(diagnostic.range?.locationDescription, "test.ramp:13:3")
        XCTAssertEqual(diagnostic.message, "this statement applies in 'production' but not in 'staging', and there it also blocks 6 connections that 'staging' allows, such as 'tools/probe -> addresses outside the cluster (0.0.0.0/0, ::/0)' on every port")
        XCTAssertEqual(diagnostic.notes.map(\.message), [
            "environments may differ only in their profiles, parameters and enforcement, and in the connections that 'only in' statements state",
            "the statement isolates pods in 'production' only, which blocks their other connections there; isolate them in every environment, for example with a 'deny' posture, or let the statement apply everywhere",
        ])
    }

    func testDeclaredDriftPassesTheCheck() {
        XCTAssertEqual(EnvironmentDrift.check(files(settings)).map(\.message), [])
    }

    /// The probe is isolated for egress in staging only, because the
    /// statement applies there, but production does not enforce egress in
    /// 'tools' anyway: substituting production's enforcement into staging
    /// explains the difference, whichever environment comes first.
    func testSettingsExplainInEitherDirection() throws {
        let contract = files("""
        profile openshift {
          dns pods openshift-dns [dns.operator.openshift.io/daemonset-dns=default] ports 5353/udp, 5353/tcp
        }
        environment staging {
        }
        environment production {
          profile openshift
          enforce * ingress
        }
        namespace shop {
          deny all
          service web [app=web] ports http:8080
          service load-test [app=load-test] only in staging
          internet -> web:http
          load-test -> web:http only in staging
        }
        namespace tools {
          service probe [app=probe]
          probe -> shop/web:http only in staging
        }
        """)
        for (first, second) in [("staging", "production"), ("production", "staging")] {
            let comparison = try XCTUnwrap(EnvironmentComparison.compare(contract, first, second))
            XCTAssertFalse(comparison.differences.contains { $0.cause.isUndeclaredDrift }, "\(first) first")
            let probe = comparison.differences.filter { $0.source == "tools/probe" && $0.destination != "shop/web" }
            XCTAssertFalse(probe.isEmpty)
            XCTAssertTrue(probe.allSatisfy { $0.allowedIn == "production" })
        }
        XCTAssertEqual(EnvironmentDrift.check(contract).map(\.message), [])
    }

    /// With three environments, the statement is reported once, with a note
    /// for each further environment it differs from.
    func testDriftAgainstSeveralEnvironmentsIsReportedOnce() {
        let diagnostics = EnvironmentDrift.check(files("""
        environment dev {
        }
        environment staging {
        }
        environment production {
        }
        namespace tools {
          service probe [app=probe]
          service target [app=target] ports 80
          probe -> target:80 only in production
        }
        """))
        XCTAssertEqual(diagnostics.map(\.message), [
            "this statement applies in 'production' but not in 'dev', and there it also blocks 13 connections that 'dev' allows, such as 'tools/probe -> tools/target' on 1-79/tcp, 81-65535/tcp, every udp port, every sctp port",
        ])
        XCTAssertEqual(diagnostics[0].notes.first?.message,
                       "this statement applies in 'production' but not in 'staging', and there it also blocks 13 connections that 'staging' allows, such as 'tools/probe -> tools/target' on 1-79/tcp, 81-65535/tcp, every udp port, every sctp port")
    }

    // MARK: - The examples

    private func exampleFiles() throws -> [ContractFile] {
        let directory = repositoryRoot.appendingPathComponent("contracts")
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".ramp") }.sorted()
        let sources = try names.map { SourceFile(path: "contracts/" + $0, text: try String(contentsOf: directory.appendingPathComponent($0), encoding: .utf8)) }
        var compilation = Compilation()
        compilation.compile(sources)
        XCTAssertEqual(messages(compilation), [])
        return compilation.contractFiles
    }

    /// The examples differ in every kind of setting, every difference has a
    /// cause, and none is undeclared drift.
    func testExamplesExplainEveryDifference() throws {
        let files = try exampleFiles()
        let comparison = try XCTUnwrap(EnvironmentComparison.compare(files, "staging", "production"))
        XCTAssertEqual(EnvironmentDrift.diagnostics([comparison], files: files).map(\.message), [])
        let causes = Set(comparison.differences.map(\.cause))
        XCTAssertFalse(causes.contains(.unexplained))
        XCTAssertTrue(causes.contains(.setting(anyOf: [.dns])))
        XCTAssertTrue(causes.contains(.setting(anyOf: [.ipFamilies])))
        XCTAssertTrue(causes.contains(.setting(anyOf: [.parameter("backup-network")])))
        XCTAssertTrue(causes.contains(.setting(anyOf: [.enforcement(namespace: "monitoring", direction: .egress)])))
        XCTAssertTrue(causes.contains { if case .drift(_, declared: true) = $0 { return true } else { return false } })
        XCTAssertFalse(causes.contains { $0.isUndeclaredDrift })
    }
}
