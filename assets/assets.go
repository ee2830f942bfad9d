// Package assets holds the files WarrantDesk ships inside its binary: the
// icon, the decision memo template and the fonts memos are printed with.
package assets

import _ "embed"

// Icon is the application icon (PNG, 256×256), also named in FyneApp.toml.
//
//go:embed icon.png
var Icon []byte

// MemoTemplate is the decision memo (text/template producing the Markdown
// subset app/memo renders to PDF and DOCX). Organisations adapt the wording
// and letterhead here.
//
//go:embed memo.md.tmpl
var MemoTemplate string

// Fonts for PDF memos: DejaVu Sans for every script it covers, Droid Sans
// Fallback for Chinese, Japanese and Korean (fonts/LICENSES.md).
var (
	//go:embed fonts/DejaVuSans.ttf
	FontRegular []byte
	//go:embed fonts/DejaVuSans-Bold.ttf
	FontBold []byte
	//go:embed fonts/DroidSansFallbackFull.ttf
	FontFallback []byte
)
