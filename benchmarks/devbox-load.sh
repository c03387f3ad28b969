#!/usr/bin/env bash
# The devbox under load, in one run on this machine: bare a0 for a trivial task (the baseline), one run at a time
# through the devbox (median end-to-end latency, overhead = latency - bare a0), then N runs submitted at once.
# Usage: bash benchmarks/devbox-load.sh [runs=1000] [samples=15]
#    or: bash benchmarks/devbox-load.sh --docker 127.0.0.1:5000/flyte-dotnet:10.0 [samples=15]   (the Docker launcher against
#        `docker run --rm <image> true`; needs tools/containers/start.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet run -c Release --project benchmarks/Flyte.Devbox.Load -- "$@"
