extension Explanations {
    static let inputOutput: [Int: String] = [
        1: """
            An input file named on the command line cannot be read.

            ramp reads every contract before it checks any, so one unreadable file
            stops the compilation. The message carries the operating system's reason,
            such as a missing file or a denied permission.

            Erroneous example:

            ```sh
            ramp build contracts/shop.rmap -o generated
            ```

            Corrected example, with the path spelled as it is on disk:

            ```sh
            ramp build contracts/shop.ramp -o generated
            ```
            """,

        2: """
            An input directory holds no contract files.

            When ramp is given a directory, it compiles the files below it whose
            names end in `.ramp`. A directory without any is most likely the wrong one, and
            compiling nothing would silently produce no policies.

            Erroneous example, where the contracts sit in a subdirectory:

            ```sh
            ramp build deploy/ -o generated
            ```

            Corrected example:

            ```sh
            ramp build deploy/contracts/ -o generated
            ```
            """,

        3: """
            The output directory, or a file in it, cannot be read or written.

            ramp writes one YAML file per namespace into the output directory.
            Before it writes, it lists the directory, reads the files that it
            would replace and creates a lock file, so a directory or file that
            cannot be read stops the build too. The message carries the
            operating system's reason. Create the directory,
            or choose one that the user running ramp may write to.

            Erroneous example, where `/etc` belongs to root:

            ```sh
            ramp build contracts/ --output /etc/policies
            ```

            Corrected example:

            ```sh
            ramp build contracts/ --output generated/
            ```
            """,

        4: """
            An input file, a contract or a manifest, is not valid UTF-8.

            Contracts and manifests are read as UTF-8 so that names, labels and
            comments mean the same on every machine. A file saved in another encoding, such as Latin-1
            or UTF-16, contains byte sequences that UTF-8 does not allow. The message
            gives the byte offset of the first one.

            Erroneous example: a contract saved as Latin-1 whose comment contains `é`.

            Corrected example: the same contract saved as UTF-8, for example with
            `iconv -f LATIN1 -t UTF-8 shop.ramp > shop.utf8.ramp`.
            """,

        5: """
            The contract files declare no namespace, so there is nothing to
            generate.

            A build deletes the files it generated earlier for namespaces that no
            contract declares any more. An empty or truncated contract set would
            therefore delete every generated file, so ramp stops instead.

            Erroneous example:

            ```ramp
            network office = 192.0.2.0/24
            ```

            Corrected example:

            ```ramp
            network office = 192.0.2.0/24
            namespace shop {
              deny all
            }
            ```
            """,

        6: """
            A manifest file given to `ramp lint`, `ramp import`, `ramp drift --live`,
            `--workloads` or `ramp test --policies` contains no Kubernetes object.

            The file is empty, or contains only comments and `---` separators. Most
            often the export that should have filled it failed, or the path names
            the wrong file. Without this warning, `ramp lint` would report nothing
            and `ramp drift` would compare the contracts with a cluster that has no
            policies. The warning does not stop the command, and `-W no-empty-manifest`
            silences it.

            A `--workloads` file gets the same warning when its objects hold no
            workload, Service or Namespace, such as a misspelt `kind`: the checks
            that read workloads would otherwise find nothing and pass.

            Erroneous example, where the export wrote nothing because `kubectl`
            could not reach the cluster:

            ```sh
            kubectl get networkpolicies -A -o yaml > cluster.yaml
            ramp drift contracts --live cluster.yaml
            ```

            Corrected example, which stops when the export fails:

            ```sh
            kubectl get networkpolicies -A -o yaml > cluster.yaml && ramp drift contracts --live cluster.yaml
            ```
            """,
    ]
}
