#!/usr/bin/env bash
# Records a JDK AOT cache (JEP 483/514/515, JDK 25+) of the packaged operator's start-up.
#
#   hack/aot-cache.sh JAVA JAR OUTPUT [JVM OPTION...]
#
# The training run is the operator starting with no API server to reach (the image is built without
# a cluster): Quarkus, CDI, the Kubernetes client, Jackson and the SDK load, link and run their
# start-up code until the first request to the API server is refused and the start fails; what they
# loaded and linked is what the cache keeps for the next start. With openmodel.aot-training=true the
# start first decodes, encodes and assesses one object of each kind the operator lists (AotTraining),
# so that what a restart waits on after the first request is in the cache too. The cache is used only by the
# same JDK with the same JAR path and compatible options (-XX:AOTCache=OUTPUT); otherwise the JVM
# warns and starts without it. Used by src/main/docker/Dockerfile.jvm and by make bench.
set -euo pipefail
java=$1 jar=$2 out=$3
shift 3
log=$(mktemp)
trap 'rm -f "$log"' EXIT
rm -f "$out"
"$java" "$@" -XX:AOTCacheOutput="$out" \
  -Dquarkus.kubernetes-client.api-server-url=https://127.0.0.1:1 -Dquarkus.kubernetes-client.request-retry-backoff-limit=0 \
  -Dquarkus.http.port=0 -Dopenmodel.aot-training=true \
  -jar "$jar" >"$log" 2>&1 &
pid=$!
for _ in $(seq 1 600); do # it exits by itself once the start has failed; 2 minutes at most
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.2
done
kill -TERM "$pid" 2>/dev/null || true
wait "$pid" || true # the start fails by design
if [ ! -s "$out" ]; then
  echo "aot-cache: no cache written to $out; the training run printed:" >&2
  tail -40 "$log" >&2
  exit 1
fi
echo "aot-cache: $out ($(du -h "$out" | cut -f1))"
