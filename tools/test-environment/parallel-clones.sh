#!/usr/bin/env bash
# Runs CI (.ci/run: prerequisites, then the suite under tools/test-environment/hostile.sh) in two fresh clones of HEAD at
# the same time, next to a neighbour that keeps every core busy: the check that the suite is parallel-safe (one Docker
# engine, one registry, one /tmp for both) and does not depend on timing.
# Usage: bash tools/test-environment/parallel-clones.sh [minutes, 90 by default: the bound on the whole check] [busy loops, 1 by default]
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
minutes=${1:-90}
loops=${2:-1}
work=$(mktemp -d "${TMPDIR:-/tmp}/flyte-parallel.XXXXXX")
echo "parallel-clones: two clones of $(git -C "$repo" rev-parse --short HEAD) in $work, a neighbour burning $loops of $(nproc) cores, at most $minutes minutes"

for clone in a b; do
  git clone -q "$repo" "$work/$clone"
done

# The neighbour: busy loops at normal priority, bounded in time.
burners=()
for _ in $(seq "$loops"); do
  timeout "${minutes}m" bash -c 'while :; do :; done' &
  burners+=($!)
done
stop_burners() { kill "${burners[@]}" 2>/dev/null || true; }
trap stop_burners EXIT

started=$(date +%s)
for clone in a b; do
  (cd "$work/$clone" && CI=true timeout "${minutes}m" bash .ci/run >"$work/$clone.log" 2>&1; echo $? >"$work/$clone.rc") &
done
wait_for_clones() { while [ ! -e "$work/a.rc" ] || [ ! -e "$work/b.rc" ]; do sleep 10; done; }
wait_for_clones
stop_burners

status=0
for clone in a b; do
  rc=$(cat "$work/$clone.rc")
  summary=$(grep -E '^[0-9]+ passed, [0-9]+ failed, [0-9]+ skipped$' "$work/$clone.log" | tail -1 || true)
  echo "clone $clone: exit $rc; ${summary:-no summary line}; log $work/$clone.log"
  if [ "$rc" != 0 ]; then
    status=1
    grep -E '^\s+Failed |\[FAIL\]' "$work/$clone.log" | head -20 || true
  fi
done
echo "parallel-clones: $(( ($(date +%s) - started) / 60 )) minutes"
exit "$status"
