extension Explanations {
    static let warnings: [Int: String] = [
        602: """
            A service appears in no dependency, neither as a client nor as a server.

            ramp writes a policy for a service only when a dependency names it, so
            the declaration has no effect of its own. In a namespace that denies
            ingress, its pods accept no connection at all. Usually a dependency
            was forgotten. Add it, or remove the service.

            Erroneous example:

            ```ramp
            namespace shop {
                deny all
                service web [app=web]
                service api [app=api] ports http:8080
                service cache [app=cache] ports redis:6379
                web -> api:http
            }
            ```

            Corrected example:

            ```ramp
            namespace shop {
                deny all
                service web [app=web]
                service api [app=api] ports http:8080
                service cache [app=cache] ports redis:6379
                web -> api:http
                api -> cache:redis
            }
            ```
            """,

        603: """
            A service selector pins a label whose value changes with every rollout.

            Controllers label the pods of each rollout with a hash of the pod
            template: `pod-template-hash` (Deployments), `controller-revision-hash`
            (StatefulSets and DaemonSets) and `rollouts-pod-template-hash` (Argo
            Rollouts). By convention `version`, `app.kubernetes.io/version` and
            `helm.sh/chart` carry a version. A selector that requires one of these
            labels with `=` or `in` matches only the current pods, so the pods of
            the next rollout fall outside the contract. Select by a label that
            stays, such as `app`.

            Erroneous example:

            ```ramp
            namespace shop {
                service web [app=web]
                service api [app=api, pod-template-hash=5d8f7c9b6] ports http:8080
                web -> api:http
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

        604: """
            Two services of one namespace have selectors that can match the same pod.

            A pod that both selectors match is selected by the policies of both
            services, and policies add up, so the pod may make and accept the
            connections of both. The warning names a label set that both selectors
            match. Make the selectors exclusive, for example with a label that one
            requires and the other excludes.

            Erroneous example, where the canary pods are also `api` pods:

            ```ramp
            namespace shop {
                service web [app=web]
                service api [app=api] ports http:8080
                service api-canary [app=api, track=canary] ports http:8080
                web -> api:http, api-canary:http
            }
            ```

            Corrected example:

            ```ramp
            namespace shop {
                service web [app=web]
                service api [app=api, track!=canary] ports http:8080
                service api-canary [app=api, track=canary] ports http:8080
                web -> api:http, api-canary:http
            }
            ```
            """,

        605: """
            A dependency is declared twice.

            Two dependencies with the same client, server and ports allow the same
            connections, however their ports are spelled: `api:http` and
            `api:8080` are one dependency when `http` is 8080. The output does not
            change, but the repetition is often a copy that was meant to name
            another service or port. Remove it, or correct it.

            Erroneous example:

            ```ramp
            namespace shop {
                service web [app=web]
                service api [app=api] ports http:8080
                web -> api:http
                web -> api:8080
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

        606: """
            A dependency allows nothing that a broader dependency does not already
            allow.

            A dependency is covered when another one has the same or a wider
            client, server and ports: `cluster` and `namespace NAME` include every
            service of their namespaces, a network includes the addresses of a
            smaller one, and a port list includes its subsets. Either the narrow
            dependency is redundant, or the broad one allows more than was meant.
            Remove the narrow one, or narrow the broad one.

            Erroneous example:

            ```ramp
            namespace monitoring {
                service prometheus [app=prometheus]
                prometheus -> cluster:9090
                prometheus -> shop/api:9090
            }

            namespace shop {
                service api [app=api] ports metrics:9090
            }
            ```

            Corrected example:

            ```ramp
            namespace monitoring {
                service prometheus [app=prometheus]
                prometheus -> shop/api:9090
            }

            namespace shop {
                service api [app=api] ports metrics:9090
            }
            ```
            """,

        607: """
            DNS is off in a namespace whose egress-isolated pods call a service.

            Pods reach a service through the DNS name of its Kubernetes Service.
            With `dns off`, ramp adds no rule to cluster DNS, so an egress-isolated
            pod cannot look the name up, and the call fails even though a
            dependency allows it. A service that calls another is always
            egress-isolated. Remove `dns off`, or keep it only in namespaces whose
            pods reach nothing but addresses given by CIDR.

            Erroneous example:

            ```ramp
            namespace shop {
                deny all
                dns off
                service web [app=web]
                service api [app=api] ports http:8080
                web -> api:http
            }
            ```

            Corrected example:

            ```ramp
            namespace shop {
                deny all
                service web [app=web]
                service api [app=api] ports http:8080
                web -> api:http
            }
            ```
            """,
    ]
}
