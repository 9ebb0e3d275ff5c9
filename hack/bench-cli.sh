#!/usr/bin/env bash
# Wall time of `bin/openmodel assess` on 1, 100 and 1000 generated OpenModels (JVM start
# included), median of 5 runs after one warm-up run (which also records the class-data archive).
# 1 model shows the fixed start-up cost; the rest is the cost per model.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
licenses=(apache-2.0 mit llama3.1 gemma cc-by-nc-4.0 "Apache-2.0 OR MIT" "MIT License" "Llama 3.1 Community License" openrail++ cc-by-4.0)
measure() { # count
  local n=$1 file=$dir/models-$1.yaml
  for i in $(seq 0 $((n - 1))); do
    cat >> "$file" <<YAML
apiVersion: openmodel.dev/v1alpha1
kind: OpenModel
metadata: {name: model-$i}
spec:
  model: {uri: hf://org/model-$i}
  license: {id: '${licenses[$((i % ${#licenses[@]}))]}'}
  openness: {components: [{name: model-parameters-final, license: Apache-2.0}, {name: training-code, license: MIT}]}
---
YAML
  done
  "$repo/bin/openmodel" assess -o json "$file" >/dev/null || [ $? -eq 1 ]
  local times=()
  for run in 1 2 3 4 5; do
    local start=$(date +%s%N)
    "$repo/bin/openmodel" assess -o json "$file" >/dev/null || [ $? -eq 1 ]
    times+=($(( ($(date +%s%N) - start) / 1000000 )))
  done
  local sorted=($(printf '%s\n' "${times[@]}" | sort -n))
  echo "bin/openmodel assess, $n model(s), wall time including JVM start: median ${sorted[2]} ms (min ${sorted[0]}, max ${sorted[4]})"
}
measure 1
measure 100
measure 1000
