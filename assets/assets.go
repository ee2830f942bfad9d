// Package assets holds the files WarrantDesk ships inside its binary: the
// icon now, memo templates and desktop metadata later.
package assets

import _ "embed"

// Icon is the application icon (PNG, 256×256), also named in FyneApp.toml.
//
//go:embed icon.png
var Icon []byte
