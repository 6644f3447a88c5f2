// libFuzzer target for NetworkPolicy manifests: arbitrary bytes go through
// the YAML reader and the NetworkPolicy decoder, and diagnostics are
// rendered. Every policy the decoder accepts is written back as YAML and
// read again, and must come back unchanged, so a finding is a crash, a
// sanitizer report, a hang or a policy that the writer and the reader
// disagree on. See ../run.sh.

import RampDiagnostics
import RampKube
import RampSource
import RampYAML

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzManifest(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let diagnostics = DiagnosticEngine()
    let decoded = NetworkPolicyDecoder().decode(SourceFile(path: "fuzz.yaml", bytes: bytes), diagnostics: diagnostics)
    _ = TextRenderer().render(diagnostics.sorted())
    guard !decoded.policies.isEmpty else { return 0 }

    // Comments are sanitised when written, so the round trip compares the objects without them.
    let policies = decoded.policies.map(\.policy.withoutComments)
    var buffer = YAMLBuffer()
    for policy in policies {
        policy.writeYAMLDocument(to: &buffer)
    }
    let again = NetworkPolicyDecoder().decode(SourceFile(path: "again.yaml", bytes: buffer.bytes), diagnostics: DiagnosticEngine())
    let written = String(decoding: buffer.bytes, as: UTF8.self)
    precondition(again.policies.map(\.policy.withoutComments) == policies, "the written YAML reads back differently:\n\(written)")
    return 0
}
