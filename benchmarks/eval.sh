#!/usr/bin/env bash
# Score lintnews on the shared evaluation sets: benchmarks/eval.sh [dev|real-dev ...] [-- score args]
set -u
here=$(cd "$(dirname "$0")/.." && pwd)
shared=${LINTNEWS_SHARED:-$here/../shared}
lintnews=${LINTNEWS:-$here/.venv/bin/lintnews}
py=$(dirname "$lintnews")/python
sets=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do sets+=("$1"); shift; done
[ "${1:-}" = "--" ] && shift
[ ${#sets[@]} -gt 0 ] || sets=(dev real-dev)
for set in "${sets[@]}"; do
  out=$(mktemp)
  "$lintnews" check --format json "$shared/eval/$set/drafts" >"$out"
  echo "== $set"
  "$py" "$shared/eval/score.py" "$shared/eval/$set/labels.json" "$out" "$@"
  rm -f "$out"
done
