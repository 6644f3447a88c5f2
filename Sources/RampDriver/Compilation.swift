import Foundation
import RampDiagnostics
import RampIR
import RampKube
import RampLowering
import RampSema
import RampSource
import RampSyntax

/// One run of the compiler over a set of contract files: read, parse,
/// resolve, lower. Every stage reports to one diagnostic engine, and a
/// stage runs only when the stages before it found no error.
public struct Compilation {
    public let diagnostics = DiagnosticEngine()
    public private(set) var sources: [SourceFile] = []
    public private(set) var program: Program?
    public private(set) var policies: [NetworkPolicy] = []

    public init() {}

    /// Compiles files already in memory; the driver reads them first.
    public mutating func compile(_ files: [SourceFile]) {
        sources = files
        var parsed: [ContractFile] = []
        for file in files {
            if let offset = SourceFile.firstInvalidUTF8Offset(file.bytes) {
                diagnostics.emit(.invalidUTF8(offset: offset), at: SourceRange(file: file, start: offset, end: offset + 1))
                continue
            }
            parsed.append(Parser.parse(file, diagnostics: diagnostics))
        }
        guard !diagnostics.hasErrors else { return }

        let program = Resolver.resolve(parsed, diagnostics: diagnostics)
        guard !diagnostics.hasErrors else { return }
        self.program = program

        policies = Lowering.lower(program)
    }
}
