#!/usr/bin/env python3
"""Checks ramp's generated YAML with tools that are independent of ramp.

1. kubernetes-validate --strict validates every generated object, in
   generated/ and its environment subdirectories, against the Kubernetes API
   schema.
2. network-config-analyzer (nca) proves that generated/boutique.yaml allows
   exactly Online Boutique's call graph. It compares ramp's output with a
   reference policy set built here, by different code, from the call graph
   written as data, over a pod list of the boutique pods, DNS and unrelated
   pods.
3. nca --equiv proves that the optimized output (-O) of every example
   contract and of seeded random contracts allows the same connections as the
   reference lowering (-O0), and nca --sanity finds no redundant policy or
   rule in the optimized output of the examples.

Usage: oracles.py <venv-bin-directory> <ramp-executable>
"""
import json
import os
import pathlib
import subprocess
import sys
import tempfile

import equivalence

ROOT = pathlib.Path(__file__).resolve().parent.parent

# Online Boutique's container ports and call graph (microservices-demo
# release manifests), written independently of contracts/boutique.ramp.
PORTS = {
    "frontend": 8080, "adservice": 9555, "cartservice": 7070, "checkoutservice": 5050,
    "currencyservice": 7000, "emailservice": 8080, "paymentservice": 50051,
    "productcatalogservice": 3550, "recommendationservice": 8080, "shippingservice": 50051,
    "redis-cart": 6379,
}
APPS = sorted(list(PORTS) + ["loadgenerator"])
CALLS = {
    "loadgenerator": ["frontend"],
    "frontend": ["adservice", "cartservice", "checkoutservice", "currencyservice",
                 "productcatalogservice", "recommendationservice", "shippingservice"],
    "checkoutservice": ["cartservice", "currencyservice", "emailservice", "paymentservice",
                        "productcatalogservice", "shippingservice"],
    "recommendationservice": ["productcatalogservice"],
    "cartservice": ["redis-cart"],
}


def policy(name, pod_selector, types, ingress=None, egress=None):
    spec = {"podSelector": pod_selector, "policyTypes": types}
    if ingress is not None:
        spec["ingress"] = ingress
    if egress is not None:
        spec["egress"] = egress
    return {"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy",
            "metadata": {"name": name, "namespace": "boutique"}, "spec": spec}


def reference_policies():
    """Returns one object per allowed edge, plus deny-all and DNS, which is obviously correct."""
    items = [policy("deny-all", {}, ["Ingress", "Egress"]),
             policy("dns", {}, ["Egress"], egress=[{
                 "to": [{"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "kube-system"}},
                         "podSelector": {"matchLabels": {"k8s-app": "kube-dns"}}}],
                 "ports": [{"protocol": "UDP", "port": 53}, {"protocol": "TCP", "port": 53}]}]),
             policy("internet-to-frontend", {"matchLabels": {"app": "frontend"}}, ["Ingress"], ingress=[{
                 "from": [{"ipBlock": {"cidr": "0.0.0.0/0"}}, {"ipBlock": {"cidr": "::/0"}}],
                 "ports": [{"protocol": "TCP", "port": 8080}]}])]
    for client, servers in sorted(CALLS.items()):
        for server in servers:
            port = [{"protocol": "TCP", "port": PORTS[server]}]
            items.append(policy(f"{client}-to-{server}-in", {"matchLabels": {"app": server}}, ["Ingress"],
                                ingress=[{"from": [{"podSelector": {"matchLabels": {"app": client}}}], "ports": port}]))
            items.append(policy(f"{client}-to-{server}-out", {"matchLabels": {"app": client}}, ["Egress"],
                                egress=[{"to": [{"podSelector": {"matchLabels": {"app": server}}}], "ports": port}]))
    return {"apiVersion": "v1", "kind": "List", "items": items}


def pod(namespace, name, labels, ports, index):
    return {"apiVersion": "v1", "kind": "Pod",
            "metadata": {"name": name, "namespace": namespace, "labels": labels},
            "spec": {"containers": [{"name": "main", "image": "example",
                                     "ports": [{"containerPort": p} for p in ports]}]},
            "status": {"podIP": f"10.1.0.{index}", "hostIP": "192.168.0.1"}}


def cluster_lists(directory):
    pods = [pod("boutique", f"{app}-0", {"app": app}, [PORTS[app]] if app in PORTS else [], i + 1)
            for i, app in enumerate(APPS)]
    pods.append(pod("kube-system", "coredns-0", {"k8s-app": "kube-dns"}, [53], 100))
    pods.append(pod("kube-system", "metrics-server-0", {"k8s-app": "metrics-server"}, [443], 101))
    pods.append(pod("default", "unrelated-0", {"app": "unrelated"}, [80], 102))
    namespaces = [{"apiVersion": "v1", "kind": "Namespace",
                   "metadata": {"name": n, "labels": {"kubernetes.io/metadata.name": n}}}
                  for n in ["boutique", "default", "kube-system"]]
    pod_path = directory / "pods.json"
    namespace_path = directory / "namespaces.json"
    pod_path.write_text(json.dumps({"apiVersion": "v1", "kind": "List", "items": pods}))
    namespace_path.write_text(json.dumps({"apiVersion": "v1", "kind": "List", "items": namespaces}))
    return pod_path, namespace_path


def run(command):
    result = subprocess.run(command, capture_output=True, text=True)
    return result.returncode, result.stdout + result.stderr


def validate_schema(bin_directory):
    # The build without an environment and one subdirectory per environment.
    files = sorted(str(p) for p in (ROOT / "generated").rglob("*.yaml"))
    code, output = run([str(bin_directory / "kubernetes-validate"), "--strict", "--quiet", *files])
    if code != 0:
        print(output)
        sys.exit(f"kubernetes-validate --strict failed on generated/ (exit {code})")
    print(f"kubernetes-validate --strict: {len(files)} files valid")


def check_boutique_equivalence(bin_directory):
    with tempfile.TemporaryDirectory() as temporary:
        directory = pathlib.Path(temporary)
        reference = directory / "reference.json"
        reference.write_text(json.dumps(reference_policies()))
        pods, namespaces = cluster_lists(directory)
        code, output = run([str(bin_directory / "nca"), "--equiv", str(ROOT / "generated" / "boutique.yaml"),
                            "--base_np_list", str(reference), "--pod_list", str(pods), "--ns_list", str(namespaces)])
        if code != 0 or "are semantically equivalent" not in output:
            print(output)
            sys.exit(f"nca --equiv: generated/boutique.yaml is not equivalent to the call graph (exit {code})")
    print("nca --equiv: generated/boutique.yaml allows exactly the Online Boutique call graph")


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    bin_directory = pathlib.Path(sys.argv[1])
    ramp = pathlib.Path(sys.argv[2]).resolve()
    validate_schema(bin_directory)
    check_boutique_equivalence(bin_directory)
    equivalence.check_examples(bin_directory, ramp, ROOT)
    equivalence.check_random(bin_directory, ramp, count=int(os.environ.get("RAMP_RANDOM_CONTRACTS", "25")))


if __name__ == "__main__":
    main()
