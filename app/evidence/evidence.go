// Package evidence finds where a value was read on a page: the words of
// the snippet a field came from, and the value's words inside it, among
// the page's word boxes (from the text layer or OCR), so the desk can mark
// them on the rendered page. It compares words by their letters and digits
// only (app.WordKey), so OCR's stray punctuation and a text layer's word
// splits matter little.
package evidence

import "github.com/warrantdesk/warrantdesk/app"

// Place is where evidence stands on a page: the snippet's words and,
// inside or near them, the value's.
type Place struct {
	Snippet, Value []app.Word
}

// Found reports whether anything was placed.
func (p Place) Found() bool { return len(p.Snippet)+len(p.Value) > 0 }

// Box is the rectangle round words, in the page's word coordinates.
type Box struct{ X0, Y0, X1, Y1 int }

// Bounds is the box round the place's words (the value's, with the
// snippet's), and false when there are none.
func (p Place) Bounds() (Box, bool) {
	var b Box
	first := true
	for _, set := range [][]app.Word{p.Snippet, p.Value} {
		for _, w := range set {
			if first {
				b, first = Box{w.X, w.Y, w.X + w.W, w.Y + w.H}, false
				continue
			}
			b.X0, b.Y0 = min(b.X0, w.X), min(b.Y0, w.Y)
			b.X1, b.Y1 = max(b.X1, w.X+w.W), max(b.Y1, w.Y+w.H)
		}
	}
	return b, !first
}

// Find finds the snippet among a page's words — the window that shares the
// most words with it, in order, at least half of them — and the value's
// words in or near it; if the snippet is not there, the value anywhere on
// the page.
func Find(words []app.Word, snippet, value string) Place {
	keys := make([]string, len(words))
	for i, w := range words {
		keys[i] = app.WordKey(w.Text)
	}
	var p Place
	start, end := bestWindow(keys, app.WordKeys(snippet))
	if start >= 0 {
		p.Snippet = words[start : end+1]
	}
	vt := app.WordKeys(value)
	if len(vt) == 0 {
		return p
	}
	lo, hi := 0, len(keys)
	if start >= 0 {
		lo, hi = max(start-len(vt), 0), min(end+len(vt)+1, len(keys))
	}
	if i := indexRun(keys, vt, lo, hi); i >= 0 {
		p.Value = words[i : i+len(vt)]
	} else if i := indexRun(keys, vt, 0, len(keys)); i >= 0 {
		p.Value = words[i : i+len(vt)] // then anywhere on the page
	}
	return p
}

// bestWindow returns the first and last index of the run of keys that
// matches most of want in order, or -1, -1 when none matches half of it.
func bestWindow(keys, want []string) (int, int) {
	if len(want) == 0 {
		return -1, -1
	}
	best, start, end := 0, -1, -1
	for i := range keys {
		score, last := 0, i
		for j, k := 0, i; j < len(want) && k < len(keys); j, k = j+1, k+1 {
			if keys[k] == want[j] {
				score++
				last = k
			}
		}
		if score > best {
			best, start, end = score, i, last
		}
	}
	if best < max(1, (len(want)+1)/2) {
		return -1, -1
	}
	return start, end
}

// indexRun is the first i in [lo, hi) where keys[i:] starts with want, or
// -1.
func indexRun(keys, want []string, lo, hi int) int {
	for i := lo; i+len(want) <= hi; i++ {
		same := true
		for j := range want {
			if keys[i+j] != want[j] {
				same = false
				break
			}
		}
		if same {
			return i
		}
	}
	return -1
}
