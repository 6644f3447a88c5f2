extension Explanations {
    static let syntax: [Int: String] = [
        101: """
            The parser expected another token than the one it found.

            The message names what the grammar allows at that point and what the
            contract contains instead. A common cause is a missing `}` or a
            dependency written without its arrow.

            Erroneous example:

            ```ramp
            namespace shop {
                service web [app=web]
                service api [app=api] ports http:8080
                web api:http
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

        102: """
            A string literal has no closing quote on its line.

            Strings cannot span lines, so the lexer ends an unterminated string at
            the end of the line and reports it there, instead of reading the rest of
            the file as part of the string.

            Erroneous example:

            ```ramp
            namespace shop [owner="web-team] {
            }
            ```

            Corrected example:

            ```ramp
            namespace shop [owner="web-team"] {
            }
            ```
            """,

        105: """
            A string contains a backslash before a character that it cannot escape.

            In a string, `\\"` stands for a quote and `\\\\` for a backslash. Any
            other backslash is an error, because dropping it would change the value
            without a word: `"a\\nb"` is not a line break. Write `\\\\` for a
            backslash that belongs to the value.

            Erroneous example:

            ```ramp
            namespace shop [owner="web\\team"] {
            }
            ```

            Corrected example:

            ```ramp
            namespace shop [owner="web-team"] {
            }
            ```
            """,

        103: """
            The contract contains a character that the language does not use.

            Names consist of letters, digits, `_`, `.` and `-`, strings are quoted with
            `"`, and the language uses a few punctuation characters such as `{`, `}`,
            `[`, `]`, `:`, `,` and `->`. Other characters, often a typographic arrow or
            quote pasted from a document, are rejected. So is a carriage return (CR)
            without a line feed after it, the line ending of classic Mac files: save
            the file with LF or CRLF line endings.

            Erroneous example:

            ```ramp
            namespace shop {
                service web [app=web]
                service api [app=api] ports http:8080
                web → api:http
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

        106: """
            The contract contains one of the Unicode characters that change the
            direction in which the text after them is displayed: the embeddings and
            overrides U+202A to U+202E and the isolates U+2066 to U+2069.

            An editor, a terminal or a code review shows such text reordered, while
            ramp reads the bytes in order. A comment can then seem to end early, or
            a dependency can seem to name another service than it does, so reviewed
            contracts could allow what no reviewer saw. Text in right-to-left scripts
            displays correctly without these characters. The error is reported in
            comments and strings too.

            Erroneous example: a comment that holds U+202E RIGHT-TO-LEFT OVERRIDE,
            which makes the rest of its line display backwards. It is not shown
            here, as it would reorder this text too.

            Corrected example: the same comment without the character.
            """,

        104: """
            The input nests brackets or parentheses deeper than the parser allows.

            The code is reserved for a parser that descends one level per bracket,
            where a fixed limit keeps a malformed or generated input from exhausting
            the stack. The grammar of version 1 nests at most a value list inside a
            label selector, and the parser reads it without recursion, so it never
            reports this code. A bracket where the grammar allows none is reported
            as an unexpected token (RAMP0101) instead.

            Erroneous example: none in version 1 of the language.

            Corrected example: a label list written once, as in
            `service api [app=api, tier in (backend, batch)]`.
            """,

        110: """
            A contract asks for a deny rule, which NetworkPolicy cannot express.

            Kubernetes NetworkPolicy rules only allow traffic. Once a namespace
            denies a direction with `deny ingress` or `deny egress`, every connection
            that no dependency allows is blocked. To forbid a connection, remove the
            dependency that allows it.

            Erroneous example:

            ```ramp
            namespace shop {
                deny ingress, egress
                deny web -> db
            }
            ```

            Corrected example, where `web` reaches only `api`:

            ```ramp
            namespace shop {
                deny ingress, egress
                service web [app=web]
                service api [app=api] ports http:8080
                service db [app=db] ports sql:5432
                web -> api:http
                api -> db:sql
            }
            ```
            """,

        111: """
            A dependency has a priority, which NetworkPolicy does not have.

            NetworkPolicy rules are additive: a connection is allowed when any rule
            allows it, so no rule can take precedence over another. Remove `priority`.

            Erroneous example:

            ```ramp
            namespace shop {
                service web [app=web]
                service api [app=api] ports http:8080
                web -> api:http priority 10
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

        112: """
            A dependency names a domain, which NetworkPolicy cannot select.

            NetworkPolicy matches pods by label and external peers by IP block. It
            never resolves DNS names. Declare the addresses behind the domain as a
            network with a CIDR and depend on that network.

            Erroneous example:

            ```ramp
            namespace shop {
                service api [app=api]
                api -> payments.example.com:443
            }
            ```

            Corrected example:

            ```ramp
            network payments = 203.0.113.0/24

            namespace shop {
                service api [app=api]
                api -> network payments:443
            }
            ```
            """,

        113: """
            A dependency matches a layer 7 attribute, such as an HTTP path or method.

            NetworkPolicy filters connections by address, port and protocol only. It
            cannot see what travels inside a connection. Restrict HTTP requests in
            the service itself or in a service mesh, and allow the port here.

            Erroneous example:

            ```ramp
            namespace shop {
                service web [app=web]
                service api [app=api] ports http:8080
                web -> api:http path "/admin"
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

        114: """
            A dependency names a Kubernetes Service, which NetworkPolicy cannot select.

            NetworkPolicy selects pods by their labels, not Services by name, and the
            Service's selector is not visible to ramp. Declare the pods behind the
            Service as a ramp service with the same label selector.

            Erroneous example:

            ```ramp
            namespace shop {
                service api [app=api]
                api -> postgres.shop.svc.cluster.local:5432
            }
            ```

            Corrected example:

            ```ramp
            namespace shop {
                service api [app=api]
                service postgres [app=postgres] ports sql:5432
                api -> postgres:sql
            }
            ```
            """,

        115: """
            A dependency selects nodes, which NetworkPolicy cannot do.

            NetworkPolicy has no node selector. Traffic to or from a node is
            matched by the node's IP addresses, so declare them as a network.

            Erroneous example:

            ```ramp
            namespace shop {
                service api [app=api]
                api -> nodes [role=worker]:10250
            }
            ```

            Corrected example:

            ```ramp
            network nodes = 10.0.0.0/24

            namespace shop {
                service api [app=api]
                api -> network nodes:10250
            }
            ```
            """,
    ]
}
