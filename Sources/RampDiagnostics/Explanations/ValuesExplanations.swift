extension Explanations {
    static let values: [Int: String] = [
        401: """
            A CIDR does not parse.

            A CIDR is an IPv4 or IPv6 address, a `/` and a prefix length: at most 32
            for IPv4 and 128 for IPv6. A contract must also write the network
            address: `10.1.2.3/16` is rejected, as it suggests a single host where
            NetworkPolicy would match all of `10.1.0.0/16`.

            Erroneous example:

            ```ramp
            network corp = 10.20.0.1/16
            ```

            Corrected example:

            ```ramp
            network corp = 10.20.0.0/16
            ```
            """,

        402: """
            An except block is not inside the CIDR it belongs to.

            An `except` block removes addresses from a network's CIDR, and Kubernetes
            requires each one to lie inside that CIDR. An except block outside it
            would remove nothing, so it is most likely a typo.

            Erroneous example:

            ```ramp
            network corp = 10.20.0.0/16 except 10.30.0.0/24
            ```

            Corrected example:

            ```ramp
            network corp = 10.20.0.0/16 except 10.20.9.0/24
            ```
            """,

        403: """
            An except block is of another IP family than its CIDR.

            An IPv6 block cannot lie inside an IPv4 CIDR, or the other way round.
            Declare the addresses of each family in a CIDR of their own.

            Erroneous example:

            ```ramp
            network corp = 10.20.0.0/16 except fd00::/8
            ```

            Corrected example:

            ```ramp
            network corp = 10.20.0.0/16 except 10.20.9.0/24
            ```
            """,

        404: """
            A label key does not follow Kubernetes' rules.

            A label key is an optional DNS subdomain prefix and a `/`, then a name of
            at most 63 characters: letters, digits, `-`, `_` and `.`, beginning and
            ending with a letter or digit. The message gives the rule that the key
            breaks.

            Erroneous example:

            ```ramp
            namespace shop {
                service api [-app=api]
            }
            ```

            Corrected example:

            ```ramp
            namespace shop {
                service api [app=api]
            }
            ```
            """,

        405: """
            A label value does not follow Kubernetes' rules.

            A label value is empty or at most 63 characters of letters, digits, `-`,
            `_` and `.`, beginning and ending with a letter or digit. The message
            gives the rule that the value breaks.

            Erroneous example:

            ```ramp
            namespace shop {
                service api [app="api/v2"]
            }
            ```

            Corrected example:

            ```ramp
            namespace shop {
                service api [app=api-v2]
            }
            ```
            """,

        406: """
            A namespace name does not follow Kubernetes' rules.

            A namespace name is a DNS label: at most 63 characters of lowercase
            letters, digits and `-`, beginning and ending with a letter or digit.

            Erroneous example:

            ```ramp
            namespace Shop_EU {
            }
            ```

            Corrected example:

            ```ramp
            namespace shop-eu {
            }
            ```
            """,

        407: """
            A service name cannot name a NetworkPolicy.

            ramp names each service's NetworkPolicy after the service, and
            Kubernetes requires object names to be DNS subdomains: at most 253
            characters of lowercase letters, digits, `-` and `.`, beginning and
            ending with a letter or digit.

            Erroneous example:

            ```ramp
            namespace shop {
                service Web_Frontend [app=web]
            }
            ```

            Corrected example:

            ```ramp
            namespace shop {
                service web-frontend [app=web]
            }
            ```
            """,

        408: """
            A service has a selector with no requirement.

            An empty selector selects every pod in the namespace, so a policy meant
            for one service would apply to all of them. Give the service at least
            one label that only its pods carry.

            Erroneous example:

            ```ramp
            namespace shop {
                service api [] ports http:8080
            }
            ```

            Corrected example:

            ```ramp
            namespace shop {
                service api [app=api] ports http:8080
            }
            ```
            """,

        409: """
            A dependency connects two addresses that are both outside the cluster.

            A NetworkPolicy governs traffic to or from the pods it selects. A
            connection between two external addresses passes no selected pod, so no
            policy can allow or block it. One side of `->` must be a service or a
            namespace.

            Erroneous example:

            ```ramp
            network corp = 10.20.0.0/16

            namespace shop {
                network corp -> internet:443
            }
            ```

            Corrected example:

            ```ramp
            network corp = 10.20.0.0/16

            namespace shop {
                service proxy [app=proxy] ports 443
                network corp -> proxy:443
                proxy -> internet:443
            }
            ```
            """,

        410: """
            A service has a selector whose requirements no pod meets together.

            Every requirement of a selector must hold, so two values for one
            label, or a value that `notin` excludes, or `exists` beside `!key`,
            select no pod at all. Every rule for the service would then name
            nothing, and the pods meant would stay isolated or unprotected.
            Keep the requirements that the service's pods meet, or use `in` to
            accept several values.

            Erroneous example:

            ```ramp
            namespace shop {
              deny all
              service api [app=api, app=backend] ports http:8080
              service web [app=web]
              web -> api:http
            }
            ```

            Corrected example:

            ```ramp
            namespace shop {
              deny all
              service api [app in (api, backend)] ports http:8080
              service web [app=web]
              web -> api:http
            }
            ```
            """,
    ]
}
