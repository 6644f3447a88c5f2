extension Explanations {
    static let limits: [Int: String] = [
        701: """
            An output path is a symbolic link, and ramp does not follow it.

            A link in the output directory could send generated files, or the
            deletion of stale ones, anywhere on the machine. Replace the link with
            a real directory, or pass the directory it points to with `-o`.

            Erroneous example:

            ```sh
            ln -s /etc generated
            ramp build contracts -o generated
            ```

            Corrected example:

            ```sh
            rm generated && mkdir generated
            ramp build contracts -o generated
            ```
            """,

        702: """
            Another `ramp build` holds the lock of the output directory.

            Two builds into one directory at the same time could mix their
            files, so each build takes `<directory>/.ramp.lock` first. Wait for
            the other build to finish, or build into another directory.

            Erroneous example, two builds started together:

            ```sh
            ramp build contracts -o generated & ramp build contracts -o generated
            ```

            Corrected example:

            ```sh
            ramp build contracts -o generated && ramp build contracts -o generated
            ```
            """,

        711: """
            A generated object is larger than 262,144 bytes of YAML, not counting
            its comments.

            Client-side `kubectl apply` stores the whole object in the
            `kubectl.kubernetes.io/last-applied-configuration` annotation, as
            JSON without the comments, and the API server rejects annotations
            larger than 256 KiB in total. ramp does
            not split the object, because a split would change what reviewers
            read. Name fewer peers, for example a namespace instead of many
            services or one network instead of many blocks, or use server-side
            apply.

            Erroneous example: a network of 5,000 separate /32 blocks admitted to
            one service.

            ```ramp
            network partners = 192.0.2.1/32, 192.0.2.3/32, 192.0.2.5/32
            namespace edge {
              service gw [app=gw] ports 443
              network partners -> gw:443
            }
            ```

            Corrected example: the blocks joined into the networks they fill.

            ```ramp
            network partners = 192.0.2.0/24
            namespace edge {
              service gw [app=gw] ports 443
              network partners -> gw:443
            }
            ```
            """,

        712: """
            A generated object is larger than 65,536 bytes of YAML, not counting
            its comments: a quarter of the limit of client-side `kubectl apply`.

            The object still applies, but it is hard to review and close to the
            size at which `kubectl apply` fails. Group its peers, for example by
            namespace or by a shared label.
            """,

        713: """
            A rule lists more than 24 ports of one protocol.

            The network policy agent of the Amazon VPC CNI accepts at most 24
            ports per protocol in one rule. Declare a port range on the service
            instead, which becomes one `port` with `endPort`.
            """,

        714: """
            The estimated policy-map entries of one pod exceed 8,000: for every
            rule that applies to the pod, its peers times its ports.

            Cilium keeps such entries in a per-pod map of 16,384 entries by
            default, and a full map drops traffic. Name fewer peers, for example a
            namespace instead of each of its services, or fewer ports.
            """,

        715: """
            A generated object has more than 100 rules.

            Nothing rejects it, but a reviewer cannot check it. ramp already joins
            rules wherever the result stays exact, so many rules mean many
            different pairs of peers and ports: consider whether the contract can
            name wider peers.
            """,
    ]
}
