#!/usr/bin/env bash
# Builds the local control plane's binaries from their upstream Go modules (pinned in
# hack/tools/*/go.mod) into a versioned cache under $HOME/.cache/openmodel. A component is
# rebuilt only when its pins change. Prints the bin directory on stdout as its last line.
#   hack/build-tools.sh                 the control plane, kubectl and helm
#   hack/build-tools.sh --with-argocd   also Argo CD's controller and repo server, a Redis, and the
#                                       health-check test runner over Argo CD's Lua VM (GitOps tests)
set -euo pipefail
with_argocd=false
[ "${1:-}" = --with-argocd ] && with_argocd=true
here=$(cd "$(dirname "$0")" && pwd)
cache_root=${OPENMODEL_CACHE:-$HOME/.cache/openmodel}

fail() { echo "build-tools: $*" >&2; exit 1; }

command -v go >/dev/null || fail "Go is not installed. Install Go 1.26 or newer (kwok v0.8.0 needs it) and retry."
go_version=$(go env GOVERSION)            # e.g. go1.26.8
minor=$(echo "$go_version" | sed -E 's/^go1\.([0-9]+).*/\1/')
[ "${minor:-0}" -ge 26 ] || fail "Go $go_version is too old: kwok v0.8.0 and Kubernetes 1.35 need Go 1.26 or newer."

module_version() { # dir module
  sed -n "s#^\s*\(require \)\?$2 \(v[^ ]*\).*#\2#p" "$1/go.mod" | head -1
}
k8s_version=$(module_version "$here/tools/kubernetes" k8s.io/kubernetes)
etcd_version=$(module_version "$here/tools/etcd" go.etcd.io/etcd/server/v3)
kwok_version=$(module_version "$here/tools/kwok" sigs.k8s.io/kwok)
[ -n "$k8s_version" ] && [ -n "$etcd_version" ] && [ -n "$kwok_version" ] \
  || fail "could not read pinned versions from hack/tools/*/go.mod; re-pin with hack/tools/pin.sh"

# One directory per set of pins: changing a go.mod or go.sum gives a new key and a rebuild.
key=$(cat "$here"/tools/{etcd,kubernetes,kwok}/go.mod "$here"/tools/{etcd,kubernetes,kwok}/go.sum | sha256sum | cut -c1-12)
bin="$cache_root/tools/k8s-$k8s_version-etcd-$etcd_version-kwok-$kwok_version-$key/bin"
mkdir -p "$bin"

export CGO_ENABLED=0 GOFLAGS=-trimpath

build() { # component dir package output [ldflags]
  local name=$1 dir=$2 pkg=$3 out=$4 ldflags=${5:-}
  if [ -x "$bin/$out" ]; then return 0; fi
  echo "building $name ($pkg)..." >&2
  local start=$SECONDS
  if ! (cd "$dir" && go build -ldflags "-s -w $ldflags" -o "$bin/.$out.tmp" "$pkg") >&2; then
    rm -f "$bin/.$out.tmp"
    fail "building $name failed (see the Go output above). Check network access to the Go module proxy and free disk space ($(df -h "$cache_root" | awk 'NR==2{print $4}') free), then rerun."
  fi
  mv "$bin/.$out.tmp" "$bin/$out"
  echo "built $name in $((SECONDS - start))s" >&2
}

# Without these the binaries report v0.0.0 and clients/kwokctl pick wrong defaults.
k8s_minor=$(echo "$k8s_version" | cut -d. -f2)
k8s_ldflags=""
for p in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
  k8s_ldflags+=" -X $p.gitVersion=$k8s_version -X $p.gitMajor=1 -X $p.gitMinor=$k8s_minor"
  k8s_ldflags+=" -X $p.gitTreeState=clean -X $p.buildDate=1970-01-01T00:00:00Z"
done

total=$SECONDS
build etcd           "$here/tools/etcd"       go.etcd.io/etcd/server/v3       etcd \
  "-X go.etcd.io/etcd/api/v3/version.Version=${etcd_version#v}"
build kwok           "$here/tools/kwok"       sigs.k8s.io/kwok/cmd/kwok       kwok \
  "-X sigs.k8s.io/kwok/pkg/consts.Version=${kwok_version#v} -X sigs.k8s.io/kwok/pkg/consts.KubeVersion=${k8s_version#v}"
build kwokctl        "$here/tools/kwok"       sigs.k8s.io/kwok/cmd/kwokctl    kwokctl \
  "-X sigs.k8s.io/kwok/pkg/consts.Version=${kwok_version#v} -X sigs.k8s.io/kwok/pkg/consts.KubeVersion=${k8s_version#v}"
build kube-apiserver "$here/tools/kubernetes" k8s.io/kubernetes/cmd/kube-apiserver kube-apiserver "$k8s_ldflags"
build kube-controller-manager "$here/tools/kubernetes" k8s.io/kubernetes/cmd/kube-controller-manager kube-controller-manager "$k8s_ldflags"
build kube-scheduler "$here/tools/kubernetes" k8s.io/kubernetes/cmd/kube-scheduler kube-scheduler "$k8s_ldflags"
build kubectl        "$here/tools/kubernetes" k8s.io/kubernetes/cmd/kubectl   kubectl "$k8s_ldflags"
# Helm (chart tests) has its own pins; a link in the same bin directory keeps one PATH entry.
helm_version=$(module_version "$here/tools/helm" helm.sh/helm/v3)
helm_key=$(cat "$here/tools/helm/go.mod" "$here/tools/helm/go.sum" | sha256sum | cut -c1-12)
helm_bin="$cache_root/tools/helm-$helm_version-$helm_key/bin"
mkdir -p "$helm_bin"
if [ ! -x "$helm_bin/helm" ]; then
  saved_bin=$bin; bin=$helm_bin
  build helm "$here/tools/helm" helm.sh/helm/v3/cmd/helm helm "-X helm.sh/helm/v3/internal/version.version=$helm_version"
  bin=$saved_bin
fi
ln -sfn "$helm_bin/helm" "$bin/helm"
# Argo CD likewise, only when asked (make test, make run-gitops): a cold build takes minutes.
argocd_version=$(module_version "$here/tools/argocd" github.com/argoproj/argo-cd/v3)
if $with_argocd; then
  argocd_key=$(cat "$here"/tools/argocd/go.mod "$here"/tools/argocd/go.sum "$here"/tools/argocd/*/main.go | sha256sum | cut -c1-12)
  argocd_bin="$cache_root/tools/argocd-$argocd_version-$argocd_key/bin"
  mkdir -p "$argocd_bin"
  saved_bin=$bin; bin=$argocd_bin
  build argocd "$here/tools/argocd" ./argocd argocd "-X github.com/argoproj/argo-cd/v3/common.version=${argocd_version#v}"
  build redis "$here/tools/argocd" ./redis redis
  build argocd-health-test "$here/tools/argocd" ./healthtest argocd-health-test
  bin=$saved_bin
  for t in argocd redis argocd-health-test; do ln -sfn "$argocd_bin/$t" "$bin/$t"; done
fi
[ $((SECONDS - total)) -gt 0 ] && echo "control-plane binaries ready in $((SECONDS - total))s" >&2
{
  echo "KUBE_VERSION=$k8s_version"
  echo "ETCD_VERSION=$etcd_version"
  echo "KWOK_VERSION=$kwok_version"
  echo "HELM_VERSION=$helm_version"
  echo "ARGOCD_VERSION=$argocd_version"
} > "$bin/versions.env"
echo "$bin"
