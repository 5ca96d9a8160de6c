#!/usr/bin/env bash
# Writes test/fixtures/legacy/ (legacy text and binary profiles: runtime/pprof debug=1 texts of
# a real workload made by tools/samplegen/legacy, and hand-crafted contentionz, threadz, heapz
# and legacy binary CPU inputs) and test/oracle/legacy/ (what `go tool pprof` prints for each).
# The Go debug=1 texts carry function names in their `#` lines; pprof itself symbolizes them
# only from the binary, so their oracles are `go tool pprof -top BINARY FILE` with the very
# binary that wrote them (kept out of the repository). The hand-crafted inputs name mappings
# (/usr/local/bin/server, libc) that do not exist here: pprof shows them as [server], [libc.so.6].
# Needs Go 1.19; run from anywhere. Takes a few seconds.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="${SAMPLEGEN_WORK:-/tmp/stackscope-samplegen}/legacy"
cd "$repo"

export TZ=UTC
export PPROF_BINARY_PATH=/nonexistent-stackscope-pprof-binaries

go_version="$(go version)"
case "$go_version" in
*go1.19*) ;;
*) echo "legacy-oracles.sh: want Go 1.19, have: $go_version" >&2 && exit 1 ;;
esac

# Build outside the repository so that file paths in the profiles do not depend on the checkout.
rm -rf "$work" && mkdir -p "$work"
cp tools/samplegen/legacy/go.mod tools/samplegen/legacy/main.go "$work/"
(cd "$work" && GOPROXY=off GOFLAGS=-mod=mod go build -o legacy . && mkdir out && ./legacy -out "$work/out")
rm -rf test/fixtures/legacy test/oracle/legacy
mkdir -p test/fixtures/legacy test/oracle/legacy
cp "$work"/out/* test/fixtures/legacy/

full=(-top -nodecount=1000000 -nodefraction=0 -edgefraction=0)
plain=(-top -nodefraction=0)
count=0

# sample_types BINARY... FILE: the profile's sample type names, in index order.
sample_types() {
	go tool pprof -raw "$@" 2>/dev/null | awk 'p { for (i = 1; i <= NF; i++) { split($i, t, "/"); print t[1] } exit } /^Samples:/ { p = 1 }'
}

for f in test/fixtures/legacy/*; do
	base="$(basename "$f")"
	args=()
	case "$base" in go.*) args=("$work/legacy") ;; esac
	if ! err="$(go tool pprof -raw "${args[@]}" "$f" 2>&1 >/dev/null)" || [ -z "$(sample_types "${args[@]}" "$f")" ]; then
		# pprof refuses it: keep its first stderr line, the reason.
		printf '%s\n' "$err" | head -n 1 | sed "s|$f|$base|" >"test/oracle/legacy/$base.refused"
		count=$((count + 1))
		continue
	fi
	i=0
	for t in $(sample_types "${args[@]}" "$f"); do
		go tool pprof "${full[@]}" -sample_index=$i "${args[@]}" "$f" >"test/oracle/legacy/$base.$t.top" 2>/dev/null
		go tool pprof "${plain[@]}" -sample_index=$i "${args[@]}" "$f" >"test/oracle/legacy/$base.$t.default.top" 2>/dev/null
		count=$((count + 2))
		i=$((i + 1))
	done
	go tool pprof -raw "${args[@]}" "$f" >"test/oracle/legacy/$base.raw" 2>/dev/null
	count=$((count + 2))
done
# Inputs pprof refuses, each with pprof's reason (its first stderr line) in refused/NAME.refused:
# broken legacy texts, and files that are no profile at all (a Go execution trace header, a zip,
# an ELF header, HTML, JSON).
mkdir -p test/fixtures/legacy/refused test/oracle/legacy/refused
r=test/fixtures/legacy/refused
printf 'heap profile: 1: 10 [1: 10] @ heap_v2/524288\n0: 5 [0: 0] @ 0x1\n' >"$r/heapz-zero-count.txt"
printf 'heap profile: 1: 10 [1: 10] @ heap_v2/524288\nnot a sample\n' >"$r/heapz-bad-sample.txt"
printf -- '--- contentionz ---\nfoo = 1\n' >"$r/contentionz-unknown-attribute.txt"
printf 'go 1.19 trace\x00\x00\x00\x00\x05\x01\x02' >"$r/go.trace"
printf 'PK\x03\x04\x14\x00\x00\x00\x08\x00' >"$r/profiles.zip"
printf '\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x3e\x00' >"$r/server.elf"
printf '<!DOCTYPE html>\n<html><head><title>Login</title></head><body></body></html>\n' >"$r/login.html"
printf '{"kind":"Status","status":"Failure"}\n' >"$r/status.json"
for f in "$r"/*; do
	base="$(basename "$f")"
	if go tool pprof -raw "$f" >/dev/null 2>"$work/err"; then
		echo "legacy-oracles.sh: pprof accepted $f" >&2 && exit 1
	fi
	head -n 1 "$work/err" | sed "s|$f|$base|" >"test/oracle/legacy/refused/$base.refused"
	count=$((count + 1))
done
echo "legacy-oracles.sh: wrote $count oracle files ($go_version)"
