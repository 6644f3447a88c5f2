/// Inputs of unusual shapes, each generated to a given size, on which no
/// command may take more than a second per megabyte.
///
/// Each shape stresses one dimension that realistic systems keep small: a
/// selector with thousands of labels, one statement with thousands of
/// targets, a network with thousands of excepts, a file that is one line.
/// Several of them once ran for many seconds per megabyte.
struct InputShape: Sendable {
    enum Command: String, Sendable {
        case build, check, lint, `import`
    }

    let name: String
    let command: Command
    /// The file name of the input, whose extension marks YAML or contracts.
    let fileName: String
    /// Returns the input of about the given number of bytes.
    let generate: @Sendable (Int) -> [UInt8]

    init(name: String, command: Command, fileName: String = "shape.ramp", text: @escaping @Sendable (Int) -> String) {
        self.name = name
        self.command = command
        self.fileName = fileName
        self.generate = { Array(text($0).utf8) }
    }

    init(name: String, command: Command, bytes: @escaping @Sendable (Int) -> [UInt8]) {
        self.name = name
        self.command = command
        self.fileName = "shape.ramp"
        self.generate = bytes
    }

    static let all: [InputShape] = [
        InputShape(name: "many small namespaces", command: .build, text: manyNamespaces),
        InputShape(name: "one namespace, dense dependencies", command: .build, text: denseNamespace),
        InputShape(name: "one selector of many labels", command: .build, text: longSelector),
        InputShape(name: "one statement of many targets", command: .build, text: fanOut),
        InputShape(name: "two services, a dependency per port", command: .build, text: dependencyPerPort),
        InputShape(name: "one dependency repeated", command: .build, text: repeatedDependency),
        InputShape(name: "one client of many networks", command: .build, text: manyNetworks),
        InputShape(name: "one network of many excepts", command: .build, text: manyExcepts),
        InputShape(name: "one service of many ports", command: .build, text: manyPorts),
        InputShape(name: "namespace selectors", command: .build, text: namespaceSelectors),
        InputShape(name: "one comment line", command: .build, text: longLine),
        InputShape(name: "invalid tokens", command: .build, text: invalidTokens),
        InputShape(name: "unclosed brackets", command: .build, text: unclosedBrackets),
        InputShape(name: "bytes that are not UTF-8", command: .build, bytes: randomBytes),
        // TODO: three drift checks cost more than 1 s/MB: many `only in`
        // statements about 2.7 s/MB, namespaces without a posture about 1.7,
        // and statements that isolate pods in one environment about 6.4.
        // Environments that differ in settings alone take about 0.9 s/MB,
        // because every check compiles the contracts without an environment
        // and then both environments at once. A statement `only in` one
        // environment adds the builds with one part substituted, where a
        // setting that changes every namespace, such as the cluster DNS,
        // compiles whole in each direction. It also adds the comparison of
        // classes (about 0.5 s/MB, of which building the cluster
        // abstraction takes 0.2) and a search per class that settings do
        // not explain, with a few small compilations each. Where statements
        // `only in` one environment isolate pods of many namespaces, the
        // differing classes grow with the square of the namespaces. The
        // check attributes at most its limit of classes then, which takes a
        // few seconds at any size.
        InputShape(name: "environments of many namespaces", command: .check, text: environments),
        InputShape(name: "environments, a port per namespace", command: .check, text: environmentsOfOwnPorts),
        InputShape(name: "many 'only in' statements", command: .check, text: scopedStatements),
        InputShape(name: "namespaces without a posture", command: .check, text: namespacesWithoutPosture),
        InputShape(name: "isolation only in one environment", command: .check, text: isolatingStatements),
        InputShape(name: "NetworkPolicy YAML", command: .lint, fileName: "shape.yaml", text: policyYAML),
        InputShape(name: "NetworkPolicy YAML, 20 per namespace", command: .lint, fileName: "shape.yaml", text: namespacesOfPolicies),
        InputShape(name: "NetworkPolicy YAML", command: .import, fileName: "shape.yaml", text: policyYAML),
    ]

    // MARK: - Contracts

    private static func repeated(_ bytes: Int, header: String = "", footer: String = "", _ item: (Int) -> String) -> String {
        var text = header
        var index = 0
        while text.utf8.count + footer.utf8.count < bytes {
            text += item(index)
            index += 1
        }
        return text + footer
    }

    private static func manyNamespaces(_ bytes: Int) -> String {
        repeated(bytes) { index in
            "namespace n\(index) {\n  service api [app=api] ports http:8080\n  service web [app=web]\n  web -> api:http\n}\n"
        }
    }

    private static func denseNamespace(_ bytes: Int) -> String {
        // Services first, then two dependencies each, about 90 bytes per service.
        let count = max(2, bytes / 90)
        let services = (0..<count).map { "  service s\($0) [app=s\($0), tier=t\($0 % 7)] ports http:\(8000 + $0 % 50)\n" }
        let dependencies = (0..<count).map { "  s\($0) -> s\(($0 * 7 + 1) % count):http, s\(($0 * 13 + 5) % count):http\n" }
        return "namespace dense {\n" + services.joined() + dependencies.joined() + "}\n"
    }

    private static func longSelector(_ bytes: Int) -> String {
        let count = max(1, bytes / 14)
        let labels = (0..<count).map { "k\($0)=v\($0)" }.joined(separator: ", ")
        return "namespace wide {\n  service a [\(labels)] ports http:80\n  service b [app=b]\n  b -> a:http\n}\n"
    }

    private static func fanOut(_ bytes: Int) -> String {
        let count = max(2, bytes / 60)
        let services = (0..<count).map { "  service s\($0) [app=s\($0)] ports http:80\n" }.joined()
        let targets = (1..<count).map { "s\($0):http" }.joined(separator: ", ")
        let clients = (1..<count).map { "s\($0)" }.joined(separator: ", ")
        return "namespace fan {\n\(services)  s0 -> \(targets)\n  \(clients) -> s0:http\n}\n"
    }

    /// Lines between the same two services, each on a port of its own, so
    /// that the checks and the optimizer meet one group of thousands.
    private static func dependencyPerPort(_ bytes: Int) -> String {
        repeated(bytes, header: "namespace ports {\n  service a [app=a]\n  service b [app=b]\n", footer: "}\n") { index in
            "  a -> b:\(index % 65_535 + 1)/\(index < 65_535 ? "tcp" : "udp")\n"
        }
    }

    /// One line repeated, as a generator or a careless merge writes it:
    /// every repetition is a warning and an origin of one rule.
    private static func repeatedDependency(_ bytes: Int) -> String {
        repeated(bytes, header: "namespace copies {\n  service a [app=a]\n  service b [app=b]\n", footer: "}\n") { _ in
            "  a -> b:80\n"
        }
    }

    private static func manyNetworks(_ bytes: Int) -> String {
        let count = min(65_536, max(1, bytes / 120))
        let networks = (0..<count).map { index in
            let prefix = "10.\(index / 256).\(index % 256)"
            return "network net\(index) = \(prefix).0/24 except (\(prefix).0/28, \(prefix).16/28)\n"
        }.joined()
        let targets = (0..<count).map { "network net\($0)" }.joined(separator: ", ")
        return networks + "namespace client {\n  service a [app=a]\n  a -> \(targets)\n}\n"
    }

    private static func manyExcepts(_ bytes: Int) -> String {
        let count = min(65_536, max(1, bytes / 16))
        let excepts = (0..<count).map { "10.\($0 / 256).\($0 % 256).0/28" }.joined(separator: ", ")
        return "network big = 10.0.0.0/8 except (\(excepts))\nnamespace client {\n  service a [app=a]\n  a -> network big\n}\n"
    }

    private static func manyPorts(_ bytes: Int) -> String {
        let count = min(30_000, max(1, bytes / 30))
        let ports = (0..<count).map { "p\($0):\(1000 + 2 * $0)" }.joined(separator: ", ")
        let names = (0..<count).map { "p\($0)" }.joined(separator: ", ")
        return "namespace ports {\n  service a [app=a] ports \(ports)\n  service b [app=b]\n  b -> a:(\(names))\n}\n"
    }

    private static func namespaceSelectors(_ bytes: Int) -> String {
        repeated(bytes) { index in
            """
            namespace n\(index) [team=t\(index % 10), env=e\(index % 3)] {
              service a [app=a] ports http:80
              a -> namespaces [team=t\((index + 1) % 10)]:http
              a -> namespaces [env=e\(index % 3)]
            }

            """
        }
    }

    // MARK: - Input that is not a contract

    private static func longLine(_ bytes: Int) -> String {
        "# " + String(repeating: "x", count: max(0, bytes - 80)) + "\nnamespace a {\n  service s [app=s]\n}\n"
    }

    private static func invalidTokens(_ bytes: Int) -> String {
        repeated(bytes) { _ in "@@ !! %% ^^ service -> [ ] } { ::\n" }
    }

    private static func unclosedBrackets(_ bytes: Int) -> String {
        repeated(bytes, header: "namespace a {\n  service s [") { index in "k\(index)=v, (" }
    }

    private static func randomBytes(_ bytes: Int) -> [UInt8] {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        return (0..<bytes).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 56)
        }
    }

    // MARK: - Environments and YAML

    /// The profile that the two environment shapes declare first.
    private static let kindProfile = """
        profile kind {
          kubernetes 1.30
          dns pods kube-system [k8s-app=kube-dns] ports 53/udp, 53/tcp
        }

        """

    /// Returns one namespace of the environment shapes, whose services call
    /// each other and the previous namespace, with `members` added. With
    /// `ownPorts`, its services listen on ports that no other namespace
    /// uses, which gives every difference as many port boundaries as there
    /// are namespaces.
    private static func environmentNamespace(_ index: Int, members: String = "", ownPorts: Bool = false) -> String {
        let (http, grpc) = ownPorts ? (1024 + index % 20000, "\(30000 + index % 20000)") : (8080, "9000-9005")
        return """
        namespace m\(index) {
          deny all
          service svc0 [app=s0] ports http:\(http)
          service svc1 [app=s1] ports http:\(http), grpc:\(grpc)
          svc0 -> svc1:http, svc1:grpc
          svc1 -> m\(index == 0 ? 0 : index - 1)/svc0:http
        \(members)}

        """
    }

    private static let enforcementDifference = """
        environment staging {
          profile kind
          enforce * ingress, egress
        }
        environment production {
          profile kind
          enforce * ingress
        }

        """

    private static func environments(_ bytes: Int) -> String {
        repeated(bytes, header: kindProfile + enforcementDifference) { environmentNamespace($0) }
    }

    private static func environmentsOfOwnPorts(_ bytes: Int) -> String {
        repeated(bytes, header: kindProfile + enforcementDifference) { environmentNamespace($0, ownPorts: true) }
    }

    /// Environments that differ in profile, a parameter and enforcement, with
    /// a service and a dependency that apply in staging only in every fifth
    /// namespace.
    private static func scopedStatements(_ bytes: Int) -> String {
        let settings = """
        profile other {
          kubernetes 1.29
          dns pods openshift-dns [dns=default] ports 5353/udp, 5353/tcp
        }
        parameter backup = 198.51.100.0/24
        network offsite = parameter backup
        environment staging {
          profile kind
          set backup = 192.0.2.0/24
          enforce * ingress, egress
        }
        environment production {
          profile other
          enforce * ingress
          enforce m0 ingress, egress
        }

        """
        let scoped = """
          service probe [app=probe] only in staging
          probe -> svc1:http only in staging
          svc0 -> network offsite

        """
        return repeated(bytes, header: kindProfile + settings) { index in
            environmentNamespace(index, members: index % 5 == 0 ? scoped : "")
        }
    }

    /// Namespaces without a posture whose environments differ in ingress
    /// enforcement, so that each service is isolated for ingress in one
    /// environment only. Every namespace's pods then differ towards every
    /// service, so the comparison of the two environments differs on a
    /// number of classes that grows with the square of the namespaces. One
    /// statement `only in` one environment makes the drift check compare
    /// the classes, which it skips where settings alone differ.
    private static func namespacesWithoutPosture(_ bytes: Int) -> String {
        let header = kindProfile + """
            environment staging {
              profile kind
              enforce * ingress, egress
            }
            environment production {
              profile kind
              enforce * egress
            }

            """
        return repeated(bytes, header: header) { index in
            """
            namespace t\(index) {
              service probe [app=probe]
              service target [app=target] ports 80
              service other [app=other] ports 81
              probe -> target:80
              target -> t\(index == 0 ? 0 : index - 1)/other:81
            \(index == 0 ? "  probe -> other:81 only in staging\n" : "")}

            """
        }
    }

    /// Namespaces in a ring, each with a statement `only in` production
    /// that isolates a pod of its own for egress and one of the next
    /// namespace for ingress. Every pair of namespaces then differs in
    /// undeclared drift, in classes whose number grows with the square of
    /// the namespaces, so the drift check stops at its limit of classes.
    private static func isolatingStatements(_ bytes: Int) -> String {
        let header = """
            environment staging {
              enforce * ingress, egress
            }
            environment production {
              enforce * ingress, egress
            }

            """
        let count = max(2, bytes / 140)
        return header + (0..<count).map { index in
            """
            namespace n\(index) {
              service a [app=a] ports http:80
              service b [app=b] ports http:80
              a -> b:http
              b -> n\((index + 1) % count)/a:http only in production
            }

            """
        }.joined()
    }

    /// Namespaces of a deny-all policy and 20 policies, one per service,
    /// each admitting the next service and a team's namespaces, so that the
    /// redundancy check of `ramp lint` compares many policies per namespace.
    private static func namespacesOfPolicies(_ bytes: Int) -> String {
        repeated(bytes) { index in
            let denyAll = """
                ---
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: deny-all, namespace: n\(index)}
                spec: {podSelector: {}, policyTypes: [Ingress, Egress]}

                """
            return denyAll + (0..<20).map { service in
                """
                ---
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: s\(service), namespace: n\(index)}
                spec:
                  podSelector: {matchLabels: {app: s\(service)}}
                  policyTypes: [Ingress]
                  ingress:
                  - from:
                    - podSelector: {matchLabels: {app: s\((service + 1) % 20)}}
                    - namespaceSelector: {matchLabels: {team: t\(index % 4)}}
                    ports: [{protocol: TCP, port: \(1000 + service)}]

                """
            }.joined()
        }
    }

    private static func policyYAML(_ bytes: Int) -> String {
        repeated(bytes) { index in
            """
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: api
              namespace: n\(index)
            spec:
              podSelector:
                matchLabels:
                  app: api
              policyTypes:
              - Ingress
              ingress:
              - from:
                - podSelector:
                    matchLabels:
                      app: web
                ports:
                - protocol: TCP
                  port: 8080

            """
        }
    }
}
