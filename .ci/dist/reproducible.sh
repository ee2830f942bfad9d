#!/usr/bin/env bash
# make dist-reproducible: builds the Linux artefacts a second time, from a
# fresh clone of the same commit in another folder with an empty Go build
# cache, and compares them byte for byte with those in dist/. What makes
# them equal: -trimpath (no folder names), -buildid= and -buildvcs=false (no
# build IDs), every timestamp taken from the commit (SOURCE_DATE_EPOCH), and
# archives written in sorted order with fixed owners.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
DIST=${DIST:-$ROOT/dist}
[ -f "$DIST/.build/linux/warrantdesk" ] || { echo "dist-reproducible: run make dist-linux first" >&2; exit 1; }
if ! git diff --quiet HEAD; then
	echo "dist-reproducible: the work tree has uncommitted changes, so dist/ was not built from one commit; commit first" >&2
	exit 1
fi
commit=$(git rev-parse HEAD)
if ! "$DIST/.build/linux/warrantdesk" --version 2>/dev/null | grep -q "commit ${commit:0:12}"; then
	echo "dist-reproducible: dist/ was not built from HEAD ($commit): run make dist-linux first" >&2
	exit 1
fi
tmp=$(mktemp -d)
trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
git clone -q --no-local "$ROOT" "$tmp/src"
git -C "$tmp/src" checkout -q "$commit"
echo "dist-reproducible: building $commit again in $tmp/src with an empty build cache (a cold build: minutes)"
(cd "$tmp/src" && GOCACHE="$tmp/gocache" DIST="$tmp/dist" .ci/dist/dist.sh linux >/dev/null)
status=0
compare() { # $1 first, $2 second, $3 name
	if cmp -s "$1" "$2"; then
		echo "ok   $3 is byte-identical ($(sha256sum <"$1" | cut -c1-16)…)"
	else
		echo "FAIL $3 differs between the two builds"
		status=1
	fi
}
compare "$DIST/.build/linux/warrantdesk" "$tmp/dist/.build/linux/warrantdesk" "the Linux binary"
for f in "$tmp"/dist/*.deb "$tmp"/dist/*.tar.xz "$tmp"/dist/sbom-linux-amd64.cdx.json; do
	compare "$DIST/$(basename "$f")" "$f" "$(basename "$f")"
done
exit $status
