#!/usr/bin/env bash
# Regenerates public/samples/ (profiles and dumps of our own Go programs, and index.json) and
# test/oracle/ (go tool pprof outputs) from scratch. Needs Go 1.19 with its standard library
# only; builds offline. Takes 8.5 minutes (measured 502 s on 2 CPUs), nearly all of it the
# leak program's 8 minutes of load (see README.md).
#
#   tools/samplegen/generate.sh            everything
#   SAMPLEGEN_LEAK_SNAPSHOTS=1m,2m ...     shorter leak run, for trying changes
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
# Builds happen in a fixed place so that file paths inside the samples do not depend on where
# the repository is checked out.
work="${SAMPLEGEN_WORK:-/tmp/stackscope-samplegen}"
leak_snapshots="${SAMPLEGEN_LEAK_SNAPSHOTS:-4m,8m}"
vendored_snapshot="${SAMPLEGEN_VENDORED_SNAPSHOT:-2m30s}"
samples="$repo/public/samples"

case "$(go version)" in
*go1.19*) ;;
*) echo "generate.sh: want Go 1.19, have: $(go version)" >&2 && exit 1 ;;
esac

started=$(date +%s)
export TZ=UTC GOPROXY=off GOFLAGS=-mod=mod GO111MODULE=on
rm -rf "$work"
mkdir -p "$work/bin" "$work/out" "$work/index"

# Module builds: the toy server, and the leak program as module k8s.io/kubernetes with
# k8s.io/apiserver replaced by its staging directory (the layout of kubernetes since 1.15).
mkdir -p "$work/go/src/k8s.io"
cp -R "$here/toyserver" "$work/go/src/toyserver"
cp -R "$here/kube-apiserver-leaks" "$work/go/src/k8s.io/kubernetes"
(cd "$work/go/src/toyserver" && go build -o "$work/bin/toyserver" .)
(cd "$work/go/src/k8s.io/kubernetes" && go build -o "$work/bin/leaky-apiserver" ./cmd/leaky-apiserver)

# GOPATH build: the same sources with k8s.io/apiserver under k8s.io/kubernetes/vendor/, so
# that frames carry the k8s.io/kubernetes/vendor/ prefix of older kube-apiserver binaries.
gopath="$work/gopath"
mkdir -p "$gopath/src/k8s.io/kubernetes/cmd" "$gopath/src/k8s.io/kubernetes/vendor/k8s.io"
cp -R "$here/kube-apiserver-leaks/cmd/leaky-apiserver" "$gopath/src/k8s.io/kubernetes/cmd/leaky-apiserver"
cp -R "$here/kube-apiserver-leaks/staging/src/k8s.io/apiserver" "$gopath/src/k8s.io/kubernetes/vendor/k8s.io/apiserver"
rm "$gopath/src/k8s.io/kubernetes/vendor/k8s.io/apiserver/go.mod"
(cd "$gopath/src/k8s.io/kubernetes" && GO111MODULE=off GOFLAGS= GOPATH="$gopath" go build -o "$work/bin/leaky-apiserver-vendored" ./cmd/leaky-apiserver)
for symbol in 'k8s.io/kubernetes/vendor/k8s.io/apiserver/pkg/server/filters.(\*timeoutHandler).ServeHTTP.func1$' \
	'k8s.io/kubernetes/vendor/k8s.io/apiserver/pkg/registry/generic/registry.(\*Store).DeleteCollection.func1$'; do
	go tool nm "$work/bin/leaky-apiserver-vendored" | grep "$symbol" >/dev/null ||
		{ echo "generate.sh: the GOPATH build lacks $symbol" >&2 && exit 1; }
done
echo "generate.sh: built in $(($(date +%s) - started)) s"

# The toy server alone first: its CPU profile should not share the CPUs with the leak runs.
(cd "$work/out" && "$work/bin/toyserver" -out . -index "$work/index/1-toyserver.json")
# The two leak runs side by side; they are mostly idle.
(cd "$work/out" && "$work/bin/leaky-apiserver" -out . -prefix apiserver-leaks -group apiserver-leaks \
	-snapshots "$leak_snapshots" -index "$work/index/2-apiserver-leaks.json") &
leaks=$!
(cd "$work/out" && "$work/bin/leaky-apiserver-vendored" -out . -prefix apiserver-leaks-vendored \
	-group apiserver-leaks-vendored -seed 2 -snapshots "$vendored_snapshot" -index "$work/index/3-apiserver-leaks-vendored.json") &
vendored=$!
wait "$leaks"
wait "$vendored"

rm -rf "$samples"
mkdir -p "$samples"
cp "$work"/out/* "$samples/"
(cd "$work" && GOFLAGS= go run "$here/mkindex/main.go" "$work"/index/*.json >"$samples/index.json")
echo "generate.sh: samples written in $(($(date +%s) - started)) s"

"$here/oracles.sh"
"$here/peek-oracles.sh"
echo "generate.sh: done in $(($(date +%s) - started)) s"
ls -l "$samples"
