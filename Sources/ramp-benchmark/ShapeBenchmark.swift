import Foundation

/// Runs the `ramp` executable on every input shape and prints, for each,
/// the seconds per megabyte of input and the peak memory.
enum ShapeBenchmark {
    /// Returns false when a command crashed or could not run.
    static func run(executable: String, root: String, megabytes: Double) -> Bool {
        print("input shapes, about \(format(megabytes, digits: 2)) MB each, the ramp executable (builds over their previous output):")
        print("shape                                    command    MB    seconds    s/MB   peak MB  exit")
        var slowest: (secondsPerMegabyte: Double, name: String)?
        var allRan = true
        for (index, shape) in InputShape.all.enumerated() {
            let directory = root + "/shape-\(index)"
            guard let result = measure(shape, executable: executable, directory: directory, bytes: Int(megabytes * 1e6)) else {
                print("\(pad(shape.name, 40)) \(pad(shape.command.rawValue, 8)) could not write the input")
                allRan = false
                continue
            }
            let megabytesRead = Double(result.bytes) / 1e6
            let secondsPerMegabyte = result.seconds / megabytesRead
            print([
                pad(shape.name, 40), pad(shape.command.rawValue, 8),
                pad(format(megabytesRead, digits: 2), 6, right: true),
                pad(format(result.seconds, digits: 3), 10, right: true),
                pad(format(secondsPerMegabyte, digits: 3), 7, right: true),
                pad(format(Double(result.peakBytes) / 1e6, digits: 1), 9, right: true),
                pad(result.status < 0 ? "crash" : String(result.status), 5, right: true),
            ].joined(separator: " "))
            if result.status < 0 || result.status > 2 { allRan = false }
            if secondsPerMegabyte > slowest?.secondsPerMegabyte ?? -1 { slowest = (secondsPerMegabyte, "\(shape.name) (\(shape.command.rawValue))") }
        }
        if let slowest {
            print("slowest: \(format(slowest.secondsPerMegabyte, digits: 3)) s per MB, \(slowest.name)")
        }
        return allRan
    }

    private struct Result {
        let bytes: Int
        let seconds: Double
        let peakBytes: Int
        let status: Int32
    }

    private static func measure(_ shape: InputShape, executable: String, directory: String, bytes: Int) -> Result? {
        let input = shape.generate(bytes)
        let contracts = directory + "/input"
        let output = directory + "/output"
        try? FileManager.default.removeItem(atPath: directory)
        do {
            try FileManager.default.createDirectory(atPath: contracts, withIntermediateDirectories: true)
            try Data(input).write(to: URL(fileURLWithPath: contracts + "/" + shape.fileName))
        } catch {
            return nil
        }

        let arguments: [String]
        switch shape.command {
        case .build:
            // Creating thousands of files in a directory just deleted is slow
            // on some file systems, so the build is timed over the output of
            // an untimed first build, as a build into `generated/` runs.
            arguments = ["build", contracts, "-o", output]
            _ = ChildProcess.run(executable, arguments)
        case .check:
            // The check compares with a build, which is not part of the time.
            _ = ChildProcess.run(executable, ["build", "--all-environments", contracts, "-o", output])
            arguments = ["check", "--all-environments", contracts, "-o", output]
        case .lint:
            arguments = ["lint", contracts + "/" + shape.fileName]
        case .import:
            arguments = ["import", contracts + "/" + shape.fileName, "--allow-approximate", "-o", directory + "/imported.ramp"]
        }
        let (run, seconds) = timed { ChildProcess.runMeasured(executable, arguments) }
        return Result(bytes: input.count, seconds: seconds, peakBytes: run.peakBytes, status: run.status)
    }
}
