import RampDiagnostics
import RampIR
import RampKube
import RampSyntax

/// The note and fix-it for the classic Service-port mistake: a dependency
/// names the port a Kubernetes Service exposes, such as 80, where the
/// NetworkPolicy needs the container port behind it, such as 8080.
enum ServicePortHint {
    /// Service ports that conventionally differ from the container port:
    /// Services expose HTTP on 80 and HTTPS on 443, while containers that run
    /// without root cannot bind a port below 1024 and listen on a higher one.
    /// Ports such as 8080 are left out because pods commonly listen on them
    /// too, so there the hint would as often be wrong as right.
    static let wellKnownServicePorts: [Int: String] = [80: "HTTP", 443: "HTTPS"]

    /// Returns the note and fix-it when `reference` is a single well-known
    /// Service port and `service` declares exactly one single port of that
    /// protocol, which is then almost surely the container port meant.
    static func suggestion(
        for reference: PortRefSyntax, number: Int, protocol networkProtocol: NetworkProtocol, service: Service
    ) -> (note: Note, fixIt: FixIt)? {
        guard let meaning = wellKnownServicePorts[number] else { return nil }
        let candidates = service.ports.filter { $0.protocol == networkProtocol }
        guard candidates.count == 1, let port = candidates.first, port.first == port.last else { return nil }

        let note = Note(
            "\(number) is the usual Service port for \(meaning), but a NetworkPolicy sees the container port behind the Service, which service \(QuotedText.quote(service.id.name)) declares as \(port.first)"
        )
        let fixIt = FixIt("use the container port", replacing: reference.value.range, with: String(port.first))
        return (note, fixIt)
    }
}
