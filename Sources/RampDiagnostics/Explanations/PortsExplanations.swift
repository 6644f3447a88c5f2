extension Explanations {
    static let ports: [Int: String] = [
        301: """
            A dependency names a port that the target service does not declare.

            A named port such as `api:http` is resolved against the `ports` of the
            service it follows. Declare the port on the service, or use a name it
            declares.

            Erroneous example:

            ```ramp
            namespace shop {
                service web [app=web]
                service api [app=api] ports http:8080
                web -> api:htp
            }
            ```

            Corrected example:

            ```ramp
            namespace shop {
                service web [app=web]
                service api [app=api] ports http:8080
                web -> api:http
            }
            ```
            """,

        302: """
            A dependency uses a port number that the target service does not declare.

            A rule on a port that no container listens on allows nothing the pods
            serve. The usual cause is a Kubernetes Service port, such as 80, written
            where the container port behind it, such as 8080, belongs: a
            NetworkPolicy applies after the Service has translated the port. When
            the number is 80 or 443 and the service declares one port of that
            protocol, the diagnostic suggests it. Use a declared port, or declare the
            port on the service.

            Erroneous example:

            ```ramp
            namespace shop {
                service web [app=web]
                service api [app=api] ports http:8080
                web -> api:80
            }
            ```

            Corrected example:

            ```ramp
            namespace shop {
                service web [app=web]
                service api [app=api] ports http:8080
                web -> api:8080
            }
            ```
            """,

        303: """
            A port number is outside 1 to 65535.

            TCP, UDP and SCTP port numbers are 16-bit, and Kubernetes rejects port 0
            in a NetworkPolicy.

            Erroneous example:

            ```ramp
            namespace shop {
                service api [app=api] ports http:80800
            }
            ```

            Corrected example:

            ```ramp
            namespace shop {
                service api [app=api] ports http:8080
            }
            ```
            """,

        304: """
            A port range ends before it starts.

            A range `first-last` covers the ports from `first` to `last`, both
            included, and becomes a NetworkPolicy port with `endPort`. Kubernetes
            requires `endPort` to be at least `port`.

            Erroneous example:

            ```ramp
            namespace shop {
                service api [app=api]
                api -> internet:9000-8000
            }
            ```

            Corrected example:

            ```ramp
            namespace shop {
                service api [app=api]
                api -> internet:8000-9000
            }
            ```
            """,

        305: """
            A port has a protocol other than tcp, udp or sctp.

            These are the only protocols that a NetworkPolicy port can name. A port
            without a protocol is TCP.

            Erroneous example:

            ```ramp
            namespace shop {
                service dns [app=dns] ports dns:53/dns
            }
            ```

            Corrected example:

            ```ramp
            namespace shop {
                service dns [app=dns] ports dns:53/udp
            }
            ```
            """,

        306: """
            A port name does not follow Kubernetes' rules.

            Kubernetes requires a port name to be at most 15 characters of lowercase
            letters, digits and `-`, with at least one letter, and with no `-` at
            either end or twice in a row. The message gives the rule that the name
            breaks.

            Erroneous example:

            ```ramp
            namespace shop {
                service api [app=api] ports HTTP_Main:8080
            }
            ```

            Corrected example:

            ```ramp
            namespace shop {
                service api [app=api] ports http-main:8080
            }
            ```
            """,

        307: """
            A dependency on an address outside the cluster uses a named port.

            A named port is resolved by Kubernetes from the container ports of the
            selected pods. Addresses outside the cluster have no pods, so the name
            cannot be resolved. Use the port number.

            Erroneous example:

            ```ramp
            namespace shop {
                service api [app=api]
                api -> internet:https
            }
            ```

            Corrected example:

            ```ramp
            namespace shop {
                service api [app=api]
                api -> internet:443
            }
            ```
            """,

        308: """
            A port range needs `endPort`, which the target Kubernetes version does not
            support.

            A range such as `30000-30100` becomes `port: 30000` with `endPort: 30100`.
            `endPort` is stable from Kubernetes 1.25; an older API server drops the
            field without an error, and the rule would then admit only the first
            port of the range. Target 1.25 or later with `--kube-version`, or list
            the ports one by one.

            Erroneous example, built with `ramp build --kube-version 1.24`:

            ```ramp
            namespace media {
                service rtp [app=rtp] ports 30000-30100/udp
                internet -> rtp
            }
            ```

            Corrected example, built with `ramp build --kube-version 1.25`: the same
            contract.
            """,
    ]
}
