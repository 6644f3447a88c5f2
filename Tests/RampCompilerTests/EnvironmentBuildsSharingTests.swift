import RampKube
import RampSource
import XCTest
@testable import RampDriver

/// `ramp check` hands its own build to the environment builds, which then
/// compile the environments from its syntax trees. The builds must be those
/// that compiling everything afresh gives.
final class EnvironmentBuildsSharingTests: XCTestCase {
    private let contracts = """
    environment staging {
      enforce * ingress, egress
    }
    environment production {
      enforce * ingress
    }
    namespace web {
      service front [app=front] ports http:8080
      service idle [app=idle]
      service probe [app=probe] only in staging
      front -> api/gateway:http
      probe -> api/gateway:http only in staging
    }
    namespace api {
      service gateway [app=gateway] ports http:8080
    }
    """

    private var sources: [SourceFile] { [SourceFile(path: "test.ramp", text: contracts)] }

    func testSharedBaseGivesFreshBuilds() {
        let sources = sources
        var base = Compilation()
        base.compile(sources)
        let fresh = EnvironmentBuilds(sources, optimizationLevel: .standard, kubernetesVersion: nil)
        let shared = EnvironmentBuilds(sources, optimizationLevel: .standard, kubernetesVersion: nil, base: base)

        XCTAssertEqual(shared.compilations.map(\.environment), [nil, "production", "staging"])
        XCTAssertEqual(fresh.compilations.map(\.environment), [nil, "production", "staging"])
        XCTAssertTrue(shared.compilations[0].compilation.diagnostics === base.diagnostics)
        for (freshBuild, sharedBuild) in zip(fresh.compilations, shared.compilations) {
            XCTAssertEqual(sharedBuild.compilation.policies, freshBuild.compilation.policies, "\(freshBuild.environment ?? "base")")
            XCTAssertEqual(sharedBuild.compilation.renderedPolicies.count, freshBuild.compilation.policies.count)
        }
        XCTAssertEqual(shared.compilations.map(\.compilation.policies.count), [2, 1, 2])
        XCTAssertEqual(shared.diagnostics.map(\.message), fresh.diagnostics.map(\.message))
        XCTAssertEqual(shared.diagnostics.map(\.id.code), ["RAMP0602"])
    }

    /// The cache takes the command's build only for a request with its
    /// options, and never when that build is for an environment.
    func testCacheSharesOnlyAMatchingBuild() {
        let sources = sources
        var base = Compilation()
        base.compile(sources)
        var staging = Compilation()
        staging.environment = "staging"
        staging.compile(sources)

        let matching = EnvironmentBuildsCache(compiled: base).builds(sources, optimizationLevel: .standard, kubernetesVersion: nil)
        let otherLevel = EnvironmentBuildsCache(compiled: base).builds(sources, optimizationLevel: .none, kubernetesVersion: nil)
        let otherVersion = EnvironmentBuildsCache(compiled: base).builds(
            sources, optimizationLevel: .standard, kubernetesVersion: KubernetesVersion(major: 1, minor: 29)
        )
        let otherEnvironment = EnvironmentBuildsCache(compiled: staging).builds(sources, optimizationLevel: .standard, kubernetesVersion: nil)
        let otherSources = EnvironmentBuildsCache(compiled: base).builds(
            [SourceFile(path: "test.ramp", text: contracts)], optimizationLevel: .standard, kubernetesVersion: nil
        )

        XCTAssertTrue(matching.compilations[0].compilation.diagnostics === base.diagnostics)
        XCTAssertFalse(otherLevel.compilations[0].compilation.diagnostics === base.diagnostics)
        XCTAssertFalse(otherVersion.compilations[0].compilation.diagnostics === base.diagnostics)
        XCTAssertFalse(otherEnvironment.compilations[0].compilation.diagnostics === staging.diagnostics)
        XCTAssertNil(otherEnvironment.compilations[0].compilation.environment)
        XCTAssertFalse(otherSources.compilations[0].compilation.diagnostics === base.diagnostics)
    }

    /// The check writes the expected files from the build's objects, adding
    /// ramp's label and hash as it writes them, as `ramp build` does.
    func testExpectedFilesMatchTheRenderedBuild() throws {
        let compilation = compile(contracts)
        let program = try XCTUnwrap(compilation.program)
        let files = ManifestLayout.manifestFiles(
            compilation.renderedPolicies, program: program, version: "test", addingMetadata: true
        )
        let rendered = ManifestLayout.render(BuildCommand.outputPolicies(compilation), program: program, version: "test")

        XCTAssertEqual(ManifestLayout.contents(of: files), rendered)
        XCTAssertEqual(rendered.keys.sorted(), ["api.yaml", "web.yaml"])
        XCTAssertTrue(try XCTUnwrap(rendered["web.yaml"]).contains("ramp.dev/contract-hash"))
    }
}
