// swift-tools-version:6.0
import PackageDescription

// Layers, lowest first. A target imports only targets listed above it, so the
// compiler enforces that lower layers never depend on higher ones.
let package = Package(
    name: "ramp",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "ramp", targets: ["ramp"]),
    ],
    targets: [
        .target(name: "RampSource"),
        .target(name: "RampDiagnostics", dependencies: ["RampSource"]),
        .target(name: "RampYAML", dependencies: ["RampSource", "RampDiagnostics"]),
        .target(name: "RampKube", dependencies: ["RampSource", "RampDiagnostics", "RampYAML"]),
        .target(name: "RampEvaluator", dependencies: ["RampSource", "RampDiagnostics", "RampKube"]),
        .target(name: "RampSyntax", dependencies: ["RampSource", "RampDiagnostics"]),
        .target(name: "RampIR", dependencies: ["RampSource", "RampKube"]),
        .target(name: "RampSema", dependencies: ["RampSource", "RampDiagnostics", "RampSyntax", "RampIR", "RampKube"]),
        .target(name: "RampLowering", dependencies: ["RampSource", "RampDiagnostics", "RampIR", "RampKube"]),
        .target(name: "RampChecks", dependencies: [
            "RampSource", "RampDiagnostics", "RampIR", "RampKube", "RampEvaluator", "RampLowering",
        ]),
        .target(name: "RampAdoption", dependencies: [
            "RampSource", "RampDiagnostics", "RampYAML", "RampKube", "RampEvaluator",
            "RampSyntax", "RampIR", "RampSema", "RampLowering",
        ]),
        .target(name: "RampDrift", dependencies: [
            "RampSource", "RampDiagnostics", "RampSyntax", "RampIR", "RampSema", "RampKube", "RampLowering", "RampEvaluator",
            "RampChecks",
        ]),
        .target(name: "RampDriver", dependencies: [
            "RampSource", "RampDiagnostics", "RampSyntax", "RampIR", "RampSema",
            "RampKube", "RampLowering", "RampYAML", "RampEvaluator", "RampChecks", "RampAdoption", "RampDrift",
        ]),
        .executableTarget(name: "ramp", dependencies: ["RampDriver"]),
        .target(name: "RampSynthetic"),
        .executableTarget(name: "ramp-benchmark", dependencies: [
            "RampDriver", "RampSynthetic", "RampSource", "RampDiagnostics", "RampSyntax", "RampSema",
            "RampIR", "RampKube", "RampLowering", "RampEvaluator",
        ]),

        .testTarget(name: "RampSyntaxTests", dependencies: ["RampSyntax", "RampSource", "RampDiagnostics"]),
        .testTarget(name: "RampYAMLTests", dependencies: ["RampYAML", "RampSource", "RampDiagnostics"]),
        .testTarget(name: "RampKubeTests", dependencies: ["RampKube", "RampYAML", "RampSource", "RampDiagnostics"]),
        .testTarget(name: "RampEvaluatorTests", dependencies: ["RampEvaluator", "RampKube"]),
        .testTarget(name: "RampDiagnosticsTests", dependencies: ["RampDiagnostics", "RampSource"], exclude: ["Support/sarif-schema-2.1.0.json"]),
        .testTarget(name: "RampLoweringTests", dependencies: ["RampLowering", "RampKube"]),
        .testTarget(name: "RampAdoptionTests", dependencies: [
            "RampAdoption", "RampDriver", "RampKube", "RampEvaluator", "RampDiagnostics", "RampSource", "RampYAML", "RampLowering",
        ], exclude: ["Fixtures"]),
        .testTarget(name: "RampCompilerTests", dependencies: [
            "RampDriver", "RampSema", "RampLowering", "RampSyntax", "RampDiagnostics", "RampSource", "RampIR", "RampKube",
            "RampEvaluator", "RampChecks", "RampAdoption", "RampDrift", "RampSynthetic",
        ], exclude: ["Diagnostics"]),
    ]
)
