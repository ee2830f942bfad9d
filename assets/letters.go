package assets

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
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

// LetterTemplates returns a LetterTemplate that prefers the organisation's
// own wording: common.md.tmpl and KIND.md.tmpl in dir (the data folder's
// letters/), each where it exists, else the embedded one. An unreadable
// file there is an error, not a silent fall-back.
func LetterTemplates(dir string) func(kind string) (string, string, error) {
	return func(kind string) (string, string, error) {
		common, letter, err := LetterTemplate(kind)
		if err != nil || dir == "" {
			return common, letter, err
		}
		for _, t := range []struct {
			name string
			dst  *string
		}{{"common.md.tmpl", &common}, {kind + ".md.tmpl", &letter}} {
			b, err := os.ReadFile(filepath.Join(dir, t.name))
			switch {
			case err == nil:
				*t.dst = string(b)
			case !errors.Is(err, fs.ErrNotExist):
				return "", "", fmt.Errorf("the organisation's letter template %s cannot be read: %w", filepath.Join(dir, t.name), err)
			}
		}
		return common, letter, nil
	}
}
