#!/usr/bin/env bash
# Writes the `go tool pprof -top` oracles under test/oracle/ for the committed samples
# (public/samples/*.pb.gz) and the shared pprof fixtures (../shared/fixtures/pprof/*.pb.gz), and
# test/oracle/README.md listing the exact commands and anything pprof printed on stderr.
# Needs Go 1.19's `go tool pprof`; run from anywhere. Takes about a minute.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
shared="${STACKSCOPE_SHARED:-../shared}" # relative to the repository root
cd "$repo"

export TZ=UTC
# No local binaries to symbolize against: every output depends on the profile alone.
export PPROF_BINARY_PATH=/nonexistent-stackscope-pprof-binaries

go_version="$(go version)"
case "$go_version" in
*go1.19*) ;;
*) echo "oracles.sh: want Go 1.19, have: $go_version" >&2 && exit 1 ;;
esac

full=(-top -nodecount=1000000 -nodefraction=0 -edgefraction=0)
plain=(-top -nodefraction=0)
granularities=(lines files filefunctions addresses)

rm -rf test/oracle/samples test/oracle/fixtures test/oracle/diff
mkdir -p test/oracle/samples test/oracle/fixtures test/oracle/diff
# stderr output, grouped: one entry per (profile, message) with the flags that produced it.
declare -A stderr_flags=() stderr_count=() runs=()
declare -a stderr_keys=()
count=0

# sample_types FILE: the profile's sample type names, in index order.
sample_types() {
	go tool pprof -raw "$1" 2>/dev/null | awk 'p { for (i = 1; i <= NF; i++) { split($i, t, "/"); print t[1] } exit } /^Samples:/ { p = 1 }'
}

# oracle OUT ARGS...: runs go tool pprof ARGS, stdout to OUT; stderr goes to the README.
oracle() {
	local out="$1" err
	shift
	err="$(mktemp)"
	go tool pprof "$@" >"$out" 2>"$err"
	local profile="${*: -1}" flags="${*:1:$#-1}" key
	runs[$profile]=$((${runs[$profile]:-0} + 1))
	if [ -s "$err" ]; then
		key="$profile"$'\n'"$(cat "$err")"
		if [ -z "${stderr_flags[$key]+set}" ]; then
			stderr_keys+=("$key")
			stderr_flags[$key]="\`$flags\`"
			stderr_count[$key]=1
		else
			stderr_flags[$key]+=", \`$flags\`"
			stderr_count[$key]=$((${stderr_count[$key]} + 1))
		fi
	fi
	rm -f "$err"
	count=$((count + 1))
}

# 1. Every sample, every sample type: the full table and pprof's default node selection.
for f in public/samples/*.pb.gz; do
	base="$(basename "$f")"
	i=0
	for t in $(sample_types "$f"); do
		oracle "test/oracle/samples/$base.$t.top" "${full[@]}" -sample_index=$i "$f"
		oracle "test/oracle/samples/$base.$t.default.top" "${plain[@]}" -sample_index=$i "$f"
		i=$((i + 1))
	done
done

# 2. Granularities: the toy heap and CPU samples and every shared pprof fixture.
granular() {
	local f="$1" dir="$2" base i t g
	base="$(basename "$f")"
	i=0
	for t in $(sample_types "$f"); do
		for g in "${granularities[@]}"; do
			oracle "$dir/$base.$t.$g.top" "${full[@]}" "-$g" -sample_index=$i "$f"
		done
		i=$((i + 1))
	done
}
granular public/samples/toyserver.heap.pb.gz test/oracle/samples
granular public/samples/toyserver.cpu.pb.gz test/oracle/samples
if [ -d "$shared/fixtures/pprof" ]; then
	for f in "$shared"/fixtures/pprof/*.pb.gz; do
		granular "$f" test/oracle/fixtures
	done
else
	echo "oracles.sh: $shared/fixtures/pprof not found (set STACKSCOPE_SHARED); fixture oracles skipped" >&2
fi

# 3. Differences (-diff_base): the pairs and forms listed in the README's table.
# locate NAME: the profile in public/samples, else in the shared fixtures (empty if absent).
locate() {
	if [ -f "public/samples/$1" ]; then
		echo "public/samples/$1"
	elif [ -f "$shared/fixtures/pprof/$1" ]; then
		echo "$shared/fixtures/pprof/$1"
	fi
}

# pair TARGET BASE FORM...: every sample type of TARGET, in each form.
pair() {
	local target base name form i t suffix
	target="$(locate "$1")"
	base="$(locate "$2")"
	shift 2
	if [ -z "$target" ] || [ -z "$base" ]; then
		echo "oracles.sh: diff pair skipped (profile not found)" >&2
		return
	fi
	name="$(basename "$target").vs.$(basename "$base")"
	i=0
	for t in $(sample_types "$target"); do
		for form in "$@"; do
			case "$form" in
			full) oracle "test/oracle/diff/$name.$t.top" "${full[@]}" -sample_index=$i -diff_base="$base" "$target" ;;
			default) oracle "test/oracle/diff/$name.$t.default.top" "${plain[@]}" -sample_index=$i -diff_base="$base" "$target" ;;
			noflags) oracle "test/oracle/diff/$name.$t.noflags.top" -top -sample_index=$i -diff_base="$base" "$target" ;;
			normalize) oracle "test/oracle/diff/$name.$t.normalize.top" "${full[@]}" -normalize -sample_index=$i -diff_base="$base" "$target" ;;
			*) oracle "test/oracle/diff/$name.$t.$form.top" "${full[@]}" "-$form" -sample_index=$i -diff_base="$base" "$target" ;;
			esac
		done
		i=$((i + 1))
	done
}

for kind in heap goroutine; do
	pair "apiserver-leaks.t2.$kind.pb.gz" "apiserver-leaks.t1.$kind.pb.gz" full default noflags normalize
	pair "apiserver-leaks.t1.$kind.pb.gz" "apiserver-leaks.t2.$kind.pb.gz" full default
	pair "apiserver-leaks-vendored.$kind.pb.gz" "apiserver-leaks.t1.$kind.pb.gz" full
done
pair apiserver-leaks.t2.heap.pb.gz apiserver-leaks.t1.heap.pb.gz lines files filefunctions addresses
pair toyserver.heap.pb.gz toyserver.allocs.pb.gz full
pair toyserver.allocs.pb.gz toyserver.heap.pb.gz full
pair toyserver.cpu.pb.gz toyserver.cpu.pb.gz full
pair pprof-gobench.cpu.pb.gz pprof-go.crc32.cpu.pb.gz full addresses
pair pprof-java.cpu.pb.gz pprof-cppbench.cpu.pb.gz full lines addresses
pair pprof-gobench.heap.pb.gz apiserver-leaks.t1.heap.pb.gz full
pair stackgazer-goroutines.pb.gz toyserver.goroutine.pb.gz full default

# Which ordered pairs pprof accepts at all.
{
	echo "# go tool pprof -top -nodecount=1 -diff_base=BASE TARGET: exit status 0 (ok) or 1 (error, pprof's stderr line)"
	profiles=(public/samples/*.pb.gz)
	[ -d "$shared/fixtures/pprof" ] && profiles+=("$shared"/fixtures/pprof/*.pb.gz)
	for target in "${profiles[@]}"; do
		for base in "${profiles[@]}"; do
			if err="$(go tool pprof -top -nodecount=1 -diff_base="$base" "$target" 2>&1 >/dev/null)"; then
				printf '%s\t%s\tok\n' "$(basename "$target")" "$(basename "$base")"
			else
				line="$(printf '%s\n' "$err" | grep -v -e 'symbolization' -e 'Symbolization' -e 'PPROF_BINARY_PATH' -e 'binary filename' | head -n 1)"
				printf '%s\t%s\terror\t%s\n' "$(basename "$target")" "$(basename "$base")" "$line"
			fi
		done
	done | LC_ALL=C sort
} >test/oracle/diff/compatibility.tsv

{
	cat <<EOF
# Oracles: what \`go tool pprof -top\` prints

Generated by \`tools/samplegen/oracles.sh\` (also run by \`tools/samplegen/generate.sh\`) with
$go_version, \`TZ=UTC\` and \`PPROF_BINARY_PATH=$PPROF_BINARY_PATH\`, from the repository root.
Each file is pprof's stdout, unmodified (header lines included). $count files, and diff/compatibility.tsv.
The \`-peek\` and \`-traces\` oracles are in peek/ and traces/, written by \`tools/samplegen/peek-oracles.sh\`
(their READMEs list the commands).
\`<i>\` is the 0-based sample index, \`<type>\` its sample type name (from \`go tool pprof -raw\`).
Fixtures are read from \`../shared/fixtures/pprof/\` (the shared checkout beside the clone).

| files | command |
|---|---|
| \`samples/<file>.<type>.top\` | \`go tool pprof -top -nodecount=1000000 -nodefraction=0 -edgefraction=0 -sample_index=<i> public/samples/<file>\` |
| \`samples/<file>.<type>.default.top\` | \`go tool pprof -top -nodefraction=0 -sample_index=<i> public/samples/<file>\` |
| \`samples/<file>.<type>.<g>.top\`, \`<file>\` = toyserver.heap.pb.gz, toyserver.cpu.pb.gz; \`<g>\` = lines, files, filefunctions, addresses | \`go tool pprof -top -nodecount=1000000 -nodefraction=0 -edgefraction=0 -<g> -sample_index=<i> public/samples/<file>\` |
| \`fixtures/<file>.<type>.<g>.top\`, every \`<file>\` in ../shared/fixtures/pprof/*.pb.gz | \`go tool pprof -top -nodecount=1000000 -nodefraction=0 -edgefraction=0 -<g> -sample_index=<i> ../shared/fixtures/pprof/<file>\` |
| \`diff/<target>.vs.<base>.<type>.top\` | \`go tool pprof -top -nodecount=1000000 -nodefraction=0 -edgefraction=0 -sample_index=<i> -diff_base=<base> <target>\` |
| \`diff/<target>.vs.<base>.<type>.default.top\` | \`go tool pprof -top -nodefraction=0 -sample_index=<i> -diff_base=<base> <target>\` |
| \`diff/<target>.vs.<base>.<type>.noflags.top\` | \`go tool pprof -top -sample_index=<i> -diff_base=<base> <target>\` (pprof's default node and edge fractions) |
| \`diff/<target>.vs.<base>.<type>.normalize.top\` | \`go tool pprof -top -nodecount=1000000 -nodefraction=0 -edgefraction=0 -normalize -sample_index=<i> -diff_base=<base> <target>\` |
| \`diff/<target>.vs.<base>.<type>.<g>.top\` | \`go tool pprof -top -nodecount=1000000 -nodefraction=0 -edgefraction=0 -<g> -sample_index=<i> -diff_base=<base> <target>\` |
| \`diff/compatibility.tsv\` | for every ordered pair of \`public/samples/*.pb.gz\` and \`../shared/fixtures/pprof/*.pb.gz\`: \`go tool pprof -top -nodecount=1 -diff_base=<base> <target>\`, \`ok\` on exit status 0, else \`error\` and pprof's first stderr line (symbolization notices left out) |

Diff pairs (\`<target>\` vs \`<base>\`, each in \`public/samples/\` or else \`../shared/fixtures/pprof/\`), every sample type of the target:

| target | base | forms |
|---|---|---|
| apiserver-leaks.t2.\`<kind>\`.pb.gz, \`<kind>\` = heap, goroutine | apiserver-leaks.t1.\`<kind>\`.pb.gz | full, default, noflags, normalize |
| apiserver-leaks.t2.heap.pb.gz | apiserver-leaks.t1.heap.pb.gz | lines, files, filefunctions, addresses |
| apiserver-leaks.t1.\`<kind>\`.pb.gz | apiserver-leaks.t2.\`<kind>\`.pb.gz | full, default |
| apiserver-leaks-vendored.\`<kind>\`.pb.gz | apiserver-leaks.t1.\`<kind>\`.pb.gz | full |
| toyserver.heap.pb.gz | toyserver.allocs.pb.gz | full |
| toyserver.allocs.pb.gz | toyserver.heap.pb.gz | full |
| toyserver.cpu.pb.gz | toyserver.cpu.pb.gz | full |
| pprof-gobench.cpu.pb.gz | pprof-go.crc32.cpu.pb.gz | full, addresses |
| pprof-java.cpu.pb.gz | pprof-cppbench.cpu.pb.gz | full, lines, addresses |
| pprof-gobench.heap.pb.gz | apiserver-leaks.t1.heap.pb.gz | full |
| stackgazer-goroutines.pb.gz | toyserver.goroutine.pb.gz | full, default |

The plain form (\`.default.top\`) keeps pprof's other defaults: \`-top\` has no node limit by
default, and the default \`-edgefraction=0.001\` drops small edges, so a node whose inline
call edges were all dropped loses its \` (inline)\` mark. For the samples that is the only
difference from the full form (test/samples/samples.test.ts checks it). Diff tables show target minus base, so values and
percentages may be negative; the total they are percentages of is the base profile's total
(pprof counts only the samples it labelled \`pprof::base\`, or every sample when those add up to
zero). The merged header (profile.Merge) has the earlier time (a profile without one wins: no
Time line), the sum of the durations, and the first default sample type either profile names.
For pprof's stderr on the shared fixtures, see the single-profile list below; diffs print the
same notices for the same fixtures.

## Standard error

EOF
	if [ "${#stderr_keys[@]}" -gt 0 ]; then
		echo "pprof printed the following on stderr (kept out of the .top files), per profile; the"
		echo "profiles not listed (all of public/samples among them) printed nothing:"
		echo
		for key in "${stderr_keys[@]}"; do
			profile="${key%%$'\n'*}"
			if [ "${stderr_count[$key]}" = "${runs[$profile]}" ]; then
				echo "- \`$profile\`, every one of its ${runs[$profile]} commands:"
			else
				echo "- \`$profile\`, ${stderr_count[$key]} of its ${runs[$profile]} commands: ${stderr_flags[$key]}:"
			fi
			echo
			echo '  ```'
			printf '%s\n' "${key#*$'\n'}" | sed 's/^/  /'
			echo '  ```'
		done
	else
		echo "pprof printed nothing on stderr for any of these commands."
	fi
} >test/oracle/README.md
echo "oracles.sh: wrote $count oracle files"
