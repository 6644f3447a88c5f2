/// Help texts, printed by `--help`.
enum Usage {
    static let main = """
    OVERVIEW: ramp compiles network contracts between services into Kubernetes NetworkPolicy.

    USAGE: ramp <command> [options]

    COMMANDS:
      build          Compile contracts to NetworkPolicy YAML

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
                              ramp generated earlier and no longer produces are deleted. Symbolic
                              links are not followed, and a lock file keeps two builds apart.
      --color <when>          Colour diagnostics: auto (default: only on a terminal and when NO_COLOR
                              is unset), always or never
      -h, --help              Show this help

    When any contract has an error, nothing is written and the output directory is left as it was.

    """
}
