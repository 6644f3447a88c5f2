import Foundation
import RampDriver
import RampEvaluator
import RampIR
import RampLowering
import RampSource
import RampSynthetic

// `ramp-benchmark`: generates a synthetic contract system and measures each
// stage of a build and the whole build. See `BenchmarkOptions.usage`.

let options: BenchmarkOptions
do {
    options = try BenchmarkOptions.parse(Array(CommandLine.arguments.dropFirst()))
} catch {
    if error.message.isEmpty {
        print(BenchmarkOptions.usage, terminator: "")
        exit(0)
    }
    FileHandle.standardError.write(Data("ramp-benchmark: error: \(error.message)\n\n\(BenchmarkOptions.usage)".utf8))
    exit(2)
}

let root = options.keepDirectory
    ?? FileManager.default.temporaryDirectory.appendingPathComponent("ramp-benchmark-\(getpid())").path

if options.shapes {
    guard let executable = BenchmarkRun.rampExecutable else {
        FileHandle.standardError.write(Data("ramp-benchmark: error: no 'ramp' executable beside this one; run 'swift build -c release' first\n".utf8))
        exit(2)
    }
    let allRan = ShapeBenchmark.run(executable: executable, root: root, megabytes: options.shapeMegabytes)
    if options.keepDirectory == nil { try? FileManager.default.removeItem(atPath: root) }
    exit(allRan ? 0 : 1)
}

/// Generates the system of `size`, measures it `options.repetitions` times
/// and prints the report.
func benchmark(_ size: SyntheticSystem.Size, label: String) -> BenchmarkReport {
    let (system, generationSeconds) = timed { SyntheticSystem(size: size, seed: options.seed) }
    print("generated in \(format(generationSeconds * 1000, digits: 1)) ms (not part of the build)")
    let run = BenchmarkRun(system: system, root: root + "/" + label)
    var report = BenchmarkReport(system: system, label: label)
    do {
        try run.writeContracts()
        for _ in 0..<options.repetitions {
            report.stageRuns.append(try run.measureStages())
            report.builds.append(try run.measureBuild())
            if let sample = try run.measureExecutable() { report.executableBuilds.append(sample) }
            if let sample = try run.measureExecutable(overPreviousOutput: true) { report.executableRebuilds.append(sample) }
        }
    } catch let failure as BenchmarkRun.Failure {
        FileHandle.standardError.write(Data("ramp-benchmark: error: the build failed:\n\(failure.message)\n".utf8))
        exit(1)
    } catch {
        FileHandle.standardError.write(Data("ramp-benchmark: error: \(error)\n".utf8))
        exit(1)
    }
    report.print()
    print("")
    printMinimality(system)
    return report
}

/// Prints the sizes of the reference lowering, the one-policy-per-workload
/// baseline and the optimized output, and how many objects a one-dependency
/// change touches.
func printMinimality(_ system: SyntheticSystem) {
    var compilation = Compilation()
    compilation.compile(system.files.map { SourceFile(path: $0.path, text: $0.text) })
    guard let program = compilation.program else { return }
    let statistics = BuildStatistics(program: program)
    print(statistics.table, terminator: "")
    let namespaces = program.namespaces.count
    print("objects per namespace (optimized): \(format(Double(statistics.optimized.objects) / Double(namespaces), digits: 2))")
    let stability = ChangeStability.measure(program, level: .standard, sampleLimit: 10)
    print("one dependency removed (\(stability.samples) samples): mean \(format(stability.meanChangedObjects, digits: 2)) objects changed, at most \(stability.maximumChangedObjects)")
    if options.checksEquivalence { printEquivalence(program) }
    print("")
}

/// Prints the time that the evaluator takes to prove that the optimized
/// policies allow exactly what the reference lowering allows, and its verdict.
func printEquivalence(_ program: Program) {
    let reference = Pipeline.lower(program, level: .none).networkPolicies
    let optimized = Pipeline.lower(program, level: .standard).networkPolicies
    let (verdict, seconds) = timed { () -> String in
        do {
            guard let counterexample = try equivalence(of: reference, and: optimized) else { return "equivalent" }
            return "different: \(counterexample)"
        } catch {
            return "invalid policies: \(error)"
        }
    }
    print("equivalence check -O0 vs -O: \(format(seconds * 1000, digits: 1)) ms, \(verdict)")
}

let base = benchmark(options.size, label: options.presetName)
/// Prints how many times as long the scaled system took as the base one.
func printScaling(_ measure: String, base: Double, scaled: Double) {
    let times = "\(format(base * 1000, digits: 1)) ms to \(format(scaled * 1000, digits: 1)) ms"
    print("scaling: 10 times the input took \(format(scaled / base, digits: 2)) times as long (\(measure), \(times))")
}

if options.scaling {
    let scaled = benchmark(options.size.scaled(by: 10), label: options.presetName + "-x10")
    printScaling("whole build, in process", base: base.medianBuildSeconds, scaled: scaled.medianBuildSeconds)
    // Creating files in a directory just deleted is where the file system
    // varies most, so the ratios without it are printed too.
    if let baseRebuild = base.medianRebuildSeconds, let scaledRebuild = scaled.medianRebuildSeconds {
        printScaling("ramp executable, over its previous output", base: baseRebuild, scaled: scaledRebuild)
    }
    printScaling("stages before writing", base: base.medianSecondsBeforeWriting, scaled: scaled.medianSecondsBeforeWriting)
}
if options.keepDirectory == nil {
    try? FileManager.default.removeItem(atPath: root)
}
