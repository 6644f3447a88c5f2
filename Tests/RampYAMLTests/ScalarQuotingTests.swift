import RampYAML
import XCTest

final class ScalarQuotingTests: XCTestCase {
    /// Strings that a YAML 1.1 or 1.2 reader would take for another type or
    /// misread, so they must be quoted.
    func testQuotesAmbiguousScalars() {
        let cases: [(String, String)] = [
            ("yes", "\"yes\""), ("No", "\"No\""), ("on", "\"on\""), ("OFF", "\"OFF\""), ("y", "\"y\""),
            ("true", "\"true\""), ("False", "\"False\""), ("null", "\"null\""), ("~", "\"~\""), ("", "\"\""),
            ("0123", "\"0123\""), ("1e3", "\"1e3\""), ("0x1F", "\"0x1F\""), ("0o17", "\"0o17\""), ("1_000", "\"1_000\""),
            ("12:30", "\"12:30\""), (".5", "\".5\""), ("-1", "\"-1\""), ("+1", "\"+1\""), (".inf", "\".inf\""),
            (".NaN", "\".NaN\""), ("2001-12-14", "\"2001-12-14\""), ("8080", "\"8080\""),
            ("*", "\"*\""), ("&anchor", "\"&anchor\""), ("!tag", "\"!tag\""), ("- item", "\"- item\""),
            (" lead", "\" lead\""), ("trail ", "\"trail \""), ("a: b", "\"a: b\""), ("a #b", "\"a #b\""),
            ("a:", "\"a:\""), ("{x}", "\"{x}\""), ("[x]", "\"[x]\""), ("a,b", "\"a,b\""), ("'q'", "\"'q'\""),
            ("%x", "\"%x\""), ("@x", "\"@x\""), ("`x", "\"`x\""), ("|", "\"|\""), (">", "\">\""), ("?", "\"?\""),
        ]
        for (input, expected) in cases {
            XCTAssertEqual(ScalarQuoting.render(input), expected, "rendering \(input.debugDescription)")
        }
    }

    func testKeepsSafeScalarsPlain() {
        let plain = [
            "frontend", "app", "kubernetes.io/metadata.name", "10.0.0.0/8", "2001:db8::/32", "fd00::/8",
            "TCP", "my-app_v2", "a#b", "a:b", "v1.2.3-beta", "networking.k8s.io/v1", "NetworkPolicy",
        ]
        for value in plain {
            XCTAssertEqual(ScalarQuoting.render(value), value, "rendering \(value.debugDescription)")
        }
    }

    func testEscapesControlAndSeparatorCharacters() {
        XCTAssertEqual(ScalarQuoting.render("a\nb"), "\"a\\nb\"")
        XCTAssertEqual(ScalarQuoting.render("tab\there"), "\"tab\\there\"")
        XCTAssertEqual(ScalarQuoting.render("\"quoted\" back\\"), "\"\\\"quoted\\\" back\\\\\"")
        XCTAssertEqual(ScalarQuoting.render("inner\"quote"), "inner\"quote")
        XCTAssertEqual(ScalarQuoting.render("line\u{2028}sep"), "\"line\\u2028sep\"")
        XCTAssertEqual(ScalarQuoting.render("para\u{2029}"), "\"para\\u2029\"")
        XCTAssertEqual(ScalarQuoting.render("bell\u{7}"), "\"bell\\x07\"")
        XCTAssertEqual(ScalarQuoting.render("next\u{85}line"), "\"next\\x85line\"")
        XCTAssertEqual(ScalarQuoting.render("café"), "\"café\"")
    }
}
