package memo

import (
	"strings"
	"unicode"
)

// esc makes a value safe to place in the memo's Markdown: whatever a note,
// a name, a file name or a field read from an order holds, it stays one
// run of text inside the line the template put it in. So it cannot start a
// heading, a list item or a paragraph, and cannot turn bold, code, a link,
// an image, HTML or a table cell, in our renderers (PDF, DOCX) or in any
// Markdown viewer the .md memo is opened in.
//
//   - line breaks of every kind (and tabs, form feeds) become spaces;
//   - bidirectional overrides and other invisible format characters,
//     which can make text display in another order than it reads, go;
//   - Markdown's inline punctuation is escaped with a backslash
//     (CommonMark allows it before any ASCII punctuation);
//   - a value that would begin a block if it began a line ("# ", "- ",
//     "1. ", "> ") has that first character escaped too.
func esc(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		switch {
		case r == '\n' || r == '\r' || r == '\t' || r == '\v' || r == '\f' || r == '\u0085' || r == '\u2028' || r == '\u2029':
			space = true
			continue
		case unicode.Is(unicode.Cf, r) || unicode.IsControl(r):
			continue
		}
		if space {
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
		}
		if strings.ContainsRune("\\`*_[]<>|~&", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	out := strings.TrimSpace(b.String())
	if out != "" && (strings.ContainsRune("#+-=>", rune(out[0])) || orderedMarker(out)) {
		out = "\\" + out
	}
	return out
}

// orderedMarker reports whether s begins like an ordered list item: digits
// and then "." or ")".
func orderedMarker(s string) bool {
	i := 0
	for i < len(s) && i < 9 && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i > 0 && i < len(s) && (s[i] == '.' || s[i] == ')')
}

// plain is a line of the memo's Markdown as text: escapes undone, bold
// marks gone.
func plain(s string) string {
	var b strings.Builder
	for _, sp := range spans(s) {
		b.WriteString(sp.text)
	}
	return b.String()
}
