#!/bin/sh
# Regenerates ../runtime-*: the debug=1 text and the debug=0 protobuf of the same runtime/pprof
# profiles (written by main.go), and a debug=2 dump of the same process. The tests check that
# parsing each debug=1 text yields the sample types, periods and values of its debug=0 twin.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=$(mktemp -d)
(cd "$here" && GO111MODULE=off go run main.go "$out")
for name in heap block mutex threadcreate goroutine; do
  cp "$out/$name.debug1.txt" "$here/../runtime-$name.debug1.txt"
  cp "$out/$name.pb.gz" "$here/../runtime-$name.debug0.pb.gz"
done
cp "$out/goroutine.debug2.txt" "$here/../runtime-goroutine.debug2.txt"
rm -rf "$out"
(cd "$here/scaleheap" && GO111MODULE=off go run main.go) > "$here/../scaleheap.go1.19-$(go env GOARCH).txt"
