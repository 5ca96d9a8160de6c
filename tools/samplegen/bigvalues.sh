#!/usr/bin/env bash
# Writes test/fixtures/bigvalues/mutex-beyond-2p53.pb.gz (tools/samplegen/bigvalues: a hand-encoded
# mutex-like profile whose sample values and sums pass 2^53, as long-running block and mutex
# profiles' nanosecond sums do) and its `go tool pprof` oracles in test/oracle/bigvalues/: -top for
# each sample type and -raw (pprof's int64 sums, merged samples). Needs Go 1.19; run from anywhere.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo"
export TZ=UTC GO111MODULE=off PPROF_BINARY_PATH=/nonexistent-stackscope-pprof-binaries

case "$(go version)" in
*go1.19*) ;;
*) echo "bigvalues.sh: want Go 1.19, have: $(go version)" >&2 && exit 1 ;;
esac

profile=test/fixtures/bigvalues/mutex-beyond-2p53.pb.gz
out=test/oracle/bigvalues
mkdir -p "$(dirname "$profile")" "$out"
go run tools/samplegen/bigvalues/main.go "$profile"
for i in 0 1; do
	go tool pprof -top -nodefraction=0 -sample_index=$i "$profile" >"$out/top.sample_index=$i.txt" 2>/dev/null
done
go tool pprof -raw "$profile" >"$out/raw.txt" 2>/dev/null
echo "bigvalues.sh: wrote $profile and $(ls "$out" | wc -l) oracles in $out"
