import Foundation
import RampSource
import XCTest

@testable import RampDiagnostics

final class SARIFRendererTests: XCTestCase {
    private let renderer = SARIFRenderer(toolVersion: "1.2.3", informationURI: "https://example.com/ramp")

    /// A warning with a highlight, two notes and a repeated fix-it, and an
    /// error without a location. Both use IDs without explanations, so the
    /// rules in the snapshot stay short.
    private var snapshotDiagnostics: [Diagnostic] {
        let port = Fixtures.range(of: "htp", in: Fixtures.shop)
        let portRule = DiagnosticID(9301, "test-port", .warning, "a test rule about ports")
        let fileRule = DiagnosticID(9001, "test-io", .error, "a test rule about files")
        let fixIt = FixIt("use the declared port", replacing: port, with: "http")
        return [
            Diagnostic(
                DiagnosticMessage(portRule, "service 'api' declares no port named 'htp'"),
                at: port,
                highlights: [Highlight(Fixtures.range(of: "web", in: Fixtures.shop, occurrence: 2), label: "client")],
                notes: [Note("declared here", at: Fixtures.range(of: "api", in: Fixtures.shop)), Note("check the spelling")],
                fixIts: [fixIt, fixIt]
            ),
            Diagnostic(DiagnosticMessage(fileRule, "cannot read 'x.ramp'"), at: nil),
        ]
    }

    func testSnapshot() {
        let expected = #"""
            {
              "$schema": "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json",
              "version": "2.1.0",
              "runs": [
                {
                  "tool": {
                    "driver": {
                      "name": "ramp",
                      "version": "1.2.3",
                      "informationUri": "https://example.com/ramp",
                      "rules": [
                        {
                          "id": "RAMP9001",
                          "name": "test-io",
                          "shortDescription": {
                            "text": "a test rule about files"
                          },
                          "defaultConfiguration": {
                            "level": "error"
                          }
                        },
                        {
                          "id": "RAMP9301",
                          "name": "test-port",
                          "shortDescription": {
                            "text": "a test rule about ports"
                          },
                          "defaultConfiguration": {
                            "level": "warning"
                          }
                        }
                      ]
                    }
                  },
                  "invocations": [
                    {
                      "executionSuccessful": false,
                      "toolExecutionNotifications": [
                        {
                          "level": "error",
                          "message": {
                            "text": "cannot read 'x.ramp'"
                          },
                          "associatedRule": {
                            "id": "RAMP9001",
                            "index": 0
                          }
                        }
                      ]
                    }
                  ],
                  "columnKind": "utf16CodeUnits",
                  "results": [
                    {
                      "ruleId": "RAMP9301",
                      "ruleIndex": 1,
                      "level": "warning",
                      "message": {
                        "text": "service 'api' declares no port named 'htp'\nnote: check the spelling"
                      },
                      "locations": [
                        {
                          "physicalLocation": {
                            "artifactLocation": {
                              "uri": "contracts/shop.ramp"
                            },
                            "region": {
                              "startLine": 5,
                              "startColumn": 16,
                              "endLine": 5,
                              "endColumn": 19
                            }
                          }
                        }
                      ],
                      "relatedLocations": [
                        {
                          "id": 1,
                          "physicalLocation": {
                            "artifactLocation": {
                              "uri": "contracts/shop.ramp"
                            },
                            "region": {
                              "startLine": 5,
                              "startColumn": 5,
                              "endLine": 5,
                              "endColumn": 8
                            }
                          },
                          "message": {
                            "text": "client"
                          }
                        },
                        {
                          "id": 2,
                          "physicalLocation": {
                            "artifactLocation": {
                              "uri": "contracts/shop.ramp"
                            },
                            "region": {
                              "startLine": 3,
                              "startColumn": 13,
                              "endLine": 3,
                              "endColumn": 16
                            }
                          },
                          "message": {
                            "text": "declared here"
                          }
                        }
                      ],
                      "fixes": [
                        {
                          "description": {
                            "text": "use the declared port"
                          },
                          "artifactChanges": [
                            {
                              "artifactLocation": {
                                "uri": "contracts/shop.ramp"
                              },
                              "replacements": [
                                {
                                  "deletedRegion": {
                                    "startLine": 5,
                                    "startColumn": 16,
                                    "endLine": 5,
                                    "endColumn": 19
                                  },
                                  "insertedContent": {
                                    "text": "http"
                                  }
                                }
                              ]
                            }
                          ]
                        }
                      ]
                    }
                  ]
                }
              ]
            }

            """#
        XCTAssertEqual(renderer.render(snapshotDiagnostics), expected)
    }

    // MARK: - Schema

    /// Diagnostics from the real catalogue that exercise every part of the log.
    private var catalogueDiagnostics: [Diagnostic] {
        let emoji = SourceFile(path: "./teams/🚀 launch.ramp", text: "namespace 🚀 {\n    web -> api:htp\n}\n")
        var raised = Fixtures.unknownPort
        raised.severity = .note
        return [
            Fixtures.unknownPort,
            raised,
            Diagnostic(.unknownService("api", namespace: "🚀"), at: Fixtures.range(of: "api", in: emoji)),
            Diagnostic(.fileUnreadable("missing.ramp", reason: "No such file or directory"), at: nil, notes: [Note("check the path")]),
            Diagnostic(.errorLimitReached(limit: 1, moreErrors: 2, moreWarnings: 0), at: nil),
        ]
    }

    func testLogValidatesAgainstSchema() throws {
        let validator = JSONSchemaValidator(schema: try SARIFSchema.load())
        for diagnostics in [catalogueDiagnostics, snapshotDiagnostics, []] {
            let log = try JSONSerialization.jsonObject(with: Data(renderer.render(diagnostics).utf8))
            XCTAssertEqual(validator.validate(log), [])
        }
    }

    func testLogWithoutOptionalDriverFieldsValidates() throws {
        let validator = JSONSchemaValidator(schema: try SARIFSchema.load())
        let output = SARIFRenderer(toolVersion: nil).render(catalogueDiagnostics)
        XCTAssertEqual(validator.validate(try JSONSerialization.jsonObject(with: Data(output.utf8))), [])
        XCTAssertFalse(output.contains("\"version\": \"1"))
    }

    func testValidatorRejectsBrokenLogs() throws {
        let validator = JSONSchemaValidator(schema: try SARIFSchema.load())
        let valid = try JSONSerialization.jsonObject(with: Data(renderer.render(catalogueDiagnostics).utf8)) as! [String: Any]

        func broken(_ change: (inout [String: Any]) -> Void) -> [String: Any] {
            var log = valid
            change(&log)
            return log
        }
        func editResult(_ log: inout [String: Any], _ change: (inout [String: Any]) -> Void) {
            var runs = log["runs"] as! [[String: Any]]
            var results = runs[0]["results"] as! [[String: Any]]
            change(&results[0])
            runs[0]["results"] = results
            log["runs"] = runs
        }

        let cases: [(String, [String: Any])] = [
            ("missing version", broken { $0["version"] = nil }),
            ("unknown version", broken { $0["version"] = "2.0.0" }),
            ("unknown top-level property", broken { $0["extra"] = true }),
            ("runs not an array", broken { $0["runs"] = "none" }),
            ("unknown level", broken { editResult(&$0) { $0["level"] = "fatal" } }),
            ("message without text or id", broken { editResult(&$0) { $0["message"] = [String: Any]() } }),
            ("ruleIndex below -1", broken { editResult(&$0) { $0["ruleIndex"] = -2 } }),
            ("ruleIndex not an integer", broken { editResult(&$0) { $0["ruleIndex"] = 1.5 } }),
            ("boolean as integer", broken { editResult(&$0) { $0["ruleIndex"] = true } }),
            ("line 0", broken { editResult(&$0) { result in
                result["locations"] = [["physicalLocation": ["artifactLocation": ["uri": "a.ramp"], "region": ["startLine": 0]]]]
            } }),
            ("region without start", broken { editResult(&$0) { result in
                result["locations"] = [["physicalLocation": ["artifactLocation": ["uri": "a.ramp"], "region": ["endLine": 2]]]]
            } }),
            ("duplicate related locations", broken { editResult(&$0) { result in
                let location: [String: Any] = ["id": 1, "message": ["text": "x"]]
                result["relatedLocations"] = [location, location]
            } }),
        ]
        for (name, log) in cases {
            XCTAssertFalse(validator.validate(log).isEmpty, "the validator accepted a log with \(name)")
        }
    }

    func testValidatorSupportsEveryKeywordInSchema() throws {
        let schema = try SARIFSchema.load()
        let supported: Set<String> = [
            "$ref", "type", "enum", "properties", "additionalProperties", "required", "items",
            "minItems", "uniqueItems", "minimum", "maximum", "pattern", "anyOf", "oneOf", "allOf",
        ]
        var unsupported: Set<String> = []
        func visit(_ schema: [String: Any]) {
            for (keyword, value) in schema {
                if !supported.contains(keyword) && !JSONSchemaValidator.ignoredKeywords.contains(keyword) {
                    unsupported.insert(keyword)
                }
                switch keyword {
                case "properties", "definitions":
                    (value as! [String: Any]).values.forEach { visit($0 as! [String: Any]) }
                case "items", "additionalProperties":
                    if let nested = value as? [String: Any] { visit(nested) }
                case "anyOf", "oneOf", "allOf":
                    (value as! [[String: Any]]).forEach(visit)
                default:
                    break
                }
            }
        }
        visit(schema)
        XCTAssertEqual(unsupported, [])
    }

    // MARK: - Parts of the log

    func testColumnsCountUTF16CodeUnits() throws {
        // 🚀 is one scalar but two UTF-16 code units, so 'x' is column 4, not 3.
        let file = SourceFile(path: "a.ramp", text: "🚀 x\n")
        let output = renderer.render([Diagnostic(.unknownService("x", namespace: "shop"), at: Fixtures.range(of: "x", in: file))])
        let region = try firstResultRegion(output)
        XCTAssertEqual(region["startColumn"] as? Int, 4)
        XCTAssertEqual(region["endColumn"] as? Int, 5)
    }

    func testRulesCarryExplanations() throws {
        let output = renderer.render([Fixtures.unknownPort])
        let log = try JSONSerialization.jsonObject(with: Data(output.utf8)) as! [String: Any]
        let driver = ((log["runs"] as! [[String: Any]])[0]["tool"] as! [String: Any])["driver"] as! [String: Any]
        let rule = (driver["rules"] as! [[String: Any]])[0]
        let explanation = Explanations.text(for: "RAMP0301")!

        XCTAssertEqual((rule["shortDescription"] as! [String: Any])["text"] as? String, DiagnosticID.unknownPortName.summary)
        XCTAssertEqual(
            (rule["fullDescription"] as! [String: Any])["text"] as? String,
            "A dependency names a port that the target service does not declare."
        )
        XCTAssertEqual((rule["help"] as! [String: Any])["text"] as? String, explanation)
        XCTAssertEqual((rule["help"] as! [String: Any])["markdown"] as? String, explanation)
    }

    func testEmptyLogHasEmptyResults() throws {
        let log = try JSONSerialization.jsonObject(with: Data(renderer.render([]).utf8)) as! [String: Any]
        let run = (log["runs"] as! [[String: Any]])[0]
        XCTAssertEqual((run["results"] as! [Any]).count, 0)
        XCTAssertEqual((((run["tool"] as! [String: Any])["driver"] as! [String: Any])["rules"] as! [Any]).count, 0)
        XCTAssertEqual((run["invocations"] as! [[String: Any]])[0]["executionSuccessful"] as? Bool, true)
    }

    func testPathsBecomeURIReferences() {
        XCTAssertEqual(SARIFRenderer.uri(forPath: "contracts/shop.ramp"), "contracts/shop.ramp")
        XCTAssertEqual(SARIFRenderer.uri(forPath: "./././a.ramp"), "a.ramp")
        XCTAssertEqual(SARIFRenderer.uri(forPath: "my dir/ä#1%.ramp"), "my%20dir/%C3%A4%231%25.ramp")
        XCTAssertEqual(SARIFRenderer.uri(forPath: "/srv/contracts/a.ramp"), "file:///srv/contracts/a.ramp")
    }

    private func firstResultRegion(_ output: String) throws -> [String: Any] {
        let log = try JSONSerialization.jsonObject(with: Data(output.utf8)) as! [String: Any]
        let result = ((log["runs"] as! [[String: Any]])[0]["results"] as! [[String: Any]])[0]
        let location = (result["locations"] as! [[String: Any]])[0]["physicalLocation"] as! [String: Any]
        return location["region"] as! [String: Any]
    }
}
