#!/usr/bin/env bash
# macOS (on a Mac; the release workflow's macos job): WarrantDesk.app and a
# .dmg in dist/, signed when MACOS_SIGN_IDENTITY names a signing identity in
# the keychain, notarised and stapled when APPLE_ID, APPLE_TEAM_ID and
# APPLE_APP_PASSWORD are set too (docs/release.md, "Signing secrets").
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
FYNE=${FYNE:-fyne}
GO=${GO:-go}
DIST=${DIST:-$ROOT/dist}
MODULE=github.com/warrantdesk/warrantdesk
VERSION=$(.ci/dist/dist.sh version)
BASE=${VERSION%%-*}
COMMIT=$(git rev-parse HEAD 2>/dev/null || true)
ARCH=$("$GO" env GOARCH)
work=$(mktemp -d)
# fyne package rewrites FyneApp.toml (it counts builds up); the work tree
# must be left as it was.
cp FyneApp.toml "$work/FyneApp.toml"
trap 'cp "$work/FyneApp.toml" FyneApp.toml; rm -rf "$work"' EXIT
mkdir -p "$DIST"

# Our own go build, so the binary carries the version stamp and -trimpath;
# fyne package then only wraps it (it uses an existing executable as is).
CGO_ENABLED=1 "$GO" build -trimpath -buildvcs=false \
	-ldflags "-s -w -buildid= -X $MODULE/app/version.number=$VERSION -X $MODULE/app/version.commit=$COMMIT" \
	-o "$work/warrantdesk" .
# The build number must grow from release to release: the commit count.
build=$(git rev-list --count HEAD 2>/dev/null || echo 1)
(cd "$work" && "$FYNE" package -os darwin --release --src "$ROOT" --executable "$work/warrantdesk" \
	--name WarrantDesk --app-id org.warrantdesk.WarrantDesk --app-version "$BASE" --app-build "$build" \
	--icon "$ROOT/assets/icon.png")
app="$work/WarrantDesk.app"
[ -d "$app" ] || app=$(find "$work" "$ROOT" -maxdepth 1 -name 'WarrantDesk.app' | head -1)
rm -rf "$DIST/WarrantDesk.app"
mv "$app" "$DIST/WarrantDesk.app"
"$DIST/WarrantDesk.app/Contents/MacOS/warrantdesk" --version
if [ -n "${MACOS_SIGN_IDENTITY:-}" ]; then
	# The hardened runtime and a secure timestamp: what notarisation asks.
	codesign --force --options runtime --timestamp --sign "$MACOS_SIGN_IDENTITY" "$DIST/WarrantDesk.app"
	codesign --verify --strict --verbose=2 "$DIST/WarrantDesk.app"
else
	echo "dist: MACOS_SIGN_IDENTITY is not set: WarrantDesk.app is not signed (Gatekeeper will warn)" >&2
fi

stage="$work/dmg"
mkdir -p "$stage"
cp -R "$DIST/WarrantDesk.app" "$stage/"
ln -s /Applications "$stage/Applications"
cp assets/THIRD-PARTY-NOTICES.txt "$stage/THIRD-PARTY-NOTICES.txt"
dmg="$DIST/WarrantDesk-$VERSION-macos-$ARCH.dmg"
rm -f "$dmg"
hdiutil create -volname "WarrantDesk $VERSION" -srcfolder "$stage" -fs HFS+ -format UDZO -ov "$dmg" >/dev/null
if [ -n "${MACOS_SIGN_IDENTITY:-}" ]; then
	codesign --force --timestamp --sign "$MACOS_SIGN_IDENTITY" "$dmg"
	if [ -n "${APPLE_ID:-}" ] && [ -n "${APPLE_TEAM_ID:-}" ] && [ -n "${APPLE_APP_PASSWORD:-}" ]; then
		xcrun notarytool submit "$dmg" --apple-id "$APPLE_ID" --team-id "$APPLE_TEAM_ID" --password "$APPLE_APP_PASSWORD" --wait
		xcrun stapler staple "$dmg"
	else
		echo "dist: the notarisation secrets are not set: the .dmg is signed but not notarised" >&2
	fi
fi
echo "dist: $dmg"
