package extract

import (
	"regexp"
	"strings"

	"github.com/warrantdesk/warrantdesk/app"
)

// A PDF may bundle several orders: three NSLs released together, a letter
// lifting a gag followed by the NSL it concerns, a cover letter, a subpoena
// and a non-disclosure order. A page starts a new order when its first lines
// carry a letterhead or a court's heading and, near the top, a date or a
// file number of its own — what a new letter or order begins with, and what
// a continuation page or an attachment lacks.
var (
	startHeadRe = regexp.MustCompile(`(?i)u\.?\s?s\.?\s+department\s+of\s+justice|federal\s+bureau\s+of\s+investigation|united\s+states\s+(?:district|magistrate)\s+court|in\s+the\s+(?:united\s+states\s+)?(?:district|superior|circuit|crown)\s+court|^\s*(?:united\s+states|state)\s+of\s+`)
	startMarkRe = regexp.MustCompile(`(?i)\bfile\s+no\b|\bcase\s+no\b|\bNSL-?\d|\bsubpoena\s+no\b|\bdocket\s+no\b`)
)

// startLines is how far down a page its start marks are looked for.
const startLines = 14

// Split returns the page ranges of the orders bundled in doc: one range for
// an ordinary file.
func (Extractor) Split(doc *app.Document) []app.PageRange {
	var parts []app.PageRange
	for i, p := range doc.Pages {
		if i == 0 {
			parts = append(parts, app.PageRange{From: p.Number, To: p.Number})
			continue
		}
		if p.Source != app.SourceNone && startsOrder(p) {
			parts = append(parts, app.PageRange{From: p.Number, To: p.Number})
			continue
		}
		parts[len(parts)-1].To = p.Number
	}
	return parts
}

func startsOrder(p app.PageText) bool {
	text := clean(p.Text)
	if p.Recognised() {
		text = fixOCRDigits(text)
	}
	lines := strings.Split(text, "\n")
	var top []string
	for _, l := range lines {
		if strings.TrimSpace(l) != "" {
			top = append(top, l)
		}
		if len(top) == startLines {
			break
		}
	}
	head := strings.Join(top, "\n")
	if !startHeadRe.MatchString(strings.Join(top[:min(len(top), 6)], "\n")) {
		return false
	}
	if startMarkRe.MatchString(head) {
		return true
	}
	for _, l := range top {
		if _, loc, ok := firstDate(l, false); ok && len(strings.TrimSpace(l[:loc[0]]+l[loc[1]:])) <= 30 {
			return true
		}
	}
	return false
}
