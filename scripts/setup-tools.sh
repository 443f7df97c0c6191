#!/usr/bin/env bash
# Puts the two Go-built tools the platform runs (traefik, k6) into .tools/bin.
# A tool already on PATH is used as it is; otherwise a pinned version is built once
# from the Go module proxy. Re-running is cheap: built binaries are kept.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin="$root/.tools/bin"
mkdir -p "$bin"
export PATH="$bin:$PATH"

TRAEFIK_VERSION=${TRAEFIK_VERSION:-v3.6.12}
K6_VERSION=${K6_VERSION:-v1.8.1}

need_go() {
  command -v go >/dev/null 2>&1 || { echo "setup-tools: $1 is missing and Go is not installed; install $1 (release binary) on PATH" >&2; exit 1; }
}

if ! command -v traefik >/dev/null 2>&1; then
  need_go traefik
  echo "setup-tools: building traefik $TRAEFIK_VERSION (a few minutes, once)"
  # Traefik's go.mod has replace directives, so `go install` refuses it: build from the module source.
  dir=$(cd "$root/.tools" && go mod download -json "github.com/traefik/traefik/v3@$TRAEFIK_VERSION" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  src="$root/.tools/src/traefik"
  rm -rf "$src" && mkdir -p "$src" && cp -r "$dir/." "$src" && chmod -R u+w "$src"
  (cd "$src" && CGO_ENABLED=0 go build -trimpath -o "$bin/traefik" ./cmd/traefik)
  rm -rf "$src"
fi

if ! command -v k6 >/dev/null 2>&1; then
  need_go k6
  echo "setup-tools: building k6 $K6_VERSION (a minute or two, once)"
  GOBIN="$bin" go install "go.k6.io/k6@$K6_VERSION"
fi

echo "setup-tools: traefik $(traefik version 2>/dev/null | sed -n 's/^Version:[[:space:]]*//p'), $(k6 version 2>/dev/null | head -1)"
