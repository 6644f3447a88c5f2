import RampDriver
import XCTest

final class NamespaceEndpointTests: XCTestCase {
    /// Every dependency on `namespaces [...]` used to scan every namespace;
    /// the subjects of one endpoint are now found once and reused.
    func testRepeatedNamespaceSelectorsReachTheSameSubjects() {
        let namespaces = (0..<200).map { "namespace n\($0) [team=t\($0 % 4)] {\n  deny all\n}\n" }.joined()
        let dependencies = (0..<2_000).map { "  c -> namespaces [team=t\($0 % 4)]:80\n" }.joined()
        let compilation = compile(namespaces + "namespace client {\n  service c [app=c]\n" + dependencies + "}\n")

        XCTAssertEqual(messages(compilation).filter { $0.contains("error") }, [])
        let defaults = compilation.policies.filter { $0.name == "namespace-default" && $0.namespace.hasPrefix("n") }
        XCTAssertEqual(defaults.count, 200)
        for policy in defaults {
            XCTAssertEqual(policy.ingress?.count, 1, policy.namespace)
            XCTAssertEqual(policy.ingress?.first?.comments.count, 500, policy.namespace)
        }
    }
}
