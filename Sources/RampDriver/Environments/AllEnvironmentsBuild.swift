import Foundation
import RampDiagnostics
import RampSource

/// `ramp build --all-environments`: the build without `--env` into the
/// output directory, and each declared environment into a subdirectory
/// named after it. Nothing is written unless every build succeeds.
struct AllEnvironmentsBuild {
    let options: BuildOptions
    let driver: Driver

    func run() -> Driver.ExitStatus {
        let inputDiagnostics = DiagnosticEngine()
        let sources = ContractInputs.read(options.inputs, diagnostics: inputDiagnostics)
        if inputDiagnostics.hasErrors {
            _ = driver.emit(inputDiagnostics.sorted(), reporting: options.reporting)
            return .usageOrIOError
        }

        let builds = EnvironmentBuilds(sources, optimizationLevel: options.optimizationLevel, kubernetesVersion: options.kubernetesVersion)
        // As in a single build, the executable exits without freeing the results one by one.
        defer { ProcessLifetime.keep(builds) }
        let report = driver.emit(builds.diagnostics, reporting: options.reporting)
        guard !report.hasErrors else { return .failure(reporting: report.diagnostics) }

        let directory = options.outputDirectory!
        var summary = ""
        do throws(OutputError) {
            let staged = try stage(builds, into: directory, summary: &summary)
            for (index, output) in staged.enumerated() {
                do throws(OutputError) {
                    try output.commit()
                } catch {
                    for rest in staged[(index + 1)...] { rest.discard() }
                    throw error
                }
            }
            let environments = Set(builds.compilations.compactMap(\.environment))
            try EnvironmentDirectories(directory: directory).removeStale(keeping: environments)
        } catch {
            _ = driver.emit([error.diagnostic], reporting: options.reporting)
            return .usageOrIOError
        }
        driver.inform(summary, reporting: options.reporting)
        return .success
    }

    /// Stages the files of every build in its directory, so that a directory
    /// that cannot be written, such as an environment's subdirectory that is
    /// a symbolic link, fails the build before any file changes. When one
    /// fails, the others are discarded.
    ///
    /// NOTE: a rename that fails after all directories are staged, which
    /// takes a file system error, still leaves the directories committed
    /// before it changed.
    private func stage(
        _ builds: EnvironmentBuilds, into directory: String, summary: inout String
    ) throws(OutputError) -> [OutputWriter.StagedOutput] {
        var staged: [OutputWriter.StagedOutput] = []
        for (environment, compilation) in builds.compilations {
            let target = environment.map { directory + "/" + $0 } ?? directory
            let files = ManifestLayout.manifestFiles(
                BuildCommand.outputPolicies(compilation), program: compilation.program!, version: Driver.version
            )
            do throws(OutputError) {
                staged.append(try OutputWriter(directory: target).stage(files))
            } catch {
                for output in staged { output.discard() }
                throw error
            }
            let count = compilation.policies.count
            summary += "wrote \(count) NetworkPolic\(count == 1 ? "y" : "ies") in \(files.count) file\(files.count == 1 ? "" : "s") to \(target)\n"
        }
        return staged
    }
}

/// Cleans up the subdirectories of environments that are no longer declared.
///
/// A subdirectory counts as an environment's output only through its files:
/// a `.yaml` file is deleted only when it is a regular file whose header
/// says that ramp generated it for the environment the directory is named
/// after. The directory itself is removed only when that leaves it empty.
struct EnvironmentDirectories {
    let directory: String

    func removeStale(keeping environments: Set<String>) throws(OutputError) {
        for name in staleSubdirectories(keeping: environments) {
            try removeGenerated(in: directory + "/" + name, environment: name)
        }
    }

    /// Returns the files that `removeStale(keeping:)` would delete, in order.
    func generatedFiles(keeping environments: Set<String>) -> [(environment: String, path: String)] {
        staleSubdirectories(keeping: environments).flatMap { environment in
            let subdirectory = directory + "/" + environment
            return names(in: subdirectory)
                .map { subdirectory + "/" + $0 }
                .filter { isGenerated($0, environment: environment) }
                .map { (environment, $0) }
        }
    }

    private func staleSubdirectories(keeping environments: Set<String>) -> [String] {
        names(in: directory).filter { !environments.contains($0) && isDirectory(directory + "/" + $0) }
    }

    private func removeGenerated(in subdirectory: String, environment: String) throws(OutputError) {
        var removedAll = true
        for name in names(in: subdirectory) {
            let path = subdirectory + "/" + name
            guard isGenerated(path, environment: environment) else {
                removedAll = false
                continue
            }
            do {
                try FileManager.default.removeItem(atPath: path)
            } catch {
                throw OutputError.unwritable(path, reason: error.localizedDescription)
            }
        }
        // rmdir(2) removes only an empty directory, so a file created meanwhile stays.
        if removedAll { _ = rmdir(subdirectory) }
    }

    /// Returns the names in a directory, sorted, or none when it cannot be read.
    private func names(in path: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
    }

    private func isGenerated(_ path: String, environment: String) -> Bool {
        path.hasSuffix(".yaml") && isRegularFile(path) && startsWithEnvironmentHeader(path, environment: environment)
    }

    /// Any ramp version counts, so that an upgrade still cleans up.
    private func startsWithEnvironmentHeader(_ path: String, environment: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let firstLine = String(decoding: handle.readData(ofLength: 512), as: UTF8.self).prefix { $0 != "\n" }
        return firstLine.hasPrefix(ManifestLayout.headerPrefix + " ") && firstLine.contains(" for environment '\(environment)' from ")
    }

    private func isDirectory(_ path: String) -> Bool {
        fileType(path) == .typeDirectory
    }

    private func isRegularFile(_ path: String) -> Bool {
        fileType(path) == .typeRegular
    }

    /// Returns the type of the item itself, without following a symbolic link.
    private func fileType(_ path: String) -> FileAttributeType? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.type] as? FileAttributeType
    }
}
