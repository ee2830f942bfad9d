package assets

import (
	"embed"
	"fmt"
)

// The letters that go back to the authority: common.md.tmpl holds the
// letterhead and signature, each letter's file its wording (text/template
// producing the memo's Markdown subset). Organisations adapt them here.
//
//go:embed letters/*.md.tmpl
var letters embed.FS

// LetterTemplate returns the common template (letterhead, signature) and
// the template of the letter of the given kind ("production", "redirect",
// … as app.LetterKind names them).
func LetterTemplate(kind string) (common, letter string, err error) {
	c, err := letters.ReadFile("letters/common.md.tmpl")
	if err != nil {
		return "", "", err
	}
	l, err := letters.ReadFile("letters/" + kind + ".md.tmpl")
	if err != nil {
		return "", "", fmt.Errorf("no template for the %q letter: %w", kind, err)
	}
	return string(c), string(l), nil
}
