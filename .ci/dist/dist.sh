#!/usr/bin/env bash
# Builds the release artefacts into dist/ (make dist): see docs/release.md.
#   .ci/dist/dist.sh [linux|windows|sums|all]
# Reproducible: the Linux binary, .deb and .tar.xz are byte-identical from
# one commit to the next build of it (.ci/dist/reproducible.sh checks), as
# everything is stamped with the commit's time, never the clock's.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
GO=${GO:-go}
DIST=${DIST:-$ROOT/dist}
BUILD=$DIST/.build
ID=org.warrantdesk.WarrantDesk
MODULE=github.com/warrantdesk/warrantdesk
PKG=$ROOT/assets/packaging
TOOLS=$("$GO" env GOPATH)/bin
ICON_SIZES="16 22 24 32 48 64 128 256"
export LC_ALL=C TZ=UTC

# --- version, from git tags -------------------------------------------------
tomlversion=$(sed -n 's/^ *Version *= *"\(.*\)".*/\1/p' FyneApp.toml)
COMMIT=$(git rev-parse HEAD 2>/dev/null || true)
describe=$(git describe --tags --match 'v[0-9]*' --dirty 2>/dev/null || true)
if [ -n "$describe" ]; then
	VERSION=${describe#v}                  # 1.2.0, 1.2.0-3-gabc1234, …-dirty
elif [ -n "$COMMIT" ]; then
	VERSION="$tomlversion-dev-g${COMMIT:0:7}" # no tag yet
	git diff --quiet HEAD 2>/dev/null || VERSION+="-dirty"
else
	VERSION="$tomlversion-dev"
fi
BASE=${VERSION%%-*}
AHEAD=0
if [[ $VERSION =~ ^[0-9.]+-([0-9]+)-g[0-9a-f]+ ]]; then AHEAD=${BASH_REMATCH[1]}; fi
# Windows and the installer want four numbers.
VERSION4="$BASE.$AHEAD"
# Debian orders 1.2.0~dev before 1.2.0 before 1.2.0+3.
case $VERSION in
	*-dev*) DEBVERSION="$BASE~${VERSION#"$BASE"-}" ;;
	*-*) DEBVERSION="$BASE+${VERSION#"$BASE"-}" ;;
	*) DEBVERSION=$BASE ;;
esac
DEBVERSION=${DEBVERSION//-/.}
SOURCE_DATE_EPOCH=$(git log -1 --format=%ct 2>/dev/null || echo 0)
export SOURCE_DATE_EPOCH
LDFLAGS="-s -w -buildid= -X $MODULE/app/version.number=$VERSION -X $MODULE/app/version.commit=$COMMIT"

check_versions() {
	if [[ $BASE != "$tomlversion" ]] && [[ $VERSION != *-dev* ]]; then
		if [ "$AHEAD" = 0 ]; then
			echo "dist: the tag says $BASE but FyneApp.toml says $tomlversion: set Version = \"$BASE\" in FyneApp.toml, commit, and tag again" >&2
			exit 1
		fi
		echo "dist: note: FyneApp.toml says $tomlversion, the last tag $BASE; set it before the next tag" >&2
	fi
	"$GO" run ./.ci/dist/notices -check
}

# stamp gives every file under $1 the commit's time, for byte-identical
# archives.
stamp() { find "$1" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +; }

icons() { # $1: hicolor root
	local size
	for size in $ICON_SIZES; do
		mkdir -p "$1/${size}x${size}/apps"
		convert assets/icon.png -resize "${size}x${size}" -strip -define png:exclude-chunks=date,time "$1/${size}x${size}/apps/$ID.png"
	done
}

# --- Linux ------------------------------------------------------------------
linux_binary() {
	mkdir -p "$BUILD/linux"
	echo "dist: building the Linux binary ($VERSION)"
	CGO_ENABLED=1 GOOS=linux GOARCH=amd64 "$GO" build -trimpath -buildvcs=false -ldflags "$LDFLAGS" -o "$BUILD/linux/warrantdesk" .
}

sbom() { # $1 binary, $2 output
	"$TOOLS/cyclonedx-gomod" bin -json -licenses -noserial -notimestamp -version "v$VERSION" -output "$2" "$1" 2>"$BUILD/sbom.log" || {
		cat "$BUILD/sbom.log" >&2
		exit 1
	}
}

# share lays out the files a Linux install has besides the binary, under
# $1 (a prefix such as usr).
share() {
	local s=$1/share release_date
	release_date=$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y-%m-%d)
	install -Dm644 "$PKG/linux/$ID.desktop" "$s/applications/$ID.desktop"
	mkdir -p "$s/metainfo"
	sed -e "s/@VERSION@/$VERSION/" -e "s/@DATE@/$release_date/" "$PKG/linux/$ID.metainfo.xml" >"$s/metainfo/$ID.metainfo.xml"
	icons "$s/icons/hicolor"
	install -Dm644 assets/THIRD-PARTY-NOTICES.txt "$s/doc/warrantdesk/THIRD-PARTY-NOTICES"
	install -Dm644 "$BUILD/sbom-linux-amd64.cdx.json" "$s/doc/warrantdesk/sbom.cdx.json"
}

deb() {
	local root=$BUILD/deb
	rm -rf "$root"
	install -Dm755 "$BUILD/linux/warrantdesk" "$root/usr/bin/warrantdesk"
	share "$root/usr"
	sed -e "s/@VERSION@/$VERSION/" "$PKG/linux/copyright" >"$root/usr/share/doc/warrantdesk/copyright"
	printf 'warrantdesk (%s) stable; urgency=medium\n\n  * Release %s (commit %s).\n\n -- The WarrantDesk developers <warrantdesk@users.noreply.github.com>  %s\n' \
		"$DEBVERSION" "$VERSION" "${COMMIT:0:12}" "$(date -u -R -d "@$SOURCE_DATE_EPOCH")" | gzip -9n >"$root/usr/share/doc/warrantdesk/changelog.gz"
	mkdir -p "$root/DEBIAN"
	(cd "$root" && find usr -type f | sort | xargs md5sum >DEBIAN/md5sums)
	local size
	size=$(du -sk --apparent-size "$root/usr" | cut -f1)
	sed -e "s/@DEBVERSION@/$DEBVERSION/" -e "s/@SIZE@/$size/" "$PKG/linux/control" >"$root/DEBIAN/control"
	find "$root" -type d -exec chmod 755 {} +
	stamp "$root"
	dpkg-deb --root-owner-group -Zxz --build "$root" "$DIST/warrantdesk_${DEBVERSION}_amd64.deb" >/dev/null
	echo "dist: $DIST/warrantdesk_${DEBVERSION}_amd64.deb"
}

tarball() {
	local name=warrantdesk-$VERSION-linux-amd64
	local root=$BUILD/tar/$name
	rm -rf "$BUILD/tar"
	install -Dm755 "$BUILD/linux/warrantdesk" "$root/bin/warrantdesk"
	share "$root"
	install -Dm644 "$PKG/linux/Makefile" "$root/Makefile"
	printf 'WarrantDesk %s for Linux (x86-64)\n\nInstall: make install (into /usr/local, as root) or make install PREFIX=$HOME/.local\nUninstall: make uninstall with the same PREFIX. Needs Tesseract for scans: see Makefile.\n' "$VERSION" >"$root/README"
	stamp "$root"
	tar --sort=name --mtime="@$SOURCE_DATE_EPOCH" --owner=0 --group=0 --numeric-owner \
		--pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime \
		-C "$BUILD/tar" -cf - "$name" | xz -T1 -6 >"$DIST/$name.tar.xz"
	echo "dist: $DIST/$name.tar.xz"
}

linux() {
	check_versions
	rm -f "$DIST"/warrantdesk_*_amd64.deb "$DIST"/warrantdesk-*-linux-amd64.tar.xz
	linux_binary
	sbom "$BUILD/linux/warrantdesk" "$BUILD/sbom-linux-amd64.cdx.json"
	cp "$BUILD/sbom-linux-amd64.cdx.json" "$DIST/"
	cp assets/THIRD-PARTY-NOTICES.txt "$DIST/THIRD-PARTY-NOTICES.txt"
	deb
	tarball
}

# --- Windows ----------------------------------------------------------------
windows() {
	check_versions
	rm -f "$DIST"/*-windows-amd64*
	local w=$BUILD/windows
	mkdir -p "$w/stage"
	convert assets/icon.png -define icon:auto-resize=256,64,48,32,24,16 "$w/warrantdesk.ico"
	local comma=${VERSION4//./,}
	sed -e "s/@VERSION4@/$VERSION4/" "$PKG/windows/warrantdesk.exe.manifest" >"$w/warrantdesk.exe.manifest"
	sed -e "s/@VERSIONCOMMA@/$comma/" -e "s/@VERSION@/$VERSION/" "$PKG/windows/warrantdesk.rc" >"$w/warrantdesk.rc"
	(cd "$w" && x86_64-w64-mingw32-windres -O coff -i warrantdesk.rc -o rsrc.o)
	echo "dist: building the Windows program ($VERSION; the first build compiles Fyne's C for Windows: ~15-30 minutes)"
	# The resources are linked in by the C linker, so that no generated
	# .syso lands in the source tree.
	CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC=x86_64-w64-mingw32-gcc \
		"$GO" build -trimpath -buildvcs=false -ldflags "$LDFLAGS -H windowsgui -linkmode=external -extldflags=$w/rsrc.o" \
		-o "$w/stage/warrantdesk.exe" .
	sbom "$w/stage/warrantdesk.exe" "$w/stage/sbom.cdx.json"
	cp "$w/stage/sbom.cdx.json" "$DIST/sbom-windows-amd64.cdx.json"
	local notices=$w/stage/THIRD-PARTY-NOTICES.txt
	cp assets/THIRD-PARTY-NOTICES.txt "$notices"
	local tess=()
	if [ -n "${TESSERACT_WINDOWS_DIR:-}" ]; then
		# Tesseract's Windows build, shipped beside warrantdesk.exe.
		tess=(-DTESSERACT="$TESSERACT_WINDOWS_DIR")
		printf '\n%s\nTESSERACT (shipped in the tesseract folder)\n\n' "================================================================================" >>"$notices"
		cat "$TESSERACT_WINDOWS_DIR"/LICENSE* "$TESSERACT_WINDOWS_DIR"/doc/LICENSE* 2>/dev/null >>"$notices" || true
	fi
	sed -e 's/$/\r/' "$notices" >"$notices.crlf" && mv "$notices.crlf" "$notices"
	sed -e "s/@VERSION@/$VERSION/" -e 's/$/\r/' "$PKG/windows/README.txt" >"$w/stage/README.txt"
	cp "$w/warrantdesk.ico" "$w/stage/"
	cp "$w/stage/warrantdesk.exe" "$DIST/warrantdesk-$VERSION-windows-amd64.exe"
	makensis -V2 -INPUTCHARSET UTF8 "-DVERSION=$VERSION" "-DVERSION4=$VERSION4" "-DSRC=$w/stage" \
		"-DOUT=$DIST/WarrantDesk-$VERSION-windows-amd64-setup.exe" "${tess[@]}" "$PKG/windows/installer.nsi"
	echo "dist: $DIST/WarrantDesk-$VERSION-windows-amd64-setup.exe"
	# The MSI for deployment tools. Its version has three numbers and
	# upgrades compare those; only tagged releases are meant to be deployed.
	# (wixl wants the sources relative.)
	(cd "$w" && wixl -a x64 -D "Version=$BASE" -D "FullVersion=$VERSION" -D SourceDir=stage \
		-o "$DIST/WarrantDesk-$VERSION-windows-amd64.msi" "$PKG/windows/warrantdesk.wxs" 2> >(grep -v 'GLib-GObject-WARNING\|^$' >&2))
	echo "dist: $DIST/WarrantDesk-$VERSION-windows-amd64.msi"
}

sums() {
	(cd "$DIST" && find . -maxdepth 1 -type f ! -name SHA256SUMS ! -name '.*' -printf '%f\n' | sort | xargs sha256sum >SHA256SUMS)
	echo "dist: $DIST/SHA256SUMS"
}

mkdir -p "$DIST" "$BUILD"
case ${1:-all} in
	version) echo "$VERSION" ;;
	linux) linux ;;
	windows) windows ;;
	sums) sums ;;
	all) linux && windows && sums ;;
	*) echo "usage: $0 [version|linux|windows|sums|all]" >&2; exit 2 ;;
esac
