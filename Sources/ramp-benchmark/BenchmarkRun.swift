import Foundation
import RampDiagnostics
import RampDriver
import RampKube
import RampLowering
import RampSema
import RampSource
import RampSyntax
import RampSynthetic

/// One measured stage of one run.
struct StageSample {
    let name: String
    let seconds: Double
    /// The bytes the throughput refers to: contract text for the front end,
    /// YAML for emitting and writing. Nil when no throughput is printed.
    let bytes: Int?
    /// `VmHWM` right after the stage, when the platform reports it.
    let peakBytes: Int?
    /// The time of each part of the stage, such as each optimizing pass, in order.
    var parts: [(name: String, seconds: Double)] = []
}

/// One measured whole build.
struct BuildSample {
    let seconds: Double
    let peakBytes: Int?
}

/// Measures the stages and the whole build of one synthetic system whose
/// contracts are written under `root/contracts`.
struct BenchmarkRun {
    let system: SyntheticSystem
    let root: String

    var contractsDirectory: String { root + "/contracts" }

    struct Failure: Error {
        let message: String
    }

    func writeContracts() throws {
        try? FileManager.default.removeItem(atPath: contractsDirectory)
        try FileManager.default.createDirectory(atPath: contractsDirectory, withIntermediateDirectories: true)
        for file in system.files {
            try Data(file.text.utf8).write(to: URL(fileURLWithPath: contractsDirectory + "/" + file.path))
        }
    }

    /// Returns a fresh, empty output directory path for one measurement.
    private func outputDirectory(_ name: String) -> String {
        let path = root + "/" + name
        try? FileManager.default.removeItem(atPath: path)
        return path
    }

    // MARK: - Stages

    /// Runs every stage once through the public APIs the driver uses, in
    /// the driver's order, and returns one sample per stage.
    func measureStages() throws(Failure) -> [StageSample] {
        PeakMemory.reset()
        let diagnostics = DiagnosticEngine()
        let contractBytes = system.byteCount
        var samples: [StageSample] = []
        func record(_ name: String, _ seconds: Double, bytes: Int?) {
            samples.append(StageSample(name: name, seconds: seconds, bytes: bytes, peakBytes: PeakMemory.bytes()))
        }

        let (files, readTime) = timed { ContractInputs.read([contractsDirectory], diagnostics: diagnostics) }
        record("read", readTime, bytes: contractBytes)
        let (valid, utf8Time) = timed { files.allSatisfy { SourceFile.firstInvalidUTF8Offset($0.bytes) == nil } }
        record("check UTF-8", utf8Time, bytes: contractBytes)
        let (tokens, lexTime) = timed { files.map { Lexer.tokenize($0.bytes) } }
        record("lex", lexTime, bytes: contractBytes)
        let (parsed, parseTime) = timed { zip(files, tokens).map { Parser.parse($0, tokens: $1, diagnostics: diagnostics) } }
        record("parse", parseTime, bytes: contractBytes)
        let (program, resolveTime) = timed { Resolver.resolve(parsed, diagnostics: diagnostics) }
        record("resolve", resolveTime, bytes: nil)
        guard valid, !diagnostics.hasErrors else { throw Failure(message: TextRenderer().render(diagnostics.sorted())) }
        let (_, checkTime) = timed { SemanticChecks.run(program, files: parsed, diagnostics: diagnostics) }
        record("check", checkTime, bytes: nil)

        // As in `Pipeline.lower`, the lowering builds the grouped plan that the first pass would make.
        var passes = Pipeline.passes(level: .standard, kubernetesVersion: .defaultTarget)
        guard passes.first?.name == GroupBySubject().name else { throw Failure(message: "the first pass is not group-by-subject; make the benchmark lower as Pipeline.lower does") }
        passes.removeFirst()
        var (plan, lowerTime) = timed { ReferenceLowering.lowerGrouped(program) }
        record("lower", lowerTime, bytes: nil)
        var passTimes: [(name: String, seconds: Double)] = []
        for pass in passes {
            passTimes.append((pass.name, timed { pass.run(&plan) }.1))
        }
        let (policies, convertTime) = timed { plan.networkPolicies }
        record("optimize", passTimes.reduce(convertTime) { $0 + $1.seconds }, bytes: nil)
        samples[samples.count - 1].parts = passTimes + [("to objects", convertTime)]
        let ((objects, manifests), emitTime) = timed { () -> ([RenderedPolicy], [String: String]) in
            let objects = RenderedPolicy.render(policies)
            return (objects, ManifestLayout.render(objects, program: program, version: Driver.version))
        }
        let yamlBytes = manifests.values.reduce(0) { $0 + $1.utf8.count }
        record("emit YAML", emitTime, bytes: yamlBytes)
        let (_, limitsTime) = timed { ObjectLimits.check(objects, program: program, diagnostics: diagnostics) }
        record("check limits", limitsTime, bytes: nil)

        let output = outputDirectory("out-stages")
        let (writeError, writeTime) = timed { () -> OutputError? in
            do throws(OutputError) {
                try OutputWriter(directory: output).write(manifests)
                return nil
            } catch {
                return error
            }
        }
        if let writeError { throw Failure(message: writeError.diagnostic.message) }
        record("write", writeTime, bytes: yamlBytes)
        return samples
    }

    // MARK: - Whole build

    /// Runs `ramp build` in this process, as the `ramp` executable would.
    func measureBuild() throws(Failure) -> BuildSample {
        let output = outputDirectory("out-build")
        var errorText = ""
        let driver = Driver(standardOutput: { _ in }, standardError: { errorText += $0 }, environment: [:], standardErrorIsTerminal: false)
        PeakMemory.reset()
        let (status, seconds) = timed { driver.run(["build", contractsDirectory, "-o", output]) }
        guard status == .success else { throw Failure(message: errorText) }
        return BuildSample(seconds: seconds, peakBytes: PeakMemory.bytes())
    }

    /// Runs the `ramp` executable that sits beside this one, or returns nil
    /// when there is none.
    ///
    /// With `overPreviousOutput`, the build writes into the directory that
    /// the previous run filled, as a build into a checked-in `generated/`
    /// does: unchanged files are compared, not created. Otherwise the
    /// directory is deleted first, and the build creates every file.
    func measureExecutable(overPreviousOutput: Bool = false) throws(Failure) -> BuildSample? {
        guard let executable = BenchmarkRun.rampExecutable else { return nil }
        let output = overPreviousOutput ? root + "/out-executable" : outputDirectory("out-executable")
        let (run, seconds) = timed { ChildProcess.runMeasured(executable, ["build", contractsDirectory, "-o", output]) }
        guard run.status == 0 else { throw Failure(message: "\(executable) exited with status \(run.status)") }
        return BuildSample(seconds: seconds, peakBytes: run.peakBytes)
    }

    /// The path of the `ramp` executable that sits beside this one, or nil
    /// when there is none.
    static var rampExecutable: String? {
        guard let executable = Bundle.main.executableURL?.deletingLastPathComponent().appendingPathComponent("ramp"),
              FileManager.default.isExecutableFile(atPath: executable.path) else { return nil }
        return executable.path
    }
}

/// Returns the value of `body` and its wall-clock duration in seconds.
func timed<Value>(_ body: () throws -> Value) rethrows -> (Value, Double) {
    let start = ContinuousClock.now
    let value = try body()
    let duration = start.duration(to: .now)
    let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    return (value, seconds)
}
