#!/usr/bin/env bash
# Coverage-guided fuzzing of one parser with AFL++ and SharpFuzz, for a bounded time (docs/fuzzing.md).
#   tools/fuzz/run.sh <target> [seconds]     targets: a0-args, cli-inputs, config-yaml, bundle; 300 seconds by default
# Starts from fuzz/corpus/<target>; each crash AFL finds is copied to fuzz/findings/<target>/crash-<sha1>, which
# `dotnet test` (tests/Flyte.Fuzz.Tests) replays from then on. Everything else stays in artifacts/fuzz/<target>.
set -euo pipefail
cd "$(dirname "$0")/../.."

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
  echo "usage: tools/fuzz/run.sh <target> [seconds]" >&2
  exit 2
fi
target=$1
seconds=${2:-300}
if ! [[ "$seconds" =~ ^[1-9][0-9]*$ ]]; then
  echo "tools/fuzz/run.sh: seconds must be a positive whole number, not '$seconds'" >&2
  exit 2
fi
if [ ! -d "fuzz/corpus/$target" ]; then
  echo "tools/fuzz/run.sh: no target '$target'; targets: $(ls fuzz/corpus | tr '\n' ' ')" >&2
  exit 2
fi

if ! command -v afl-fuzz >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq -o DPkg::Lock::Timeout=300 afl++ >/dev/null
fi
dotnet tool restore >/dev/null

work=artifacts/fuzz/$target
bin=$work/bin
# Instrumenting rewrites the assemblies in place, so every run starts from a fresh publish.
rm -rf "$bin"
dotnet publish fuzz/Flyte.Fuzz -c Release -o "$bin" -v q -nologo
while read -r assembly prefixes; do
  echo "instrumenting $assembly ${prefixes:-(all types)}"
  # shellcheck disable=SC2086 # the namespaces are separate arguments
  dotnet sharpfuzz "$bin/$assembly" $prefixes
done < <(dotnet "$bin/Flyte.Fuzz.dll" "$target" --instrumented)

# SharpFuzz's forkserver is .NET code, not a binary built by afl-cc, hence SKIP_BIN_CHECK.
export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1
rm -rf "$work/afl"
afl-fuzz -i "fuzz/corpus/$target" -o "$work/afl" -t 5000 -m none -V "$seconds" -- "$bin/Flyte.Fuzz" "$target" \
  >"$work/afl-fuzz.log" 2>&1 || { tail -n 40 "$work/afl-fuzz.log" >&2; exit 1; }

stats=$work/afl/default/fuzzer_stats
stat() { awk -v key="$1" '$1 == key { print $3 }' "$stats"; }
echo "$target: $(stat execs_done) executions in $(stat run_time) s ($(stat execs_per_sec)/s), $(stat corpus_count) paths, $(stat saved_crashes) crashes, $(stat saved_hangs) hangs"

mkdir -p "fuzz/findings/$target"
found=0
for crash in "$work/afl/default/crashes"/id:*; do
  [ -e "$crash" ] || continue
  name=crash-$(sha1sum "$crash" | cut -c1-12)
  cp "$crash" "fuzz/findings/$target/$name"
  echo "  finding: fuzz/findings/$target/$name"
  found=$((found + 1))
done
for hang in "$work/afl/default/hangs"/id:*; do
  [ -e "$hang" ] || continue
  echo "  hang (not copied; a replay would hang too): $hang"
done
if [ "$found" -gt 0 ]; then
  echo "replay them: dotnet run --project fuzz/Flyte.Fuzz -- $target fuzz/findings/$target/*"
fi
