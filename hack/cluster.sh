#!/usr/bin/env bash
# Local Kubernetes control plane with fake GPU nodes: real kube-apiserver, etcd,
# kube-controller-manager and kube-scheduler (built from upstream Go modules by
# build-tools.sh) run as local processes under kwokctl's binary runtime.
#
#   hack/cluster.sh up      start, or reuse when already healthy; create the fake nodes
#   hack/cluster.sh down    stop every process and remove the cluster's files
#   hack/cluster.sh env     print the export line for the kubeconfig
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
  kubectl --kubeconfig "$kubeconfig" apply --server-side --field-manager=openmodel-hack -f "$repo/hack/nodes.yaml" >/dev/null
  # Node status (capacity, allocatable) is a subresource: set it explicitly, or nothing schedules.
  kubectl --kubeconfig "$kubeconfig" apply --server-side --field-manager=openmodel-hack --subresource=status \
    -f "$repo/hack/nodes.yaml" >/dev/null
  kubectl --kubeconfig "$kubeconfig" wait --for=condition=Ready node --all --timeout=60s >/dev/null
  echo "cluster '$name' ready in $((SECONDS - start))s" >&2
  kubectl --kubeconfig "$kubeconfig" get nodes -L nvidia.com/gpu.product,nvidia.com/gpu.count >&2
  echo "export KUBECONFIG=$kubeconfig"
}

down() {
  if [ -d "$cluster_dir" ]; then
    tools
    kwokctl delete cluster --name "$name" >&2 || true
  fi
  # Anything kwokctl could not stop (its pid files gone) still holds ports: stop it by its path.
  pkill -f "$KWOK_WORKDIR/" 2>/dev/null || true
  rm -rf "$KWOK_WORKDIR" "$kubeconfig"
  echo "cluster '$name' removed" >&2
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  env) echo "export KUBECONFIG=$kubeconfig" ;;
  *) echo "usage: hack/cluster.sh up|down|env" >&2; exit 2 ;;
esac
