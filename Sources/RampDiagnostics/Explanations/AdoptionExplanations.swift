extension Explanations {
    static let adoption: [Int: String] = [
        901: """
            A peer list holds a peer with only a namespace selector and a peer with
            only a pod selector.

            Kubernetes admits a connection when any peer of the list matches, so the
            rule below admits every pod of the monitoring namespaces and, separately,
            the pods labelled `app=prometheus` of the policy's own namespace. Usually
            the author meant the Prometheus pods of the monitoring namespaces, which
            is one peer with both selectors.

            ```yaml
            from:
            - namespaceSelector:
                matchLabels:
                  kubernetes.io/metadata.name: monitoring
            - podSelector:
                matchLabels:
                  app: prometheus
            ```

            One peer, read as AND:

            ```yaml
            from:
            - namespaceSelector:
                matchLabels:
                  kubernetes.io/metadata.name: monitoring
              podSelector:
                matchLabels:
                  app: prometheus
            ```
            """,

        902: """
            A rule lists ports but no peers (`from` or `to` is omitted or empty).

            Such a rule admits the ports from every pod of the cluster and every
            address outside it. That is sometimes meant, for a public port, but more
            often the peers were forgotten. Add `from` or `to` with the intended peers.
            """,

        903: """
            A rule has neither peers nor ports (`- {}`).

            An empty rule admits every connection in its direction, which undoes the
            isolation of the policy. Remove it, or state the peers and ports.
            """,

        904: """
            A policy has `ingress` or `egress` rules, but its `policyTypes` does not
            list that direction.

            Kubernetes applies the rules of a direction only when `policyTypes` lists
            it, so these rules do nothing. Add the direction to `policyTypes`, or
            remove the rules.
            """,

        905: """
            A policy has only `egress` rules and omits `policyTypes`.

            When `policyTypes` is omitted, the API server sets it to `Ingress`, plus
            `Egress` when there are egress rules. The policy therefore also isolates
            its pods for ingress, without any ingress rule, and blocks every
            incoming connection. Write `policyTypes: [Egress]` when only egress was
            meant.
            """,

        906: """
            A policy isolates its pods for egress, and no egress rule that applies
            to them admits UDP port 53.

            The pods then cannot resolve names through cluster DNS, and most
            programs fail in ways that do not point at the policy. Admit the DNS pods
            (in most clusters `k8s-app=kube-dns` in `kube-system`) on UDP and TCP port
            53, the pods' port rather than the Service's.
            """,

        907: """
            An ipBlock covers every IPv4 address (`0.0.0.0/0`) and the rule has no
            block for every IPv6 address (`::/0`), or the other way round.

            In a dual-stack cluster the rule then admits only one family, so
            connections over the other family are blocked. Add the other block when
            every address was meant, as ramp's `internet` endpoint does.
            """,

        908: """
            A namespace selector matches a label such as `name` that the namespace's
            owner sets by hand.

            Anyone who may edit a namespace can set that label and so gain the access
            the rule grants, and a namespace created without it is left out. The API
            server sets `kubernetes.io/metadata.name` to the namespace's name on every
            namespace, and nobody can change it. The fix-it replaces the key.
            """,

        909: """
            A pod selector of a policy or of a peer matches none of the workloads
            given with `--workloads`.

            The selector is probably misspelt or out of date, so the policy protects
            no pod or the rule admits no pod. Compare the selector with the pod
            template labels of the workload that was meant.
            """,

        910: """
            A workload runs in a namespace where policies isolate other pods, and no
            policy selects it.

            Its pods admit every connection in both directions. Select it with a
            policy, or with a default-deny policy for the whole namespace.
            """,

        911: """
            Removing the policy does not change any connection: the other policies
            already allow and deny exactly the same traffic.

            ramp proves this with its NetworkPolicy evaluator over every possible
            cluster, and names a single policy that covers this one when there is
            one. Remove the redundant policy, or merge it into the covering one, so
            that a later change to one of them is not silently undone by the other.
            """,

        915: """
            A namespace has more policies than the redundancy check of `ramp lint`
            examines, so its policies were not checked for redundancy.

            The check proves, for each policy, that the others allow exactly the
            same traffic without it, and each proof covers every policy of the
            namespace. Past 100 policies in one namespace that takes too long, so
            the namespace is skipped and this note says so. The same note names
            a namespace whose pod selectors on different label keys combine into
            more label classes than the evaluator affords (see RAMP0806). The
            other lint checks still run.
            """,

        912: """
            A rule names a container port, and the destination pods that the given
            workloads describe give that name different numbers.

            Kubernetes resolves the name on each destination pod, so the rule admits
            a different port on each. That is legal, but it is often a mistake. Name
            the ports consistently, or use numbers.
            """,

        913: """
            A rule names a container port that no destination workload defines.

            On those pods the name resolves to nothing, and the port admits no
            connection. Check the spelling against the `ports` of the containers.
            """,

        914: """
            A rule port matches the `port` of a Service in front of the destination
            pods and none of their container ports.

            A NetworkPolicy applies after the Service has translated its port to the
            container port (`targetPort`), so a rule on the Service port admits
            nothing. Write the container port.
            """,

        940: """
            `ramp import` found a policy field that no contract can state exactly.

            The contract language is smaller than NetworkPolicy. A service named as a
            client or a server is isolated for that direction, so a peer that selects
            pods by labels can be imported only when those pods are isolated in the
            input too. A namespace selector together with a pod selector must name
            one namespace. A policy that isolates pods and admits nothing can only
            be a namespace's posture. A named port on a service needs `--workloads`
            to resolve it. The message names the object and the field. Nothing is
            written, unless `--allow-approximate` is given.

            Erroneous example, a peer that is pods of every namespace with a label:

            ```yaml
            from:
            - namespaceSelector:
                matchLabels:
                  team: shop
              podSelector:
                matchLabels:
                  app: web
            ```

            Corrected example, one namespace named by its name label:

            ```yaml
            from:
            - namespaceSelector:
                matchLabels:
                  kubernetes.io/metadata.name: shop
              podSelector:
                matchLabels:
                  app: web
            ```
            """,

        941: """
            With `--allow-approximate`, `ramp import` wrote a contract that does not
            allow exactly what the policies allow. Every approximation is written as
            a `#` comment in the contract; review each one before building it.
            """,

        942: """
            `ramp import` compiled the contract it built and compared the result with
            the input policies using the evaluator, and found a connection that only
            one of them allows.

            The usual cause is a rule with no counterpart on the other side: a client
            in the contract is isolated for egress, so a dependency admits the
            connection on both sides, while the input admits it on one side only.
            The message names the connection and the rules involved. Nothing is
            written, unless `--allow-approximate` is given.

            Erroneous example, an ingress rule whose source is isolated for egress
            without a matching egress rule:

            ```yaml
            # shop/api admits app=web on 8080, and shop/web isolates egress with no rule to api
            ```

            Corrected example, with the egress rule on `web` that admits `api` on
            8080, or without the egress isolation of `web`.
            """,

        960: """
            `ramp drift` found a connection that the cluster's NetworkPolicies allow
            and the contracts do not. This is a security finding: someone changed
            or added a policy outside the contracts, or the export contains policies
            that the contracts never produced.

            Erroneous example: a hand-added policy `allow-all` in namespace `shop`.

            Corrected example: remove the policy from the cluster, or state the
            connection in the contracts and build them again.
            """,

        961: """
            `ramp drift` found a connection that the contracts allow and the cluster
            blocks. This is a risk of an outage: a generated policy is missing or was
            changed in the cluster, or a policy outside ramp isolates pods further.

            Erroneous example: the object `namespace-default` of namespace `shop` was
            applied, but the object of service `api` was not.

            Corrected example: apply the generated files again, for example with
            `kubectl apply -k generated/`.
            """,
    ]
}
