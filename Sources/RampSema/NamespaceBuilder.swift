import RampDiagnostics
import RampIR
import RampKube
import RampSource
import RampSyntax

/// A namespace while its declarations are collected from one or more files.
struct NamespaceBuilder {
    /// The name of the object that contains a namespace's posture and
    /// namespace-wide rules, so no service may take it.
    static let namespacePolicyName = "namespace-default"

    let name: String
    var labels: [String: String] = [:]
    var labelsOrigin: SourceRange?
    var posture: Set<NetworkPolicy.PolicyType> = []
    var postureOrigin: SourceRange?
    var dnsEnabled = true
    var dnsOrigin: SourceRange?
    var services: [String: Service] = [:]
    /// Services whose declaration was rejected with an error; references to
    /// them raise no second error.
    var rejectedServices: Set<String> = []
    /// Services whose `only in` clause leaves them out of this build.
    var servicesElsewhere: [String: ServiceDecl] = [:]
    var dependencies: [DependencyDecl] = []
    /// `expect`, `never` and `only` statements, resolved after the declarations.
    var assertions: [NamespaceMember] = []
    var files: Set<String> = []

    init(name: String) {
        self.name = name
    }

    /// Namespace labels may be given in any of the files that open the
    /// namespace, but every file that gives them must give the same ones.
    mutating func declareLabels(_ declaration: NamespaceDecl, conversion: SelectorConversion, diagnostics: DiagnosticEngine) {
        guard !declaration.labels.isEmpty, let declared = conversion.labels(declaration.labels) else { return }
        let range = declaration.labels.first!.range.merged(with: declaration.labels.last!.range)
        if let labelsOrigin, declared != labels {
            diagnostics.emit(.conflictingNamespaceLabels(name), at: range,
                             notes: [Note("namespace \(QuotedText.quote(name)) is first given labels here", at: labelsOrigin)])
            return
        }
        labels = declared
        labelsOrigin = range
    }

    mutating func declarePosture(_ declaration: PostureDecl, diagnostics: DiagnosticEngine) {
        if let postureOrigin {
            diagnostics.emit(.duplicatePosture(namespace: name), at: declaration.range,
                             notes: [Note("the posture is first stated here", at: postureOrigin)])
            return
        }
        posture = Set(declaration.directions.map { $0 == .ingress ? .ingress : .egress })
        postureOrigin = declaration.range
    }

    mutating func declareDNS(_ declaration: DNSDecl, diagnostics: DiagnosticEngine) {
        if let dnsOrigin {
            diagnostics.emit(.duplicateDNS(namespace: name), at: declaration.range,
                             notes: [Note("DNS is first set here", at: dnsOrigin)])
            return
        }
        dnsEnabled = declaration.enabled
        dnsOrigin = declaration.range
    }

    func build() -> Namespace {
        var allLabels = labels
        allLabels[Namespace.nameLabel] = name
        return Namespace(
            name: name, labels: allLabels, posture: posture, postureOrigin: postureOrigin,
            dnsEnabled: dnsEnabled, dnsOrigin: dnsOrigin, services: Array(services.values), files: Array(files)
        )
    }
}
