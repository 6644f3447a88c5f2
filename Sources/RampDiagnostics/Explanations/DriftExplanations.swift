extension Explanations {
    static let drift: [Int: String] = [
        850: """
            A statement limited to some environments with `only in` changes
            connections that it does not state.

            Environments may differ in their profiles, parameter values and
            enforcement, and in the connections that `only in` statements state.
            Any other difference is drift, and `ramp check` rejects it. The usual
            cause is isolation: a dependency makes its client isolated for egress
            and its server for ingress, so in a namespace without a `deny`
            posture, a dependency that applies in one environment only blocks
            every other connection of those pods there. Give the pods the same
            isolation in every environment, for example with a `deny` posture,
            or let the statement apply everywhere.

            Erroneous example:

            ```ramp
            environment staging { }
            environment production { }
            namespace shop {
              service web [app=web] ports http:8080
              service probe [app=probe]
              probe -> web:http only in staging
            }
            ```

            Corrected example:

            ```ramp
            environment staging { }
            environment production { }
            namespace shop {
              deny all
              service web [app=web] ports http:8080
              service probe [app=probe]
              probe -> web:http only in staging
            }
            ```
            """,

        851: """
            A statement uses a service that exists only in other environments.

            A service with `only in` exists only in builds for the environments
            it lists, and in no build without `--env`. A statement that uses it
            must be limited to those environments too.

            Erroneous example:

            ```ramp
            environment staging { }
            namespace shop {
              deny all
              service web [app=web] ports http:8080
              service load-test [app=load-test] only in staging
              load-test -> web:http
            }
            ```

            Corrected example:

            ```ramp
            environment staging { }
            namespace shop {
              deny all
              service web [app=web] ports http:8080
              service load-test [app=load-test] only in staging
              load-test -> web:http only in staging
            }
            ```
            """,

        852: """
            An environment sets one parameter twice.

            Each environment gives a parameter at most one value; keep one `set`
            line.

            Erroneous example:

            ```ramp
            parameter backup-network
            environment staging {
              set backup-network = 192.0.2.0/24
              set backup-network = 198.51.100.0/24
            }
            ```

            Corrected example:

            ```ramp
            parameter backup-network
            environment staging {
              set backup-network = 192.0.2.0/24
            }
            ```
            """,

        853: """
            Two environments differ in connections that neither a profile
            setting, a parameter, the enforcement nor an `only in` statement
            explains.

            `ramp diff` and `ramp check` explain each difference by building one
            environment again with parts of the other substituted. Once every
            part is substituted, the two environments must agree, so this error
            means that ramp itself is inconsistent. Report it with the contracts.

            Erroneous example: none is known.

            ```ramp
            environment staging { }
            ```

            Corrected example: the same contracts, after ramp is fixed.

            ```ramp
            environment staging { }
            ```
            """,
    
        854: """
            An environment name is not a DNS-1123 label.

            `ramp build --all-environments` writes each environment into a
            directory named after it, so the name follows the rules of a
            Kubernetes namespace name: at most 63 lowercase letters, digits and
            `-`, starting and ending with a letter or digit.

            Erroneous example:

            ```ramp
            environment Staging_EU { }
            ```

            Corrected example:

            ```ramp
            environment staging-eu { }
            ```
            """,

        855: """
            Two environments differ in more classes of connections than the
            drift check attributes.

            The drift check groups the connections in which two environments
            differ into classes that every build decides alike, and finds the
            cause of each class by building one environment again with parts of
            the other. Classes that the environments' settings explain are
            skipped. The others can grow with the square of the namespaces, for
            example when statements `only in` one environment isolate pods of
            many namespaces, and so can the time and memory of the check. So it
            attributes at most a limit of classes per pair of environments:
            100,000, or one for every 20 bytes of contracts when that is more.
            The classes after the limit are not checked for drift, and the
            counts of the drift errors reported are lower bounds.

            Isolate the pods in every environment, for example with a `deny`
            posture in each namespace, so that fewer connections differ; the
            drift errors of the attributed classes name the statements to look
            at first. Or raise the limit with `--drift-limit <n>`, or lift it
            with `--drift-limit 0`, and expect the check to take longer.

            Erroneous example, a check of contracts whose environments differ in
            more classes than the limit:

            ```sh
            ramp check contracts -o generated --drift-limit 1000
            ```

            Corrected example:

            ```sh
            ramp check contracts -o generated --drift-limit 0
            ```
            """,
    ]
}
