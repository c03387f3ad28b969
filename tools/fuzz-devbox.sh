#!/usr/bin/env bash
# A longer property-based fuzzing run of the devbox's API than `dotnet test` does (docs/devbox-input.md):
#   bash tools/fuzz-devbox.sh [iterations]     # default 20000
set -euo pipefail
cd "$(dirname "$0")/.."
FLYTE_FUZZ_ITERATIONS="${1:-20000}" dotnet test tests/Flyte.Devbox.Tests --filter "FullyQualifiedName~Fuzzing.DevboxFuzzTests"
