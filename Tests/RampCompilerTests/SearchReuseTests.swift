@testable import RampDrift
import RampSema
import XCTest

/// A cause found for one difference is reused for another between the same
/// namespaces when every build that decided it gives the other connection
/// the same verdict. The reuse must never change a cause: random contracts
/// give the same differences, causes included, with and without it.
final class SearchReuseTests: XCTestCase {
    func testReuseKeepsEveryCause() throws {
        var compared = 0
        for seed in 1...12 {
            let text = SearchReuseTests.contract(seed: UInt64(seed))
            let compilation = compile(text)
            XCTAssertEqual(messages(compilation).filter { $0.contains("error:") }, [], "seed \(seed)")
            let files = compilation.contractFiles
            for (first, second) in [("staging", "production"), ("production", "staging")] {
                let reusing = try XCTUnwrap(EnvironmentComparison.compare(files, first, second, compiled: [:], reusingSearches: true))
                let searching = try XCTUnwrap(EnvironmentComparison.compare(files, first, second, compiled: [:], reusingSearches: false))
                XCTAssertEqual(lines(reusing), lines(searching), "seed \(seed), \(first) first")
                compared += reusing.differences.count
            }
        }
        // Enough differences, most of them sharing namespaces, or the test checks little.
        XCTAssertGreaterThan(compared, 2000)
    }

    /// Large comparisons attribute their classes in runs on all cores, each
    /// run with caches of its own. The runs must find every cause that one
    /// run finds.
    func testRunsKeepEveryCause() throws {
        var compared = 0
        for seed in 1...6 {
            let files = compile(SearchReuseTests.contract(seed: UInt64(seed))).contractFiles
            for onlyDrift in [false, true] {
                let oneRun = try XCTUnwrap(EnvironmentComparison.compare(
                    files, "staging", "production", compiled: [:], onlyUndeclaredDrift: onlyDrift, runs: 1
                ))
                let threeRuns = try XCTUnwrap(EnvironmentComparison.compare(
                    files, "staging", "production", compiled: [:], onlyUndeclaredDrift: onlyDrift, runs: 3
                ))
                XCTAssertEqual(lines(threeRuns), lines(oneRun), "seed \(seed)")
                compared += oneRun.differences.count
            }
        }
        // Enough differences for every run to get some, or the test checks little.
        XCTAssertGreaterThan(compared, 500)
    }

    /// The drift check keeps only undeclared drift and does not search
    /// which settings explain the rest. The drift it keeps must be exactly
    /// the undeclared drift of the full comparison, ports and examples
    /// included.
    func testOnlyDriftKeepsTheSameDrift() throws {
        var (drift, declared) = (0, 0)
        for seed in 1...12 {
            let files = compile(SearchReuseTests.contract(seed: UInt64(seed))).contractFiles
            for (first, second) in [("staging", "production"), ("production", "staging")] {
                let full = try XCTUnwrap(EnvironmentComparison.compare(files, first, second, compiled: [:]))
                let onlyDrift = try XCTUnwrap(EnvironmentComparison.compare(files, first, second, compiled: [:], onlyUndeclaredDrift: true))
                let undeclared = full.differences.filter(\.cause.isUndeclaredDrift)
                XCTAssertEqual(lines(onlyDrift), lines(undeclared), "seed \(seed), \(first) first")
                drift += undeclared.count
                declared += full.differences.count - undeclared.count
            }
        }
        // Both kinds, or the test checks little.
        XCTAssertGreaterThan(drift, 100)
        XCTAssertGreaterThan(declared, 1000)
    }

    /// The builds that substitute every part, or every setting, are taken
    /// from the other environment where its settings without a part change
    /// no policy. Compiled instead, they must give the same comparison.
    func testDerivedBuildsKeepComparison() throws {
        var (derived, compiled) = (0, 0)
        for seed in 1...12 {
            let files = compile(SearchReuseTests.contract(seed: UInt64(seed))).contractFiles
            for (first, second) in [("staging", "production"), ("production", "staging")] {
                for onlyDrift in [false, true] {
                    let fromOther = try XCTUnwrap(EnvironmentComparison.compare(files, first, second, compiled: [:], onlyUndeclaredDrift: onlyDrift))
                    let fromCompilation = try XCTUnwrap(EnvironmentComparison.compare(
                        files, first, second, compiled: [:], onlyUndeclaredDrift: onlyDrift, derivingFromTheOther: false
                    ))
                    XCTAssertEqual(lines(fromOther), lines(fromCompilation), "seed \(seed), \(first) first")
                    let profiles = try [first, second].map { environment in
                        try XCTUnwrap(MixedBuilds.compile(files, EnvironmentMix(environment: environment))).program.environment.profile
                    }
                    if profiles[0].lowersAlike(profiles[1]) { derived += 1 } else { compiled += 1 }
                }
            }
        }
        // Both kinds of environments, or the test checks little.
        XCTAssertEqual(derived + compiled, 48)
        XCTAssertGreaterThan(derived, 10)
        XCTAssertGreaterThan(compiled, 10)
    }

    private func lines(_ comparison: EnvironmentComparison) -> [String] {
        lines(comparison.differences)
    }

    private func lines(_ differences: [EnvironmentDifference]) -> [String] {
        differences.map { difference in
            "\(difference.allowedIn) \(difference.source) -> \(difference.destination) \(difference.protocol) \(difference.ports) \(difference.example) \(difference.cause)"
        }
    }

    /// Returns a contract of four namespaces whose environments differ in
    /// enforcement, a parameter, DNS, and statements with `only in`.
    private static func contract(seed: UInt64) -> String {
        var random = SeededRandom(state: seed)
        var text = """
        profile kind {
          kubernetes 1.30
          dns pods kube-system [k8s-app=kube-dns] ports 53/udp, 53/tcp
        }
        profile other {
          kubernetes 1.29
          dns pods openshift-dns [dns=default] ports 5353/udp
        }
        profile legacy {
          kubernetes 1.24
        }
        parameter backup = 198.51.100.0/24
        network offsite = parameter backup
        environment staging {
          profile kind
          set backup = 192.0.2.0/24
          enforce * ingress, egress
        }
        environment production {
          profile \(random.pick(["kind", "other", "legacy"]))
          enforce * ingress
          enforce n\(random.below(4)) egress
        }

        """
        for index in 0..<4 {
            let labels = random.below(3) == 0 ? "" : " [team=t\(random.below(2))]"
            var lines = ["namespace n\(index)\(labels) {"]
            if random.below(2) == 0 { lines.append("  deny all") }
            lines.append("  service a [app=a] ports http:\(8000 + index)")
            lines.append("  service b [app=b] ports http:\(9000 + index), 9100")
            lines.append("  service c [app=c]")
            let statements = [
                "  a -> b:http",
                "  c -> n\(random.below(4))/a:http",
                "  namespaces [team=t\(random.below(2))] -> b:http",
                "  b -> network offsite",
                "  c -> b:9100 only in staging",
                "  service probe [app=probe] only in staging\n  probe -> a:http only in staging",
            ]
            for statement in statements where random.below(2) == 0 { lines.append(statement) }
            lines.append("}")
            text += lines.joined(separator: "\n") + "\n"
        }
        return text
    }
}

/// A small deterministic generator, so that each seed gives one contract.
private struct SeededRandom {
    var state: UInt64

    mutating func below(_ bound: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % UInt64(bound))
    }

    mutating func pick<T>(_ choices: [T]) -> T {
        choices[below(choices.count)]
    }
}
