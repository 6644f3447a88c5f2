/// The number of terminal columns that a character fills.
///
/// NOTE: This approximates Unicode Standard Annex #11 (East Asian Width) and
/// the emoji presentation property, as terminals do, with the main wide
/// blocks listed below instead of the full data file. A rare wide character
/// outside these blocks is counted as one column and shifts the markers
/// after it by one.
enum DisplayWidth {
    /// Tab stops every 8 columns, the default of terminals.
    static let tabStop = 8

    /// Returns 2 for wide and emoji clusters, 0 for clusters that print
    /// nothing (a lone combining mark or format character), else 1.
    static func columns(of character: Character) -> Int {
        let scalars = character.unicodeScalars
        let first = scalars.first!
        if scalars.contains("\u{FE0F}") || first.properties.isEmojiPresentation || isWide(first) {
            return 2
        }
        switch first.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format:
            return 0
        default:
            return 1
        }
    }

    /// Returns the symbol printed in place of a control character, so that a
    /// contract file cannot move the cursor or change colours in a terminal,
    /// or nil for a scalar that prints as itself.
    static func visibleReplacement(for scalar: Unicode.Scalar) -> String? {
        switch scalar.value {
        case 0x00...0x1F:
            // The Control Pictures block mirrors C0 controls: U+2400 + code.
            return String(Unicode.Scalar(0x2400 + scalar.value)!)
        case 0x7F:
            return "\u{2421}"
        case 0x80...0x9F, 0x202A...0x202E, 0x2066...0x2069:
            // C1 controls and bidirectional overrides, which can make source
            // text display in another order than the compiler reads it.
            return "\u{FFFD}"
        case 0x2028, 0x2029:
            // The Unicode line and paragraph separators, which editors and
            // log viewers break lines at, so a diagnostic would lose its
            // `file:line:col` form there.
            return "\u{FFFD}"
        default:
            return nil
        }
    }

    private static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F,  // Hangul Jamo initial consonants
        0x2E80...0x303E,  // CJK radicals, Kangxi radicals, CJK symbols and punctuation
        0x3041...0x33FF,  // Hiragana, Katakana, Bopomofo, Hangul compatibility Jamo, CJK compatibility
        0x3400...0x4DBF,  // CJK unified ideographs extension A
        0x4E00...0x9FFF,  // CJK unified ideographs
        0xA000...0xA4CF,  // Yi
        0xA960...0xA97F,  // Hangul Jamo extended A
        0xAC00...0xD7A3,  // Hangul syllables
        0xF900...0xFAFF,  // CJK compatibility ideographs
        0xFE10...0xFE19,  // vertical forms
        0xFE30...0xFE6F,  // CJK compatibility forms, small form variants
        0xFF00...0xFF60,  // fullwidth forms
        0xFFE0...0xFFE6,  // fullwidth signs
        0x1F300...0x1F64F,  // pictographs and emoticons
        0x1F900...0x1F9FF,  // supplemental symbols and pictographs
        0x20000...0x2FFFD,  // CJK extensions B to F, compatibility supplement
        0x30000...0x3FFFD,  // CJK extensions G and later
    ]

    private static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        wideRanges.contains { $0.contains(scalar.value) }
    }
}
