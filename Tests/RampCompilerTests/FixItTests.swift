import RampDiagnostics
import RampDriver
import XCTest

/// Applies every fix-it of a broken contract, as an editor would, and
/// compiles the result again: it must have none of the problems fixed.
final class FixItTests: XCTestCase {
    /// Returns `text` with the fix-its replaced from the end backwards, so
    /// that earlier offsets stay valid. Repeated identical edits apply once;
    /// overlapping different edits fail the test.
    private func applying(_ fixIts: [FixIt], to text: String, file: StaticString = #filePath, line: UInt = #line) -> String {
        var bytes = Array(text.utf8)
        var edits: [FixIt] = []
        for fixIt in fixIts where !edits.contains(where: { $0.range == fixIt.range && $0.replacement == fixIt.replacement }) {
            edits.append(fixIt)
        }
        edits.sort { $0.range.start > $1.range.start }
        for (index, edit) in edits.enumerated() {
            if index > 0 {
                XCTAssertLessThanOrEqual(edit.range.end, edits[index - 1].range.start, "overlapping fix-its", file: file, line: line)
            }
            bytes.replaceSubrange(edit.range.start..<edit.range.end, with: Array(edit.replacement.utf8))
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private func fixIts(_ compilation: Compilation, _ ids: Set<DiagnosticID>) -> [FixIt] {
        compilation.diagnostics.diagnostics.filter { ids.contains($0.id) }.flatMap(\.fixIts)
    }

    func testDidYouMeanFixesCompile() {
        let broken = """
        network office = 192.0.2.0/24

        namespace payments {
          service gateway [app=gateway] ports https:8443
        }

        namespace shop {
          deny all
          service frontend [app=frontend] ports http:8080
          service cart [app=cart] ports grpc:7070, metrics:9090
          fronted -> cart:grpc
          frontend -> cart:grcp
          frontend -> paymnts/gateway:https
          frontend -> network ofice:443
          frontend -> crt:metrics
          frontend -> gateway:8443
          internet -> frontend:80
        }

        """
        let compilation = compile(broken)
        let errors = compilation.diagnostics.diagnostics.filter { $0.severity == .error }
        XCTAssertEqual(errors.map(\.id.code), ["RAMP0201", "RAMP0301", "RAMP0202", "RAMP0203", "RAMP0201", "RAMP0201", "RAMP0302"])
        for error in errors {
            XCTAssertEqual(error.fixIts.count, 1, "\(error.message) has no fix-it")
        }

        let fixed = applying(errors.flatMap(\.fixIts), to: broken)
        XCTAssertEqual(fixed, """
        network office = 192.0.2.0/24

        namespace payments {
          service gateway [app=gateway] ports https:8443
        }

        namespace shop {
          deny all
          service frontend [app=frontend] ports http:8080
          service cart [app=cart] ports grpc:7070, metrics:9090
          frontend -> cart:grpc
          frontend -> cart:grpc
          frontend -> payments/gateway:https
          frontend -> network office:443
          frontend -> cart:metrics
          frontend -> payments/gateway:8443
          internet -> frontend:8080
        }

        """)
        let recompiled = compile(fixed)
        XCTAssertEqual(messages(recompiled).filter { $0.contains("error:") }, [])
        XCTAssertNotNil(recompiled.program)
    }

    func testWarningFixesRemoveWarnings() {
        let warned = """
        namespace payments {
          service api [app=api] ports 8443, 9090
        }

        namespace shop {
          deny all
          dns off
          service web [app=web, pod-template-hash=5d8f7c9b6]
          service cart [app=cart] ports grpc:7070
          web -> cart:grpc
          web -> cart:7070
          web -> namespace paymnts:8443
          web, web -> payments/api
        }

        """
        let ids: Set<DiagnosticID> = [.dnsOffBlocksLookups, .rolloutLabel, .duplicateDependency, .undeclaredNamespaceResemblesDeclared]
        let compilation = compile(warned)
        XCTAssertEqual(Set(compilation.diagnostics.diagnostics.map(\.id)), ids)
        XCTAssertEqual(compilation.diagnostics.diagnostics.filter { $0.fixIts.isEmpty }.map(\.message), [])

        let fixed = applying(fixIts(compilation, ids), to: warned)
        XCTAssertEqual(fixed, """
        namespace payments {
          service api [app=api] ports 8443, 9090
        }

        namespace shop {
          deny all
          service web [app=web]
          service cart [app=cart] ports grpc:7070
          web -> cart:grpc
          web -> namespace payments:8443
          web -> payments/api
        }

        """)
        let recompiled = compile(fixed)
        XCTAssertEqual(messages(recompiled), [])
    }
}
