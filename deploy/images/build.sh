#!/usr/bin/env bash
# Builds Flock's images with buildah (no Docker engine needed) from the Dockerfile's targets:
#
#   deploy/images/build.sh                  # every target
#   deploy/images/build.sh gateway identity # some
#
# BASE_IMAGE (default localhost/flock-node-base:20, made by base-image.sh when missing; set it
# to node:20-bookworm-slim where a registry is reachable; then BUILD_IMAGE, the build stage's,
# defaults to the Dockerfile's node:20-bookworm), TAG (default dev): images are
# localhost/flock-<target>:$TAG. Intermediate layers are cached (--layers), so the build stage
# runs once for all targets. Prints each image's build time and size, and appends them to
# .flock/images/builds.tsv.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
source "$root/deploy/images/buildah-env.sh"

all_targets=(gateway identity network network-worker posts feed feed-worker mailer jobs)
targets=("${@:-${all_targets[@]}}")
base="${BASE_IMAGE:-localhost/flock-node-base:20}"
tag="${TAG:-dev}"

build_base="${BUILD_IMAGE:-}"
if [[ "$base" == localhost/flock-node-base:* ]]; then
  build_base="${build_base:-localhost/flock-node-build:20}"
  BASE_IMAGE="$base" BUILD_IMAGE="$build_base" "$root/deploy/images/base-image.sh"
fi
build_arg=(--build-arg BASE_IMAGE="$base")
[[ -n "$build_base" ]] && build_arg+=(--build-arg BUILD_IMAGE="$build_base")

# This machine's CA bundle for npm inside the build (an egress that re-signs TLS), as a build
# secret: never part of an image.
secret=()
ca="${SSL_CERT_FILE:-/etc/ssl/certs/ca-certificates.crt}"
[[ -s "$ca" ]] && secret=(--secret "id=ca-certificates,src=$ca")

mkdir -p "$root/.flock/images"
for target in "${targets[@]}"; do
  image="localhost/flock-$target:$tag"
  started=$(date +%s%N)
  # docker format: OCI image configs have no HEALTHCHECK.
  buildah_ build --quiet --layers --format docker "${build_arg[@]}" \
    "${secret[@]}" --target "$target" --tag "$image" "$root" >/dev/null
  tenths=$((($(date +%s%N) - started) / 100000000))
  seconds="$((tenths / 10)).$((tenths % 10))"
  size=$(buildah_ images --format '{{.Size}}' "$image" | head -1)
  printf '%-16s %-36s %8s s %10s\n' "$target" "$image" "$seconds" "$size"
  printf '%s\t%s\t%s\t%s\n' "$(date -Iseconds)" "$target" "$seconds" "$size" >>"$root/.flock/images/builds.tsv"
done
