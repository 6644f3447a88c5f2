"""Equivalence of ramp's reference (-O0) and optimized (-O) lowering, checked
by network-config-analyzer on the example contracts and on seeded random
contracts. The random contracts and their pod lists are generated here, in
Python, independently of ramp's own test generators."""
import json
import pathlib
import random
import subprocess
import sys
import tempfile

import yaml

# Pods for the example contracts: each service's pods, pods that no service
# selects, and the cluster DNS pods. Namespace labels are those the contracts
# declare.
EXAMPLE_NAMESPACES = {
    "boutique": {}, "ingress-nginx": {}, "storefront": {"team": "storefront"},
    "data": {"team": "storefront"}, "monitoring": {}, "kube-system": {}, "openshift-dns": {}, "default": {},
}
EXAMPLE_PODS = [
    ("ingress-nginx", {"app.kubernetes.io/name": "ingress-nginx", "app.kubernetes.io/component": "controller"},
     [("http", 80), ("https", 443), ("metrics", 10254)]),
    ("ingress-nginx", {"app": "other"}, [("http", 80)]),
    ("storefront", {"app": "web", "tier": "frontend"}, [("http", 8080), ("metrics", 9090)]),
    ("storefront", {"app": "api", "tier": "backend"}, [("http", 8080), ("metrics", 9090)]),
    ("storefront", {"app": "api", "tier": "batch"}, [("http", 8080), ("metrics", 9090)]),
    ("storefront", {"app": "worker"}, [("metrics", 9090)]),
    ("storefront", {"app": "other"}, [("http", 8080)]),
    ("data", {"app": "postgres"}, [("postgres", 5432), ("metrics", 9187)]),
    ("data", {"app": "postgres", "canary": "true"}, [("postgres", 5432), ("metrics", 9187)]),
    ("monitoring", {"app.kubernetes.io/name": "prometheus"}, [("web", 9090)]),
    ("monitoring", {"app.kubernetes.io/name": "grafana"}, [("http", 3000)]),
    ("kube-system", {"k8s-app": "kube-dns"}, [("dns", 53)]),
    ("openshift-dns", {"dns.operator.openshift.io/daemonset-dns": "default"}, [("dns", 5353)]),
    ("storefront", {"app": "load-test"}, []),
    ("kube-system", {"k8s-app": "metrics-server"}, [("https", 443)]),
    ("default", {"app": "unrelated"}, [("http", 80)]),
] + [("boutique", {"app": app}, [("grpc", port)]) for app, port in [
    ("frontend", 8080), ("adservice", 9555), ("cartservice", 7070), ("checkoutservice", 5050),
    ("currencyservice", 7000), ("emailservice", 8080), ("paymentservice", 50051),
    ("productcatalogservice", 3550), ("recommendationservice", 8080), ("shippingservice", 50051),
    ("redis-cart", 6379), ("loadgenerator", 80), ("unselected", 80)]]


def write_cluster(directory, namespaces, pods):
    items = []
    for index, (namespace, labels, ports) in enumerate(pods):
        items.append({"apiVersion": "v1", "kind": "Pod",
                      "metadata": {"name": f"pod-{index}", "namespace": namespace, "labels": labels},
                      "spec": {"containers": [{"name": "main", "image": "example", "ports": [
                          {"name": name, "containerPort": number, "protocol": protocol}
                          for name, number, protocol in (port if len(port) == 3 else (*port, "TCP") for port in ports)]}]},
                      "status": {"podIP": f"10.{1 + index // 250}.{index % 250}.1", "hostIP": "192.168.0.1"}})
    pod_path = directory / "pods.json"
    pod_path.write_text(json.dumps({"apiVersion": "v1", "kind": "List", "items": items}))
    namespace_items = [{"apiVersion": "v1", "kind": "Namespace",
                        "metadata": {"name": name, "labels": {**labels, "kubernetes.io/metadata.name": name}}}
                       for name, labels in sorted(namespaces.items())]
    namespace_path = directory / "namespaces.json"
    namespace_path.write_text(json.dumps({"apiVersion": "v1", "kind": "List", "items": namespace_items}))
    return pod_path, namespace_path


def build(ramp, inputs, output, *flags):
    result = subprocess.run([str(ramp), "build", *map(str, inputs), "-o", str(output), *flags],
                            capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"ramp build {' '.join(flags)} failed on {inputs}:\n{result.stderr}")


def nca(bin_directory, *arguments):
    result = subprocess.run([str(bin_directory / "nca"), *map(str, arguments)], capture_output=True, text=True)
    return result.returncode, result.stdout + result.stderr


def rewrite_for_nca(source, target, pods):
    """Copies the YAML in `source` to `target`, replacing Exists and
    DoesNotExist in a pod selector that sits beside a namespace selector.

    network-config-analyzer 2.1.0 treats such a peer as selecting no pods,
    while Kubernetes selects the pods that have (or lack) the key. Over the
    pod list at hand, `Exists k` equals `In (every value of k in the list)`
    and `DoesNotExist k` equals `NotIn (those values)`, which nca evaluates
    correctly; a value that no pod carries replaces an empty list.
    Returns how many requirements were rewritten."""
    values = {}
    for _, labels, _ in pods:
        for key, value in labels.items():
            values.setdefault(key, set()).add(value)
    target.mkdir()
    rewritten = 0
    for path in sorted(source.glob("*.yaml")):
        documents = [d for d in yaml.safe_load_all(path.read_text()) if d]
        for document in documents:
            for direction, peers_key in (("ingress", "from"), ("egress", "to")):
                for rule in document["spec"].get(direction) or []:
                    for peer in rule.get(peers_key) or []:
                        if "namespaceSelector" not in peer or not peer.get("podSelector"):
                            continue
                        for requirement in peer["podSelector"].get("matchExpressions") or []:
                            operator = {"Exists": "In", "DoesNotExist": "NotIn"}.get(requirement["operator"])
                            if operator:
                                requirement["operator"] = operator
                                requirement["values"] = sorted(values.get(requirement["key"], {"no-pod-has-this"}))
                                rewritten += 1
        (target / path.name).write_text(yaml.safe_dump_all(documents))
    return rewritten


def assert_equivalent(bin_directory, reference, optimized, pods, namespaces, label):
    code, output = nca(bin_directory, "--equiv", optimized, "--base_np_list", reference,
                       "--pod_list", pods, "--ns_list", namespaces)
    if code != 0 or "are semantically equivalent" not in output:
        print(output)
        sys.exit(f"nca --equiv: -O and -O0 differ for {label}")


# The builds of the examples: without an environment, and for each
# environment that contracts/environments.ramp declares.
EXAMPLE_ENVIRONMENTS = [[], ["--env", "staging"], ["--env", "production"]]


def check_examples(bin_directory, ramp, root):
    for environment in EXAMPLE_ENVIRONMENTS:
        name = f"contracts/ {' '.join(environment)}".strip()
        with tempfile.TemporaryDirectory() as temporary:
            directory = pathlib.Path(temporary)
            build(ramp, [root / "contracts"], directory / "reference", "-O0", *environment)
            build(ramp, [root / "contracts"], directory / "optimized", *environment)
            pods, namespaces = write_cluster(directory, EXAMPLE_NAMESPACES, EXAMPLE_PODS)
            rewritten = rewrite_for_nca(directory / "reference", directory / "reference-nca", EXAMPLE_PODS)
            rewrite_for_nca(directory / "optimized", directory / "optimized-nca", EXAMPLE_PODS)
            print(f"rewrote {rewritten} Exists/DoesNotExist requirements beside a namespaceSelector for nca 2.1.0")
            assert_equivalent(bin_directory, directory / "reference-nca", directory / "optimized-nca", pods, namespaces,
                              name)
            code, output = nca(bin_directory, "--sanity", directory / "optimized-nca", "--pod_list", pods,
                               "--ns_list", namespaces)
            if code != 0 or "redundant" in output.lower():
                print(output)
                sys.exit(f"nca --sanity: the optimized output of {name} has redundant policies or rules")
        print(f"nca --equiv: -O equals -O0 for {name}; nca --sanity: no redundancy")


# MARK: random contracts

PORT_CHOICES = [("http", "8080"), ("metrics", "9090"), (None, "80"), (None, "443"), ("dns", "53/udp"),
                (None, "30000-30010"), ("grpc", "50051"), (None, "5432/sctp")]
LABEL_VALUES = ["a", "b", "c"]


def random_contract(rng, seed):
    namespaces = [f"ns{i}" for i in range(rng.randint(1, 3))]
    text = [f"# random contract, seed {seed}"]
    networks = []
    for index in range(rng.randint(0, 2)):
        name = f"net{index}"
        if rng.random() < 0.5:
            text.append(f"network {name} = 203.0.{index}.0/24 except 203.0.{index}.128/26, 2001:db8:{index}::/48")
        else:
            text.append(f"network {name} = 198.51.{index}.0/24")
        networks.append(name)
    services = {}
    cluster_namespaces = {}
    pods = [("kube-system", {"k8s-app": "kube-dns"}, [("dns", 53, "UDP"), ("dns-tcp", 53, "TCP")]),
            ("outside", {"app": "s0"}, [("http", 8080)])]
    for namespace in namespaces:
        team = rng.choice(["x", "y"])
        cluster_namespaces[namespace] = {"team": team}
        text.append(f"namespace {namespace} [team={team}] {{")
        posture = rng.choice(["", "deny ingress", "deny egress", "deny all"])
        if posture:
            text.append(f"  {posture}")
        if rng.random() < 0.3:
            text.append("  dns off")
        for index in range(rng.randint(1, 4)):
            name = f"s{index}"
            tier = rng.choice(LABEL_VALUES)
            selector = [f"app={name}"]
            if rng.random() < 0.3:
                selector.append(f"tier in ({tier}, {rng.choice(LABEL_VALUES)})")
            if rng.random() < 0.2:
                selector.append("!canary")
            ports = rng.sample(PORT_CHOICES, rng.randint(0, 3))
            port_text = ", ".join((f"{n}:{p}" if n else p) for n, p in ports)
            text.append(f"  service {name} [{', '.join(selector)}]" + (f" ports {port_text}" if ports else ""))
            services[(namespace, name)] = ports
            container_ports = []
            for port_name, port in ports:
                number = port.split("/")[0].split("-")[0]
                protocol = port.split("/")[1].upper() if "/" in port else "TCP"
                container_ports.append((port_name or f"p{number}", int(number), protocol))
            pods.append((namespace, {"app": name, "tier": tier}, container_ports))
            pods.append((namespace, {"app": name, "tier": tier, "canary": "true"}, container_ports))
        pods.append((namespace, {"app": "unselected"}, [("http", 8080)]))
        text.append("}")
    cluster_namespaces["kube-system"] = {}
    cluster_namespaces["outside"] = {}
    service_list = sorted(services)

    dependencies = {namespace: [] for namespace in namespaces}
    for _ in range(rng.randint(1, 8)):
        namespace, client = rng.choice(service_list)
        kind = rng.random()
        if kind < 0.6:
            server_namespace, server = rng.choice(service_list)
            target = server if server_namespace == namespace else f"{server_namespace}/{server}"
            ports = services[(server_namespace, server)]
            if ports and rng.random() < 0.7:
                name, port = rng.choice(ports)
                target += f":{name or port.split('/')[0]}"
        elif kind < 0.7:
            target = f"namespace {rng.choice(namespaces)}:{rng.choice(['8080', 'metrics', '53/udp'])}"
        elif kind < 0.78:
            target = f"namespaces [team={rng.choice(['x', 'y'])}]:80"
        elif kind < 0.84:
            target = "cluster:9090"
        elif kind < 0.92 or not networks:
            target = "internet:443"
        else:
            target = f"network {rng.choice(networks)}:443"
        if rng.random() < 0.2:
            dependencies[namespace].append(f"  internet -> {client}")
        else:
            dependencies[namespace].append(f"  {client} -> {target}")
    lines = []
    for line in text:
        lines.append(line)
        if line == "}":
            continue
    # Insert each namespace's dependencies before its closing brace.
    output, current = [], None
    for line in lines:
        if line.startswith("namespace "):
            current = line.split()[1]
        if line == "}" and current:
            output.extend(dependencies[current])
        output.append(line)
    return "\n".join(output) + "\n", cluster_namespaces, pods


def check_random(bin_directory, ramp, count):
    with tempfile.TemporaryDirectory() as temporary:
        root = pathlib.Path(temporary)
        for seed in range(count):
            rng = random.Random(seed)
            text, namespaces, pods = random_contract(rng, seed)
            directory = root / f"seed-{seed}"
            directory.mkdir()
            contract = directory / "random.ramp"
            contract.write_text(text)
            build(ramp, [contract], directory / "reference", "-O0")
            build(ramp, [contract], directory / "optimized")
            pod_path, namespace_path = write_cluster(directory, namespaces, pods)
            if not any((directory / "reference").iterdir()):
                continue
            rewrite_for_nca(directory / "reference", directory / "reference-nca", pods)
            rewrite_for_nca(directory / "optimized", directory / "optimized-nca", pods)
            assert_equivalent(bin_directory, directory / "reference-nca", directory / "optimized-nca", pod_path, namespace_path,
                              f"random contract seed {seed}:\n{text}")
    print(f"nca --equiv: -O equals -O0 for {count} random contracts")
