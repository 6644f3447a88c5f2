@testable import RampDrift
import RampEvaluator
import RampKube
import RampSema
import XCTest

/// Attribution of drift when many namespaces differ in one setting each:
/// only the settings that change the policies of a connection's namespaces
/// are evaluated for it, and the causes stay those of evaluating every one.
final class DriftAttributionTests: XCTestCase {
    private func policy(_ name: String, in namespace: String, port: Int) -> NetworkPolicy {
        NetworkPolicy(
            name: name, namespace: namespace, podSelector: .everything, policyTypes: [.ingress],
            ingress: [NetworkPolicyRule(peers: nil, ports: [NetworkPolicyPort(protocol: .tcp, port: .number(port))])]
        )
    }

    func testChangedNamespacesListsDifferingOnes() {
        let base = [policy("web", in: "shop", port: 80), policy("db", in: "data", port: 5432), policy("probe", in: "tools", port: 9000)]
        let substituted = [policy("web", in: "shop", port: 80), policy("db", in: "data", port: 5433), policy("cache", in: "cache", port: 6379)]

        let changed = PoliciesByNamespace(base).namespaces(differingFrom: PoliciesByNamespace(substituted))

        XCTAssertEqual(changed, ["data", "tools", "cache"])
    }

    func testSameBuildChangesNothing() {
        let base = [policy("web", in: "shop", port: 80), policy("db", in: "data", port: 5432)]

        XCTAssertEqual(PoliciesByNamespace(base).namespaces(differingFrom: PoliciesByNamespace(base)), [])
    }

    func testNamespaceOfExternalEndpointIsNil() {
        let pod = Pod(name: "web", namespace: Namespace(name: "shop"))

        XCTAssertEqual(PoliciesByNamespace.namespace(deciding: .pod(pod)), "shop")
        XCTAssertNil(PoliciesByNamespace.namespace(deciding: .ipAddress(IPAddress(family: .ipv4, value: 0xC000_0201))))
    }

    /// Each namespace's egress enforcement explains the connections of its
    /// own pods only, and cluster DNS explains those of every namespace.
    func testEnforcementPerNamespaceReport() throws {
        let contracts = """
        profile gke {
          dns pods kube-system [k8s-app=kube-dns] ports 53/udp
        }
        profile openshift {
          dns pods openshift-dns [dns=default] ports 5353/udp
        }
        environment staging {
          profile gke
          enforce * ingress, egress
        }
        environment production {
          profile openshift
          enforce * ingress
          enforce m0 ingress, egress
        }
        namespace m0 {
          deny all
          service a [app=a] ports http:8080
          service b [app=b] ports http:8080
          a -> b:http
          b -> m1/a:http
        }
        namespace m1 {
          deny all
          service a [app=a] ports http:8080
          service b [app=b] ports http:8080
          a -> b:http
          b -> namespace m2
        }
        namespace m2 {
          deny all
          service a [app=a] ports http:8080
          a -> m0/b:http
        }
        """
        let compilation = compile(contracts, path: "test.ramp")
        XCTAssertEqual(messages(compilation).filter { $0.contains(": error: ") }, [])
        let comparison = try XCTUnwrap(EnvironmentComparison.compare(compilation.contractFiles, "staging", "production"))

        XCTAssertEqual(ComparisonReport(comparison).text(limit: nil), """
        Environments 'staging' and 'production'

        Settings that differ:
          profile
            staging:    gke
            production: openshift
          cluster DNS
            staging:    pods [k8s-app=kube-dns] in kube-system on 53/udp
            production: pods [dns=default] in openshift-dns on 5353/udp
          egress enforcement in namespace 'm1'
            staging:    enforced
            production: not enforced
          egress enforcement in namespace 'm2'
            staging:    enforced
            production: not enforced

        Connections that differ: 31, in 5 groups.

        cluster DNS
          staging only: m0/a -> cluster DNS pods in kube-system, 53/udp
          staging only: m0/b -> cluster DNS pods in kube-system, 53/udp
          staging only: other pods of namespace m0 -> cluster DNS pods in kube-system, 53/udp
          production only: m0/a -> cluster DNS pods in openshift-dns, 5353/udp
          production only: m0/b -> cluster DNS pods in openshift-dns, 5353/udp
          production only: other pods of namespace m0 -> cluster DNS pods in openshift-dns, 5353/udp

        cluster DNS or egress enforcement in namespace 'm1'
          production only: m1/a -> cluster DNS pods in openshift-dns, 5353/udp
          production only: m1/b -> cluster DNS pods in openshift-dns, 5353/udp
          production only: other pods of namespace m1 -> cluster DNS pods in openshift-dns, 5353/udp

        cluster DNS or egress enforcement in namespace 'm2'
          production only: m2/a -> cluster DNS pods in openshift-dns, 5353/udp
          production only: other pods of namespace m2 -> cluster DNS pods in openshift-dns, 5353/udp

        egress enforcement in namespace 'm1'
          production only: m1/a -> addresses outside the cluster (0.0.0.0/0, ::/0), every port
          production only: m1/a -> cluster DNS pods in openshift-dns, every tcp port, 1-5352/udp, 5354-65535/udp, every sctp port
          production only: m1/a -> pods of namespace openshift-dns, every port
          production only: m1/a -> pods of other namespaces, every port
          production only: m1/b -> addresses outside the cluster (0.0.0.0/0, ::/0), every port
          production only: m1/b -> cluster DNS pods in openshift-dns, every tcp port, 1-5352/udp, 5354-65535/udp, every sctp port
          production only: m1/b -> pods of namespace openshift-dns, every port
          production only: m1/b -> pods of other namespaces, every port
          production only: other pods of namespace m1 -> addresses outside the cluster (0.0.0.0/0, ::/0), every port
          production only: other pods of namespace m1 -> cluster DNS pods in openshift-dns, every tcp port, 1-5352/udp, 5354-65535/udp, every sctp port
          production only: other pods of namespace m1 -> pods of namespace openshift-dns, every port
          production only: other pods of namespace m1 -> pods of other namespaces, every port

        egress enforcement in namespace 'm2'
          production only: m2/a -> addresses outside the cluster (0.0.0.0/0, ::/0), every port
          production only: m2/a -> cluster DNS pods in openshift-dns, every tcp port, 1-5352/udp, 5354-65535/udp, every sctp port
          production only: m2/a -> pods of namespace openshift-dns, every port
          production only: m2/a -> pods of other namespaces, every port
          production only: other pods of namespace m2 -> addresses outside the cluster (0.0.0.0/0, ::/0), every port
          production only: other pods of namespace m2 -> cluster DNS pods in openshift-dns, every tcp port, 1-5352/udp, 5354-65535/udp, every sctp port
          production only: other pods of namespace m2 -> pods of namespace openshift-dns, every port
          production only: other pods of namespace m2 -> pods of other namespaces, every port

        """)
    }

    // MARK: - Statements that compile only together

    private let twoEnvironments = "environment staging {\n}\nenvironment production {\n}\n"

    private func statementCauses(_ contracts: String) throws -> (causes: Set<DifferenceCause>, statements: [EnvironmentPart]) {
        let compilation = compile(contracts, path: "test.ramp")
        let files = compilation.contractFiles
        let statements = Resolver.settingDifferences(files, between: "staging", and: "production").compactMap(\.part).filter(\.isStatement)
        let comparison = try XCTUnwrap(EnvironmentComparison.compare(files, "staging", "production"))
        return (Set(comparison.differences.map(\.cause)), statements)
    }

    /// The dependency statement needs service 'a' in another namespace than
    /// 'n1/x', whose connections it changes, so both make every cause.
    func testServiceOfStatementStaysInCause() throws {
        let (causes, statements) = try statementCauses(twoEnvironments + """
        namespace n0 {
          service a [app=a] only in production
          n1/x, a -> namespace n0 only in production
        }
        namespace n1 {
          service x [app=x]
        }
        """)

        XCTAssertEqual(statements.count, 2)
        XCTAssertEqual(causes, [.drift(statements, declared: false)])
    }

    /// Both declarations of 'a' must be substituted together, or the mix has
    /// two of them, so both make the cause of the connections of 'n1'.
    func testDeclarationsOfOneServiceStayTogether() throws {
        let (causes, statements) = try statementCauses(twoEnvironments + """
        namespace n0 {
          service a [app=a] only in staging
          service a [app=a2] only in production
        }
        namespace n1 {
          service b [app=b] only in production
          b -> n0/a only in production
        }
        """)

        XCTAssertEqual(statements.count, 4)
        XCTAssertEqual(causes, [.drift(statements, declared: false)])
    }

    /// Neither declaration of 'z/t' can be dropped alone, as the mix then has
    /// two of them or none for 'u -> t'. A search that tries one at a time
    /// keeps both, although they cannot change the connections of 'a'.
    func testUndroppableGroupStaysInCause() throws {
        let (causes, statements) = try statementCauses(twoEnvironments + """
        namespace a {
          service x [app=x] only in production
          x -> namespace a only in production
        }
        namespace z {
          service t [app=t] only in staging
          service t [app=t2] only in production
          service u [app=u]
          u -> t
        }
        """)

        XCTAssertEqual(statements.count, 4)
        XCTAssertEqual(causes, [.drift(statements, declared: false), .drift(Array(statements[2...]), declared: false)])
    }

    /// The example of a drift error is generated from validated names and
    /// is written in full.
    func testDriftExampleIsNotShortened() {
        let compilation = compile(twoEnvironments + """
        namespace n0 {
          service s0 [app=s0] ports 8080 only in production
          cluster -> s0 only in production
        }
        """, path: "test.ramp")

        XCTAssertEqual(EnvironmentDrift.check(compilation.contractFiles).map(\.message), [
            "this statement applies in 'production' but not in 'staging', and there it also blocks 3 connections that 'staging' allows, such as 'addresses outside the cluster (0.0.0.0/0, ::/0) -> other pods of namespace n0' on every port",
        ])
    }
}
