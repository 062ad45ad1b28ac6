#!/usr/bin/env bash
# Prints the path of a promtool, extracting it once from Debian's prometheus package into
# .flock/tools (nothing is installed system-wide and no Prometheus server runs).
set -euo pipefail
cd "$(dirname "$0")/../.."
tools="$PWD/.flock/tools"
if [ -x "$tools/promtool" ]; then echo "$tools/promtool"; exit 0; fi
command -v apt-get >/dev/null && command -v dpkg-deb >/dev/null
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && timeout 300 apt-get download prometheus >/dev/null 2>&1)
dpkg-deb -x "$work"/prometheus_*.deb "$work/root"
mkdir -p "$tools"
cp "$work/root/usr/bin/promtool" "$tools/promtool"
"$tools/promtool" --version >/dev/null 2>&1
echo "$tools/promtool"
