import RampDiagnostics
import RampDriver
import RampSource
import XCTest

/// Notes, highlights and fix-its of the semantic checks, which the corpus
/// does not compare, and the cases where the checks stay silent.
final class SemanticCheckTests: XCTestCase {
    private func diagnostics(_ text: String, _ id: DiagnosticID) -> [Diagnostic] {
        compile(text).diagnostics.sorted().filter { $0.id == id }
    }

    private func location(_ range: SourceRange?) -> String {
        guard let range else { return "nowhere" }
        let (line, column) = range.file.lineAndColumn(of: range.start)
        return "\(line):\(column)"
    }

    func testOverlapNamesSharedLabels() throws {
        let found = diagnostics("""
        namespace shop {
          service api [app=api, tier notin (batch)]
          service canary [app in (api, web), track exists]
          service web [app=web, !track]
          web -> api, canary
        }
        """, .overlappingSelectors)
        XCTAssertEqual(found.count, 1)
        let warning = try XCTUnwrap(found.first)
        XCTAssertEqual(location(warning.range), "3:18")
        XCTAssertEqual(warning.notes.map(\.message), [
            "a pod labelled app=api, track=x matches both selectors",
            "service 'api' is declared here",
        ])
        XCTAssertEqual(location(warning.notes[1].range), "2:15")
    }

    func testExclusiveSelectorsAreSilent() {
        XCTAssertEqual(diagnostics("""
        namespace shop {
          service a [app=api, !canary]
          service b [app=api, canary exists]
          service c [app=api, canary=yes, tier in (x)]
          a -> b
          b -> c
        }
        """, .overlappingSelectors).map(\.message), [
            "services 'b' and 'c' in namespace 'shop' can select the same pod, which then gets the connections of both; make the selectors exclusive",
        ])
    }

    func testServicePortHint() throws {
        let error = try XCTUnwrap(diagnostics("""
        namespace shop {
          service web [app=web]
          service api [app=api] ports http:8080, dns:53/udp
          web -> api:80
        }
        """, .undeclaredPortNumber).first)
        XCTAssertEqual(error.notes.map(\.message), [
            "80 is the usual Service port for HTTP, but a NetworkPolicy sees the container port behind the Service, which service 'api' declares as 8080",
            "service 'api' declares http:8080/tcp, dns:53/udp",
        ])
        XCTAssertEqual(error.fixIts.map(\.replacement), ["8080"])
        XCTAssertEqual(error.fixIts.first?.range.text, "80")
    }

    func testNoHintWithoutSingleCandidate() throws {
        let twoPorts = try XCTUnwrap(diagnostics("""
        namespace shop {
          service web [app=web]
          service api [app=api] ports http:8080, admin:8081
          web -> api:443
        }
        """, .undeclaredPortNumber).first)
        XCTAssertEqual(twoPorts.fixIts.count, 0)
        XCTAssertEqual(twoPorts.notes.count, 1)

        let otherNumber = try XCTUnwrap(diagnostics("""
        namespace shop {
          service web [app=web]
          service api [app=api] ports http:8080
          web -> api:8000
        }
        """, .undeclaredPortNumber).first)
        XCTAssertEqual(otherNumber.fixIts.count, 0)
    }

    func testCoveredDependencyPointsAtBroaderOne() throws {
        let warning = try XCTUnwrap(diagnostics("""
        namespace shop {
          service web [app=web]
          service admin [app=admin]
          service api [app=api] ports http:8080
          web, admin -> api:http, namespace shop:8080
        }
        """, .coveredDependency).first)
        XCTAssertEqual(warning.message, "dependency 'web -> api:http' is already allowed by 'web -> namespace shop:8080'; remove it, or narrow the broader dependency")
        XCTAssertEqual(location(warning.range), "5:17")
        XCTAssertEqual(warning.highlights.map { location($0.range) }, ["5:3"])
        XCTAssertEqual(location(warning.notes.first?.range), "5:27")
        XCTAssertEqual(warning.fixIts.count, 0)
    }

    func testDuplicateRemovesOneTarget() throws {
        let warning = try XCTUnwrap(diagnostics("""
        namespace shop {
          service web [app=web]
          service api [app=api] ports http:8080
          web -> api:8080, api:http
        }
        """, .duplicateDependency).first)
        XCTAssertEqual(location(warning.range), "4:20")
        XCTAssertEqual(warning.fixIts.map(\.range.text), [", api:http"])
    }

    /// A repeated line gets the warnings of its first occurrence, and an
    /// equal dependency written otherwise is still found by comparison.
    func testRepetitionsShareTheirWarnings() throws {
        let compilation = compile("""
        namespace shop {
          service a [app=a] ports 80, 81
          service b [app=b] ports 80, 81
          a -> b:80
          a -> b:80
          a -> b
          a -> b:80
          a -> b:(81, 80)
          a -> b:(80, 81)
        }
        """)
        let covered = "is already allowed by 'a -> b'; remove it, or narrow the broader dependency"
        XCTAssertEqual(messages(compilation), [
            "4:8: warning: dependency 'a -> b:80' \(covered)",
            "5:8: warning: dependency 'a -> b:80' is already declared; remove the repetition",
            "5:8: warning: dependency 'a -> b:80' \(covered)",
            "7:8: warning: dependency 'a -> b:80' is already declared; remove the repetition",
            "7:8: warning: dependency 'a -> b:80' \(covered)",
            "8:8: warning: dependency 'a -> b:(81, 80)' is already declared; remove the repetition",
            "9:8: warning: dependency 'a -> b:(80, 81)' is already declared; remove the repetition",
        ])
        let notes = compilation.diagnostics.sorted().map { location($0.notes.first?.range) }
        XCTAssertEqual(notes, ["6:8", "4:8", "6:8", "4:8", "6:8", "6:8", "6:8"])
    }

    /// A hundred dependencies between two services, each on a port of its
    /// own, are searched by port: a repeated port, a port inside a range and
    /// the same ports in another order are still found.
    func testManyPortsAreSearchedByPort() throws {
        let lines = (0..<100).map { "  a -> b:\(1000 + $0)" } + [
            "  a -> b:1050", "  a -> b:2000-2100", "  a -> b:2050", "  a -> b:(3000, 3001)", "  a -> b:(3001, 3000)",
            "  a -> b:1000/udp", "  a -> b:4000",
        ]
        let compilation = compile((["namespace shop {", "  service a [app=a]", "  service b [app=b]"] + lines + ["}"]).joined(separator: "\n"))
        let checks = compilation.diagnostics.sorted().filter { $0.id == .duplicateDependency || $0.id == .coveredDependency }
        XCTAssertEqual(checks.map { "\(location($0.range)) \($0.message) (\(location($0.notes.first?.range)))" }, [
            "104:8 dependency 'a -> b:1050' is already declared; remove the repetition (54:8)",
            "106:8 dependency 'a -> b:2050' is already allowed by 'a -> b:2000-2100'; remove it, or narrow the broader dependency (105:8)",
            "108:8 dependency 'a -> b:(3001, 3000)' is already declared; remove the repetition (107:8)",
        ])
    }

    func testDNSWarningNeedsCallToService() {
        let external = """
        namespace data {
          deny all
          dns off
          service db [app=db]
          db -> 198.51.100.0/24:443
        }
        """
        XCTAssertEqual(diagnostics(external, .dnsOffBlocksLookups).count, 0)

        let namespaceClient = """
        namespace data {
          deny egress
          dns off
          service db [app=db] ports 5432
          namespace data -> db
        }
        """
        let warning = diagnostics(namespaceClient, .dnsOffBlocksLookups)
        XCTAssertEqual(warning.map(\.message), [
            "DNS is off in namespace 'data', so 'namespace data' cannot look up the name of service 'db' that it calls; remove 'dns off'",
        ])
        XCTAssertEqual(warning.first?.fixIts.first?.range.text, "  dns off\n")
    }

    func testUnusedServiceNotesIngressPosture() throws {
        let warning = try XCTUnwrap(diagnostics("""
        namespace shop {
          deny ingress
          service web [app=web]
        }
        """, .unusedService).first)
        XCTAssertEqual(warning.notes.map(\.message), ["namespace 'shop' denies ingress here, so no connection can reach the pods of 'web'"])
        XCTAssertEqual(location(warning.notes.first?.range), "2:3")
    }

    func testRolloutLabelOnlyForPinningOperators() throws {
        let found = diagnostics("""
        namespace shop {
          service a [app=a, version exists, pod-template-hash notin (x), !controller-revision-hash]
          service b [helm.sh/chart in (shop-1.2.0), app=b]
          a -> b
        }
        """, .rolloutLabel)
        XCTAssertEqual(found.map { location($0.range) }, ["3:14"])
        XCTAssertEqual(found.first?.fixIts.first?.range.text, "helm.sh/chart in (shop-1.2.0), ")
    }

    func testChecksWaitForErrors() {
        let compilation = compile("""
        namespace shop {
          service web [app=web]
          service unused [app=unused]
          web -> missing
        }
        """)
        XCTAssertEqual(compilation.diagnostics.diagnostics.map(\.id), [.unknownService])
    }
}
