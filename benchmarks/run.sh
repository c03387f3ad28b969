#!/usr/bin/env bash
# Runs one group of benchmarks and prints its figures, each a ratio to a baseline measured in the same run.
# Usage: bash benchmarks/run.sh local [BenchmarkDotNet options]
#          the local engine (a workflow fanning out to 10,000 trivial tasks against the same calls made directly, their
#          literals through bytes) and the literal codec (the generated converters against System.Text.Json to a
#          STRUCT); in this process, 3 warm-up and 15 measured iterations each; about a minute and a half on two cores
#        bash benchmarks/run.sh a0-startup|build-step|devbox-load [arguments]
#          the scripts of those names (their headers say what they measure)
# Run it on a quiet machine: the figures are ratios, but a neighbour's load still shows in them.
set -euo pipefail
cd "$(dirname "$0")/.."
group=${1:-}
shift || true
case "$group" in
  local)
    command -v python3 >/dev/null || { echo "the figures are read with python3; install it first" >&2; exit 1; }
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
    echo "building benchmarks/Flyte.Benchmarks…"
    dotnet build benchmarks/Flyte.Benchmarks -c Release -nologo -v:q >/dev/null
    echo "running LocalFanOutBenchmarks and LiteralConversionBenchmarks…"
    # In process: BenchmarkDotNet's own harness would build the schema and the SDK again, which takes over two minutes.
    dotnet run -c Release --no-build --project benchmarks/Flyte.Benchmarks -- \
      --filter '*LocalFanOutBenchmarks*' '*LiteralConversionBenchmarks*' --inProcess --warmupCount 3 --iterationCount 15 --exporters json \
      --artifacts "$work" "$@" > "$work/log" || { cat "$work/log" >&2; exit 1; }
    python3 benchmarks/bdn-ratios.py "$work/results"
    ;;
  a0-startup) exec bash benchmarks/a0-startup/run.sh "$@" ;;
  build-step) exec bash benchmarks/build-step/run.sh "$@" ;;
  devbox-load) exec bash benchmarks/devbox-load.sh "$@" ;;
  *)
    echo "usage: bash benchmarks/run.sh local|a0-startup|build-step|devbox-load [arguments]" >&2
    exit 2
    ;;
esac
