#!/usr/bin/env bash
# Starts what the container tests need, all on loopback (docs/test-services.md, Containers), and leaves them running:
#   - the Docker engine, with no bridge and no iptables rules (containers use the host network only);
#   - a registry (Debian's docker-registry) on 127.0.0.1:5000;
#   - the base task image 127.0.0.1:5000/flyte-dotnet:10.0: Debian 12 (debootstrap --variant=minbase from
#     Debian's archive, since no image can be pulled here, plus the libraries .NET loads), this machine's .NET 10 runtime and a0 on PATH,
#     the local equivalent of images/base/Dockerfile.
# Needs root. Each step is skipped when already done, so running it again is cheap.
# Usage: bash tools/containers/start.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
registry=127.0.0.1:5000
state=${FLYTE_CONTAINERS_STATE:-/var/lib/flyte-containers}
mkdir -p "$state"

log() { printf '  containers: %s\n' "$*"; }
wait_for() { for _ in $(seq 60); do if eval "$1" >/dev/null 2>&1; then return 0; fi; sleep 0.5; done; echo "containers: $2" >&2; exit 1; }
has_manifest() { curl -sf -o /dev/null -H 'Accept: application/vnd.docker.distribution.manifest.v2+json' "http://$registry/v2/$1/manifests/$2"; }

if ! command -v dockerd >/dev/null || ! command -v debootstrap >/dev/null || ! command -v docker-registry >/dev/null || ! command -v curl >/dev/null; then
  log "installing docker.io, debootstrap and docker-registry"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq docker.io debootstrap docker-registry curl >/dev/null
fi

if ! docker info >/dev/null 2>&1; then
  log "starting dockerd (--bridge=none --iptables=false)"
  nohup dockerd --bridge=none --iptables=false --ip6tables=false >"$state/dockerd.log" 2>&1 &
  wait_for "docker info" "dockerd did not start; see $state/dockerd.log"
fi

if ! curl -sf -o /dev/null "http://$registry/v2/"; then
  log "starting the registry on $registry"
  nohup docker-registry serve tools/containers/registry.yml >"$state/registry.log" 2>&1 &
  wait_for "curl -sf -o /dev/null http://$registry/v2/" "the registry did not start; see $state/registry.log"
fi

if ! has_manifest debian-dotnet-deps bookworm; then
  log "building a Debian 12 minbase image with what .NET needs (ICU, OpenSSL, CA certificates, time zones) with debootstrap (about a minute)"
  rootfs=$(mktemp -d)
  debootstrap --variant=minbase --include=libicu72,libssl3,ca-certificates,tzdata bookworm "$rootfs" http://deb.debian.org/debian >"$state/debootstrap.log" 2>&1 \
    || { echo "containers: debootstrap failed; see $state/debootstrap.log" >&2; exit 1; }
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
  tar -C "$rootfs" -c . | docker import - "$registry/debian-dotnet-deps:bookworm" >/dev/null
  rm -rf "$rootfs"
  docker push -q "$registry/debian-dotnet-deps:bookworm" >/dev/null
fi

# The base task image: rebuilt when a0 or the runtime changed (docker's build cache makes an unchanged one free).
log "building the base task image $registry/flyte-dotnet:10.0"
context=$(mktemp -d)
trap 'rm -rf "$context"' EXIT
dotnet publish src/Flyte.Runtime -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
  -o "$context/a0" -nologo -v:q >"$state/a0-publish.log" 2>&1 || { echo "containers: publishing a0 failed; see $state/a0-publish.log" >&2; exit 1; }
dotnet_root=$(dirname "$(readlink -f "$(command -v dotnet)")")
runtime=$(ls -d "$dotnet_root"/shared/Microsoft.NETCore.App/10.* | sort -V | tail -1)
mkdir -p "$context/dotnet/shared/Microsoft.NETCore.App"
cp -a "$dotnet_root/dotnet" "$dotnet_root/host" "$dotnet_root/LICENSE.txt" "$context/dotnet/" 2>/dev/null || cp -a "$dotnet_root/dotnet" "$dotnet_root/host" "$context/dotnet/"
cp -a "$runtime" "$context/dotnet/shared/Microsoft.NETCore.App/"
cp images/base/local.Dockerfile "$context/Dockerfile"
docker build -q --network host --build-arg "BASE=$registry/debian-dotnet-deps:bookworm" -t "$registry/flyte-dotnet:10.0" "$context" >/dev/null
docker push -q "$registry/flyte-dotnet:10.0" >/dev/null
log "ready: docker, $registry, $registry/flyte-dotnet:10.0"
