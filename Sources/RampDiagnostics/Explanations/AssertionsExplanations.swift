extension Explanations {
    static let assertions: [Int: String] = [
        800: """
            The policies allow a connection that a `never` invariant forbids.

            `never A -> B:P` states that no pod or address of A may reach any pod
            or address of B on P. ramp proves it on the policies themselves, in
            every cluster the contracts can describe, and points at each
            dependency that allows the forbidden connection. A note also gives
            one such connection. Remove or narrow the dependency, or isolate
            the pods that nothing isolates yet.

            Erroneous example, where the load generator may call the cache:

            ```ramp
            namespace shop {
              deny all
              service loadgen [app=loadgen]
              service cache [app=cache] ports redis:6379
              loadgen -> cache:redis
              never loadgen -> cache
            }
            ```

            Corrected example:

            ```ramp
            namespace shop {
              deny all
              service loadgen [app=loadgen]
              service cache [app=cache] ports redis:6379
              never loadgen -> cache
            }
            ```
            """,

        801: """
            The policies allow a connection from a client that an `only` invariant
            leaves out.

            `only A -> B:P` states that every connection to B on P comes from A:
            other pods, pods of namespaces that no contract declares and addresses
            outside the cluster must all be blocked. A server that nothing
            isolates for ingress admits everyone, so it breaks the invariant too.

            Erroneous example, where the namespace has no posture and the
            database accepts every client:

            ```ramp
            namespace data {
              service postgres [app=postgres] ports 5432
              only namespace api -> postgres:5432
            }
            ```

            Corrected example:

            ```ramp
            namespace data {
              deny ingress
              service postgres [app=postgres] ports 5432
              namespace api -> postgres:5432
              only namespace api -> postgres:5432
            }
            ```
            """,

        802: """
            The policies block a connection that `expect allowed` requires.

            `expect allowed A -> B:P` passes only when every pod or address of A
            can reach every pod of B on every port of P. `ramp test` and `ramp
            check` print the connection that fails and each side's verdict: which
            policy isolates the pod, and that no rule admits the connection.

            Erroneous example, where the dependency names another port:

            ```ramp
            namespace shop {
              deny all
              service web [app=web] ports http:8080
              service api [app=api] ports http:8080, admin:9000
              web -> api:admin
              expect allowed web -> api:http
            }
            ```

            Corrected example:

            ```ramp
            namespace shop {
              deny all
              service web [app=web] ports http:8080
              service api [app=api] ports http:8080, admin:9000
              web -> api:(http, admin)
              expect allowed web -> api:http
            }
            ```
            """,

        803: """
            The policies allow a connection that `expect blocked` forbids.

            `expect blocked A -> B:P` passes only when no pod or address of A can
            reach any pod of B on any port of P. The message names a connection
            that gets through, and the notes name the rules that admit it.

            Erroneous example, where nothing isolates the namespace:

            ```ramp
            namespace shop {
              service web [app=web] ports http:8080
              service db [app=db] ports 5432
              expect blocked web -> db:5432
            }
            ```

            Corrected example:

            ```ramp
            namespace shop {
              deny all
              service web [app=web] ports http:8080
              service db [app=db] ports 5432
              expect blocked web -> db:5432
            }
            ```
            """,

        804: """
            A NetworkPolicy cannot be evaluated because the API server would
            reject it, so Kubernetes gives it no meaning to reproduce.

            The message names the object, the field and the rule it breaks. For
            policies read with `ramp test --policies`, fix the manifest. For
            generated policies the error is a bug in ramp.

            Erroneous example, a manifest whose port range ends before it starts:

            ```yaml
              ingress:
              - ports:
                - port: 8080
                  endPort: 80
            ```

            Corrected example:

            ```yaml
              ingress:
              - ports:
                - port: 80
                  endPort: 8080
            ```
            """,

        806: """
            The evaluator cannot check an invariant or expectation, or compare
            policies, because their pod selectors combine into too many classes
            of pod labels.

            `ramp diff --env` reports it when it cannot compare two
            environments. The drift check of `ramp check` reports it at the
            first environment's declaration, so the check fails instead of
            passing without the comparison.

            The evaluator splits the pods of a namespace into classes by the
            selectors that match them. Selectors on different label keys can all
            match one pod, so n of them make up to 2^n classes: thirteen services
            selected by thirteen different keys need 8,192. Select the services
            of a namespace by values of one shared key, such as `app`, which no
            pod can carry twice.

            Erroneous example:

            ```ramp
            namespace shop {
              deny all
              service s0 [k0=x] ports 80
              service s1 [k1=x] ports 80
              service s2 [k2=x] ports 80
              service s3 [k3=x] ports 80
              service s4 [k4=x] ports 80
              service s5 [k5=x] ports 80
              service s6 [k6=x] ports 80
              service s7 [k7=x] ports 80
              service s8 [k8=x] ports 80
              service s9 [k9=x] ports 80
              service s10 [k10=x] ports 80
              service s11 [k11=x] ports 80
              service s12 [k12=x] ports 80
              s0 -> s1:80
              s1 -> s2:80
              s2 -> s3:80
              s3 -> s4:80
              s4 -> s5:80
              s5 -> s6:80
              s6 -> s7:80
              s7 -> s8:80
              s8 -> s9:80
              s9 -> s10:80
              s10 -> s11:80
              s11 -> s12:80
              s12 -> s0:80
              never s0 -> s5
            }
            ```

            Corrected example:

            ```ramp
            namespace shop {
              deny all
              service s0 [app=s0] ports 80
              service s1 [app=s1] ports 80
              service s2 [app=s2] ports 80
              service s3 [app=s3] ports 80
              service s4 [app=s4] ports 80
              service s5 [app=s5] ports 80
              service s6 [app=s6] ports 80
              service s7 [app=s7] ports 80
              service s8 [app=s8] ports 80
              service s9 [app=s9] ports 80
              service s10 [app=s10] ports 80
              service s11 [app=s11] ports 80
              service s12 [app=s12] ports 80
              s0 -> s1:80
              s1 -> s2:80
              s2 -> s3:80
              s3 -> s4:80
              s4 -> s5:80
              s5 -> s6:80
              s6 -> s7:80
              s7 -> s8:80
              s8 -> s9:80
              s9 -> s10:80
              s10 -> s11:80
              s11 -> s12:80
              s12 -> s0:80
              never s0 -> s5
            }
            ```
            """,

        805: """
            An `expect` or `never` statement connects two addresses outside the
            cluster.

            NetworkPolicy governs connections from and to pods only, so the
            statement could never fail and would check nothing. Name pods on one
            side. `only` may name an external server, because the clients it
            leaves out include pods.

            Erroneous example:

            ```ramp
            network partner = 203.0.113.0/24
            namespace shop {
              never internet -> network partner
            }
            ```

            Corrected example:

            ```ramp
            network partner = 203.0.113.0/24
            namespace shop {
              deny egress
              never namespace shop -> network partner
            }
            ```
            """,

        810: """
            `ramp test --policies` or `ramp import` read files that contain no
            NetworkPolicy object.

            Every expectation would then run against an empty cluster policy,
            where everything is allowed, and an import would write a contract
            without a namespace, which does not compile. So ramp stops instead.
            Pass the manifests themselves, or the output of
            `kubectl get networkpolicy -A -o yaml`.

            Erroneous example, a directory of Deployments:

            ```sh
            ramp test --policies deploy/apps contracts
            ```

            Corrected example:

            ```sh
            kubectl get networkpolicy -A -o yaml > cluster-policies.yaml
            ramp test --policies cluster-policies.yaml contracts
            ```
            """,

        811: """
            A manifest object read with `--policies` is not a NetworkPolicy, so
            it is skipped.

            Exports such as `kubectl get all -o yaml` hold Deployments, Services
            and other objects that do not restrict traffic. Silence the warning
            with `-W no-object-skipped`, or export only NetworkPolicy objects.

            `ramp lint`, `ramp import` and `ramp drift` give this warning only
            for a kind close to `NetworkPolicy`, such as `NetworkPolcy`,
            because they would otherwise leave a misspelt policy out unseen.
            """,

        812: """
            Two NetworkPolicy objects have the same namespace and name.

            The API server keeps one object per namespace and name, so applying
            both leaves only the last one. ramp cannot know which one the cluster
            holds, so `ramp test`, `ramp import` and `ramp drift` stop, and
            `ramp lint` checks only the first. Rename one object or delete it.

            Erroneous example:

            ```yaml
            metadata:
              name: web
              namespace: shop
            ---
            metadata:
              name: web
              namespace: shop
            ```

            Corrected example:

            ```yaml
            metadata:
              name: web
              namespace: shop
            ---
            metadata:
              name: web-egress
              namespace: shop
            ```
            """,

        813: """
            A manifest given to `ramp lint`, `ramp import`, `ramp drift` or
            `ramp test --policies` contains one of the Unicode characters that
            change the direction in which the text after them is displayed: the
            embeddings and overrides U+202A to U+202E and the isolates U+2066 to
            U+2069.

            An editor or a code review shows such text reordered, so a reviewed
            policy file could hold other text than its reviewers saw. ramp reads
            the bytes in order and goes on, as the API server accepts these
            characters, but warns. In a contract the same characters are error
            RAMP0106.

            Erroneous example: a comment that holds U+202E RIGHT-TO-LEFT OVERRIDE,
            which makes the rest of its line display backwards. It is not shown
            here, as it would reorder this text too.

            Corrected example: the same comment without the character.
            """,

        820: """
            A file in the generated directory differs from what a fresh build
            writes.

            `ramp check` compares the directory with a build of the current
            contracts, byte for byte, so that a review or a deployment never
            sees YAML that the contracts no longer produce. Rebuild with the same
            options and commit the result.

            Erroneous example, after a contract changed:

            ```sh
            ramp check contracts -o generated
            ```

            Corrected example:

            ```sh
            ramp build contracts -o generated
            ramp check contracts -o generated
            ```
            """,

        821: """
            A file that a fresh build writes is missing from the generated
            directory.

            The contracts declare a namespace whose YAML has not been generated
            or committed. Rebuild with the same options and commit the new file.

            Erroneous example, after a new namespace was declared:

            ```sh
            ramp check contracts -o generated
            ```

            Corrected example:

            ```sh
            ramp build contracts -o generated
            git add generated
            ```
            """,

        822: """
            The generated directory holds a file from an earlier build that a
            fresh build deletes.

            The file starts with ramp's header, but no contract declares its
            namespace any more, or, with `--all-environments`, it lies in the
            subdirectory of an environment that no contract declares any more.
            A fresh build deletes such files, so `ramp check` reports them.
            Files without ramp's header are left alone and never reported.

            Erroneous example, after a namespace was removed from the contracts:

            ```sh
            ramp check contracts -o generated
            ```

            Corrected example:

            ```sh
            ramp build contracts -o generated
            git add --all generated
            ```
            """,

        830: """
            `ramp diff --base` cannot read the contracts at a Git revision.

            ramp runs `git ls-tree` and `git show` in the current directory. The
            message carries Git's reason, such as an unknown revision, a path that
            the revision does not contain, or a directory outside a repository.

            Erroneous example:

            ```sh
            ramp diff --base mian contracts
            ```

            Corrected example:

            ```sh
            ramp diff --base main contracts
            ```
            """,
    ]
}
