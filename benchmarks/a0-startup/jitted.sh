#!/usr/bin/env bash
# Lists the methods a0 compiles with the JIT while it runs quickstart.Square from local files, published as
# run.sh publishes it (ReadyToRun): everything else runs precompiled. Each JIT compilation costs start-up time,
# so a new entry here (other than the task's own code and its async plumbing) is worth a look.
# Usage: bash benchmarks/a0-startup/jitted.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

dotnet publish src/Flyte.Runtime -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$work/a0" -nologo -v:q >/dev/null
dotnet build samples/Quickstart -c Release -nologo -v:q >/dev/null
printf '\x0a\x0b\x0a\x01x\x12\x06\x0a\x04\x0a\x02\x08\x07' > "$work/inputs.pb"
mkdir "$work/map"

# The runtime's perf map (jitted code only, with its tier) names every method the JIT compiled.
DOTNET_PerfMapEnabled=3 DOTNET_PerfMapShowOptimizationTiers=1 DOTNET_PerfMapJitDumpPath="$work/map" \
  "$work/a0/a0" --inputs "$work/inputs.pb" --outputs-path "$work/out" --dest "$PWD/samples/Quickstart/bin/Release/net10.0" \
  --resolver flyte-dotnet assembly Quickstart task quickstart.Square >/dev/null 2>&1
jitted=$(grep -hE '\[(QuickJitted|Optimized|OptimizedTier1|Instrumented[A-Za-z0-9]*)\]$' "$work"/map/perf-*.map | cut -d' ' -f3-)

echo "methods compiled by the JIT, by assembly:"
sed -E 's/^[^[]*\[([^]]+)\].*/\1/' <<< "$jitted" | sort | uniq -c | sort -rn
echo
echo "$jitted"
