@testable import RampDrift
import RampEvaluator
import RampKube
import RampSema
import RampSyntax
import XCTest

/// A comparison takes the other environment's build for the mix that
/// substitutes every part when the settings without a part change no
/// policy. That is true for the profile's name and for Kubernetes versions
/// that select the same passes, and must not be true across the version that
/// joins ports into ranges. `SearchReuseTests` compares such comparisons
/// with compiled builds.
final class ProfileLoweringTests: XCTestCase {
    /// Staging runs 1.30 and production 1.29, which both join ports into
    /// ranges. Legacy runs 1.24, which does not.
    private let contracts = """
        profile current {
          kubernetes 1.30
          dns pods kube-system [k8s-app=kube-dns] ports 53/udp
        }
        profile previous {
          kubernetes 1.29
          dns pods kube-system [k8s-app=coredns] ports 53/udp
        }
        profile old {
          kubernetes 1.24
        }
        environment staging {
          profile current
          enforce * ingress, egress
        }
        environment production {
          profile previous
          enforce * ingress
        }
        environment legacy {
          profile old
          enforce * ingress
        }
        environment canary {
          profile current
          enforce * ingress, egress
        }
        namespace web {
          service front [app=front] ports 8080, 8081, 8082
          service probe [app=probe] only in staging
          probe -> front:8081 only in staging
        }
        namespace api {
          service gateway [app=gateway]
          gateway -> web/front
        }
        """

    func testSamePassesLowerAlike() throws {
        let files = compile(contracts).contractFiles
        let profiles = try ["staging", "production", "legacy"].map { environment in
            try XCTUnwrap(MixedBuilds.compile(files, EnvironmentMix(environment: environment))).program.environment.profile
        }

        XCTAssertTrue(profiles[0].lowersAlike(profiles[1]))
        XCTAssertTrue(profiles[1].lowersAlike(profiles[0]))
        XCTAssertFalse(profiles[0].lowersAlike(profiles[2]))
        XCTAssertFalse(profiles[2].lowersAlike(profiles[1]))
    }

    /// Production with every part of staging compiles to staging's
    /// policies, while legacy with them keeps its own passes and does not.
    func testEveryPartGivesOtherPolicies() throws {
        let files = compile(contracts).contractFiles
        let staging = try XCTUnwrap(MixedBuilds.compile(files, EnvironmentMix(environment: "staging"))).policies

        let fromProduction = try XCTUnwrap(withEveryPart(files, of: "staging", in: "production"))
        let fromLegacy = try XCTUnwrap(withEveryPart(files, of: "staging", in: "legacy"))

        XCTAssertEqual(fromProduction, staging)
        XCTAssertNotEqual(fromLegacy, staging)
        // The ports that 1.24 lists one by one make the difference.
        XCTAssertEqual(staging.flatMap(endPorts), [8082, 8082])
        XCTAssertEqual(fromLegacy.flatMap(endPorts), [])
    }

    /// Production and canary differ in settings alone, one of them the
    /// Kubernetes version, so the drift check needs no evaluators. The full
    /// comparison finds the same: settings explain every difference.
    func testSettingsExplainAcrossVersions() throws {
        let files = compile(contracts).contractFiles
        let settings = Resolver.settingDifferences(files, between: "production", and: "canary")
        XCTAssertEqual(settings.map(\.title), [
            "profile", "Kubernetes version", "cluster DNS",
            "egress enforcement in namespace 'api'", "egress enforcement in namespace 'web'",
        ])

        let drift = try XCTUnwrap(EnvironmentComparison.compare(files, "production", "canary", compiled: [:], onlyUndeclaredDrift: true))
        let compiled = try XCTUnwrap(EnvironmentComparison.compare(
            files, "production", "canary", compiled: [:], onlyUndeclaredDrift: true, derivingFromTheOther: false
        ))
        let full = try XCTUnwrap(EnvironmentComparison.compare(files, "production", "canary", compiled: [:]))

        XCTAssertEqual(drift.differences.count, 0)
        XCTAssertEqual(compiled.differences.count, 0)
        XCTAssertEqual(full.differences.count, 30)
        XCTAssertEqual(full.differences.filter(\.cause.statements.isEmpty).count, 30)
    }

    private func withEveryPart(_ files: [ContractFile], of other: String, in environment: String) -> [NetworkPolicy]? {
        let parts = Resolver.settingDifferences(files, between: environment, and: other).compactMap(\.part)
        return MixedBuilds.compile(files, EnvironmentMix(environment: environment, substituting: Set(parts), from: other))?.policies
    }

    private func endPorts(_ policy: NetworkPolicy) -> [Int] {
        ((policy.ingress ?? []) + (policy.egress ?? [])).flatMap { ($0.ports ?? []).compactMap(\.endPort) }
    }
}
