#!/usr/bin/env bash
# Creates (or updates) the Secrets Flock's pods read, from a filled copy of
# secrets.example.env kept outside the repository:
#
#   deploy/k8s/create-secrets.sh <namespace> <filled secrets file>
#
# Each "# secret: <name>" section becomes one Secret with the keys below it. Values go to
# kubectl through files (never on a command line), and a value still holding a placeholder
# (CHANGE_ME, REPLACE...) stops everything before anything is applied. Pods read their
# secrets at start: restart them after an update (README.md, "Rolling keys and secrets").
set -euo pipefail

if [[ $# -ne 2 ]]; then
  echo "usage: $0 <namespace> <filled copy of secrets.example.env>" >&2
  exit 2
fi
namespace="$1"
source_file="$2"

if grep -Eq '^[A-Za-z_][A-Za-z0-9_]*=.*(CHANGE_ME|REPLACE)' "$source_file"; then
  echo "$source_file still holds placeholders:" >&2
  grep -Eo '^[A-Za-z_][A-Za-z0-9_]*=.*(CHANGE_ME|REPLACE)' "$source_file" | cut -d= -f1 | sed 's/^/  /' >&2
  exit 1
fi

work="$(mktemp -d)"
chmod 700 "$work"
trap 'rm -rf "$work"' EXIT

secret=""
while IFS= read -r line || [[ -n "$line" ]]; do
  if [[ "$line" =~ ^#[[:space:]]*secret:[[:space:]]*([a-z0-9-]+) ]]; then
    secret="${BASH_REMATCH[1]}"
    mkdir -p "$work/$secret"
  elif [[ "$line" =~ ^([A-Za-z_][A-Za-z0-9_]*)=(.*)$ ]]; then
    if [[ -z "$secret" ]]; then
      echo "${BASH_REMATCH[1]} comes before any '# secret:' line" >&2
      exit 1
    fi
    printf '%s' "${BASH_REMATCH[2]}" >"$work/$secret/${BASH_REMATCH[1]}"
  fi
done <"$source_file"

for dir in "$work"/*/; do
  name="$(basename "$dir")"
  kubectl create secret generic "$name" --namespace "$namespace" --from-file="$dir" \
    --dry-run=client --output=yaml | kubectl apply --filename=-
done
