extension Explanations {
    static let names: [Int: String] = [
        201: """
            A dependency names a service that no contract declares.

            Every service on either side of `->` must be declared with `service` in
            the namespace, because ramp needs its label selector to build the
            policy's pod selector. Check the spelling, or declare the service.

            Erroneous example:

            ```ramp
            namespace shop {
                service api [app=api] ports http:8080
                web -> api:http
            }
            ```

            Corrected example:

            ```ramp
            namespace shop {
                service api [app=api] ports http:8080
                service web [app=web]
                web -> api:http
            }
            ```
            """,

        202: """
            A service reference names a namespace that no contract declares.

            A service in another namespace, such as `billing/api`, is compiled to the
            label selector of its declaration, so its namespace must be declared in
            some contract, with the service. Check the spelling, or declare the
            namespace. A `namespace NAME` endpoint, in contrast, may name a namespace
            that no contract declares, such as `kube-system`.

            Erroneous example:

            ```ramp
            namespace shop {
                service web [app=web]
                web -> billing/api:8443
            }
            ```

            Corrected example:

            ```ramp
            namespace billing {
                service api [app=api] ports 8443
            }

            namespace shop {
                service web [app=web]
                web -> billing/api:8443
            }
            ```
            """,

        203: """
            A dependency names a network that no contract declares.

            A peer such as `network corp` stands for the CIDRs of a `network`
            declaration. Declare the network, or correct its name.

            Erroneous example:

            ```ramp
            namespace shop {
                service api [app=api]
                api -> network corp:5432
            }
            ```

            Corrected example:

            ```ramp
            network corp = 10.20.0.0/16

            namespace shop {
                service api [app=api]
                api -> network corp:5432
            }
            ```
            """,

        204: """
            A service is declared twice in one namespace.

            A service name identifies one set of pods and names the NetworkPolicy
            generated for it, so it must be unique in its namespace. Merge the two
            declarations, or rename one of them.

            Erroneous example:

            ```ramp
            namespace shop {
                service api [app=api] ports http:8080
                service api [app=api] ports grpc:9090
            }
            ```

            Corrected example:

            ```ramp
            namespace shop {
                service api [app=api] ports http:8080, grpc:9090
            }
            ```
            """,

        205: """
            A network is declared twice.

            Network names are global, so two declarations of one name would make
            `network NAME` ambiguous. Merge the CIDRs into one declaration, or
            rename one network.

            Erroneous example:

            ```ramp
            network corp = 10.20.0.0/16
            network corp = 10.30.0.0/16
            ```

            Corrected example:

            ```ramp
            network corp = 10.20.0.0/16, 10.30.0.0/16
            ```
            """,

        206: """
            A namespace states its posture twice.

            The posture, such as `deny ingress, egress`, says which directions are
            closed unless a dependency opens them. It applies to the whole namespace,
            so it is stated once, listing every direction in one statement.

            Erroneous example:

            ```ramp
            namespace shop {
                deny ingress
                deny egress
            }
            ```

            Corrected example:

            ```ramp
            namespace shop {
                deny ingress, egress
            }
            ```
            """,

        207: """
            A namespace states its DNS setting twice.

            The DNS setting, `dns on` (the default) or `dns off`, decides whether the
            egress-isolated pods of a namespace may reach the cluster's DNS service.
            It applies to the whole namespace, so it is stated once.

            Erroneous example:

            ```ramp
            namespace shop {
                deny egress
                dns off
                dns on
            }
            ```

            Corrected example:

            ```ramp
            namespace shop {
                deny egress
                dns off
            }
            ```
            """,

        208: """
            A namespace is declared with different labels in different places.

            A namespace may be declared in several contracts, but its labels become
            the namespace selector that other namespaces use to reach it, so every
            declaration must carry the same labels. Declare the labels once, or
            repeat them exactly.

            Erroneous example:

            ```ramp
            namespace shop [team=web] {
            }

            namespace shop [team=payments] {
            }
            ```

            Corrected example:

            ```ramp
            namespace shop [team=web] {
            }

            namespace shop [team=web] {
            }
            ```
            """,

        209: """
            A service declares one port name twice.

            A dependency refers to a port by its name, as in `api:http`, so each name
            must stand for one port. Kubernetes also rejects a pod whose containers
            repeat a port name.

            Erroneous example:

            ```ramp
            namespace shop {
                service api [app=api] ports http:8080, http:8081
            }
            ```

            Corrected example:

            ```ramp
            namespace shop {
                service api [app=api] ports http:8080, admin:8081
            }
            ```
            """,

        210: """
            A service has the name that ramp reserves for the namespace-wide policy.

            Each service's NetworkPolicy is named after the service. The policy
            that carries a namespace's posture and namespace-wide rules is named
            `namespace-default`, and a service with that name would overwrite it.
            Rename the service.

            Erroneous example:

            ```ramp
            namespace shop {
                service namespace-default [app=gate]
            }
            ```

            Corrected example:

            ```ramp
            namespace shop {
                service gate [app=gate]
            }
            ```
            """,

        601: """
            A `namespace` endpoint names a namespace that no contract declares, and
            the name is close to one that is declared.

            A `namespace NAME` endpoint may name a namespace that ramp does not
            manage, such as `kube-system`, so an unknown name is not an error. A
            name one or two edits away from a declared namespace is usually a typo,
            and the rule would then admit or reach nothing.

            Erroneous example:

            ```ramp
            namespace monitoring {
                service prometheus [app=prometheus]
                prometheus -> namespace paymnts:9090
            }
            namespace payments {
                service api [app=api] ports 9090
            }
            ```

            Corrected example:

            ```ramp
            namespace monitoring {
                service prometheus [app=prometheus]
                prometheus -> namespace payments:9090
            }
            namespace payments {
                service api [app=api] ports 9090
            }
            ```
            """,
    ]
}
