import RampSource

/// Finds the Unicode characters that change the direction in which the text
/// after them is displayed: the embeddings and overrides U+202A to U+202E
/// and the isolates U+2066 to U+2069.
///
/// Editors and code reviews show text around them reordered, while the
/// lexer reads bytes in order, so a contract could mean other than it
/// seems. The lexer skips comments whole, so the search reads every byte
/// of the file, comments and strings included.
public enum DirectionalControls {
    /// One character found: its byte offset and code point.
    public struct Occurrence: Equatable, Sendable {
        public let offset: Int
        public let codePoint: UInt32

        /// The Unicode name of the character.
        public var name: String { DirectionalControls.names[codePoint] ?? "directional formatting character" }

        /// Returns the character's bytes in `file`, for a diagnostic.
        public func range(in file: SourceFile) -> SourceRange {
            SourceRange(file: file, start: offset, end: offset + DirectionalControls.encodedLength)
        }
    }

    /// The length of each character's UTF-8 encoding, E2 80 AA to E2 81 A9.
    public static let encodedLength = 3

    static let names: [UInt32: String] = [
        0x202A: "LEFT-TO-RIGHT EMBEDDING",
        0x202B: "RIGHT-TO-LEFT EMBEDDING",
        0x202C: "POP DIRECTIONAL FORMATTING",
        0x202D: "LEFT-TO-RIGHT OVERRIDE",
        0x202E: "RIGHT-TO-LEFT OVERRIDE",
        0x2066: "LEFT-TO-RIGHT ISOLATE",
        0x2067: "RIGHT-TO-LEFT ISOLATE",
        0x2068: "FIRST STRONG ISOLATE",
        0x2069: "POP DIRECTIONAL ISOLATE",
    ]

    /// Returns every occurrence in valid UTF-8 text, in order.
    public static func find(in bytes: [UInt8]) -> [Occurrence] {
        var found: [Occurrence] = []
        var index = 0
        while index + 2 < bytes.count {
            // Each of these characters is E2 and two continuation bytes, and
            // E2 is never a continuation byte, so a match is a whole character.
            guard bytes[index] == 0xE2 else {
                index += 1
                continue
            }
            let codePoint = 0x2000 | UInt32(bytes[index + 1] & 0x3F) << 6 | UInt32(bytes[index + 2] & 0x3F)
            if names[codePoint] != nil { found.append(Occurrence(offset: index, codePoint: codePoint)) }
            index += 1
        }
        return found
    }
}
