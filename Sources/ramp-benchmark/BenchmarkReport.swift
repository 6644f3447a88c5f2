import Foundation
import RampSynthetic

/// The measurements of one system over all repetitions, and their printout.
struct BenchmarkReport {
    let system: SyntheticSystem
    let label: String
    var stageRuns: [[StageSample]] = []
    var builds: [BuildSample] = []
    var executableBuilds: [BuildSample] = []
    var executableRebuilds: [BuildSample] = []

    var medianBuildSeconds: Double { median(builds.map(\.seconds)) }

    var medianRebuildSeconds: Double? {
        executableRebuilds.isEmpty ? nil : median(executableRebuilds.map(\.seconds))
    }

    /// The sum of the stages' medians, without the write stage.
    var medianSecondsBeforeWriting: Double {
        guard let first = stageRuns.first else { return 0 }
        return first.indices.filter { first[$0].name != "write" }.reduce(0.0) { sum, index in
            sum + median(stageRuns.map { $0[index].seconds })
        }
    }

    func print() {
        Swift.print("\(label): \(system.size), seed \(system.seed)")
        Swift.print("contracts: \(system.files.count) files, \(megabytes(system.byteCount)) MB")
        Swift.print("")
        printStages()
        Swift.print("")
        // In process, the peak starts from the memory the allocator kept
        // after the stage runs; the executable's peak is the clean one.
        printBuild("whole build, in process", builds)
        printBuild("whole build, ramp executable", executableBuilds)
        printBuild("same, over its previous output", executableRebuilds)
    }

    /// Prints the median time of each stage over the repetitions, and the
    /// peak memory after it in the first repetition, which starts from a
    /// fresh process.
    private func printStages() {
        guard let first = stageRuns.first else { return }
        Swift.print(pad("stage", 14) + pad("median ms", 12, right: true) + pad("throughput", 16, right: true) + pad("peak MB", 10, right: true))
        for (index, stage) in first.enumerated() {
            let seconds = median(stageRuns.map { $0[index].seconds })
            let throughput = stage.bytes.map { "\(format(Double($0) / 1e6 / seconds, digits: 1)) MB/s" } ?? ""
            Swift.print(
                pad(stage.name, 14) + pad(format(seconds * 1000, digits: 1), 12, right: true)
                    + pad(throughput, 16, right: true) + pad(stage.peakBytes.map(megabytes) ?? "n/a", 10, right: true)
            )
        }
        let total = first.indices.reduce(0.0) { sum, index in sum + median(stageRuns.map { $0[index].seconds }) }
        Swift.print(pad("sum of stages", 14) + pad(format(total * 1000, digits: 1), 12, right: true))
        if let yaml = first.first(where: { $0.name == "emit YAML" })?.bytes {
            Swift.print("YAML: \(megabytes(yaml)) MB")
        }
        for (index, stage) in first.enumerated() where !stage.parts.isEmpty {
            printParts(of: index, stage.name)
        }
    }

    /// Prints one line with the median time of each part of a stage.
    private func printParts(of index: Int, _ name: String) {
        let parts = stageRuns[0][index].parts.indices.map { part in
            let seconds = median(stageRuns.map { $0[index].parts[part].seconds })
            return "\(stageRuns[0][index].parts[part].name) \(format(seconds * 1000, digits: 1))"
        }
        Swift.print("\(name) by part (ms): " + parts.joined(separator: ", "))
    }

    private func printBuild(_ title: String, _ samples: [BuildSample]) {
        guard !samples.isEmpty else { return }
        let seconds = samples.map(\.seconds)
        let peak = samples.compactMap(\.peakBytes).max().map { megabytes($0) + " MB" } ?? "n/a"
        Swift.print(
            "\(title): median \(format(median(seconds) * 1000, digits: 1)) ms, "
                + "min \(format(seconds.min()! * 1000, digits: 1)) ms, peak memory \(peak)"
        )
    }
}

// MARK: - Formatting

func median(_ values: [Double]) -> Double {
    guard !values.isEmpty else { return 0 }
    let sorted = values.sorted()
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

func megabytes(_ bytes: Int) -> String {
    format(Double(bytes) / 1e6, digits: 1)
}

func format(_ value: Double, digits: Int) -> String {
    String(format: "%.\(digits)f", value)
}

func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
    let padding = String(repeating: " ", count: max(0, width - text.count))
    return right ? padding + text : text + padding
}
