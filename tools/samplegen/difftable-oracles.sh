#!/usr/bin/env bash
# Writes test/oracle/difftable/: what `go tool pprof -top -diff_base` prints for the compare
# view's diff table (every node, pprof's default -edgefraction=0.001 for its "(inline)" marks),
# for the real heap profiles of one leaking process in test/fixtures/series/ (leak-a, 2 and 6
# minutes apart), every sample type. test/analysis/diffTable-oracle.test.ts reads them.
# Needs Go 1.19's `go tool pprof`; run from anywhere.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo"
export TZ=UTC
# No local binaries to symbolize against: every output depends on the profiles alone.
export PPROF_BINARY_PATH=/nonexistent-stackscope-pprof-binaries

case "$(go version)" in
*go1.19*) ;;
*) echo "difftable-oracles.sh: want Go 1.19, have: $(go version)" >&2 && exit 1 ;;
esac

series=test/fixtures/series
out=test/oracle/difftable
rm -rf "$out"
mkdir -p "$out"
types=(alloc_objects alloc_space inuse_objects inuse_space)
for pair in "leak-a.t4 leak-a.t1" "leak-a.t2 leak-a.t1"; do
	read -r target base <<<"$pair"
	for i in "${!types[@]}"; do
		go tool pprof -top -nodefraction=0 -sample_index="$i" -diff_base="$series/$base.heap.pb.gz" "$series/$target.heap.pb.gz" \
			>"$out/$target.vs.$base.heap.${types[$i]}.top" 2>/dev/null
	done
done
{
	echo "# Oracles for the compare view's diff table"
	echo
	echo "Written by \`tools/samplegen/difftable-oracles.sh\` with $(go version | cut -d' ' -f3-), \`TZ=UTC\`, from the repository root:"
	echo
	echo "| file | command |"
	echo "|---|---|"
	echo "| \`<target>.vs.<base>.heap.<type>.top\` | \`go tool pprof -top -nodefraction=0 -sample_index=<i> -diff_base=test/fixtures/series/<base>.heap.pb.gz test/fixtures/series/<target>.heap.pb.gz\` |"
	echo
	echo "Pairs: leak-a.t4 vs leak-a.t1, leak-a.t2 vs leak-a.t1. \`<i>\`: ${types[*]} = 0..3."
} >"$out/README.md"
