import Foundation
import RampDriver

var driver = Driver(
    standardOutput: { FileHandle.standardOutput.write(Data($0.utf8)) },
    standardError: { FileHandle.standardError.write(Data($0.utf8)) }
)
driver.keepsResultsUntilExit = true
exit(driver.run(Array(CommandLine.arguments.dropFirst())).rawValue)
