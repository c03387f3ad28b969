#!/usr/bin/env bash
# Start-up of a0 running a trivial task from local files, against `dotnet` running an empty console app, measured in the
# same run on the same machine. Prints medians and their ratios.
#   - trivial.Square (TrivialTask/): `x * x`, no await; what a0 itself costs. The target: at most 2x the empty app.
#   - quickstart.Square: the same with an `await Task.Yield()`, whose first hop starts .NET's thread pool. That start
#     costs any .NET program, so it is also compared with an empty app that does only that hop.
#   - the native a0 with Quickstart compiled in (src/Flyte.Runtime.Native), as in an image with the code baked in.
# Usage: bash benchmarks/a0-startup/run.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-15}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "publishing a0 (ReadyToRun), a0 with Quickstart compiled in (native), and two empty console apps…"
dotnet publish src/Flyte.Runtime -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$work/a0" -nologo -v:q >/dev/null
dotnet publish src/Flyte.Runtime.Native -c Release -r linux-x64 -p:FlyteTaskProject="$PWD/samples/Quickstart/Quickstart.csproj" -o "$work/native" -nologo -v:q >/dev/null
dotnet build samples/Quickstart -c Release -nologo -v:q >/dev/null
dotnet build benchmarks/a0-startup/TrivialTask -c Release -nologo -v:q >/dev/null
empty_app() { # name, body of Program.cs
  mkdir -p "$work/$1"
  cat > "$work/$1/$1.csproj" <<'PROJ'
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework><ImportDirectoryBuildProps>false</ImportDirectoryBuildProps></PropertyGroup>
</Project>
PROJ
  echo "$2" > "$work/$1/Program.cs"
  dotnet publish "$work/$1/$1.csproj" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$work/$1/out" -nologo -v:q >/dev/null
}
empty_app empty 'return 0;'
empty_app yield 'await System.Threading.Tasks.Task.Yield(); return 0;'

# inputs.pb for Square(x: 7): task.Inputs { literals: [{ name: "x", value: { scalar { primitive { integer: 7 } } } }] }
printf '\x0a\x0b\x0a\x01x\x12\x06\x0a\x04\x0a\x02\x08\x07' > "$work/inputs.pb"
quickstart="$PWD/samples/Quickstart/bin/Release/net10.0"
trivial="$PWD/benchmarks/a0-startup/TrivialTask/bin/Release/net10.0"

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
time_ms() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N); awk -v d=$((e - s)) 'BEGIN { printf "%.1f\n", d / 1000000 }'; }
# a0 (its command as words, then a name for its output folder) running one of the two tasks.
a0_trivial() { "${@:2}" --inputs "$work/inputs.pb" --outputs-path "$work/out-$1" --dest "$trivial" --resolver flyte-dotnet assembly TrivialTask task trivial.Square; }
a0_square() { "${@:2}" --inputs "$work/inputs.pb" --outputs-path "$work/out-$1" --dest "$quickstart" --resolver flyte-dotnet assembly Quickstart task quickstart.Square; }
# The code baked in: no --dest, no assembly to load.
native_square() { "$work/native/a0" --inputs "$work/inputs.pb" --outputs-path "$work/out-native" --resolver flyte-dotnet assembly Quickstart task quickstart.Square; }

# Warm the disk cache, then interleave all of them so that load changes hit each alike.
"$work/empty/out/empty"; "$work/yield/out/yield"; a0_trivial trivial "$work/a0/a0" >/dev/null; a0_square square "$work/a0/a0" >/dev/null; native_square >/dev/null
names=(empty trivial yield square native empty-muxer trivial-muxer)
for name in "${names[@]}"; do : > "$work/$name.ms"; done
for _ in $(seq "$runs"); do
  time_ms "$work/empty/out/empty" >> "$work/empty.ms"
  time_ms a0_trivial trivial "$work/a0/a0" >> "$work/trivial.ms"
  time_ms "$work/yield/out/yield" >> "$work/yield.ms"
  time_ms a0_square square "$work/a0/a0" >> "$work/square.ms"
  time_ms native_square >> "$work/native.ms"
  # Both started by the `dotnet` muxer, as the devbox's process launcher starts a0 (`dotnet exec a0.dll`).
  time_ms dotnet "$work/empty/out/empty.dll" >> "$work/empty-muxer.ms"
  time_ms a0_trivial trivial-muxer dotnet "$work/a0/a0.dll" >> "$work/trivial-muxer.ms"
done
for out in trivial square native trivial-muxer; do
  test -s "$work/out-$out/outputs.pb" || { echo "a0 ($out) wrote no outputs.pb" >&2; exit 1; }
done

declare -A m
for name in "${names[@]}"; do m[$name]=$(median < "$work/$name.ms"); done
ratio() { awk -v a="$1" -v e="$2" 'BEGIN { printf "%.2f", a / e }'; }
echo "medians over $runs runs:"
echo "  empty console app:                            ${m[empty]} ms"
echo "  a0, trivial task (x * x):                     ${m[trivial]} ms   ratio $(ratio "${m[trivial]}" "${m[empty]}") (target: at most 2.00)"
echo "  empty console app with one await Task.Yield(): ${m[yield]} ms"
echo "  a0, quickstart.Square (awaits Task.Yield()):   ${m[square]} ms   ratio $(ratio "${m[square]}" "${m[empty]}"); $(ratio "${m[square]}" "${m[yield]}") against the app with the same hop"
echo "  native a0 with Quickstart compiled in, Square: ${m[native]} ms   ratio $(ratio "${m[native]}" "${m[empty]}")"
echo "  through the dotnet muxer: empty ${m[empty-muxer]} ms, a0 trivial ${m[trivial-muxer]} ms   ratio $(ratio "${m[trivial-muxer]}" "${m[empty-muxer]}")"
