#!/usr/bin/env bash
# `make run`: the operator, built as a Quarkus app, runs on this machine against the local
# cluster; the sample models are applied and their status printed.
#   hack/run.sh        start (restart) the operator, apply samples, print status
#   hack/run.sh stop   stop the operator
#   hack/run.sh gitops the same, but the samples come from Git through a real Argo CD (hack/gitops.sh)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
state=$repo/.cluster
pidfile=$state/operator.pid
log=$state/operator.log
ns=${OPENMODEL_SAMPLES_NAMESPACE:-openmodel-samples}
export KUBECONFIG=$state/kubeconfig

stop() {
  if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    kill "$(cat "$pidfile")" && echo "operator stopped" >&2
  fi
  rm -f "$pidfile"
}

if [ "${1:-}" = stop ]; then stop; "$repo/hack/gitops.sh" down 2>/dev/null || true; exit 0; fi

[ -f "$KUBECONFIG" ] || { echo "run: no local cluster; run 'make cluster-up' first" >&2; exit 1; }
[ -f "$repo/target/quarkus-app/quarkus-run.jar" ] || { echo "run: operator not built; run 'make build' first" >&2; exit 1; }
bin=$("$repo/hack/build-tools.sh" | tail -1)
kubectl() { "$bin/kubectl" "$@"; }

kubectl apply --server-side --force-conflicts --field-manager=openmodel-crds -f "$repo/crds/" >/dev/null
kubectl wait --for=condition=Established crd --all --timeout=60s >/dev/null
kubectl create namespace "$ns" --dry-run=client -o yaml | kubectl apply -f - >/dev/null
kubectl label namespace "$ns" pod-security.kubernetes.io/enforce=restricted --overwrite >/dev/null

stop
echo "starting the operator (log: $log)..." >&2
QUARKUS_HTTP_PORT=${OPENMODEL_HTTP_PORT:-18080} nohup java -jar "$repo/target/quarkus-app/quarkus-run.jar" >"$log" 2>&1 &
echo $! > "$pidfile"

if [ "${1:-}" = gitops ]; then
  "$repo/hack/gitops.sh" up
  OPENMODEL_SAMPLES_NAMESPACE=$ns "$repo/hack/gitops.sh" samples
  echo
  kubectl get openmodels -n "$ns"
  echo
  echo "The operator (pid $(cat "$pidfile")) and Argo CD keep running. Commit to $("$repo/hack/gitops.sh" env)/samples.git"
  echo "(work tree: .cluster/argocd/samples-work) and Argo CD syncs it. 'make stop' stops both; 'make cluster-down' removes the cluster."
  echo "export KUBECONFIG=$KUBECONFIG"
  exit 0
fi
kubectl apply -n "$ns" -f "$repo/deploy/samples/" -f "$repo/deploy/samples/refused/" >&2
echo "waiting for the compliant samples to become Ready and the refused one to be refused..." >&2
compliant=()
for f in "$repo"/deploy/samples/*.yaml; do compliant+=(-f "$f"); done
if ! kubectl wait -n "$ns" --for=condition=Ready "${compliant[@]}" --timeout=180s >/dev/null \
   || ! kubectl wait -n "$ns" --for=condition=PolicyCompliant=false -f "$repo/deploy/samples/refused/" --timeout=60s >/dev/null; then
  echo "run: the samples did not reach the expected state; operator log: $log" >&2
fi
echo
kubectl get openmodels -n "$ns"
echo
echo "Why llama-31-8b-instruct is not served:"
kubectl get openmodel llama-31-8b-instruct -n "$ns" -o jsonpath='{.status.conditions[?(@.type=="PolicyCompliant")].message}{"\n"}' 
echo
kubectl get deployments,services,pods -n "$ns" -o wide
echo
echo "The operator keeps running (pid $(cat "$pidfile")). 'make stop' stops it; 'make cluster-down' removes the cluster."
echo "export KUBECONFIG=$KUBECONFIG"
