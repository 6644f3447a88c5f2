extension Explanations {
    /// Explanations of the codes in Manifests.swift. Every example but the
    /// shortened one of 507 is a whole YAML file, and ExplanationExampleTests
    /// decodes each one to check that the erroneous example produces its code
    /// and the corrected one decodes cleanly.
    static let manifests: [Int: String] = [
        // MARK: - YAML syntax

        501: """
            The YAML reader expected one construct and found another.

            The message names what YAML allows at that point and what the
            manifest contains instead. Common causes are a missing comma between
            the entries of a flow collection, which flow style needs as JSON does,
            and text after the closing quote of a value.

            Erroneous example:

            ```yaml
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: api
            spec:
              podSelector:
                matchLabels: {app: api tier: backend}
            ```

            Corrected example:

            ```yaml
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: api
            spec:
              podSelector:
                matchLabels: {app: api, tier: backend}
            ```
            """,

        502: """
            A single-quoted or double-quoted scalar has no closing quote.

            A quoted scalar may continue over several lines, so without its closing
            quote it runs on to the end of the document and takes in every key
            after it. The reader reports the opening quote and does not decode the
            document.

            Erroneous example:

            ```yaml
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: "api
            spec:
              podSelector: {}
            ```

            Corrected example:

            ```yaml
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: "api"
            spec:
              podSelector: {}
            ```
            """,

        503: """
            A flow sequence `[...]` or flow mapping `{...}` has no closing bracket.

            A flow collection may continue over several lines, so without its
            closing bracket it runs on to the end of the document or the next
            `---`. The reader reports the opening bracket.

            Erroneous example:

            ```yaml
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: api
            spec:
              podSelector: {}
              policyTypes: [Ingress, Egress
            ```

            Corrected example:

            ```yaml
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: api
            spec:
              podSelector: {}
              policyTypes: [Ingress, Egress]
            ```
            """,

        504: """
            A line is indented with a tab.

            YAML allows only spaces in indentation. Editors show a tab as different
            numbers of columns, and the indentation decides which mapping a key
            belongs to, so a tab would make the structure depend on the editor. In
            the erroneous example, the `podSelector` line starts with a tab.

            Erroneous example:

            ```yaml
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: api
            spec:
            \tpodSelector: {}
            ```

            Corrected example:

            ```yaml
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: api
            spec:
              podSelector: {}
            ```
            """,

        505: """
            A mapping contains the same key twice.

            YAML requires the keys of a mapping to be unique. Readers that accept a
            repeated key keep one of the values and drop the other without a
            message, so a policy with two `ingress` keys would lose the rules of
            one of them. PyYAML 6.0, for example, keeps the last value. The note
            points at the first occurrence of the key.

            Erroneous example:

            ```yaml
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: api
            spec:
              podSelector: {}
              ingress:
              - from:
                - podSelector: {matchLabels: {app: web}}
              ingress:
              - from:
                - podSelector: {matchLabels: {app: admin}}
            ```

            Corrected example, with both rules in one list:

            ```yaml
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: api
            spec:
              podSelector: {}
              ingress:
              - from:
                - podSelector: {matchLabels: {app: web}}
              - from:
                - podSelector: {matchLabels: {app: admin}}
            ```
            """,

        506: """
            A double-quoted scalar contains a backslash escape that YAML does not define.

            In double quotes, `\\` starts an escape such as `\\n`, `\\t`, `\\"` or
            `\\u00e9`, and any other character after it is an error. Regular
            expressions and Windows paths are the usual cause. Write `\\\\` for a
            backslash, or use single quotes, in which a backslash is an ordinary
            character.

            Erroneous example:

            ```yaml
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: api
              annotations:
                example.com/clients: "web-\\d+"
            spec:
              podSelector: {}
            ```

            Corrected example:

            ```yaml
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: api
              annotations:
                example.com/clients: 'web-\\d+'
            spec:
              podSelector: {}
            ```
            """,

        507: """
            A YAML document nests more than 100 mappings and sequences inside one another.

            The reader descends one level for each nested collection, and the limit
            keeps a malformed or hostile document from exhausting its stack. It
            reports the collection at the limit and skips the rest of the document.
            A NetworkPolicy nests ten collections at its deepest, down to the
            `values` of a `matchExpressions` requirement in a peer, so a document
            this deep is not a hand-written manifest.

            Erroneous example, shortened: the line opens 101 sequences.

            ```yaml
            data: [[[[[[[[[[[[[[[[[[[[ … ]]]]]]]]]]]]]]]]]]]]
            ```

            Corrected example: a document within the limit, as every NetworkPolicy is.

            ```yaml
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: api
            spec:
              podSelector: {}
            ```
            """,

        508: """
            An alias `*name` refers to no anchor `&name` earlier in the same document.

            An alias repeats the node that carries its anchor, so the anchor must
            come first. Anchor names are case-sensitive, and anchors do not carry
            over a `---` into the next document.

            Erroneous example, in which the pods of a database cluster admit each other:

            ```yaml
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: db
            spec:
              podSelector: *db
              ingress:
              - from:
                - podSelector: &db
                    matchLabels: {app: db}
            ```

            Corrected example:

            ```yaml
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: db
            spec:
              podSelector: &db
                matchLabels: {app: db}
              ingress:
              - from:
                - podSelector: *db
            ```
            """,

        509: """
            The aliases of a YAML document expand to more than 1,000,000 nodes.

            Each alias stands for a copy of its anchored node, and an anchored node
            may contain aliases itself, so a few lines can stand for billions of
            nodes. This is the attack known as "billion laughs". The reader counts
            nodes as if every alias were written out and abandons the document at
            the limit, which is far above what a manifest needs.

            Erroneous example, which stands for 1,111,111 strings:

            ```yaml
            a: &a [x, x, x, x, x, x, x, x, x, x]
            b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
            c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
            d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
            e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]
            f: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]
            ```

            Corrected example, in which each alias repeats one small selector:

            ```yaml
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: db
            spec:
              podSelector: &db
                matchLabels: {app: db}
              ingress:
              - from:
                - podSelector: *db
              egress:
              - to:
                - podSelector: *db
            ```
            """,

        510: """
            The manifest uses an explicit key (`? key`) or a `%TAG` directive, which ramp does not read.

            Both are rare in Kubernetes manifests, and what they express can be
            written in plain YAML. Rather than read them partly, ramp reports them.
            Write an entry as `key: value`, and a tag in full as `!<tag>` instead
            of a `%TAG` handle.

            Erroneous example:

            ```yaml
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              ? name
              : api
            spec:
              podSelector: {}
            ```

            Corrected example:

            ```yaml
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: api
            spec:
              podSelector: {}
            ```
            """,

        511: """
            The header of a block scalar, the rest of the line after `|` or `>`, contains text.

            The header may hold only a chomping indicator (`+` or `-`), an
            indentation digit from 1 to 9, and a comment after a space. The text of
            the scalar starts on the next line, indented further than its key.

            Erroneous example:

            ```yaml
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: api
              annotations:
                description: | Admits the web tier.
            spec:
              podSelector: {}
            ```

            Corrected example:

            ```yaml
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: api
              annotations:
                description: |
                  Admits the web tier.
            spec:
              podSelector: {}
            ```
            """,

        512: """
            A line is indented further than the entries of its mapping or sequence, and starts no nested collection.

            Indentation decides which collection an entry belongs to. A line
            indented deeper than the entry above it, when that entry already has
            its value, fits in no collection. The reader reports it and skips it
            together with the lines that follow at the same indentation.

            Erroneous example:

            ```yaml
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: api
               namespace: shop
            spec:
              podSelector: {}
            ```

            Corrected example:

            ```yaml
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: api
              namespace: shop
            spec:
              podSelector: {}
            ```
            """,

        513: """
            A value carries a YAML core tag, such as `!!int` or `!!str`, that does not fit it.

            A core tag sets the type of a value: `!!str 80` is the string `80`, and
            `!!int 80` the integer 80. A tag that the value cannot have, such as
            `!!int http`, is an error, because the reader cannot tell whether the
            tag or the value is wrong.

            Erroneous example:

            ```yaml
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: api
            spec:
              podSelector: {}
              ingress:
              - ports:
                - port: !!int http
            ```

            Corrected example, in which `http` is the name of a container port:

            ```yaml
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: api
            spec:
              podSelector: {}
              ingress:
              - ports:
                - port: http
            ```
            """,

        514: """
            A value carries a tag other than the YAML core tags, and ramp reads the value as if it had no tag.

            A custom tag such as `!env` belongs to a tool that processes the file
            and usually replaces the tagged value before the manifest is applied.
            ramp does not know what that tool would produce, so it reads the value
            as written and warns. Remove a tag that was left in by mistake.

            Erroneous example:

            ```yaml
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: api
              namespace: !env shop
            spec:
              podSelector: {}
            ```

            Corrected example:

            ```yaml
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: api
              namespace: shop
            spec:
              podSelector: {}
            ```
            """,

        515: """
            A block mapping or block sequence starts on the line of its key.

            In block style, the entries of a nested collection go on the lines
            after their key, indented further. YAML does not allow
            `metadata: name: api` or `policyTypes: - Ingress`. Move the entries
            to the next lines, or write the collection in flow style, as in
            `metadata: {name: api}`.

            Erroneous example:

            ```yaml
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: name: api
            spec:
              podSelector: {}
            ```

            Corrected example:

            ```yaml
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: api
            spec:
              podSelector: {}
            ```
            """,

        516: """
            A plain (unquoted) value starts with `@` or a backtick.

            YAML reserves both characters for future use, so a value that starts
            with one of them must be quoted.

            Erroneous example:

            ```yaml
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: api
              annotations:
                example.com/owner: @platform-team
            spec:
              podSelector: {}
            ```

            Corrected example:

            ```yaml
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: api
              annotations:
                example.com/owner: "@platform-team"
            spec:
              podSelector: {}
            ```
            """,

        // MARK: - Kubernetes objects

        550: """
            A YAML document is not a mapping, so it cannot be a Kubernetes object.

            A Kubernetes object is a mapping with `apiVersion` and `kind` at its
            top. A file may hold several objects, each in its own document after
            `---`, or as the `items` of one object of kind `List`. A sequence of
            objects at the top of a document is neither.

            Erroneous example:

            ```yaml
            - apiVersion: networking.k8s.io/v1
              kind: NetworkPolicy
              metadata:
                name: api
              spec:
                podSelector: {}
            ```

            Corrected example:

            ```yaml
            apiVersion: v1
            kind: List
            items:
            - apiVersion: networking.k8s.io/v1
              kind: NetworkPolicy
              metadata:
                name: api
              spec:
                podSelector: {}
            ```
            """,

        551: """
            A field has a value of the wrong YAML type, such as a mapping where the API expects a sequence.

            Kubernetes rejects an object whose fields have the wrong types. A
            common cause is a forgotten `-`: `from`, `to`, `ports` and
            `policyTypes` are sequences, so each peer, port and type starts with
            `- `. Another is a label value that YAML reads as a number or a
            boolean, such as `version: 2`, which must be quoted to be a string.

            Erroneous example:

            ```yaml
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: api
            spec:
              podSelector: {}
              ingress:
              - from:
                  podSelector:
                    matchLabels:
                      app: web
            ```

            Corrected example:

            ```yaml
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: api
            spec:
              podSelector: {}
              ingress:
              - from:
                - podSelector:
                    matchLabels:
                      app: web
            ```
            """,

        552: """
            An object contains a field that the NetworkPolicy API does not define.

            Depending on the field validation that the client requests, the API
            server rejects an unknown field, warns about it or drops it, and a
            dropped field changes the policy without a sign. Usually the field is
            misspelt or at the wrong level: an ingress rule lists its peers under
            `from`, and an egress rule under `to`. The message suggests the field
            that was probably meant. ramp does not check metadata other than
            `name` and `namespace`.

            Erroneous example:

            ```yaml
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: api
            spec:
              podSelector: {}
              ingress:
              - to:
                - podSelector: {matchLabels: {app: web}}
            ```

            Corrected example:

            ```yaml
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: api
            spec:
              podSelector: {}
              ingress:
              - from:
                - podSelector: {matchLabels: {app: web}}
            ```
            """,

        553: """
            An object lacks a field that it must have, such as `metadata.name` or the `cidr` of an `ipBlock`.

            Kubernetes rejects an object without its required fields. ramp also
            requires `spec.podSelector`. Older Kubernetes documentation marks it
            as required, and current releases read an omitted selector as `{}`,
            which selects every pod in the namespace, so write `podSelector: {}`
            when that is what you mean.

            Erroneous example, meant to admit traffic to every address outside
            10.0.0.0/8:

            ```yaml
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: api
            spec:
              podSelector: {}
              egress:
              - to:
                - ipBlock:
                    except: [10.0.0.0/8]
            ```

            Corrected example:

            ```yaml
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: api
            spec:
              podSelector: {}
              egress:
              - to:
                - ipBlock:
                    cidr: 0.0.0.0/0
                    except: [10.0.0.0/8]
            ```
            """,

        554: """
            A NetworkPolicy has an `apiVersion` other than `networking.k8s.io/v1`, the only version that ramp reads.

            Kubernetes has served NetworkPolicy as `networking.k8s.io/v1` since
            release 1.8, and stopped serving the older `extensions/v1beta1` in
            1.16. Change the `apiVersion` of an older manifest.

            Erroneous example:

            ```yaml
            apiVersion: extensions/v1beta1
            kind: NetworkPolicy
            metadata:
              name: api
            spec:
              podSelector: {}
            ```

            Corrected example:

            ```yaml
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: api
            spec:
              podSelector: {}
            ```
            """,

        555: """
            A port's `protocol` is not `TCP`, `UDP` or `SCTP`.

            Kubernetes accepts exactly these three values, in capitals, and rejects
            others such as `tcp` or `HTTP`. An omitted protocol means TCP.

            Erroneous example:

            ```yaml
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: api
            spec:
              podSelector: {}
              ingress:
              - ports:
                - protocol: tcp
                  port: 8080
            ```

            Corrected example:

            ```yaml
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: api
            spec:
              podSelector: {}
              ingress:
              - ports:
                - protocol: TCP
                  port: 8080
            ```
            """,

        556: """
            An entry of `policyTypes` is not `Ingress` or `Egress`, or the list has
            more than two entries.

            Kubernetes accepts exactly these two values, capitalised as shown, and
            at most two entries. The list names the directions that the policy
            isolates. When it is omitted,
            Kubernetes sets Ingress, and Egress too if the policy has `egress`
            rules.

            Erroneous example:

            ```yaml
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: api
            spec:
              podSelector: {}
              policyTypes:
              - Ingress
              - egress
            ```

            Corrected example:

            ```yaml
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: api
            spec:
              podSelector: {}
              policyTypes:
              - Ingress
              - Egress
            ```
            """,

        557: """
            A `matchExpressions` requirement has an operator other than `In`, `NotIn`, `Exists` or `DoesNotExist`.

            Kubernetes defines exactly these four label selector operators, spelt
            as shown, and rejects others such as `in` or `Equals`. To match one
            value, use `In` with one value, or `matchLabels`.

            Erroneous example:

            ```yaml
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: api
            spec:
              podSelector:
                matchExpressions:
                - key: app
                  operator: Equals
                  values: [api]
            ```

            Corrected example:

            ```yaml
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: api
            spec:
              podSelector:
                matchExpressions:
                - key: app
                  operator: In
                  values: [api]
            ```
            """,

        558: """
            An `Exists` or `DoesNotExist` requirement lists values.

            These operators test only whether a pod has the label key, so
            Kubernetes rejects them with values. To test the value as well, use
            `In` or `NotIn`.

            Erroneous example:

            ```yaml
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: api
            spec:
              podSelector:
                matchExpressions:
                - key: app
                  operator: Exists
                  values: [api]
            ```

            Corrected example:

            ```yaml
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: api
            spec:
              podSelector:
                matchExpressions:
                - key: app
                  operator: Exists
            ```
            """,

        559: """
            An `In` or `NotIn` requirement lists no values.

            These operators compare the label's value with the listed values, and
            Kubernetes rejects them without at least one. To test only whether a
            pod has the label key, use `Exists` or `DoesNotExist`.

            Erroneous example:

            ```yaml
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: api
            spec:
              podSelector:
                matchExpressions:
                - key: tier
                  operator: In
            ```

            Corrected example:

            ```yaml
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: api
            spec:
              podSelector:
                matchExpressions:
                - key: tier
                  operator: In
                  values: [backend, cache]
            ```
            """,

        560: """
            An `endPort` is less than its `port`, or comes without a numeric `port`.

            Together, `port` and `endPort` admit the range of ports from `port` to
            `endPort`. Kubernetes requires `port` to be a number when `endPort` is
            set, and `endPort` to be at least `port`.

            Erroneous example:

            ```yaml
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: api
            spec:
              podSelector: {}
              ingress:
              - ports:
                - protocol: TCP
                  port: 32768
                  endPort: 30000
            ```

            Corrected example:

            ```yaml
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: api
            spec:
              podSelector: {}
              ingress:
              - ports:
                - protocol: TCP
                  port: 30000
                  endPort: 32768
            ```
            """,

        561: """
            A peer sets none of `podSelector`, `namespaceSelector` and `ipBlock`, or combines `ipBlock` with a selector.

            A peer selects either pods, by `podSelector`, `namespaceSelector` or
            both together, or addresses, by `ipBlock`. Kubernetes rejects a peer
            that sets neither or mixes the two. To admit both pods and addresses,
            write two peers, each starting with `-`, because a rule admits traffic
            that matches any one of its peers.

            Erroneous example:

            ```yaml
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: api
            spec:
              podSelector: {}
              ingress:
              - from:
                - podSelector:
                    matchLabels:
                      app: web
                  ipBlock:
                    cidr: 10.20.0.0/16
            ```

            Corrected example:

            ```yaml
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: api
            spec:
              podSelector: {}
              ingress:
              - from:
                - podSelector:
                    matchLabels:
                      app: web
                - ipBlock:
                    cidr: 10.20.0.0/16
            ```
            """,

        562: """
            A rule's `from`, `to` or `ports` key has no value, so the rule admits every peer or every port.

            Kubernetes reads a null list as omitted, and a rule that omits `from`,
            `to` or `ports` does not restrict that side: it admits all sources,
            destinations or ports. An empty list `[]` does the same, as the API
            reference states. A key with nothing after it has usually lost its
            entries to a comment or an indentation mistake, which makes the rule
            wider than intended. List the entries, or remove the key if the rule
            is meant to admit everything on that side.

            Erroneous example:

            ```yaml
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: db
            spec:
              podSelector:
                matchLabels:
                  app: db
              ingress:
              - from:
                # - podSelector:
                #     matchLabels:
                #       app: api
                ports:
                - port: 5432
            ```

            Corrected example:

            ```yaml
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: db
            spec:
              podSelector:
                matchLabels:
                  app: db
              ingress:
              - from:
                - podSelector:
                    matchLabels:
                      app: api
                ports:
                - port: 5432
            ```
            """,

        563: """
            A NetworkPolicy's `metadata.name` is not a valid object name.

            Kubernetes requires the name to be a DNS subdomain: at most 253
            characters of lowercase letters, digits, `-` and `.`, in which each
            part between dots begins and ends with a letter or digit. The message
            gives the rule that the name breaks.

            Erroneous example:

            ```yaml
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: allow_web
            spec:
              podSelector: {}
            ```

            Corrected example:

            ```yaml
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: allow-web
            spec:
              podSelector: {}
            ```
            """,

        566: """
            An `ipBlock` CIDR of a manifest has bits set after its prefix, such as
            `10.0.0.1/8`.

            The API server accepts such a CIDR, as it always has, and
            NetworkPolicy treats it as the network that the prefix names, here
            `10.0.0.0/8`: every address that shares the first 8 bits. ramp reads it
            the same way and warns, because the address suggests a single host or
            a smaller block than the rule admits. Contracts must write the network
            address.

            Erroneous example:

            ```yaml
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: api
            spec:
              podSelector: {}
              egress:
              - to:
                - ipBlock:
                    cidr: 10.0.0.1/8
            ```

            Corrected example:

            ```yaml
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: api
            spec:
              podSelector: {}
              egress:
              - to:
                - ipBlock:
                    cidr: 10.0.0.0/8
            ```
            """,

        564: """
            An `except` block of an `ipBlock` is equal to its `cidr`.

            An except block removes addresses from the CIDR, and Kubernetes
            requires it to be strictly smaller than the CIDR. One equal to the CIDR
            would remove every address and leave a peer that admits nothing, so
            it is most likely a mistake for a smaller block.

            Erroneous example:

            ```yaml
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: api
            spec:
              podSelector: {}
              egress:
              - to:
                - ipBlock:
                    cidr: 10.0.0.0/8
                    except: [10.0.0.0/8]
            ```

            Corrected example:

            ```yaml
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: api
            spec:
              podSelector: {}
              egress:
              - to:
                - ipBlock:
                    cidr: 10.0.0.0/8
                    except: [10.20.0.0/16]
            ```
            """,

        565: """
            A plain (unquoted) string is `y`, `yes`, `on`, `n`, `no` or `off`, in lowercase, capitalised or in capitals, which YAML 1.1 reads as a boolean.

            ramp reads YAML 1.2, in which these words are strings. Kubernetes reads manifests with
            sigs.k8s.io/yaml, which is built on go-yaml v2, and go-yaml v2 follows
            YAML 1.1: `y`, `yes` and `on` are true, and `n`, `no` and `off` false.
            A label value `yes` then reaches Kubernetes as the boolean true, or as
            the string `true` where a client converts it, and neither selects the
            pods labelled `yes`. Quote such values.

            Erroneous example:

            ```yaml
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: api
            spec:
              podSelector:
                matchLabels:
                  monitored: yes
            ```

            Corrected example:

            ```yaml
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: api
            spec:
              podSelector:
                matchLabels:
                  monitored: "yes"
            ```
            """,
    ]
}
