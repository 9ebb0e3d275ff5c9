#!/usr/bin/env bash
# A real Argo CD on the local cluster, for `make run-gitops` and the GitOps tests. Argo CD's
# application controller and repo server (built from its Go module by hack/build-tools.sh
# --with-argocd) run as processes on this machine, as in Argo CD's own local development setup
# (its Procfile: ARGOCD_FAKE_IN_CLUSTER, the kubeconfig standing in for in-cluster access), with
# a Redis (miniredis) and a git daemon serving repositories from .cluster/argocd/git on 127.0.0.1.
# No API server, UI or Dex: Applications are created and read with kubectl.
#
#   hack/gitops.sh up        start them (again) and install Argo CD's CRDs, argocd-cm with
#                            OpenModel's health check, and the default AppProject
#   hack/gitops.sh samples   put deploy/samples in a Git repository and let an Application sync it
#   hack/gitops.sh down      stop them
#   hack/gitops.sh env       print the git daemon's base URL (repositories: <base>/<name>.git)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
state=$repo/.cluster/argocd
export KUBECONFIG=$repo/.cluster/kubeconfig
redis_port=${OPENMODEL_ARGOCD_REDIS_PORT:-16379}
repo_server_port=${OPENMODEL_ARGOCD_REPO_SERVER_PORT:-18081}
controller_metrics_port=${OPENMODEL_ARGOCD_CONTROLLER_METRICS_PORT:-18082}
repo_server_metrics_port=${OPENMODEL_ARGOCD_REPO_SERVER_METRICS_PORT:-18084}
git_port=${OPENMODEL_GIT_PORT:-19418}
git_base=git://127.0.0.1:$git_port

fail() { echo "gitops: $*" >&2; exit 1; }

running() { [ -f "$state/$1.pid" ] && kill -0 "$(cat "$state/$1.pid")" 2>/dev/null; }

stop() {
  for p in application-controller repo-server redis git-daemon; do
    if running "$p"; then kill "$(cat "$state/$p.pid")" 2>/dev/null || true; fi
    rm -f "$state/$p.pid"
  done
}

start() { # name command... (environment set by the caller)
  local name=$1; shift
  running "$name" && return 0
  nohup "$@" >"$state/$name.log" 2>&1 &
  echo $! > "$state/$name.pid"
}

await() { # what seconds command...
  local what=$1 seconds=$2; shift 2
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    [ $SECONDS -lt $deadline ] || fail "$what did not come up in ${seconds}s; logs in $state/"
    sleep 0.5
  done
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

up() {
  [ -f "$KUBECONFIG" ] || fail "no local cluster; run 'make cluster-up' first"
  command -v git >/dev/null || fail "git is not installed (apt-get install git)"
  bin=$("$repo/hack/build-tools.sh" --with-argocd | tail -1)
  kubectl() { "$bin/kubectl" "$@"; }
  mkdir -p "$state/git" "$state/tls" "$state/ssh" "$state/gpg" "$state/tmp"
  argocd_module=$(cd "$repo/hack/tools/argocd" && go list -m -f '{{.Dir}}' github.com/argoproj/argo-cd/v3)

  # Argo CD's own CRDs (server-side: the Application CRD is too large for client-side apply).
  kubectl apply --server-side --force-conflicts --field-manager=openmodel-gitops \
    -f "$argocd_module/manifests/crds/application-crd.yaml" -f "$argocd_module/manifests/crds/appproject-crd.yaml" >/dev/null
  await "Argo CD's CRDs" 60 kubectl wait --for=condition=Established crd/applications.argoproj.io crd/appprojects.argoproj.io --timeout=10s
  kubectl create namespace argocd --dry-run=client -o yaml | kubectl apply -f - >/dev/null
  # Argo CD reads only ConfigMaps and Secrets labelled part-of=argocd. OpenModel's health check is
  # merged into argocd-cm exactly as the README tells users to.
  kubectl -n argocd get configmap argocd-cm >/dev/null 2>&1 || kubectl -n argocd create configmap argocd-cm >/dev/null
  kubectl -n argocd get secret argocd-secret >/dev/null 2>&1 || kubectl -n argocd create secret generic argocd-secret >/dev/null
  for o in configmap/argocd-cm secret/argocd-secret; do
    kubectl -n argocd label "$o" app.kubernetes.io/name="${o#*/}" app.kubernetes.io/part-of=argocd --overwrite >/dev/null
  done
  kubectl -n argocd patch configmap argocd-cm --type merge --patch-file "$repo/deploy/argocd/argocd-cm-openmodel-health.yaml" >/dev/null
  kubectl apply -f - >/dev/null <<'EOF'
apiVersion: argoproj.io/v1alpha1
kind: AppProject
metadata: {name: default, namespace: argocd}
spec:
  sourceRepos: ['*']
  destinations: [{server: '*', namespace: '*'}]
  clusterResourceWhitelist: [{group: '*', kind: '*'}]
EOF

  start git-daemon git daemon --reuseaddr --listen=127.0.0.1 --port="$git_port" --base-path="$state/git" --export-all "$state/git"
  start redis "$bin/redis" -addr "127.0.0.1:$redis_port"
  await "redis" 30 port_open "$redis_port"
  await "git daemon" 30 port_open "$git_port"
  ARGOCD_BINARY_NAME=argocd-repo-server ARGOCD_FAKE_IN_CLUSTER=true ARGOCD_GPG_ENABLED=false \
    ARGOCD_TLS_DATA_PATH="$state/tls" ARGOCD_SSH_DATA_PATH="$state/ssh" ARGOCD_GNUPGHOME="$state/gpg" TMPDIR="$state/tmp" \
    start repo-server "$bin/argocd" --address 127.0.0.1 --port "$repo_server_port" --disable-tls \
      --metrics-address 127.0.0.1 --metrics-port "$repo_server_metrics_port" --redis "127.0.0.1:$redis_port" --redis-compress none
  await "the repo server" 60 port_open "$repo_server_port"
  # HOSTNAME ends in the ordinal Argo CD's sharding reads from its StatefulSet's pod names.
  HOSTNAME=argocd-application-controller-0 ARGOCD_BINARY_NAME=argocd-application-controller ARGOCD_FAKE_IN_CLUSTER=true \
    ARGOCD_TLS_DATA_PATH="$state/tls" ARGOCD_SSH_DATA_PATH="$state/ssh" \
    start application-controller "$bin/argocd" --kubeconfig "$KUBECONFIG" --namespace argocd \
      --redis "127.0.0.1:$redis_port" --redis-compress none --repo-server "127.0.0.1:$repo_server_port" --repo-server-plaintext \
      --metrics-port "$controller_metrics_port" --persist-resource-health --app-resync "${OPENMODEL_ARGOCD_APP_RESYNC:-60}"
  await "the application controller" 60 curl -sf "http://127.0.0.1:$controller_metrics_port/healthz"
  echo "Argo CD $(grep ARGOCD_VERSION "$bin/versions.env" | cut -d= -f2) is running (controller and repo server; logs in $state/); Git at $git_base/" >&2
}

samples() {
  bin=$("$repo/hack/build-tools.sh" --with-argocd | tail -1)
  kubectl() { "$bin/kubectl" "$@"; }
  local ns=${OPENMODEL_SAMPLES_NAMESPACE:-openmodel-samples}
  local work=$state/samples-work bare=$state/git/samples.git
  rm -rf "$work" && mkdir -p "$work/models"
  cp "$repo"/deploy/samples/*.yaml "$repo"/deploy/samples/refused/*.yaml "$work/models/"
  [ -d "$bare" ] || git init -q --bare "$bare"
  (cd "$work" && git init -q -b main && git add -A \
    && git -c user.name=openmodel -c user.email=openmodel@localhost commit -qm "OpenModel samples" \
    && git push -q -f "$bare" main)
  sed -e "s#@REPO_URL@#$git_base/samples.git#" -e "s#@NAMESPACE@#$ns#" "$repo/deploy/argocd/samples-application.yaml" | kubectl apply -f - >/dev/null
  echo "Application openmodel-samples syncs $git_base/samples.git (models/) into namespace $ns; waiting for it..." >&2
  local deadline=$((SECONDS + 240))
  until [ "$(kubectl -n argocd get application openmodel-samples -o jsonpath='{.status.sync.status}/{.status.health.status}' 2>/dev/null)" = Synced/Degraded ]; do
    # Degraded: one sample is refused by policy on purpose, and Argo CD shows it.
    [ $SECONDS -lt $deadline ] || { echo "gitops: the samples did not sync in 240s; logs in $state/" >&2; break; }
    sleep 2
  done
  kubectl -n argocd get applications
  echo
  kubectl -n argocd get application openmodel-samples -o jsonpath='{range .status.resources[*]}{.kind}/{.name}: {.status}, {.health.status} {.health.message}{"\n"}{end}'
}

case "${1:-}" in
  up) up ;;
  samples) samples ;;
  down) stop; echo "Argo CD stopped" >&2 ;;
  env) echo "$git_base" ;;
  *) echo "usage: hack/gitops.sh up|samples|down|env" >&2; exit 2 ;;
esac
