#!/usr/bin/env bash
# The build step that writes $(OutDir)flyte/ (flyte-build, shipped in the Flyte.Sdk package) against what it replaced
# (`flyte serialize`, the CLI) and against `dotnet` running an empty console app, in the same run on the same machine.
# Also the no-op rebuild of a project with the step against the same rebuild without it (-p:FlyteWriteArtifacts=false):
# the step is incremental, so the two should be alike. Prints medians and their ratios.
# Usage: bash benchmarks/build-step/run.sh [runs] [no-op build runs]
set -euo pipefail
command -v python3 >/dev/null || { echo "the benchmark times its runs with python3; install it first" >&2; exit 1; }
cd "$(dirname "$0")/../.."
runs=${1:-15}
build_runs=${2:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "building Quickstart (with flyte-build and the CLI) and an empty console app…"
dotnet build samples/Quickstart -c Release -nologo -v:q >/dev/null
mkdir -p "$work/empty"
cat > "$work/empty/empty.csproj" <<'PROJ'
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework><ImportDirectoryBuildProps>false</ImportDirectoryBuildProps></PropertyGroup>
</Project>
PROJ
echo 'return 0;' > "$work/empty/Program.cs"
dotnet build "$work/empty/empty.csproj" -c Release -o "$work/empty/out" -nologo -v:q >/dev/null

dotnet=$(command -v dotnet)
quickstart="$PWD/samples/Quickstart/bin/Release/net10.0/Quickstart.dll"
# As the package ships it: the tool alone in its folder.
mkdir -p "$work/tool"
cp src/Flyte.Build/bin/Release/net10.0/flyte-build.dll src/Flyte.Build/bin/Release/net10.0/flyte-build.runtimeconfig.json "$work/tool/"
commands=(
  "empty|$dotnet $work/empty/out/empty.dll"
  "build-step|$dotnet exec $work/tool/flyte-build.dll $quickstart --out $work/out-build-step"
  "serialize|$dotnet exec $PWD/src/Flyte.Cli/bin/Release/net10.0/flyte.dll serialize $quickstart --out $work/out-serialize"
)
python3 benchmarks/median-times.py "$runs" "${commands[@]}" > "$work/medians"
diff -r "$work/out-build-step" "$work/out-serialize" >/dev/null || { echo "flyte-build and flyte serialize wrote different artifacts" >&2; exit 1; }

noop=(
  "noop-with-step|$dotnet build samples/Quickstart -c Release --no-restore -nologo -v:q"
  "noop-without-step|$dotnet build samples/Quickstart -c Release --no-restore -nologo -v:q -p:FlyteWriteArtifacts=false"
)
python3 benchmarks/median-times.py "$build_runs" "${noop[@]}" >> "$work/medians"

declare -A m
while read -r name median; do m[$name]=$median; done < "$work/medians"
ratio() { awk -v a="$1" -v e="$2" 'BEGIN { printf "%.2f", a / e }'; }
echo "medians over $runs runs:"
echo "  empty console app (dotnet empty.dll):       ${m[empty]} ms"
echo "  flyte-build, Quickstart's two task specs:   ${m[build-step]} ms   ratio $(ratio "${m[build-step]}" "${m[empty]}") to the empty app"
echo "  flyte serialize (the CLI), the same specs:  ${m[serialize]} ms   ratio $(ratio "${m[serialize]}" "${m[empty]}"); flyte-build / serialize $(ratio "${m[build-step]}" "${m[serialize]}")"
echo "medians over $build_runs no-op rebuilds of Quickstart:"
echo "  with the step (skipped: up to date):        ${m[noop-with-step]} ms   ratio $(ratio "${m[noop-with-step]}" "${m[noop-without-step]}") to the build without it"
echo "  without it (FlyteWriteArtifacts=false):     ${m[noop-without-step]} ms"
