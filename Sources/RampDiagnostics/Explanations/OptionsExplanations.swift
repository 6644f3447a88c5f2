extension Explanations {
    static let options: [Int: String] = [
        50: """
            A `-W` option is neither `-Werror` nor `-W no-<name>`.

            ramp has two warning options: `-Werror` reports every warning as an
            error, and `-W no-<name>` silences the warning with that name. The name
            is the kebab-case name that JSON and SARIF output show next to the code.

            Erroneous example:

            ```sh
            ramp build contracts/ -o generated -W all
            ```

            Corrected example:

            ```sh
            ramp build contracts/ -o generated -Werror
            ```
            """,

        51: """
            `-W no-<name>` names no diagnostic.

            The name must be the kebab-case name of a warning, as JSON and SARIF
            output show it. An unknown name is an error rather than ignored, because
            a misspelt name would leave the warning on without any sign. The
            message suggests the closest name of a warning or note when one is
            close, and otherwise lists every name that `-W no-<name>` accepts.

            Erroneous example:

            ```sh
            ramp build contracts/ -o generated -W no-unused-services
            ```

            Corrected example, with the name spelled as the catalogue has it:

            ```sh
            ramp build contracts/ -o generated -W no-unused-service
            ```
            """,

        52: """
            `-W no-<name>` names an error, which cannot be silenced.

            An error means that ramp cannot produce correct policies from the
            contracts, so hiding it would hide broken output. Only warnings and
            notes can be silenced. Fix the contract instead.

            Erroneous example:

            ```sh
            ramp build contracts/ -o generated -W no-unknown-service
            ```

            Corrected example: declare the missing service, then compile without
            the option.
            """,

        53: """
            `--error-limit` needs a whole number of errors.

            ramp stops reporting after this many errors, so that one mistake that
            causes many errors does not bury the first one. The default is 50, and
            0 means no limit.

            Erroneous example:

            ```sh
            ramp build contracts/ -o generated --error-limit none
            ```

            Corrected example:

            ```sh
            ramp build contracts/ -o generated --error-limit 0
            ```
            """,

        54: """
            ramp stopped reporting errors at the error limit.

            After the number of errors set by `--error-limit` (50 by default), ramp
            reports no further diagnostics and ends with this note, which counts the
            errors and warnings that were not shown. Fix the first errors, which
            often cause the later ones, or pass `--error-limit 0` to see them all.
            """,
    ]
}
