import Foundation
import XCTest

/// `ramp build --source-map` and the three forms of `ramp explain`.
final class ExplainCommandTests: XCTestCase {
    private var directory: URL!
    private var previousDirectory = ""

    /// Runs each test in its own directory, so that the relative contract
    /// paths in the YAML comments and source maps are short and fixed.
    override func setUpWithError() throws {
        directory = try temporaryDirectory()
        previousDirectory = FileManager.default.currentDirectoryPath
        XCTAssertTrue(FileManager.default.changeCurrentDirectoryPath(directory.path))
    }

    override func tearDownWithError() throws {
        XCTAssertTrue(FileManager.default.changeCurrentDirectoryPath(previousDirectory))
        try? FileManager.default.removeItem(at: directory)
    }

    private func write(_ name: String, _ text: String) {
        try! Data(text.utf8).write(to: directory.appendingPathComponent(name))
    }

    private let shop = """
    namespace shop {
      deny all

      service web [app=web] ports http:8080
      service api [app=api] ports http:8080, metrics:9090

      internet -> web:http
      web -> api:http
    }

    namespace ops {
      service prom [app=prom]
      prom -> shop/api:metrics
    }

    """

    private func files(_ path: String) -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: path).sorted()) ?? []
    }

    // MARK: - Source maps on disk

    func testSourceMapsAreWrittenAndRemoved() {
        write("shop.ramp", shop)
        write("out-note.json", "{}")
        XCTAssertEqual(runRamp(["build", "shop.ramp", "-o", "out", "--source-map"]).status, 0)
        XCTAssertEqual(files("out"), ["ops.yaml", "ops.yaml.map.json", "shop.yaml", "shop.yaml.map.json"])

        // A map that ramp did not write stays; ramp's own go when not asked for.
        write("out/other.yaml.map.json", "{\"mine\": true}")
        XCTAssertEqual(runRamp(["build", "shop.ramp", "-o", "out"]).status, 0)
        XCTAssertEqual(files("out"), ["ops.yaml", "other.yaml.map.json", "shop.yaml"])
    }

    // MARK: - YAML lines

    func testExplainsPeerLine() throws {
        write("shop.ramp", shop)
        XCTAssertEqual(runRamp(["build", "shop.ramp", "-o", "out", "--source-map"]).status, 0)
        let yaml = try String(contentsOfFile: "out/shop.yaml", encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertEqual(yaml[65], "          app: web")

        let result = runRamp(["explain", "out/shop.yaml:66"])
        XCTAssertEqual(result.status, 0, result.error)
        XCTAssertEqual(result.output, """
        out/shop.yaml:66: app: web

        peer spec.ingress[1].from[0] of 'shop/api' (lines 64-66) is the other end in:
          shop.ramp:8:3: dependency 'web -> api:http'
            | web -> api:http

        rule spec.ingress[1] of 'shop/api' (lines 62-69) allows the connections of:
          shop.ramp:8:3: dependency 'web -> api:http'
            | web -> api:http

        NetworkPolicy 'shop/api' (lines 34-69) selects the pods and directions of:
          shop.ramp:5:11: service 'api'
            | service api [app=api] ports http:8080, metrics:9090

        """)
    }

    func testExplainsDNSPort() {
        write("shop.ramp", shop)
        XCTAssertEqual(runRamp(["build", "shop.ramp", "-o", "out", "--source-map"]).status, 0)
        let result = runRamp(["explain", "out/shop.yaml:30"])
        XCTAssertEqual(result.status, 0, result.error)
        XCTAssertTrue(result.output.hasPrefix("""
        out/shop.yaml:30: port: 53

        port spec.egress[0].ports[0] of 'shop/namespace-default' (lines 29-30) is a port of:
          shop.ramp:2:3: cluster DNS for egress-isolated pods
            | deny all

        """), result.output)
    }

    func testHeaderLineBelongsToNoObject() {
        write("shop.ramp", shop)
        _ = runRamp(["build", "shop.ramp", "-o", "out", "--source-map"])
        let result = runRamp(["explain", "out/shop.yaml:1"])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.error, "ramp: error: line 1 of 'out/shop.yaml' belongs to no generated object; it is part of the file header or a '---' separator\n")
    }

    func testMissingOrStaleMapIsReported() throws {
        write("shop.ramp", shop)
        _ = runRamp(["build", "shop.ramp", "-o", "out"])
        XCTAssertEqual(runRamp(["explain", "out/shop.yaml:5"]).error,
                       "ramp: error: no source map 'out/shop.yaml.map.json'; build with 'ramp build --source-map' to write one\n")

        _ = runRamp(["build", "shop.ramp", "-o", "out", "--source-map"])
        let yaml = try String(contentsOfFile: "out/shop.yaml", encoding: .utf8)
        write("out/shop.yaml", yaml + "# edited\n")
        let stale = runRamp(["explain", "out/shop.yaml:5"])
        XCTAssertEqual(stale.status, 2)
        XCTAssertEqual(stale.error, "ramp: error: source map 'out/shop.yaml.map.json' belongs to another build of 'out/shop.yaml'; run 'ramp build --source-map' again\n")
        XCTAssertEqual(runRamp(["explain", "out/shop.yaml:0"]).status, 2)
    }

    func testUnreadableMapIsReported() throws {
        try XCTSkipIf(geteuid() == 0, "root reads files whatever their permissions")
        write("shop.ramp", shop)
        _ = runRamp(["build", "shop.ramp", "-o", "out", "--source-map"])
        XCTAssertEqual(chmod("out/shop.yaml.map.json", 0), 0)

        let result = runRamp(["explain", "out/shop.yaml:5"])

        XCTAssertEqual(result.status, 2)
        XCTAssertEqual(result.error, "ramp: error: cannot read source map 'out/shop.yaml.map.json': the file is not readable\n")
    }

    // MARK: - Connections

    func testAllowedConnection() {
        write("shop.ramp", shop)
        let result = runRamp(["explain", "shop.ramp", "--from", "shop/web", "--to", "shop/api:http"])
        XCTAssertEqual(result.status, 0, result.error)
        XCTAssertEqual(result.output, """
        shop/web -> shop/api:8080/tcp: allowed
          egress from shop/web: isolated by the posture 'deny all' at shop.ramp:2:3, and allowed by:
            shop.ramp:8:3: web -> api:http
          ingress to shop/api: isolated by the posture 'deny all' at shop.ramp:2:3, and allowed by:
            shop.ramp:8:3: web -> api:http

        """)
    }

    /// A service that exists only in one environment is explained in that
    /// environment's build. Without `--env`, the error names the option.
    func testEnvironmentBuildDecidesConnection() {
        write("shop.ramp", """
        environment staging {
        }
        namespace shop {
          deny all
          service web [app=web] ports http:8080
          service debug [app=debug] only in staging
          debug -> web:http only in staging
        }

        """)
        let staging = runRamp(["explain", "shop.ramp", "shop/debug -> shop/web:http", "--env", "staging"])
        XCTAssertEqual(staging.status, 0, staging.error)
        XCTAssertEqual(staging.output, """
        shop/debug -> shop/web:8080/tcp: allowed
          egress from shop/debug: isolated by the posture 'deny all' at shop.ramp:4:3, and allowed by:
            shop.ramp:7:3: debug -> web:http
          ingress to shop/web: isolated by the posture 'deny all' at shop.ramp:4:3, and allowed by:
            shop.ramp:7:3: debug -> web:http

        """)

        let plain = runRamp(["explain", "shop.ramp", "shop/debug -> shop/web:http"])
        XCTAssertEqual(plain.status, 2)
        XCTAssertEqual(plain.error, "ramp: error: service 'debug' in namespace 'shop' exists only in environment 'staging'; add '--env staging'\n")
    }

    func testBlockedConnectionInArrowForm() {
        write("shop.ramp", shop)
        for arguments in [["shop/api -> shop/web:8080"], ["shop/api", "->", "shop/web:8080"]] {
            let result = runRamp(["explain", "shop.ramp"] + arguments)
            XCTAssertEqual(result.status, 1, result.error)
            XCTAssertEqual(result.output, """
            shop/api -> shop/web:8080/tcp: blocked
              egress from shop/api: isolated by the posture 'deny all' at shop.ramp:2:3, and no dependency allows the connection
              ingress to shop/web: isolated by the posture 'deny all' at shop.ramp:2:3, and no dependency allows the connection

            """)
        }
    }

    func testEachDeclaredPortWithoutPort() {
        write("shop.ramp", shop)
        let result = runRamp(["explain", "shop.ramp", "--from", "ops/prom", "--to", "shop/api"])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.output, """
        ops/prom -> shop/api:8080/tcp: blocked
          egress from ops/prom: isolated because the dependency 'prom -> shop/api:metrics' at shop.ramp:13:3 names it, and no dependency allows the connection
          ingress to shop/api: isolated by the posture 'deny all' at shop.ramp:2:3, and no dependency allows the connection

        ops/prom -> shop/api:9090/tcp: allowed
          egress from ops/prom: isolated because the dependency 'prom -> shop/api:metrics' at shop.ramp:13:3 names it, and allowed by:
            shop.ramp:13:3: prom -> shop/api:metrics
          ingress to shop/api: isolated by the posture 'deny all' at shop.ramp:2:3, and allowed by:
            shop.ramp:13:3: prom -> shop/api:metrics

        """)
    }

    func testAddressesAndUnisolatedSides() {
        write("shop.ramp", shop)
        let inbound = runRamp(["explain", "shop.ramp", "--from", "203.0.113.9", "--to", "shop/web"])
        XCTAssertEqual(inbound.status, 0, inbound.error)
        XCTAssertEqual(inbound.output, """
        203.0.113.9 -> shop/web:8080/tcp: allowed
          egress from 203.0.113.9: outside the cluster, where no NetworkPolicy applies
          ingress to shop/web: isolated by the posture 'deny all' at shop.ramp:2:3, and allowed by:
            shop.ramp:7:3: internet -> web:http

        """)
        let outbound = runRamp(["explain", "shop.ramp", "--from", "ops/prom", "--to", "[2001:db8::1]:443"])
        XCTAssertEqual(outbound.status, 1)
        XCTAssertTrue(outbound.output.hasPrefix("ops/prom -> [2001:db8::1]:443/tcp: blocked\n"), outbound.output)
        XCTAssertTrue(outbound.output.contains("ingress to 2001:db8::1: outside the cluster, where no NetworkPolicy applies"), outbound.output)

        write("open.ramp", "namespace open {\n  service a [app=a] ports 80\n  service b [app=b] ports 80\n}\n")
        let open = runRamp(["explain", "open.ramp", "--from", "open/a", "--to", "open/b"])
        XCTAssertEqual(open.status, 0)
        XCTAssertEqual(open.output, """
        open/a -> open/b:80/tcp: allowed
          egress from open/a: not isolated, so every connection is admitted
          ingress to open/b: not isolated, so every connection is admitted

        """)
    }

    func testNamedPortOnNamespaceDependency() {
        write("mon.ramp", """
        namespace app [team=x] {
          deny ingress
          service api [app=api] ports metrics:9090
        }
        namespace mon {
          service prom [app=prom]
          prom -> namespaces [team=x]:metrics
        }

        """)
        let result = runRamp(["explain", "mon.ramp", "--from", "mon/prom", "--to", "app/api:9090"])
        XCTAssertEqual(result.status, 0, result.output + result.error)
        XCTAssertTrue(result.output.contains("    mon.ramp:7:3: prom -> namespaces [team=x]:metrics\n"), result.output)
    }

    func testConnectionErrors() {
        write("shop.ramp", shop)
        let cases: [([String], String)] = [
            (["--from", "shop/web", "--to", "shop/nope"], "unknown service 'nope' in namespace 'shop'; the namespace declares 'api', 'web'"),
            (["--from", "ops/prom", "--to", "ops/nope:80"], "unknown service 'nope' in namespace 'ops'; the namespace declares 'prom'"),
            (["--from", "shop/web", "--to", "shop/apii"], "unknown service 'apii' in namespace 'shop'; did you mean 'api'?"),
            (["--from", "shop/web", "--to", "shop/aip"], "unknown service 'aip' in namespace 'shop'; did you mean 'api'?"),
            (["--from", "shopp/web", "--to", "shop/api"], "unknown namespace 'shopp' in 'shopp/web'; did you mean 'shop'?"),
            (["--from", "shop/web", "--to", "billing/api:80"], "unknown namespace 'billing' in 'billing/api'; the contracts declare 'ops', 'shop'"),
            (["--from", "shop/web", "--to", "shop/api:htp"], "service 'shop/api' declares no port named 'htp'"),
            (["--from", "shop/web", "--to", "shop/api:http/udp"], "service 'shop/api' declares port 'http' over TCP, not UDP; drop '/udp' or give a port of the service over UDP"),
            (["--from", "shop/web", "--to", "shop/api:80/icmp"], "invalid port '80/icmp'; use a number from 1 to 65535 or a port name of the server, with an optional /tcp, /udp or /sctp"),
            (["--from", "shop/web:80", "--to", "shop/api"], "the client 'shop/web:80' takes no port; write the port after the server, as in 'namespace/service:80'"),
            (["--from", "web", "--to", "shop/api"], "invalid connection end 'web'; use 'namespace/service' or an IP address"),
            (["--from", "10.0.0.1", "--to", "10.0.0.2:80"], "both ends are outside the cluster, where no NetworkPolicy applies; one end must be a service"),
            (["--from", "shop/web", "--to", "10.0.0.2"], "'10.0.0.2' declares no ports; give one, such as '10.0.0.2:443'"),
        ]
        for (arguments, message) in cases {
            let result = runRamp(["explain", "shop.ramp"] + arguments)
            XCTAssertEqual(result.status, 2, arguments.joined(separator: " "))
            XCTAssertEqual(result.error, "ramp: error: \(message)\n")
        }
    }

    func testContractErrorsStopTheQuery() {
        write("broken.ramp", "namespace shop {\n  service web [app=web]\n  web -> api\n}\n")
        let result = runRamp(["explain", "broken.ramp", "--from", "shop/web", "--to", "shop/web:80"])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.error.contains("error: unknown service 'api' in namespace 'shop' [RAMP0201]"), result.error)
        XCTAssertEqual(result.output, "")
    }

    // MARK: - Arguments

    func testUsageErrors() {
        let cases: [([String], String)] = [
            (["explain"], "'ramp explain' takes a code, a YAML line or a connection; run 'ramp explain --help'"),
            (["explain", "foo"], "invalid argument 'foo' for 'ramp explain'; give a code such as RAMP0201 or a YAML line such as generated/shop.yaml:17"),
            (["explain", "shop.ramp", "--from", "a/b"], "'ramp explain' needs both '--from' and '--to' to explain a connection"),
            (["explain", "--from", "a/b", "--to", "c/d"], "'ramp explain' requires the contract files or directories that define the connection"),
            (["explain", "x.ramp", "a/b", "->"], "'->' needs a client before it and a server after it, such as 'shop/web -> shop/api:8080'"),
            (["explain", "x.ramp", "a/b -> "], "invalid connection 'a/b -> '; write it as 'shop/web -> shop/api:8080'"),
            (["explain", "x.ramp", "a/b -> c/d", "--from", "a/b", "--to", "c/d"],
             "'ramp explain' takes a connection either as '--from' and '--to' or as an arrow such as 'shop/web -> shop/api:8080', not both"),
            (["explain", "x.ramp", "a/b", "->", "c/d", "--from", "a/b"],
             "'ramp explain' takes a connection either as '--from' and '--to' or as an arrow such as 'shop/web -> shop/api:8080', not both"),
            (["explain", "RAMP9999"], "unknown diagnostic code 'RAMP9999'; codes look like RAMP0201"),
            (["explain", "RAMP0201", "--env", "staging"],
             "'--env' chooses the build that decides a connection; give it with '--from' and '--to' or an arrow"),
        ]
        for (arguments, message) in cases {
            let result = runRamp(arguments)
            XCTAssertEqual(result.status, 2, arguments.joined(separator: " "))
            XCTAssertEqual(result.error, "ramp: error: \(message)\n", arguments.joined(separator: " "))
        }
    }

    func testHelpNamesEveryForm() {
        let help = runRamp(["explain", "--help"]).output
        XCTAssertTrue(help.contains("ramp explain <code>"))
        XCTAssertTrue(help.contains("ramp explain <file>.yaml:<line>"))
        XCTAssertTrue(help.contains("ramp explain <path>... --from <client> --to <server>[:<port>] [--env <name>]"))
        XCTAssertTrue(runRamp(["explain", "RAMP0605"]).output.hasPrefix("RAMP0605 (duplicate-dependency, warning)\n\nA dependency is declared twice."))
    }
}
