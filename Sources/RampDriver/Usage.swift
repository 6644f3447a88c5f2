/// Help texts, printed by `--help`.
enum Usage {
    static let main = """
    OVERVIEW: ramp compiles network contracts between services into Kubernetes NetworkPolicy.

    USAGE: ramp <command> [options]

    COMMANDS:
      build          Compile contracts to NetworkPolicy YAML
      diff           Compare what two environments allow, and why they differ
      check          Compile every environment and fail on drift between them
      explain        Explain a diagnostic code, such as RAMP0201

    OPTIONS:
      -h, --help     Show help; 'ramp <command> --help' shows a command's help
      --version      Show the version

    EXIT STATUS: 0 on success, 1 when the contracts have errors, 2 on usage or I/O errors.

    """

    static let build = """
    OVERVIEW: Compile contracts to NetworkPolicy YAML, one file per namespace.

    USAGE: ramp build <path>... -o <directory> [options]

    ARGUMENTS:
      <path>                  A contract file, or a directory searched recursively for '.ramp' files

    OPTIONS:
      -o, --output <dir>      Directory for the generated YAML; created if missing. Files there that
                              ramp generated earlier and no longer produces are deleted.
      -O0                     Emit the reference lowering: one object per dependency and workload
      -O                      Emit the optimized lowering (the default); every object is exact alone
      -Otrust-ingress         Also widen egress to namespaces whose ingress ramp isolates: fewer rules,
                              but each client's egress then relies on those namespaces' policies
      --env <name>            Build for a declared environment: its profile, parameters and enforcement
      --all-environments      Build without '--env' into the output directory, and each declared
                              environment into '<dir>/<environment>'
      --kube-version <v>      Kubernetes version of the target clusters (default: the environment
                              profile's, else 1.32); from 1.25 on, consecutive ports become endPort ranges
      --stats                 Print object, rule, peer, port and byte counts of the reference, a
                              per-workload baseline and the optimized output
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

    static let check = """
    OVERVIEW: Compile the contracts without '--env' and for every declared environment, and fail on
    undeclared drift: a difference between two environments that their profiles, parameters and
    enforcement do not explain, and that no statement with 'only in' states.

    USAGE: ramp check <path>... [options]

    ARGUMENTS:
      <path>                  A contract file, or a directory searched recursively for '.ramp' files

    OPTIONS:
      --diagnostics-format <format>, --color <when>, -Werror, -W no-<name>, --error-limit <n>
                              As for 'ramp build'
      -h, --help              Show this help

    Nothing is written. Exit status: 0 without errors, 1 when the contracts have errors or drift,
    2 on usage or I/O errors.

    """

    static let explain = """
    OVERVIEW: Print the long explanation of a diagnostic code, with an example.

    USAGE: ramp explain <code>

    ARGUMENTS:
      <code>                  A code such as RAMP0201, as printed after each diagnostic

    """
}
