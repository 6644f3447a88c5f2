// The dependency lines of a synthetic system, drawn as `ContractGenerator`
// describes.

extension ContractGenerator {
    /// The maximum number of draws for one line. The line is left out when
    /// every target drawn for it repeats an earlier line of the same client.
    private static let attemptsPerLine = 32

    /// Adds the scrapes, then draws lines until there are
    /// `size.dependencies`. A system too small for that many distinct pairs
    /// gets fewer, because drawing stops when `attemptsPerLine` lines in a
    /// row are left out.
    mutating func addDependencies() {
        var lineCount = addScrapes()
        var firstServices = serviceOrder()[...]
        var failuresInRow = 0
        while lineCount < size.dependencies, failuresInRow < ContractGenerator.attemptsPerLine {
            if addLine(firstServices: &firstServices) {
                lineCount += 1
                failuresInRow = 0
            } else {
                failuresInRow += 1
            }
        }
    }

    // MARK: - Scrapes

    /// The number of namespaces above which a team's namespaces are scraped
    /// by their label. Listing each of the namespaces of 1,000 namespaces
    /// would make the scraper's NetworkPolicy larger than the 64 KiB at
    /// which ramp warns, so large teams select theirs by label.
    private static let maxNamespacesScrapedByName = 25

    /// Adds the monitoring service's lines to the metrics ports and returns
    /// how many there are.
    private mutating func addScrapes() -> Int {
        var count = 0
        var visitedTeams: Set<Int> = []
        let teamCount = ContractGenerator.teamCount
        let teamsAreLarge = (size.namespaces + teamCount - 1) / teamCount > ContractGenerator.maxNamespacesScrapedByName
        for namespace in namespaces where count < size.dependencies {
            let line: String
            if namespace.team % 10 == 1 || teamsAreLarge {
                guard visitedTeams.insert(namespace.team).inserted else { continue }
                guard namespace.team % 10 == 1 || random.chance(80) else { continue }
                line = "prometheus-0 -> namespaces [team=t\(namespace.team)]:metrics"
            } else {
                let servesMetrics = namespace.serviceIndices.contains { services[$0].servesMetrics }
                guard random.chance(80), servesMetrics else { continue }
                line = "prometheus-0 -> namespace \(namespace.name):metrics"
            }
            namespaces[0].dependencyLines.append(line)
            count += 1
        }
        return count
    }

    // MARK: - Lines

    /// Returns every service index once, in a seeded random order: the
    /// services of the first lines, so that no service stays unused.
    private mutating func serviceOrder() -> [Int] {
        var order = Array(services.indices)
        for index in order.indices.reversed() where index > 0 {
            order.swapAt(index, random.next(below: index + 1))
        }
        return order
    }

    /// Draws one line and adds it unless every draw repeated a pair, and
    /// returns whether it added one. One line in a hundred lets `internet`
    /// call a front end. The others take a service from `firstServices`
    /// until it is empty, as the client or, for a data store, the server,
    /// and then a random client.
    private mutating func addLine(firstServices: inout ArraySlice<Int>) -> Bool {
        if random.next(below: 100) == 0 { return addIngress() }
        let first = firstServices.popFirst()
        if let first, services[first].isDataStore { return addCall(to: first) }
        let client = first ?? callers[random.next(below: callers.count)]
        for _ in 0..<ContractGenerator.attemptsPerLine {
            let (target, ports) = drawTarget(for: client)
            guard drawnPairs.insert(DrawnPair(client: client, target: target)).inserted else { continue }
            namespaces[services[client].namespace].dependencyLines.append("\(services[client].name) -> \(target):\(ports)")
            return true
        }
        return false
    }

    /// Adds a call to `serverIndex` from a client drawn as `drawClient` does.
    private mutating func addCall(to serverIndex: Int) -> Bool {
        let server = services[serverIndex]
        for _ in 0..<ContractGenerator.attemptsPerLine {
            guard let clientIndex = drawClient(of: serverIndex) else { return false }
            let target = targetText(of: server, from: services[clientIndex])
            guard drawnPairs.insert(DrawnPair(client: clientIndex, target: target)).inserted else { continue }
            let line = "\(services[clientIndex].name) -> \(target):\(drawPorts(of: server))"
            namespaces[services[clientIndex].namespace].dependencyLines.append(line)
            return true
        }
        return false
    }

    /// Returns a caller of the server's namespace for 85% of the lines, else
    /// a caller of any namespace. Callers in a namespace with `dns off` are
    /// left out, and nil means that no caller is left.
    private mutating func drawClient(of serverIndex: Int) -> Int? {
        let namespace = namespaces[services[serverIndex].namespace]
        let localCallers = namespace.dnsOff ? [] : namespace.serviceIndices.filter { !services[$0].isDataStore }
        if !localCallers.isEmpty, size.namespaces == 1 || random.chance(85) {
            return localCallers[random.next(below: localCallers.count)]
        }
        let start = random.next(below: callers.count)
        let offset = (0..<callers.count).first { offset in
            !namespaces[services[callers[(start + offset) % callers.count]].namespace].dnsOff
        }
        return offset.map { callers[(start + $0) % callers.count] }
    }

    private mutating func addIngress() -> Bool {
        let candidates = frontEnds.isEmpty ? Array(services.indices) : frontEnds
        for _ in 0..<ContractGenerator.attemptsPerLine {
            let server = services[candidates[random.next(below: candidates.count)]]
            guard drawnPairs.insert(DrawnPair(client: nil, target: server.name)).inserted else { continue }
            namespaces[server.namespace].dependencyLines.append("internet -> \(server.name):\(server.apiPort.reference)")
            return true
        }
        return false
    }

    /// Returns the target of one line of `client`, without and with its
    /// ports. The services of a namespace with `dns off` call only outside
    /// addresses, because they cannot look up a service's name.
    private mutating func drawTarget(for clientIndex: Int) -> (target: String, ports: String) {
        let client = services[clientIndex]
        let callsOutside = namespaces[client.namespace].dnsOff || (client.callsOutside && random.chance(40))
        guard !callsOutside, let serverIndex = drawServer(for: clientIndex) else { return drawExternalTarget() }
        let server = services[serverIndex]
        return (targetText(of: server, from: client), drawPorts(of: server))
    }

    /// Returns the server's name, with its namespace when the client's is another.
    private func targetText(of server: ServiceModel, from client: ServiceModel) -> String {
        server.namespace == client.namespace ? server.name : "\(namespaces[server.namespace].name)/\(server.name)"
    }

    /// Returns another service of the client's namespace for 85% of the
    /// calls, else a service of another namespace. Returns nil when the
    /// client is the only service.
    private mutating func drawServer(for clientIndex: Int) -> Int? {
        let peers = namespaces[services[clientIndex].namespace].serviceIndices
        let staysInNamespace = size.namespaces == 1 || random.chance(85)
        if staysInNamespace, peers.count > 1 {
            let position = peers.firstIndex(of: clientIndex)!
            return peers[(position + 1 + random.next(below: peers.count - 1)) % peers.count]
        }
        guard size.namespaces > 1 else { return nil }
        let start = random.next(below: services.count)
        let offset = (0..<services.count).first { services[(start + $0) % services.count].namespace != services[clientIndex].namespace }!
        return (start + offset) % services.count
    }

    /// Returns the API port for 70% of the calls to a server with an extra
    /// port, the extra port for 20% and both for the rest.
    private mutating func drawPorts(of server: ServiceModel) -> String {
        let api = server.apiPort.reference
        guard let extra = server.extraPort?.reference else { return api }
        let roll = random.next(below: 100)
        if roll < 70 { return api }
        if roll < 90 { return extra }
        return "(\(api), \(extra))"
    }

    /// Returns `internet` on 443 for half of the calls, a declared network
    /// on 5432 for 30% and one address on 8443 for the rest. Each kind has
    /// its own port, so that `internet:443` never covers another line.
    private mutating func drawExternalTarget() -> (target: String, ports: String) {
        let roll = random.next(below: 100)
        if roll < 50 { return ("internet", "443") }
        if roll < 80 { return ("network net-\(random.next(below: networkCount))", "5432") }
        return ("192.0.2.\(random.next(below: 256))/32", "8443")
    }
}
