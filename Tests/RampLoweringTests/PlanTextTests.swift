import RampLowering
import XCTest

final class PlanTextTests: XCTestCase {
    /// The text form reads back to the same plan, so pass tests can use it.
    func testRoundTrip() throws {
        let text = """
        object shop/namespace-default select {} types egress,ingress
          egress to ns{kubernetes.io/metadata.name=kube-system} pod{k8s-app=kube-dns} ports tcp/53, udp/53
        object shop/api-ingress-1 subject api select {app=api, tier in (a, b), !canary, debug exists, env notin (dev)} types ingress
          ingress from pod{app=web}, ns{team=x}, ip 10.0.0.0/8 except (10.1.0.0/16, 10.2.0.0/16), ip ::/0 ports tcp/8080, udp/30000-30100, tcp/metrics, sctp/*
          ingress from any ports any
          ingress from empty ports empty

        """
        let plan = try PlanParser.parse(text)
        XCTAssertEqual(plan.objects.count, 2)
        XCTAssertEqual(plan.objects[1].subject, "api")
        XCTAssertEqual(PlanPrinter().print(plan), text.replacingOccurrences(of: "types egress,ingress", with: "types ingress,egress"))
    }

    func testLongWordIsShortened() {
        let type = String(repeating: "x", count: 200)
        do {
            _ = try PlanParser.parse("object shop/web select {} types \(type)\n")
            XCTFail("the plan parsed")
        } catch {
            XCTAssertEqual(error.description, "line 1: unknown policy type '\(String(repeating: "x", count: 64))…' (200 characters)")
        }
    }
}
