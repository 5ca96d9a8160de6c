#!/usr/bin/env bash
# Writes test/fixtures/series/: goroutine dumps of the leak program taken at known intervals from
# one process, dumps of other processes of the same binary at the same moments (replicas), crash
# output of tools/samplegen/crashes, and `go tool pprof` oracles for label filters. Tests of
# elapsed-time inference, growth rates, single-dump rates, replicas, crashes and labels read
# them; the app never needs Go. Takes about 7 minutes (the leak runs are real time: wait minutes
# only appear after minutes).
#
#   process a  -labels, a cluster-wide list every 150 ms (about 5 timeout leaks a second) and
#              leader elections: snapshots at 45s (no goroutine waits a minute yet), 2m45s, 4m45s, 6m45s
#   process b  seed 2, -labels, the public samples' load: snapshots at 2m45s and 4m45s
#   process c  seed 3, -labels, healthy (no slow lists, no leader elections): snapshot at 4m45s
#
# a.t3, b.t2 and c are three replicas at one moment. Each snapshot has the goroutine profile at
# debug=0 (pb.gz), debug=1 and debug=2 (gzipped) and the heap profile.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
work="${SAMPLEGEN_WORK:-/tmp/stackscope-samplegen}-series"
out="$repo/test/fixtures/series"

case "$(go version)" in
*go1.19*) ;;
*) echo "series.sh: want Go 1.19, have: $(go version)" >&2 && exit 1 ;;
esac

started=$(date +%s)
export TZ=UTC GOPROXY=off GOFLAGS=-mod=mod GO111MODULE=on
rm -rf "$work"
mkdir -p "$work/bin" "$work/out" "$work/go/src/k8s.io"
cp -R "$here/kube-apiserver-leaks" "$work/go/src/k8s.io/kubernetes"
cp -R "$here/crashes" "$work/go/src/crashes"
(cd "$work/go/src/k8s.io/kubernetes" && go build -o "$work/bin/leaky-apiserver" ./cmd/leaky-apiserver)

# Crashes first (a second each). `go run` prints the "exit status 2" line a terminal shows.
for mode in repanic nilderef mapwrite; do
	(cd "$work/go/src/crashes" && GOTRACEBACK=all go run . -mode "$mode" >/dev/null 2>"$work/out/crash-$mode.txt") || true
	grep -q '^exit status 2$' "$work/out/crash-$mode.txt" || { echo "series.sh: crash $mode did not exit with status 2" >&2 && exit 1; }
done

cd "$work/out"
"$work/bin/leaky-apiserver" -out . -prefix leak-a -labels -slow-list-every 150ms -snapshots 45s,2m45s,4m45s,6m45s &
a=$!
"$work/bin/leaky-apiserver" -out . -prefix leak-b -labels -seed 2 -snapshots 2m45s,4m45s &
b=$!
"$work/bin/leaky-apiserver" -out . -prefix healthy-c -labels -seed 3 -slow-list-every 0 -leader-changes=false -snapshots 4m45s &
c=$!
wait "$a"
wait "$b"
wait "$c"
gzip -n -9 ./*.debug2.txt

rm -rf "$out"
mkdir -p "$out/oracle"
cp ./* "$out/" 2>/dev/null || true
# Label filters as pprof applies them (-tagfocus / -tagignore), for the same file.
export PPROF_BINARY_PATH=/nonexistent-stackscope-pprof-binaries
for spec in "tagfocus=verb=LIST" "tagfocus=scope=cluster" "tagignore=verb=LIST" "tagfocus=resource=pods,configmaps" "tagfocus=verb=DELETECOLLECTION;tagignore=resource=pods"; do
	args=()
	IFS=';' read -ra parts <<<"$spec"
	for p in "${parts[@]}"; do args+=("-$p"); done
	name="$(echo "$spec" | sed 's/;/_/g; s/=/-/g; s/,/+/g')"
	go tool pprof -top -nodefraction=0 "${args[@]}" "$out/leak-a.t3.goroutine.pb.gz" >"$out/oracle/leak-a.t3.goroutine.$name.top.txt" 2>/dev/null
done
go tool pprof -tags "$out/leak-a.t3.goroutine.pb.gz" >"$out/oracle/leak-a.t3.goroutine.tags.txt" 2>/dev/null
echo "series.sh: done in $(($(date +%s) - started)) s"
ls -l "$out"
