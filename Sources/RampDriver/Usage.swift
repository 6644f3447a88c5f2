/// Help texts, printed by `--help`.
enum Usage {
    static let main = """
    OVERVIEW: ramp compiles network contracts between services into Kubernetes NetworkPolicy.

    USAGE: ramp <command> [options]

    COMMANDS:
      build          Compile contracts to NetworkPolicy YAML
      test           Evaluate the contracts' expectations against the policies
      check          Verify contracts, invariants, expectations and generated YAML for CI
      diff           Compare two versions of the contracts, or two environments, by the
                     connections they allow
      explain        Explain a diagnostic code, a line of generated YAML, or a connection
      import         Write a contract that allows exactly what given NetworkPolicies allow
      lint           Report mistakes in NetworkPolicy YAML
      drift          Compare a cluster's NetworkPolicies with the contracts

    OPTIONS:
      -h, --help     Show help; 'ramp <command> --help' shows a command's help
      --version      Show the version

    EXIT STATUS: 0 on success, 1 when the contracts have errors or a check fails, 2 on usage or I/O errors.

    """

    static let build = """
    OVERVIEW: Compile contracts to NetworkPolicy YAML, one file per namespace.

    USAGE: ramp build <path>... -o <directory> [options]

    ARGUMENTS:
      <path>                  A contract file, or a directory searched recursively for '.ramp' files

    OPTIONS:
      -o, --output <dir>      Directory for the generated YAML; created if missing. Files there that
                              ramp generated earlier and no longer produces are deleted. Symbolic
                              links are not followed, and a lock file keeps two builds apart.
      -O0                     Emit the reference lowering: one object per dependency and workload
      -O                      Emit the optimized lowering (the default); every object is exact alone
      -Otrust-ingress         Also widen egress to namespaces whose ingress ramp isolates: fewer rules,
                              but each client's egress then relies on those namespaces' policies
      --env <name>            Build for a declared environment: its profile, parameters and enforcement
      --all-environments      Build without '--env' into the output directory, and each declared
                              environment into '<dir>/<environment>'
      --kube-version <v>      Kubernetes version of the target clusters, 1.21 or later (default: the
                              environment profile's, else 1.32); from 1.25 on, consecutive ports
                              become endPort ranges
      --layout <layout>       plain (default): one file per namespace; kustomize: also a
                              kustomization.yaml listing them, for 'kubectl apply -k <dir>'.
                              Not with '--all-environments'.
      --stats                 Print object, rule, peer, port and byte counts of the reference, a
                              per-workload baseline and the optimized output
      --source-map            Write <name>.yaml.map.json beside each YAML file: the contract spans
                              behind every object, rule, peer and port, for 'ramp explain FILE:LINE'.
                              Without it, maps of earlier builds are deleted. Not with
                              '--all-environments'.
      --diagnostics-format <format>
                              text (default, to standard error), json (JSON Lines), sarif (SARIF 2.1.0)
                              or github (GitHub Actions workflow commands); the last three go to
                              standard output
      --color <when>          Colour text diagnostics: auto (default: only on a terminal and when
                              NO_COLOR is unset), always or never
      -Werror                 Treat warnings as errors
      -W no-<name>            Silence the warning with that name
      --error-limit <n>       Stop reporting after n errors (default 50; 0 for no limit)
      -h, --help              Show this help

    When any contract has an error, nothing is written and the output directory is left as it was.

    """

    static let environmentDiff = """
    OVERVIEW: Compare the connections that two environments allow, and attribute each difference
    to a parameter, an enforcement stage, the profile, or a statement with 'only in' (drift).

    USAGE: ramp diff --env <a> --env <b> <path>... [options]

    ARGUMENTS:
      <path>                  A contract file, or a directory searched recursively for '.ramp' files

    OPTIONS:
      --env <name>            A declared environment; give exactly two
      --format <format>       text (default) or markdown
      --limit <n>             Lines listed per group of differences (default 20; 0 for no limit)
      --diagnostics-format <format>, --color <when>, -Werror, -W no-<name>, --error-limit <n>
                              As for 'ramp build'
      -h, --help              Show this help

    The report goes to standard output. Exit status: 0 when both environments compile, whether or
    not they differ; 1 when the contracts have errors; 2 on usage or I/O errors.

    """

    static let explain = """
    OVERVIEW: Explain a diagnostic code, a line of generated YAML, or whether a connection is allowed.

    USAGE: ramp explain <code>
           ramp explain <file>.yaml:<line>
           ramp explain <path>... --from <client> --to <server>[:<port>] [--env <name>]
           ramp explain <path>... '<client> -> <server>[:<port>]' [--env <name>]

    ARGUMENTS:
      <code>                  A code such as RAMP0201, as printed after each diagnostic: prints its
                              long explanation with an example
      <file>.yaml:<line>      A line of a file that 'ramp build --source-map' wrote: prints the
                              object, rule, peer and port on that line and the contract statements
                              that produced each, read from <file>.yaml.map.json
      <path>                  A contract file, or a directory searched recursively for '.ramp' files
      <client>, <server>      A service as 'namespace/service', or an IP address outside the cluster
                              (an IPv6 address in brackets when a port follows: '[2001:db8::1]:443')
      <port>                  A number, or a port name of the server, with an optional /tcp (the
                              default), /udp or /sctp. Without it, each port the server declares is
                              checked.

    OPTIONS:
      --from <client>         The end that opens the connection
      --to <server>           The end that accepts it
      --env <name>            Decide the connection in the build of that environment, which holds
                              the statements 'only in' it, as 'ramp build --env <name>' does
      -h, --help              Show this help

    A connection is allowed when the client's egress and the server's ingress both admit it. For
    each side, ramp prints what isolates it (the namespace posture, or a dependency naming the
    service) and the dependencies that allow the connection, with their locations. Quote the
    arrow form, because a shell reads '>' as a redirection.

    EXIT STATUS: 0 when every checked connection is allowed, 1 when one is blocked or the contracts
    have errors, 2 on usage or I/O errors.

    """

    static let lint = """
    OVERVIEW: Report the mistakes people make in NetworkPolicy YAML, at their file, line and column.

    USAGE: ramp lint <path>... [--workloads <path>]... [options]

    ARGUMENTS:
      <path>                  A YAML or JSON file of NetworkPolicies (kubectl exports and 'kind: List'
                              included), a directory searched recursively for them, or '-' for standard input

    OPTIONS:
      --workloads <path>      Manifests of Deployments, StatefulSets, DaemonSets, Jobs, CronJobs, Pods,
                              Services and Namespaces; enables the checks against workloads. May be
                              repeated.
      --diagnostics-format <format>
                              text (default), json, sarif or github, as for 'ramp build'
      --color <when>          auto (default), always or never
      -Werror                 Treat warnings as errors
      -W no-<name>            Silence the warning with that name
      -h, --help              Show this help

    EXIT STATUS: 0 when no error is reported, 1 on errors (with -Werror, on warnings too), 2 on usage or I/O errors.

    """

    static let drift = """
    OVERVIEW: Compare the NetworkPolicies of a cluster with what the contracts compile to, by the
    connections they allow.

    USAGE: ramp drift <path>... --live <export> [options]

    ARGUMENTS:
      <path>                  A contract file, or a directory searched recursively for '.ramp' files

    OPTIONS:
      --live <export>         NetworkPolicies of the cluster, such as the output of
                              'kubectl get networkpolicies -A -o yaml'; a file, a directory or '-'.
                              May be repeated.
      --env <name>            Compile the contracts for a declared environment
      --all-namespaces        Also compare policies in namespaces that no contract declares
      --diagnostics-format <format>
                              text (default), json, sarif or github, as for 'ramp build'
      --color <when>          auto (default), always or never
      -Werror                 Treat warnings as errors
      -W no-<name>            Silence the warning with that name
      -h, --help              Show this help

    Each connection that only the cluster allows is reported as a security finding, each one that
    only the contracts allow as a risk of an outage, with the objects responsible on both sides.
    Names, comments, labels, key order, managedFields and status are ignored.

    EXIT STATUS: 0 when both allow the same connections, 1 on a difference or a contract error,
    2 on usage or I/O errors.

    """

    static let importPolicies = """
    OVERVIEW: Write a contract whose policies allow exactly the connections that the given
    NetworkPolicies allow.

    USAGE: ramp import <path>... -o <contract-file> [--workloads <path>]... [options]

    ARGUMENTS:
      <path>                  A YAML or JSON file of NetworkPolicies (kubectl exports and 'kind: List'
                              included), a directory searched recursively for them, or '-'

    OPTIONS:
      -o, --output <file>     The contract file to write, or '-' for standard output. An existing
                              file is replaced only when its first line starts with
                              '# Imported by ramp', the header that import writes
      --workloads <path>      Manifests of Deployments, StatefulSets, DaemonSets, Jobs, CronJobs, Pods,
                              Services and Namespaces: services are named after the workloads their
                              selectors match, declare their container ports, and port names are
                              resolved. May be repeated.
      --allow-approximate     Write the contract even where it cannot be exact, with every
                              approximation as a '#' comment; the problems are reported as warnings
      --diagnostics-format <format>
                              text (default), json, sarif or github, as for 'ramp build'
      --color <when>          auto (default), always or never
      -Werror                 Treat warnings as errors
      -W no-<name>            Silence the warning with that name
      -h, --help              Show this help

    Before writing, ramp compiles the contract and compares the result with the input using its
    evaluator. When they differ, or a field cannot be stated in a contract, nothing is written and
    each object and field responsible is reported.

    EXIT STATUS: 0 when the contract was written, 1 when it could not be imported exactly,
    2 on usage or I/O errors.

    """
}
