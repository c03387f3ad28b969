#!/usr/bin/env bash
# Start-up of a0 running a trivial task from local files, against `dotnet` running an empty console app, measured in the
# same run on the same machine. Prints medians and their ratios.
#   - trivial.Square (TrivialTask/): `x * x`, no await; what a0 itself costs. The target: at most 2x the empty app.
#     Once as `dotnet build` leaves it (its code compiled by the JIT), once published ReadyToRun, as the README advises.
#   - quickstart.Square: the same with an `await Task.Yield()`, whose first hop starts .NET's thread pool. That start
#     costs any .NET program, so it is also compared with an empty app that does only that hop.
#   - the native a0 with Quickstart compiled in (src/Flyte.Runtime.Native), as in an image with the code baked in.
# Usage: bash benchmarks/a0-startup/run.sh [runs]
set -euo pipefail
command -v python3 >/dev/null || { echo "the benchmark times its runs with python3; install it first" >&2; exit 1; }
cd "$(dirname "$0")/../.."
runs=${1:-15}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "publishing a0 (ReadyToRun), a0 with Quickstart compiled in (native), and two empty console apps…"
dotnet publish src/Flyte.Runtime -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$work/a0" -nologo -v:q >/dev/null
dotnet publish src/Flyte.Runtime.Native -c Release -r linux-x64 -p:FlyteTaskProject="$PWD/samples/Quickstart/Quickstart.csproj" -o "$work/native" -nologo -v:q >/dev/null
dotnet build samples/Quickstart -c Release -nologo -v:q >/dev/null
dotnet build benchmarks/a0-startup/TrivialTask -c Release -nologo -v:q >/dev/null
dotnet publish benchmarks/a0-startup/TrivialTask -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$work/trivial-r2r" -nologo -v:q >/dev/null
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

a0_args() { # output folder, code folder, assembly, task
  echo "--inputs $work/inputs.pb --outputs-path $work/out-$1 --dest $2 --resolver flyte-dotnet assembly $3 task $4"
}
# name, then the command line (words split on spaces; no path here has one).
commands=(
  "empty|$work/empty/out/empty"
  "trivial|$work/a0/a0 $(a0_args trivial "$trivial" TrivialTask trivial.Square)"
  "trivial-r2r|$work/a0/a0 $(a0_args trivial-r2r "$work/trivial-r2r" TrivialTask trivial.Square)"
  "yield|$work/yield/out/yield"
  "square|$work/a0/a0 $(a0_args square "$quickstart" Quickstart quickstart.Square)"
  # The code baked in: no --dest, no assembly to load.
  "native|$work/native/a0 --inputs $work/inputs.pb --outputs-path $work/out-native --resolver flyte-dotnet assembly Quickstart task quickstart.Square"
  # Both started by the `dotnet` muxer, as the devbox's process launcher starts a0 (`dotnet exec a0.dll`).
  "empty-muxer|$(command -v dotnet) $work/empty/out/empty.dll"
  "trivial-muxer|$(command -v dotnet) $work/a0/a0.dll $(a0_args trivial-muxer "$trivial" TrivialTask trivial.Square)"
)

python3 benchmarks/median-times.py "$runs" "${commands[@]}" > "$work/medians"
for out in trivial trivial-r2r square native trivial-muxer; do
  test -s "$work/out-$out/outputs.pb" || { echo "a0 ($out) wrote no outputs.pb" >&2; exit 1; }
done

declare -A m
while read -r name median; do m[$name]=$median; done < "$work/medians"
ratio() { awk -v a="$1" -v e="$2" 'BEGIN { printf "%.2f", a / e }'; }
echo "medians over $runs runs:"
echo "  empty console app:                            ${m[empty]} ms"
echo "  a0, trivial task (x * x):                     ${m[trivial]} ms   ratio $(ratio "${m[trivial]}" "${m[empty]}") (target: at most 2.00)"
echo "  a0, the same task published ReadyToRun:       ${m[trivial-r2r]} ms   ratio $(ratio "${m[trivial-r2r]}" "${m[empty]}")"
echo "  empty console app with one await Task.Yield(): ${m[yield]} ms"
echo "  a0, quickstart.Square (awaits Task.Yield()):   ${m[square]} ms   ratio $(ratio "${m[square]}" "${m[empty]}"); $(ratio "${m[square]}" "${m[yield]}") against the app with the same hop"
echo "  native a0 with Quickstart compiled in, Square: ${m[native]} ms   ratio $(ratio "${m[native]}" "${m[empty]}")"
echo "  through the dotnet muxer: empty ${m[empty-muxer]} ms, a0 trivial ${m[trivial-muxer]} ms   ratio $(ratio "${m[trivial-muxer]}" "${m[empty-muxer]}")"
