extension Explanations {
    static let environments: [Int: String] = [
        211: """
            An environment names a profile that no contract declares.

            A profile holds the facts of one kind of cluster, such as where DNS
            runs. Declare it with `profile NAME { ... }` at the top level of any
            contract file, or correct the name.

            Erroneous example:

            ```ramp
            environment production {
              profile gke
            }
            ```

            Corrected example:

            ```ramp
            profile gke {
              kubernetes 1.30
            }
            environment production {
              profile gke
            }
            ```
            """,

        212: """
            A network or an environment refers to a parameter that no contract
            declares.

            Parameters are values, such as a CIDR, that differ between
            environments. Declare each one once with `parameter NAME`.

            Erroneous example:

            ```ramp
            network backup = parameter backup-network
            ```

            Corrected example:

            ```ramp
            parameter backup-network = 198.51.100.0/24
            network backup = parameter backup-network
            ```
            """,

        213: """
            `ramp build --env NAME`, or the `only in` clause of a statement, names
            an environment that no contract declares.

            Declare the environment with `environment NAME { ... }`, or use one of
            the declared names; the message lists them.

            Erroneous example, built with `ramp build --env prod`:

            ```ramp
            environment production {
              enforce * ingress, egress
            }
            ```

            Corrected example, built with `ramp build --env production`: the same
            contract.
            """,

        214: """
            A profile, parameter or environment is declared twice.

            Each of these is declared once, in any file, and used everywhere. Keep
            one declaration and remove or rename the other.

            Erroneous example:

            ```ramp
            parameter office
            parameter office
            ```

            Corrected example:

            ```ramp
            parameter office
            ```
            """,

        215: """
            A network uses a parameter that has no value in the environment being
            built.

            Give the parameter a value with `set NAME = CIDR` in the environment, or
            a default in its declaration, which builds without `--env` use.

            Erroneous example:

            ```ramp
            parameter backup-network
            network backup = parameter backup-network
            ```

            Corrected example:

            ```ramp
            parameter backup-network = 198.51.100.0/24
            network backup = parameter backup-network
            ```
            """,

        216: """
            A dependency uses `apiserver`, but the profile of the environment being
            built declares no API server endpoints, or the build has no
            environment.

            NetworkPolicy sees the API server's endpoint addresses and its pod port
            (usually 6443), not the `kubernetes` Service's 443, and both differ
            between clusters. Declare them in the profile with
            `apiserver CIDR port 6443` and build with `--env`. The build without
            `--env` knows no API server, so a dependency on it there needs
            `only in` and the environments that have one.

            Erroneous example:

            ```ramp
            namespace ops {
              service operator [app=operator]
              operator -> apiserver
            }
            ```

            Corrected example:

            ```ramp
            profile kind {
              apiserver 172.18.0.2/32 port 6443
            }
            environment dev {
              profile kind
            }
            namespace ops {
              service operator [app=operator]
              operator -> apiserver only in dev
            }
            ```
            """,

        217: """
            A profile setting has a value that ramp does not understand.

            `kubernetes` takes a version such as `1.30`, `ip-families` takes `ipv4`
            and `ipv6`, and `sctp` and `port-ranges` take `enforced` or
            `unenforced`.

            Erroneous example:

            ```ramp
            profile lab {
              sctp maybe
            }
            ```

            Corrected example:

            ```ramp
            profile lab {
              sctp unenforced
            }
            ```
            """,

        218: """
            An environment states the enforcement of one namespace, or of `*`, twice.

            Each namespace has one line that lists every enforced direction; merge
            the lines.

            Erroneous example:

            ```ramp
            namespace shop {
              deny all
            }
            environment staging {
              enforce shop ingress
              enforce shop egress
            }
            ```

            Corrected example:

            ```ramp
            namespace shop {
              deny all
            }
            environment staging {
              enforce shop ingress, egress
            }
            ```
            """,

        690: """
            A network or CIDR overlaps the pod network declared in the profile.

            The Kubernetes documentation leaves it to the network plugin whether an
            `ipBlock` matches traffic of pods, whose addresses change on every
            restart. Select pods with a service or a namespace instead, and keep
            `ipBlock` for addresses outside the cluster.

            Erroneous example, built with `ramp build --env prod`:

            ```ramp
            profile cloud {
              pod-network 10.244.0.0/16
            }
            environment prod {
              profile cloud
            }
            namespace shop {
              service web [app=web]
              web -> 10.244.3.0/24:5432
            }
            ```

            Corrected example, built the same way:

            ```ramp
            profile cloud {
              pod-network 10.244.0.0/16
            }
            environment prod {
              profile cloud
            }
            namespace shop {
              service web [app=web]
              service db [app=db] ports 5432
              web -> db:5432
            }
            ```
            """,

        691: """
            A rule names SCTP ports in an environment whose profile says that the
            network plugin does not enforce SCTP.

            Such a plugin ignores SCTP in policies, so the rule restricts nothing
            there. Enforce SCTP in the plugin, or do not rely on the rule.

            Erroneous example, built with `ramp build --env prod`:

            ```ramp
            profile legacy {
              sctp unenforced
            }
            environment prod {
              profile legacy
            }
            namespace telco {
              service amf [app=amf] ports 38412/sctp
              internet -> amf
            }
            ```

            Corrected example, built the same way once the plugin enforces SCTP:

            ```ramp
            profile legacy {
              sctp enforced
            }
            environment prod {
              profile legacy
            }
            namespace telco {
              service amf [app=amf] ports 38412/sctp
              internet -> amf
            }
            ```
            """,

        692: """
            A rule has a port range in an environment whose profile says that the
            network plugin ignores `endPort`.

            A plugin that ignores `endPort` admits only the first port of the
            range. Enable `endPort` support in the plugin, or list the ports.

            Erroneous example, built with `ramp build --env prod`:

            ```ramp
            profile old-cni {
              port-ranges unenforced
            }
            environment prod {
              profile old-cni
            }
            namespace media {
              service rtp [app=rtp] ports 30000-30002/udp
              internet -> rtp
            }
            ```

            Corrected example, built the same way:

            ```ramp
            profile old-cni {
              port-ranges unenforced
            }
            environment prod {
              profile old-cni
            }
            namespace media {
              service rtp [app=rtp] ports 30000/udp, 30001/udp, 30002/udp
              internet -> rtp
            }
            ```
            """,
    ]
}
