#!/usr/bin/env bash
# Start-up of a0 running a trivial task from local files (the ReadyToRun a0 loading the code from a folder, and the
# native a0 with the code compiled in, as in an image with the code baked in), against `dotnet` running an empty
# console app, measured in the same run on the same machine. Prints medians and their ratio.
# Usage: bash benchmarks/a0-startup/run.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-15}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "publishing a0 (ReadyToRun), a0 with Quickstart compiled in (native), and an empty console app…"
dotnet publish src/Flyte.Runtime -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$work/a0" -nologo -v:q >/dev/null
dotnet publish src/Flyte.Runtime.Native -c Release -r linux-x64 -p:FlyteTaskProject="$PWD/samples/Quickstart/Quickstart.csproj" -o "$work/native" -nologo -v:q >/dev/null
dotnet build samples/Quickstart -c Release -nologo -v:q >/dev/null
mkdir -p "$work/empty"
cat > "$work/empty/empty.csproj" <<'PROJ'
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework><ImportDirectoryBuildProps>false</ImportDirectoryBuildProps></PropertyGroup>
</Project>
PROJ
echo 'return 0;' > "$work/empty/Program.cs"
dotnet publish "$work/empty/empty.csproj" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$work/empty/out" -nologo -v:q >/dev/null

# inputs.pb for quickstart.Square(x: 7): task.Inputs { literals: [{ name: "x", value: { scalar { primitive { integer: 7 } } } }] }
printf '\x0a\x0b\x0a\x01x\x12\x06\x0a\x04\x0a\x02\x08\x07' > "$work/inputs.pb"
code="$PWD/samples/Quickstart/bin/Release/net10.0"

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
time_ms() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }

# Warm the disk cache, then interleave the two so load changes hit both alike.
"$work/empty/out/empty" >/dev/null; "$work/a0/a0" --inputs "$work/inputs.pb" --outputs-path "$work/out" --dest "$code" --resolver flyte-dotnet assembly Quickstart task quickstart.Square >/dev/null
: > "$work/empty.ms"; : > "$work/a0.ms"; : > "$work/empty-muxer.ms"; : > "$work/a0-muxer.ms"; : > "$work/native.ms"
for _ in $(seq "$runs"); do
  time_ms "$work/empty/out/empty" >> "$work/empty.ms"
  time_ms "$work/a0/a0" --inputs "$work/inputs.pb" --outputs-path "$work/out" --dest "$code" --resolver flyte-dotnet assembly Quickstart task quickstart.Square >> "$work/a0.ms"
  # The code baked in: no --dest, no assembly to load.
  time_ms "$work/native/a0" --inputs "$work/inputs.pb" --outputs-path "$work/out-native" --resolver flyte-dotnet assembly Quickstart task quickstart.Square >> "$work/native.ms"
  # The same two started by the `dotnet` muxer, as the devbox starts a0 (`dotnet exec a0.dll`).
  time_ms dotnet "$work/empty/out/empty.dll" >> "$work/empty-muxer.ms"
  time_ms dotnet "$work/a0/a0.dll" --inputs "$work/inputs.pb" --outputs-path "$work/out" --dest "$code" --resolver flyte-dotnet assembly Quickstart task quickstart.Square >> "$work/a0-muxer.ms"
done
test -s "$work/out/outputs.pb" || { echo "a0 wrote no outputs.pb" >&2; exit 1; }
test -s "$work/out-native/outputs.pb" || { echo "the native a0 wrote no outputs.pb" >&2; exit 1; }

empty=$(median < "$work/empty.ms"); a0=$(median < "$work/a0.ms")
echo "empty console app: median ${empty} ms over $runs runs"
echo "a0 (Square from local files): median ${a0} ms over $runs runs"
awk -v a="$a0" -v e="$empty" 'BEGIN { printf "ratio a0 / empty: %.2f (target: at most 2.00)\n", a / e }'
native=$(median < "$work/native.ms")
echo "a0 with Quickstart compiled in (native, the code baked into an image): median ${native} ms"
awk -v a="$native" -v e="$empty" 'BEGIN { printf "ratio native a0 / empty: %.2f\n", a / e }'
empty_muxer=$(median < "$work/empty-muxer.ms"); a0_muxer=$(median < "$work/a0-muxer.ms")
echo "through the dotnet muxer: empty ${empty_muxer} ms, a0 ${a0_muxer} ms"
awk -v a="$a0_muxer" -v e="$empty_muxer" 'BEGIN { printf "ratio through the muxer: %.2f\n", a / e }'
