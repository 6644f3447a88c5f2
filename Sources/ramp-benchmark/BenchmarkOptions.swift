import RampSynthetic

/// The parsed command line of `ramp-benchmark`.
struct BenchmarkOptions {
    var size = SyntheticSystem.Size.small
    var presetName = "small"
    var seed: UInt64 = 1
    var repetitions = 3
    var scaling = false
    var checksEquivalence = true
    /// The directory that keeps the generated contracts and YAML, or nil for a temporary one.
    var keepDirectory: String?
    /// Whether to run the input shapes instead of a synthetic system, and their size.
    var shapes = false
    var shapeMegabytes = 1.0

    static let usage = """
    USAGE: ramp-benchmark [small | large] [--services N] [--namespaces N] [--dependencies N]
                          [--seed N] [--repeat N] [--scaling] [--no-equivalence] [--keep DIR]
           ramp-benchmark shapes [--megabytes N] [--keep DIR]

    Generates a synthetic contract system and times each stage of a build and
    the whole build, with throughput (1 MB = 10^6 bytes) and peak memory. Then
    prints the sizes of the lowerings and times the evaluator's proof that the
    optimized policies allow exactly what the reference lowering allows.

      small             1,500 services in 150 namespaces, 9,300 dependencies (default)
      large             10,000 services in 1,000 namespaces, 100,000 dependencies
      --services N      number of services (the namespaces default to one per 10 services)
      --namespaces N    number of namespaces
      --dependencies N  number of dependency lines
      --seed N          seed of the generator (default 1)
      --repeat N        runs per measurement; the median is printed (default 3)
      --scaling         also run 10 times the size and print the ratio of build times
      --no-equivalence  skip the equivalence check, which takes minutes on the large preset
      --keep DIR        write the contracts and output under DIR and keep them

      shapes            instead, run the ramp executable on inputs of unusual shapes
                        (a selector of thousands of labels, a network of thousands of
                        excepts, one long line, bytes that are not UTF-8, ...) and print
                        the seconds per MB of input and the peak memory of each
      --megabytes N     the size of each shape's input (default 1)

    Measure a release build: swift build -c release && .build/release/ramp-benchmark large

    """

    struct UsageError: Error {
        let message: String
    }

    static func parse(_ arguments: [String]) throws(UsageError) -> BenchmarkOptions {
        var options = BenchmarkOptions()
        var services: Int?
        var namespaces: Int?
        var dependencies: Int?
        var index = 0
        func number(_ option: String) throws(UsageError) -> Int {
            index += 1
            guard index < arguments.count, let value = Int(arguments[index]), value >= 0 else {
                throw UsageError(message: "option '\(option)' requires a non-negative number")
            }
            return value
        }
        while index < arguments.count {
            let argument = arguments[index]
            switch argument {
            case "small": (options.size, options.presetName) = (.small, "small")
            case "large": (options.size, options.presetName) = (.large, "large")
            case "--services": services = try number(argument)
            case "--namespaces": namespaces = try number(argument)
            case "--dependencies": dependencies = try number(argument)
            case "--seed": options.seed = UInt64(try number(argument))
            case "--repeat": options.repetitions = max(1, try number(argument))
            case "--scaling": options.scaling = true
            case "--no-equivalence": options.checksEquivalence = false
            case "--keep":
                index += 1
                guard index < arguments.count else { throw UsageError(message: "option '--keep' requires a directory") }
                options.keepDirectory = arguments[index]
            case "shapes": options.shapes = true
            case "--megabytes":
                index += 1
                guard index < arguments.count, let value = Double(arguments[index]), value > 0, value <= 1000 else {
                    throw UsageError(message: "option '--megabytes' requires a number above 0 and at most 1000")
                }
                options.shapeMegabytes = value
            case "-h", "--help": throw UsageError(message: "")
            default: throw UsageError(message: "unknown argument '\(argument)'")
            }
            index += 1
        }
        if services != nil || namespaces != nil || dependencies != nil {
            let serviceCount = services ?? options.size.services
            options.size = SyntheticSystem.Size(
                services: serviceCount,
                namespaces: namespaces ?? (services != nil ? max(1, serviceCount / 10) : options.size.namespaces),
                dependencies: dependencies ?? options.size.dependencies
            )
            options.presetName = "custom"
        }
        return options
    }
}
