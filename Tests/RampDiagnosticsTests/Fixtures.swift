import RampDiagnostics
import RampSource

/// Contracts and diagnostics shared by the rendering tests.
enum Fixtures {
    static let shopText = """
        namespace shop {
            deny ingress, egress
            service api [app=api] ports http:8080
            service web [app=web] ports http:80
            web -> api:htp
        }

        """

    static let shop = SourceFile(path: "contracts/shop.ramp", text: shopText)

    /// Returns the range of the `occurrence`-th (0-based) match of `text` in `file`.
    static func range(of text: String, in file: SourceFile, occurrence: Int = 0) -> SourceRange {
        let needle = Array(text.utf8)
        var found = 0
        for start in 0...(file.bytes.count - needle.count) where Array(file.bytes[start..<start + needle.count]) == needle {
            if found == occurrence {
                return SourceRange(file: file, start: start, end: start + needle.count)
            }
            found += 1
        }
        fatalError("'\(text)' not found in \(file.path)")
    }

    /// An unknown port with a highlight, a located note, an unlocated note and a fix-it.
    static var unknownPort: Diagnostic {
        let port = range(of: "htp", in: shop)
        return Diagnostic(
            .unknownPortName("htp", service: "api"),
            at: port,
            highlights: [Highlight(range(of: "web", in: shop, occurrence: 2), label: "client")],
            notes: [
                Note("service 'api' is declared here", at: range(of: "api", in: shop, occurrence: 0)),
                Note("a dependency names a port that its target service declares"),
            ],
            fixIts: [FixIt("use the declared port", replacing: port, with: "http")]
        )
    }
}
