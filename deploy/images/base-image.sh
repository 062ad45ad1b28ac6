#!/usr/bin/env bash
# Makes the base image the Dockerfile is built FROM on machines that cannot pull
# node:20-bookworm-slim (no registry reachable): a minimal Debian bookworm root filesystem
# (debootstrap --variant=minbase, from Debian's package mirror) with this machine's Node 20
# and npm added, committed to buildah's local store as localhost/flock-node-base:20.
#
#   deploy/images/base-image.sh            # reuses the image when it exists
#   FORCE=1 deploy/images/base-image.sh    # makes it again
#
# The debootstrap result is cached under .flock/images/ (git-ignored), so a second run only
# adds Node (a few seconds). Needs root, buildah and debootstrap (apt-get install buildah debootstrap).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
source "$root/deploy/images/buildah-env.sh"

image="${BASE_IMAGE:-localhost/flock-node-base:20}"
mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
cache="$root/.flock/images"
rootfs_tar="$cache/debian-bookworm-minbase.tar"
node_bin="$(command -v node)"
npm_dir="$(dirname "$(dirname "$(readlink -f "$(command -v npm)")")")" # …/node_modules/npm

node_headers="$(dirname "$node_bin")/../include/node" # NodeSource's package: /usr/include/node
node_major="$("$node_bin" -p 'process.versions.node.split(".")[0]')"
if [[ "$node_major" != 20 ]]; then
  echo "base-image: the host's node is $("$node_bin" -v), Node 20 is wanted" >&2
  exit 1
fi

build_image="${BUILD_IMAGE:-localhost/flock-node-build:20}"

# The build stage's image, as node:20-bookworm is to node:20-bookworm-slim: the base plus a
# C++ toolchain, for native addons whose prebuilt binary does not load (argon2's segfaults
# with some Node 20 builds, e.g. this machine's NodeSource one; npm then compiles it).
make_build_image() {
  if [[ -z "${FORCE:-}" ]] && buildah_ images --quiet "$build_image" >/dev/null 2>&1; then
    echo "base-image: $build_image exists"
    return
  fi
  echo "base-image: $build_image = $image + python3, make, g++ (Debian's packages)"
  local bctr
  bctr="$(buildah_ from --pull-never "$image")"
  buildah_ run --user 0:0 "$bctr" -- sh -c 'apt-get update -qq &&
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3 make g++ >/dev/null &&
    rm -rf /var/lib/apt/lists/* /var/cache/apt/archives/*.deb'
  # node-gyp compiles against Node's headers, which it would download from nodejs.org (not
  # reachable here): this Node's own headers, as the official images have them.
  buildah_ add "$bctr" "$node_headers" /usr/local/include/node
  buildah_ config --env npm_config_nodedir=/usr/local "$bctr"
  buildah_ commit --quiet "$bctr" "$build_image" >/dev/null
  buildah_ rm "$bctr" >/dev/null
  echo "base-image: $build_image ($(buildah_ images --format '{{.Size}}' "$build_image"))"
}

if [[ -z "${FORCE:-}" ]] && buildah_ images --quiet "$image" >/dev/null 2>&1; then
  echo "base-image: $image exists (FORCE=1 to make it again)"
  make_build_image
  exit 0
fi

mkdir -p "$cache"
if [[ ! -s "$rootfs_tar" ]]; then
  work="$(mktemp -d "$cache/rootfs.XXXXXX")"
  trap 'rm -rf "$work"' EXIT
  echo "base-image: debootstrap --variant=minbase bookworm from $mirror (once, cached)"
  debootstrap --variant=minbase bookworm "$work" "$mirror" >"$cache/debootstrap.log" 2>&1 ||
    { tail -20 "$cache/debootstrap.log" >&2; exit 1; }
  # What a container never needs: package caches and lists, documentation, locales.
  rm -rf "$work"/var/cache/apt/archives/*.deb "$work"/var/lib/apt/lists/* \
    "$work"/usr/share/doc/* "$work"/usr/share/man/* "$work"/usr/share/info/* \
    "$work"/usr/share/locale/*
  tar -C "$work" -cf "$rootfs_tar.tmp" .
  mv "$rootfs_tar.tmp" "$rootfs_tar"
fi

echo "base-image: adding Node $("$node_bin" -v) and npm $(npm -v) from this machine"
ctr="$(buildah_ from scratch)"
trap 'buildah_ rm "$ctr" >/dev/null 2>&1 || true' EXIT
buildah_ add "$ctr" "$rootfs_tar" /
buildah_ add "$ctr" "$node_bin" /usr/local/bin/node
buildah_ add "$ctr" "$npm_dir" /usr/local/lib/node_modules/npm
buildah_ run "$ctr" -- sh -c '
  ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm &&
  ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx &&
  node -v && npm -v'
# As node:20-bookworm-slim: a "node" user (uid 1000) for the runtime stages.
buildah_ run "$ctr" -- sh -c 'groupadd --gid 1000 node && useradd --uid 1000 --gid node --shell /bin/sh --create-home node'
buildah_ config --env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
  --env NODE_VERSION="$("$node_bin" -p process.versions.node)" \
  --cmd node --label org.opencontainers.image.description="Debian bookworm minbase + Node 20 (Flock's local base image)" \
  "$ctr"
buildah_ commit --quiet "$ctr" "$image" >/dev/null
echo "base-image: $image ($(buildah_ images --format '{{.Size}}' "$image"))"
buildah_ rm "$ctr" >/dev/null 2>&1 || true
trap - EXIT
make_build_image
