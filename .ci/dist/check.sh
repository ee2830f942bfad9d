#!/usr/bin/env bash
# make dist-check: the artefacts in dist/ work as a user gets them.
#  - SHA256SUMS matches.
#  - The .deb: its Depends cover every library the binary links; it installs
#    (dpkg -x into a throwaway root); the installed program says its
#    version, reads a generated order (extract --json, through its PDF
#    worker), imports a real order from ../shared/corpus (OCR: PDFium's
#    cache in the user cache folder), keeps data in the user data folder and
#    writes nothing where it is installed; the desktop file and AppStream
#    metainfo validate; the desk opens under Xvfb (demo, then the imported
#    order's data folder).
#  - The .tar.xz: make install / uninstall into a prefix.
#  - Windows: PE32+ GUI program with icon, version and manifest; setup.exe's
#    contents; signatures where signed (osslsigncode); the MSI's tables.
# pass and fail always succeed, so `test && pass || fail` is if-then-else.
# shellcheck disable=SC2015
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
DIST=${DIST:-$ROOT/dist}
# DIST_VERSION checks artefacts of another build (say, downloaded ones).
VERSION=${DIST_VERSION:-$(.ci/dist/dist.sh version)}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
pass() { echo "ok   $*"; }
fail() { echo "FAIL $*"; failures=$((failures + 1)); }
need() { command -v "$1" >/dev/null || { echo "dist-check: $1 is missing (make dist-deps installs it)" >&2; exit 1; }; }
for t in dpkg-deb appstreamcli desktop-file-validate xvfb-run xdotool file 7z identify python3; do need "$t"; done

deb=$(ls "$DIST"/warrantdesk_*_amd64.deb 2>/dev/null || true)
if [ -z "$deb" ] || ! ls "$DIST"/warrantdesk-"$VERSION"-linux-amd64.tar.xz >/dev/null 2>&1; then
	echo "dist-check: dist/ holds no build of this tree ($VERSION): run make dist first" >&2
	exit 1
fi

# --- checksums ---------------------------------------------------------------
(cd "$DIST" && sha256sum --quiet -c SHA256SUMS) && pass "SHA256SUMS" || fail "SHA256SUMS does not match dist/"

# --- .deb --------------------------------------------------------------------
depends=$(dpkg-deb -f "$deb" Depends)
for p in tesseract-ocr tesseract-ocr-eng tesseract-ocr-osd libgl1 libx11-6; do
	[[ ", $depends," == *", $p"[\ ,]* ]] && pass "Depends names $p" || fail "Depends lacks $p: $depends"
done
root=$tmp/root
dpkg-deb -x "$deb" "$root"
bin=$root/usr/bin/warrantdesk
# Every shared library the binary needs must come with a package it
# depends on.
for lib in $(objdump -p "$bin" | awk '/NEEDED/ {print $2}'); do
	path=$(ldconfig -p | awk -v l="$lib" '$1 == l && /x86-64/ {print $NF; exit}')
	# dpkg knows the /usr path on merged-/usr systems.
	pkg=$({ dpkg -S "$path" || dpkg -S "/usr$path" || dpkg -S "$(readlink -f "$path")"; } 2>/dev/null | head -1 | cut -d: -f1 || true)
	if [ -z "$pkg" ]; then fail "$lib: no package provides it here"; continue; fi
	[[ $pkg == libc6 || ", $depends," == *", $pkg"[\ ,]* ]] && pass "$lib comes with $pkg" || fail "$lib comes with $pkg, which Depends lacks"
done
dpkg-deb -c "$deb" | awk '{print $6}' >"$tmp/deb-contents"
for f in ./usr/bin/warrantdesk ./usr/share/applications/org.warrantdesk.WarrantDesk.desktop \
	./usr/share/metainfo/org.warrantdesk.WarrantDesk.metainfo.xml ./usr/share/doc/warrantdesk/THIRD-PARTY-NOTICES \
	./usr/share/doc/warrantdesk/copyright ./usr/share/doc/warrantdesk/sbom.cdx.json; do
	grep -qx "$f" "$tmp/deb-contents" && pass "the .deb installs $f" || fail "the .deb lacks $f"
done
for s in 16 22 24 32 48 64 128 256; do
	icon=$root/usr/share/icons/hicolor/${s}x${s}/apps/org.warrantdesk.WarrantDesk.png
	[ "$(identify -format %wx%h "$icon" 2>/dev/null)" = "${s}x${s}" ] && pass "icon ${s}x${s}" || fail "icon ${s}x${s} missing or the wrong size"
done
appstreamcli validate --no-net "$root/usr/share/metainfo/org.warrantdesk.WarrantDesk.metainfo.xml" >"$tmp/as.log" 2>&1 &&
	pass "appstreamcli validate" || { cat "$tmp/as.log"; fail "appstreamcli validate"; }
desktop-file-validate "$root/usr/share/applications/org.warrantdesk.WarrantDesk.desktop" && pass "desktop-file-validate" || fail "desktop-file-validate"

# The installed program, as a user with a fresh home.
home=$tmp/home
mkdir -p "$home"
run() { env -i PATH=/usr/bin:/bin HOME="$home" LANG=en_US.UTF-8 "$bin" "$@"; }
touch "$tmp/before"
out=$(run --version)
[[ $out == "WarrantDesk $VERSION ("* ]] && pass "--version: $out" || fail "--version said '$out', want WarrantDesk $VERSION"
run samples --out "$tmp/orders" --n 2 >/dev/null
order=$(ls "$tmp/orders"/*.pdf | head -1)
if run extract --json "$order" >"$tmp/extract.json"; then
	python3 - "$tmp/extract.json" <<'PY' && pass "extract --json reads a generated order through the worker" || fail "extract --json output"
import json, sys
r = json.loads(open(sys.argv[1]).readline())
assert not r.get("error"), r.get("error")
assert r["process_type"] and r["pages"] > 0 and r["fields"], r
PY
else
	fail "extract --json exited $?"
fi
corpus=$ROOT/../shared/corpus
if [ -d "$corpus" ] && ls "$corpus"/*.pdf >/dev/null 2>&1; then
	real=$(ls "$corpus"/*.pdf | head -1)
else
	echo "skip the real order: ../shared/corpus is absent; importing a generated one"
	real=$order
fi
if run import --json "$real" >"$tmp/import.json" 2>"$tmp/import.err"; then
	grep -q '"status":"created"' "$tmp/import.json" && pass "import of $(basename "$real")" || fail "import said $(cat "$tmp/import.json")"
else
	cat "$tmp/import.err"
	fail "import of $(basename "$real")"
fi
data=$home/.local/share/warrantdesk
[ -d "$data" ] && [ "$(stat -c %a "$data")" = 700 ] && pass "data in the user data folder ($data, 0700)" || fail "no data folder at $data"
if grep -q '"needs_ocr":false' "$tmp/import.json" && grep -q 'OCR page' "$tmp/import.err"; then
	[ -d "$home/.cache/warrantdesk/pdfium" ] && pass "PDFium's compiled cache in the user cache folder" || fail "no PDFium cache in ~/.cache/warrantdesk/pdfium"
fi
written=$(find "$root" -newer "$tmp/before" ! -type d | head -5 || true)
[ -z "$written" ] && pass "nothing written into the install folder" || fail "written into the install folder: $written"
# Without Tesseract a scan is still read, with the install command.
run samples --scanned --out "$tmp/scans" --n 1 >/dev/null
hint=$(run --tesseract /nonexistent/tesseract extract "$(ls "$tmp/scans"/*.pdf | head -1)" 2>&1 || true)
[[ $hint == *"apt-get install tesseract-ocr"* ]] && pass "a scan without Tesseract: read, with the install command" || fail "no install hint without Tesseract: $hint"

# The desk opens: demo, then on the data folder with the imported order.
desk() { # $1: what, rest: arguments
	local what=$1
	shift
	xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
		env -i PATH=/usr/bin:/bin HOME="'"$home"'" LANG=en_US.UTF-8 DISPLAY="$DISPLAY" XAUTHORITY="$XAUTHORITY" "$@" >"'"$tmp"'/desk.log" 2>&1 &
		pid=$!
		for i in $(seq 1 120); do
			if xdotool search --name "^WarrantDesk$" >/dev/null 2>&1; then
				sleep 2
				import -window root "'"$DIST/.build/desk-$what.png"'" 2>/dev/null || true
				kill $pid; wait $pid 2>/dev/null; exit 0
			fi
			kill -0 $pid 2>/dev/null || exit 1
			sleep 0.5
		done
		kill $pid; exit 1' _ "$@" && ! grep -q "panic\|internal error" "$tmp/desk.log" &&
		pass "the desk opens under Xvfb ($what)" || { cat "$tmp/desk.log"; fail "the desk did not open ($what)"; }
}
desk demo "$bin" demo
desk data "$bin" --data "$data"

# --- .tar.xz -----------------------------------------------------------------
tarball=$(ls "$DIST"/warrantdesk-*-linux-amd64.tar.xz)
tar -C "$tmp" -xJf "$tarball"
src=$(ls -d "$tmp"/warrantdesk-*-linux-amd64)
prefix=$tmp/prefix
make -s -C "$src" install PREFIX="$prefix" >/dev/null && [ "$("$prefix/bin/warrantdesk" --version | cut -d' ' -f2)" = "$VERSION" ] &&
	grep -q "^Exec=$prefix/bin/warrantdesk" "$prefix/share/applications/org.warrantdesk.WarrantDesk.desktop" &&
	pass "tar.xz: make install PREFIX=… runs" || fail "tar.xz: make install"
make -s -C "$src" uninstall PREFIX="$prefix" >/dev/null
left=$(find "$prefix" -type f ! -name '*.cache' | head -3 || true) # the desktop's own caches stay
[ -z "$left" ] && pass "tar.xz: make uninstall removes every file" || fail "tar.xz: uninstall left $left"

# --- Windows -----------------------------------------------------------------
exe=$(ls "$DIST"/warrantdesk-*-windows-amd64.exe 2>/dev/null || true)
if [ -n "$exe" ]; then
	kind=$(file -b "$exe")
	[[ $kind == "PE32+ executable (GUI) x86-64"* ]] && pass "warrantdesk.exe: $kind" || fail "warrantdesk.exe is '$kind', want a PE32+ GUI program"
	# (Through files, not pipes into grep -q: under pipefail the writer's
	# SIGPIPE would fail the check.)
	strings -el "$exe" >"$tmp/exe-strings"
	grep -qx "$VERSION" "$tmp/exe-strings" && pass "warrantdesk.exe carries version information $VERSION" || fail "no version resource"
	grep -q 'requestedExecutionLevel level="asInvoker"' "$exe" && pass "warrantdesk.exe has its manifest (asInvoker)" || fail "no manifest"
	7z l "$exe" >"$tmp/exe-res" 2>&1 && grep -q "ICON" "$tmp/exe-res" && pass "warrantdesk.exe has its icon" || fail "no icon resource"
	setup=$(ls "$DIST"/WarrantDesk-*-windows-amd64-setup.exe)
	kind=$(file -b "$setup")
	[[ $kind == *"Nullsoft Installer"* ]] && pass "setup.exe: $kind" || fail "setup.exe is '$kind'"
	7z l "$setup" >"$tmp/setup-list" && echo "setup.exe contents:" && awk '/^----/{n++; next} n==1 {print "       " $NF}' "$tmp/setup-list"
	for f in warrantdesk.exe THIRD-PARTY-NOTICES.txt sbom.cdx.json README.txt; do
		grep -q " $f\$" "$tmp/setup-list" && pass "setup.exe installs $f" || fail "setup.exe lacks $f"
	done
	for f in "$exe" "$setup"; do
		if osslsigncode verify -in "$f" >"$tmp/sig" 2>&1; then
			pass "$(basename "$f"): signature verified"
		elif grep -q "No signature found" "$tmp/sig"; then
			[ -n "${EXPECT_SIGNED:-}" ] && fail "$(basename "$f") is not signed" || echo "note $(basename "$f") is not signed (set the signing secrets: docs/release.md)"
		else
			cat "$tmp/sig"
			fail "$(basename "$f"): signature does not verify"
		fi
	done
	msi=$(ls "$DIST"/WarrantDesk-*-windows-amd64.msi 2>/dev/null || true)
	if [ -n "$msi" ]; then
		msiinfo suminfo "$msi" >"$tmp/msi-sum" && pass "MSI summary: $(grep -i '^Title\|^Subject' "$tmp/msi-sum" | tr '\n' ' ')" || fail "msiinfo suminfo"
		echo "MSI files:"; msiinfo export "$msi" File | awk -F'\t' 'NR > 3 {print "       " $3}'
		msiinfo export "$msi" Upgrade >"$tmp/msi-upgrade"
		grep -q "WIX_UPGRADE_DETECTED" "$tmp/msi-upgrade" && pass "MSI has its upgrade table (major upgrades in place)" || fail "MSI has no Upgrade table"
	fi
else
	echo "skip Windows: no Windows artefacts in dist/ (make dist-windows)"
fi

if [ "$failures" -gt 0 ]; then
	echo "dist-check: $failures failed"
	exit 1
fi
echo "dist-check: all passed"
