import Foundation
import RampDriver

let driver = Driver(
    standardOutput: { FileHandle.standardOutput.write(Data($0.utf8)) },
    standardError: { FileHandle.standardError.write(Data($0.utf8)) }
)
exit(driver.run(Array(CommandLine.arguments.dropFirst())).rawValue)
