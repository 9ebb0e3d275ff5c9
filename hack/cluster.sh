#!/usr/bin/env bash
# Local Kubernetes control plane with fake GPU nodes: real kube-apiserver, etcd,
# kube-controller-manager and kube-scheduler (built from upstream Go modules by
# build-tools.sh) run as local processes under kwokctl's binary runtime.
#
#   hack/cluster.sh up      start, or reuse when already healthy; create the fake nodes
#   hack/cluster.sh down    stop every process and remove the cluster's files
#   hack/cluster.sh env     print the export line for the kubeconfig
#   hack/cluster.sh nodes N make sure N more fake 8-GPU H100 nodes (gpu-bench-0..N-1) exist, for benchmarks
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
name=${OPENMODEL_CLUSTER_NAME:-openmodel}
state=$repo/.cluster
kubeconfig=$state/kubeconfig
export KWOK_WORKDIR=$state/kwok
cluster_dir=$KWOK_WORKDIR/clusters/$name

fail() { echo "cluster: $*" >&2; exit 1; }

tools() {
  local bin
  bin=$("$repo/hack/build-tools.sh" | tail -1) || fail "could not build the control-plane binaries (see above)."
  export PATH="$bin:$PATH"
  # shellcheck disable=SC1091
  . "$bin/versions.env"
  export KWOK_KUBE_VERSION=$KUBE_VERSION
  BIN=$bin
}

healthy() {
  [ -f "$kubeconfig" ] && kubectl --kubeconfig "$kubeconfig" --request-timeout=5s get --raw /readyz >/dev/null 2>&1
}

up() {
  tools
  local start=$SECONDS
  mkdir -p "$state"
  if healthy; then
    echo "cluster '$name' is already running; reusing it." >&2
  else
    if [ -d "$cluster_dir" ]; then
      # A cluster directory whose processes are gone (machine restarted, killed): start it again.
      echo "cluster '$name' exists but is not answering; starting its processes again..." >&2
      if ! kwokctl start cluster --name "$name" --wait 120s >&2 || ! healthy; then
        fail "the cluster directory $cluster_dir is stale and could not be restarted. Run 'make cluster-down' to remove it, then 'make cluster-up'."
      fi
    else
      echo "creating cluster '$name' (Kubernetes $KUBE_VERSION, etcd $ETCD_VERSION, kwok $KWOK_VERSION)..." >&2
      if ! kwokctl create cluster --name "$name" --runtime binary \
          --kube-apiserver-binary "$BIN/kube-apiserver" \
          --kube-controller-manager-binary "$BIN/kube-controller-manager" \
          --kube-scheduler-binary "$BIN/kube-scheduler" \
          --kwok-controller-binary "$BIN/kwok" \
          --etcd-binary "$BIN/etcd" \
          --disable-qps-limits \
          --kubeconfig "$kubeconfig.kwok" \
          --wait 120s >&2; then
        log_hint=$(ls "$cluster_dir"/logs/*.log 2>/dev/null | head -5 | tr '\n' ' ')
        fail "kwokctl could not start the cluster. Component logs: ${log_hint:-none}. A port in use or a stale $cluster_dir are the usual causes: run 'make cluster-down' and retry."
      fi
      # kwokctl merges into the file it is given; keep ours with just this cluster, current.
      kubectl --kubeconfig "$kubeconfig.kwok" config view --raw --minify --context "kwok-$name" > "$kubeconfig"
      rm -f "$kubeconfig.kwok"
    fi
  fi
  # kwokctl's default Service range is a /24 (about 250 Services): add a /16 so that thousands of
  # models fit (ServiceCIDR, networking.k8s.io/v1, served from Kubernetes 1.33).
  kubectl --kubeconfig "$kubeconfig" apply --server-side --field-manager=openmodel-hack -f - >/dev/null <<'YAML'
apiVersion: networking.k8s.io/v1
kind: ServiceCIDR
metadata: {name: openmodel-local}
spec: {cidrs: [10.128.0.0/16]}
YAML
  apply_nodes "$repo/hack/nodes.yaml"
  echo "cluster '$name' ready in $((SECONDS - start))s" >&2
  kubectl --kubeconfig "$kubeconfig" get nodes -L nvidia.com/gpu.product,nvidia.com/gpu.count -l '!openmodel.dev/bench' >&2
  local bench
  bench=$(kubectl --kubeconfig "$kubeconfig" get nodes -l openmodel.dev/bench --no-headers 2>/dev/null | wc -l)
  [ "$bench" -eq 0 ] || echo "(and $bench gpu-bench-* nodes added by make bench)" >&2
  echo "export KUBECONFIG=$kubeconfig"
}

# Applies fake nodes (metadata and spec, then status). Our field manager owns only what the file
# sets, so re-applying to a running cluster of any size works: the TTL controller's annotation and
# kwok's conditions are theirs.
apply_nodes() { # file
  kubectl --kubeconfig "$kubeconfig" apply --server-side --force-conflicts --field-manager=openmodel-hack -f "$1" >/dev/null
  # Node status (capacity, allocatable) is a subresource: set it explicitly, or nothing schedules.
  kubectl --kubeconfig "$kubeconfig" apply --server-side --force-conflicts --field-manager=openmodel-hack --subresource=status \
    -f "$1" >/dev/null
  kubectl --kubeconfig "$kubeconfig" wait --for=condition=Ready node --all --timeout=120s >/dev/null
}

bench_nodes() { # count
  tools
  healthy || fail "no local cluster is running: run 'make cluster-up' first."
  local file
  file=$(mktemp)
  echo "apiVersion: v1" > "$file"; echo "kind: List" >> "$file"; echo "items:" >> "$file"
  for i in $(seq 0 $(($1 - 1))); do
    cat >> "$file" <<YAML
- apiVersion: v1
  kind: Node
  metadata:
    name: gpu-bench-$i
    annotations: {kwok.x-k8s.io/node: fake}
    labels: {openmodel.dev/bench: "true", kubernetes.io/hostname: gpu-bench-$i, kubernetes.io/os: linux, kubernetes.io/arch: amd64, type: kwok,
      nvidia.com/gpu.present: "true", nvidia.com/gpu.product: NVIDIA-H100-80GB-HBM3, nvidia.com/gpu.memory: "81559", nvidia.com/gpu.count: "8"}
  spec:
    taints: [{key: nvidia.com/gpu, value: present, effect: NoSchedule}]
  status:
    allocatable: {cpu: "192", memory: 2048Gi, pods: "110", nvidia.com/gpu: "8"}
    capacity: {cpu: "192", memory: 2048Gi, pods: "110", nvidia.com/gpu: "8"}
YAML
  done
  apply_nodes "$file"
  rm -f "$file"
  echo "$1 bench nodes ready" >&2
}

down() {
  "$repo/hack/gitops.sh" down >/dev/null 2>&1 || true
  rm -rf "$state/argocd"
  if [ -d "$cluster_dir" ]; then
    tools
    kwokctl delete cluster --name "$name" >&2 || true
  fi
  # Anything kwokctl could not stop (its pid files gone, or a component the benchmark restarted with
  # its own command line) still holds ports: stop it by its path. An API server whose etcd is gone
  # can sit through SIGTERM (seen after make bench's outage round), so SIGKILL what is left after 10 s.
  if pkill -f "$KWOK_WORKDIR/" 2>/dev/null; then
    for _ in $(seq 1 50); do
      pgrep -f "$KWOK_WORKDIR/" >/dev/null 2>&1 || break
      sleep 0.2
    done
    pkill -KILL -f "$KWOK_WORKDIR/" 2>/dev/null || true
  fi
  rm -rf "$KWOK_WORKDIR" "$kubeconfig"
  echo "cluster '$name' removed" >&2
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  env) echo "export KUBECONFIG=$kubeconfig" ;;
  nodes) [[ "${2:-}" =~ ^[0-9]+$ ]] || fail "usage: hack/cluster.sh nodes COUNT"; bench_nodes "$2" ;;
  *) echo "usage: hack/cluster.sh up|down|env|nodes COUNT" >&2; exit 2 ;;
esac
