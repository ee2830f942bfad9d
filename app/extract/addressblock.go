package extract

import (
	"regexp"
	"strings"
	"sync"
	"unicode"
)

// placeLineRe is the last line of a postal address: a town with its state
// and perhaps a ZIP code ("San Francisco, CA", "Redmond, Washington 98052"),
// or a postcode before the town ("80331 München").
var placeLineRe = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(?:\p{Lu}[\p{L}.'’ -]{1,40},\s*(\p{Lu}[\p{L}. ]{1,30}?)(?:\s+[0-9]{5}(?:-[0-9]{4})?)?|(?:[A-Z]{1,2}-)?[0-9]{4,5}\s+\p{Lu}[\p{L}.'’ -]{1,40})$`)
})

// placeLine reports whether v is only a postal address's town line. After
// a comma the state must be one ("Example Platforms, Inc." is a company).
func placeLine(v string) bool {
	m := placeLineRe().FindStringSubmatch(cleanLine(v))
	if m == nil {
		return false
	}
	if st := strings.TrimRight(m[1], ". "); st != "" {
		_, named := usStates[strings.ToLower(st)]
		return named || validState(st)
	}
	return true
}

// cleanLine folds a line's spacing and drops the specks OCR leaves between
// words (a lone ";" or "|").
func cleanLine(l string) string {
	var kept []string
	for _, w := range strings.Fields(l) {
		if strings.IndexFunc(w, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0 {
			kept = append(kept, w)
		}
	}
	return strings.Join(kept, " ")
}

// addresseeAbove reads the addressee of a form's "To:" box, whose name
// block (name, street, town) stands to the right of the label and ends on
// or above the label's line: when the value beside the label, or the line
// just above the label, is a town line, the name is the block's first
// line, over at most five lines above, stopping at a title or prose.
func addresseeAbove(p pair, text string) (string, hit, bool) {
	if p.labelStart <= 0 || p.labelStart > len(text) {
		return "", hit{}, false
	}
	end := strings.LastIndexByte(text[:p.labelStart], '\n')
	if !(!p.below && placeLine(p.value)) && !placeLine(lineBefore(text, end)) {
		return "", hit{}, false
	}
	var name string
	var at hit
	for seen := 0; end > 0 && seen < 5; {
		start := strings.LastIndexByte(text[:end], '\n') + 1
		raw := text[start:end]
		end = start - 1
		l := cleanLine(raw)
		if l == "" {
			continue
		}
		seen++
		if placeLine(l) || unicode.IsDigit([]rune(l)[0]) {
			continue // the town or the street of the block
		}
		v, ok := blockName(l)
		if !ok {
			break
		}
		name, at = v, hit{page: p.page, start: start, end: start + len(raw), text: text, groups: []string{l}}
	}
	return name, at, name != ""
}

// lineBefore is the last non-empty line of text ending at end.
func lineBefore(text string, end int) string {
	for end > 0 {
		start := strings.LastIndexByte(text[:end], '\n') + 1
		if l := strings.TrimSpace(text[start:end]); l != "" {
			return l
		}
		end = start - 1
	}
	return ""
}

// blockName reads a name block's line as a name; a title or prose ends the
// block.
func blockName(l string) (string, bool) {
	if headingTitle(l) || !headingLike(l) || strings.ContainsAny(l, ":@") || len(l) > 60 {
		return "", false
	}
	return recipientValue(l, false)
}
