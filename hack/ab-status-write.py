#!/usr/bin/env python3
"""What one OpenModel status write costs the API server, for two or more shapes of the CRD, A/B.

Installs copies of the OpenModel CRD installed on the cluster under throw-away groups
(<variant>.probe.openmodel.dev), each changed as its variant says, creates N objects of each
with the spec of an OpenModel found on the cluster, then server-side applies that model's status
to every object of each copy in turn, alternating the copies for ROUNDS rounds. Each batch is
charged the API server's CPU (from /proc) between two quiet moments, its idle rate taken off.

Variants: base (the CRD as installed), fieldwise (status not atomic, as before 635d37d),
atomic (status x-kubernetes-map-type atomic), merge suffix (a JSON merge patch instead of an apply).

  python3 hack/ab-status-write.py fieldwise,atomic [N=200]   # ROUNDS=5, KUBECONFIG=.cluster/kubeconfig

Needs the local cluster (make cluster-up) with an OpenModel that has a status (make run). Uses only
Python's standard library; deletes its namespace and CRDs at the end.
"""
import copy, http.client, json, os, ssl, statistics, subprocess, sys, time

def kubeconfig():
    path = os.environ.get("KUBECONFIG", os.path.join(os.path.dirname(__file__), "..", ".cluster", "kubeconfig"))
    conf = {}
    for line in open(path):
        key, _, value = line.strip().partition(": ")
        if key in ("server", "certificate-authority", "client-certificate", "client-key"):
            conf[key] = value
    return conf

conf = kubeconfig()
host, port = conf["server"].replace("https://", "").split(":")
ctx = ssl.create_default_context(cafile=conf["certificate-authority"])
ctx.load_cert_chain(conf["client-certificate"], conf["client-key"])
conn = http.client.HTTPSConnection(host, int(port), context=ctx)

def call(method, path, body=None, ctype="application/json", ok=(404, 409)):
    conn.request(method, path, body=None if body is None else json.dumps(body), headers={"Content-Type": ctype, "Accept": "application/json"})
    r = conn.getresponse()
    data = r.read()
    if r.status >= 300 and r.status not in ok:
        raise SystemExit(f"{method} {path}: {r.status} {data[:300]!r}")
    return r.status, (json.loads(data) if data[:1] in (b"{", b"[") else None)  # a 404 of a group not yet served is plain text

PID = int(subprocess.check_output(["pgrep", "-f", "bin/kube-apiserver"]).split()[0])

def cpu_ms():
    fields = open(f"/proc/{PID}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")

def quiet():
    """Waits until the API server uses under 5% of a core; returns that rate (CPU ms per ms)."""
    deadline = time.time() + 60
    while time.time() < deadline:
        c0, t0 = cpu_ms(), time.time()
        time.sleep(0.5)
        rate = (cpu_ms() - c0) / ((time.time() - t0) * 1000)
        if rate < 0.05:
            return rate
    raise SystemExit("the API server never went quiet")

variants = sys.argv[1].split(",") if len(sys.argv) > 1 else ["fieldwise", "atomic"]
n = int(sys.argv[2]) if len(sys.argv) > 2 else 200
rounds = int(os.environ.get("ROUNDS", "5"))
_, crd = call("GET", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/openmodels.openmodel.dev", ok=())
_, models = call("GET", "/apis/openmodel.dev/v1alpha1/openmodels", ok=())
sample = next((m for m in models["items"] if m.get("status", {}).get("conditions")), None)
if sample is None:
    raise SystemExit("no OpenModel with a status on the cluster: make run first")

def variant_crd(v):
    group = v.replace("-", "") + ".probe.openmodel.dev"
    c = {"apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
         "metadata": {"name": "openmodels." + group}, "spec": copy.deepcopy(crd["spec"])}
    c["spec"]["group"] = group
    c["spec"]["names"] = {k: v2 for k, v2 in c["spec"]["names"].items() if k in ("kind", "listKind", "plural", "singular")}
    c["spec"].pop("conversion", None)
    status = c["spec"]["versions"][0]["schema"]["openAPIV3Schema"]["properties"]["status"]
    if v.startswith("fieldwise"):
        status.pop("x-kubernetes-map-type", None)
    elif v.startswith("atomic"):
        status["x-kubernetes-map-type"] = "atomic"
    return c, group

def gone(path):
    """Deletes what a previous run left and waits until it is gone."""
    call("DELETE", path)
    while call("GET", path)[0] != 404:
        time.sleep(0.5)

ns = "ab-status-write"
gone(f"/api/v1/namespaces/{ns}")
call("POST", "/api/v1/namespaces", {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": ns}}, ok=())
groups = {}
for v in variants:
    c, group = variant_crd(v)
    gone("/apis/apiextensions.k8s.io/v1/customresourcedefinitions/" + c["metadata"]["name"])
    call("POST", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", c, ok=())
    groups[v] = group
for v, group in groups.items():
    while call("GET", f"/apis/{group}/v1alpha1")[0] != 200:
        time.sleep(0.5)
    for i in range(n):
        call("POST", f"/apis/{group}/v1alpha1/namespaces/{ns}/openmodels",
             {"apiVersion": group + "/v1alpha1", "kind": "OpenModel", "metadata": {"name": f"m{i}"}, "spec": sample["spec"]}, ok=())
results = {v: [] for v in variants}
for r in range(rounds):
    for v, group in groups.items():
        idle = quiet()
        c0, t0 = cpu_ms(), time.time()
        for i in range(n):
            status = copy.deepcopy(sample["status"])
            status["conditions"][-1]["message"] = f"probe {r} {i}"
            path = f"/apis/{group}/v1alpha1/namespaces/{ns}/openmodels/m{i}/status?fieldManager=openmodel-operator"
            if v.endswith("merge"):
                call("PATCH", path, {"status": status}, "application/merge-patch+json", ok=())
            else:
                call("PATCH", path + "&force=true", {"apiVersion": group + "/v1alpha1", "kind": "OpenModel",
                     "metadata": {"name": f"m{i}", "namespace": ns}, "status": status}, "application/apply-patch+yaml", ok=())
        quiet()
        ms = (cpu_ms() - c0 - idle * (time.time() - t0) * 1000) / n
        results[v].append(round(ms, 2))
        print(f"round {r} {v}: {ms:.2f} ms", flush=True)
for v in variants:
    print(f"{v}: median {statistics.median(results[v]):.2f} ms per status write, rounds {results[v]}")
call("DELETE", f"/api/v1/namespaces/{ns}")
for v, group in groups.items():
    call("DELETE", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/openmodels." + group)
