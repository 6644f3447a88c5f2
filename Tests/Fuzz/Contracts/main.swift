// libFuzzer target for contract files: arbitrary bytes go through the
// whole front end (UTF-8 check, lexer, parser, resolver, semantic checks)
// and, when they form a valid contract, through the optimizing lowering and
// YAML writing. Diagnostics are rendered, so the renderer receives every odd line.
// Any crash, sanitizer report or hang is a finding; see ../run.sh.

import RampDiagnostics
import RampKube
import RampLowering
import RampSema
import RampSource
import RampSyntax
import RampYAML

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzContract(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let file = SourceFile(path: "fuzz.ramp", bytes: bytes)
    let diagnostics = DiagnosticEngine()

    // The compiler never parses a file that is not UTF-8, but the lexer and
    // parser must still survive any bytes.
    let parsed = Parser.parse(file, diagnostics: diagnostics)
    if let offset = SourceFile.firstInvalidUTF8Offset(bytes) {
        diagnostics.emit(.invalidUTF8(offset: offset), at: SourceRange(file: file, start: offset, end: offset + 1))
    }
    guard !diagnostics.hasErrors else {
        _ = TextRenderer().render(diagnostics.sorted())
        return 0
    }

    let program = Resolver.resolve([parsed], diagnostics: diagnostics)
    guard !diagnostics.hasErrors else {
        _ = TextRenderer().render(diagnostics.sorted())
        return 0
    }
    SemanticChecks.run(program, files: [parsed], diagnostics: diagnostics)
    _ = TextRenderer().render(diagnostics.sorted())

    var buffer = YAMLBuffer()
    for policy in Pipeline.lower(program).networkPolicies {
        policy.writeYAMLDocument(to: &buffer)
    }
    return 0
}
