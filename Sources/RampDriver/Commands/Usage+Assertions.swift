/// Help texts of the commands that check contracts against policies.
extension Usage {
    /// The compile options that `test`, `check` and `diff` share with `build`.
    private static let compileOptions = """
      -O0, -O, -Otrust-ingress
                              The optimization level, as for 'ramp build' (default: -O)
      --env <name>            Compile for a declared environment
      --kube-version <v>      Kubernetes version of the target clusters, as for 'ramp build'
      --diagnostics-format <format>
                              text (default, to standard error), json, sarif or github
      --color <when>          Colour text diagnostics: auto (default), always or never
      -Werror, -W no-<name>, --error-limit <n>
                              As for 'ramp build'
    """

    static let test = """
    OVERVIEW: Evaluate every 'expect' statement against the policies and print one line each.

    USAGE: ramp test <path>... [--policies <file-or-dir>]... [options]

    ARGUMENTS:
      <path>                  A contract file, or a directory searched recursively for '.ramp' files

    OPTIONS:
      --policies <path>       Test NetworkPolicy manifests instead of the generated policies: a YAML or
                              JSON file, such as 'kubectl get networkpolicy -A -o yaml' output, or a
                              directory searched for '.yaml', '.yml' and '.json' files, or '-' for
                              standard input. May be repeated. The invariants are then proved on these
                              policies too.
    \(compileOptions)
      -h, --help              Show this help

    Each line reads PASS or FAIL, the location, the connection and, for a failure, the
    verdict on a connection that contradicts the expectation. 'expect allowed' passes when
    every pod or address of the client reaches every pod of the server on every port
    given; 'expect blocked' when none does.

    EXIT STATUS: 0 when every expectation passes and every invariant holds, 1 otherwise
    or when the contracts or manifests have errors, 2 on usage or I/O errors.

    """

    static let check = """
    OVERVIEW: Check contracts for CI: they compile, every invariant holds, every expectation
    passes, the generated directory is what 'ramp build' writes, and every declared environment
    compiles without undeclared drift: a difference between two environments that their
    profiles, parameters and enforcement do not explain, and that no 'only in' statement states.

    USAGE: ramp check <path>... -o <directory> [options]

    ARGUMENTS:
      <path>                  A contract file, or a directory searched recursively for '.ramp' files

    OPTIONS:
      -o, --output <dir>      The directory that 'ramp build' writes. Each stale, missing or extra
                              file is an error. Files without ramp's header are not compared.
      --all-environments      Also compare each environment's subdirectory, as 'ramp build
                              --all-environments' writes them
      --layout <layout>       plain (default) or kustomize, as given to 'ramp build'; kustomize also
                              compares the kustomization.yaml
      --drift-limit <n>       Classes of differing connections the drift check attributes per pair
                              of environments (default 100000, or one per 20 bytes of contracts when
                              that is more; 0 for no limit)
    \(compileOptions)
      -h, --help              Show this help

    Give the same paths and options as to 'ramp build', because the generated files name
    the contract paths they came from.

    EXIT STATUS: 0 when every check passes, 1 when one fails, 2 on usage or I/O errors.

    """

    static let diff = """
    OVERVIEW: Compare two versions of the contracts by the connections their policies allow.

    USAGE: ramp diff <old-path> <new-path> [options]
           ramp diff --base <revision> <path>... [options]
           ramp diff --env <a> --env <b> <path>... [options]   (see 'ramp diff --env a --env b --help')

    ARGUMENTS:
      <old-path> <new-path>   The old and the new contract file or directory
      <path>                  The contracts in the working tree, compared with the same paths
                              at <revision>

    OPTIONS:
      --base <revision>       Read the old contracts from a Git revision of the current repository,
                              such as 'main' or 'HEAD~1', with 'git ls-tree' and 'git show'
      --format <format>       text (default) or markdown, for a pull-request comment
      --fail-on widen         Exit with 1 when the new version allows any connection the old did not
    \(compileOptions)
      -h, --help              Show this help

    The report lists connections added and removed (source, destination, ports), invariants
    added and removed, and the policy objects that are added, removed or changed, with
    their contract locations. Connections are compared in every possible cluster.

    EXIT STATUS: 0 on success, 1 when either version has errors or '--fail-on' applies,
    2 on usage or I/O errors.

    """
}
