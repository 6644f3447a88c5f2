import Foundation
import RampAdoption
import RampDiagnostics
import RampSource

struct ImportOptions {
    var inputs: [String] = []
    var workloads: [String] = []
    var output: String?
    var allowApproximate = false
    var reporting = ReportingOptions()
}

/// `ramp import`: write a contract that compiles to policies equivalent to the given ones.
struct ImportCommand {
    let options: ImportOptions
    let driver: Driver

    func run() -> Driver.ExitStatus {
        let diagnostics = DiagnosticEngine()
        let files = ManifestInputs.read(options.inputs, diagnostics: diagnostics)
        let workloadFiles = ManifestInputs.read(options.workloads, diagnostics: diagnostics)
        if diagnostics.hasErrors {
            _ = driver.emit(diagnostics.sorted(), reporting: options.reporting)
            return .usageOrIOError
        }

        let policies = ManifestInputs.policies(files, diagnostics: diagnostics)
        let inventory = ManifestInputs.inventory(workloadFiles, diagnostics: diagnostics)
        defer { ProcessLifetime.keep(files, policies) }
        // A contract of no policies declares no namespace, so it would not compile.
        if policies.isEmpty && !diagnostics.hasErrors {
            diagnostics.emit(.noPoliciesFound(options.inputs), at: nil)
        }
        guard !diagnostics.hasErrors else {
            _ = driver.emit(diagnostics.sorted(), reporting: options.reporting)
            return .contractErrors
        }

        let output = options.output!
        // Checked before the import, which can take minutes, so that a
        // file that cannot be replaced fails at once.
        if output != "-", let error = ImportedContractFile.replacementError(at: output) {
            _ = driver.emit([Diagnostic(error, at: nil)], reporting: options.reporting)
            return .usageOrIOError
        }
        let header = [
            ImportedContractFile.firstHeaderLine(version: Driver.version, inputs: files.map(\.path)),
            "ramp compiled this contract and compared the result with those policies:",
            "both allow the same connections in every cluster, unless marked APPROXIMATE below.",
        ]
        let importer = Importer(
            policies: policies, inventory: inventory, allowApproximate: options.allowApproximate,
            contractPath: output == "-" ? "<stdout>" : output, header: header, diagnostics: diagnostics
        )
        let text = importer.run()
        let report = driver.emit(diagnostics.sorted(), reporting: options.reporting)
        guard let text, !report.hasErrors else { return .contractErrors }

        if output == "-" {
            driver.standardOutput(text)
            return .success
        }
        guard FileManager.default.createFile(atPath: output, contents: Data(text.utf8)) else {
            _ = driver.emit([Diagnostic(.outputUnwritable(output, reason: ImportCommand.creationFailure(output)), at: nil)], reporting: options.reporting)
            return .usageOrIOError
        }
        driver.inform("wrote a contract for \(policies.count) NetworkPolic\(policies.count == 1 ? "y" : "ies") to \(output)\n", reporting: options.reporting)
        return .success
    }

    /// Returns why the contract file could not be created, naming a missing
    /// directory, which is the usual cause and which ramp does not create.
    static func creationFailure(_ output: String) -> String {
        let directory = (output as NSString).deletingLastPathComponent
        var isDirectory: ObjCBool = false
        if !directory.isEmpty, !FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) {
            return "its directory '\(directory)' does not exist; create it first"
        }
        if !directory.isEmpty, !isDirectory.boolValue {
            return "'\(directory)' is not a directory"
        }
        return "the file cannot be created"
    }
}
