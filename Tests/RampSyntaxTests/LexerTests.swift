import RampSyntax
import XCTest

final class LexerTests: XCTestCase {
    private func kinds(_ text: String) -> [TokenKind] {
        Lexer.tokenize(Array(text.utf8)).map(\.kind)
    }

    private func texts(_ text: String) -> [String] {
        let bytes = Array(text.utf8)
        return Lexer.tokenize(bytes).dropLast().map { String(decoding: bytes[$0.start..<$0.end], as: UTF8.self) }
    }

    func testDependencyLine() {
        XCTAssertEqual(texts("web->api:http, db:5432/tcp"), ["web", "->", "api", ":", "http", ",", "db", ":", "5432", "/", "tcp"])
        XCTAssertEqual(kinds("a -> b"), [.word, .arrow, .word, .endOfFile])
    }

    func testWordsKeepDashesDotsAndRanges() {
        XCTAssertEqual(texts("redis-cart app.kubernetes.io/name 30000-30100"), ["redis-cart", "app.kubernetes.io", "/", "name", "30000-30100"])
    }

    func testCIDRsInBothFamilies() {
        XCTAssertEqual(kinds("10.0.0.0/8 ::/0 fd00::/8 2001:db8::/32"), [.cidr, .cidr, .cidr, .cidr, .endOfFile])
        XCTAssertEqual(texts("::/0"), ["::/0"])
    }

    /// A service with a port or a namespaced service must not lex as a CIDR,
    /// even when its name is made of hex digits.
    func testWordsThatLookLikeAddressesStayWords() {
        XCTAssertEqual(kinds("cafe:80/udp"), [.word, .colon, .word, .slash, .word, .endOfFile])
        XCTAssertEqual(kinds("cafe/bead"), [.word, .slash, .word, .endOfFile])
        XCTAssertEqual(kinds("10.0.0.1"), [.word, .endOfFile])
    }

    func testCommentsAreSkippedAndNewlinesKept() {
        XCTAssertEqual(kinds("a # comment -> b\nb"), [.word, .newline, .word, .endOfFile])
    }

    func testSelectorPunctuation() {
        XCTAssertEqual(kinds("[a=b, c!=d, !e]"), [
            .leftBracket, .word, .equals, .word, .comma, .word, .notEquals, .word, .comma, .bang, .word, .rightBracket, .endOfFile,
        ])
    }

    func testStrings() {
        let tokens = Lexer.tokenize(Array(#""a \"b\"" "open"#.utf8))
        XCTAssertEqual(tokens.map(\.kind), [.string, .string, .endOfFile])
        XCTAssertNil(tokens[0].flaw)
        XCTAssertEqual(tokens[1].flaw, .unterminatedString)
        let open = Lexer.tokenize(Array("\"x\ny".utf8))
        XCTAssertEqual(open.map(\.kind), [.string, .newline, .word, .endOfFile])
        XCTAssertEqual(open[0].flaw, .unterminatedString)
    }

    func testUnknownCharacterTakesWholeUTF8Sequence() {
        let tokens = Lexer.tokenize(Array("a é b".utf8))
        XCTAssertEqual(tokens.map(\.kind), [.word, .unknown, .word, .endOfFile])
        XCTAssertEqual(tokens[1].end - tokens[1].start, 2)
    }

    func testByteOrderMarkAtStartIsSkipped() {
        let tokens = Lexer.tokenize(Array("\u{FEFF}a b".utf8))
        XCTAssertEqual(tokens.map(\.kind), [.word, .word, .endOfFile])
        XCTAssertEqual(tokens[0].start, 3)
    }

    func testByteOrderMarkAfterStartIsUnknown() {
        XCTAssertEqual(kinds("a \u{FEFF}b"), [.word, .unknown, .word, .endOfFile])
    }

    func testLoneCarriageReturnIsFlawed() {
        let tokens = Lexer.tokenize(Array("a\rb\r\nc".utf8))
        XCTAssertEqual(tokens.map(\.kind), [.word, .unknown, .word, .newline, .word, .endOfFile])
        XCTAssertEqual(tokens[1].flaw, .loneCarriageReturn)
        XCTAssertEqual(tokens[1].start, 1)
        XCTAssertNil(tokens[3].flaw)
    }

    func testLoneCarriageReturnEndsString() {
        let tokens = Lexer.tokenize(Array("x \"a\rb\"".utf8))
        XCTAssertEqual(tokens.map(\.kind), [.word, .string, .word, .string, .endOfFile])
        XCTAssertEqual(tokens.map(\.flaw), [nil, .loneCarriageReturn, nil, .unterminatedString, nil])
        XCTAssertEqual(tokens[1].start, 2)
        XCTAssertEqual(tokens[1].end, 5, "the CR is the last byte of the string token")
    }

    func testUnknownEscapeFlagsString() {
        let tokens = Lexer.tokenize(Array("\"a\\\"b\\\\c\\qd\\ne\" \"ok\\\"\"".utf8))

        XCTAssertEqual(tokens.map(\.kind), [.string, .string, .endOfFile])
        // The first backslash that escapes neither a quote nor a backslash is byte 8.
        XCTAssertEqual(tokens.map(\.flaw), [.invalidEscape(at: 8), nil, nil])
    }

    func testBackslashDoesNotEscapeLoneCarriageReturn() {
        let tokens = Lexer.tokenize(Array("\"a\\\rb\"".utf8))
        XCTAssertEqual(tokens.map(\.kind), [.string, .word, .string, .endOfFile])
        XCTAssertEqual(tokens[0].flaw, .loneCarriageReturn)
        XCTAssertEqual(tokens[0].end, 4)
    }

    func testCRLFInStringIsUnterminated() {
        let tokens = Lexer.tokenize(Array("\"a\r\nb".utf8))
        XCTAssertEqual(tokens.map(\.kind), [.string, .newline, .word, .endOfFile])
        XCTAssertEqual(tokens[0].flaw, .unterminatedString)
        XCTAssertEqual(tokens[0].end, 3)
    }

    func testLoneCarriageReturnEndsComment() {
        let tokens = Lexer.tokenize(Array("# note\ra\n".utf8))
        XCTAssertEqual(tokens.map(\.kind), [.unknown, .word, .newline, .endOfFile])
        XCTAssertEqual(tokens[0].start, 6)
    }
}
