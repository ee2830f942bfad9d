package extract

import "strings"

// sectionCaption reads a caption set in columns parted by "§" signs, as
// Texas courts write it:
//
//	THE STATE OF TEXAS  §  IN THE 403RD JUDICIAL
//	                    §  DISTRICT COURT OF
//	COUNTY OF TRAVIS    §  TRAVIS COUNTY, TEXAS
//
// The court's name runs down the column after the signs; read across,
// each line mixes the parties with a third of the name. It returns the
// page with that column joined into one line in place of the caption, or
// false when the head has no such caption (two lines at least).
func sectionCaption(p pageText, n int) (pageText, bool) {
	lines := strings.Split(p.text, "\n")
	first, last := -1, -1
	var column []string
	for i, l := range lines[:min(len(lines), n)] {
		k := strings.LastIndex(l, "§")
		if k < 0 || !loneSign(l, k) {
			if first >= 0 {
				break
			}
			continue
		}
		if first < 0 {
			first = i
		}
		last = i
		if t := strings.TrimSpace(l[k+len("§"):]); t != "" {
			column = append(column, t)
		}
	}
	if first < 0 || last == first || len(column) == 0 {
		return p, false
	}
	out := append(append(append([]string{}, lines[:first]...), strings.Join(column, " ")), lines[last+1:]...)
	p.text = strings.Join(out, "\n")
	return p, true
}

// loneSign reports whether the "§" at k stands alone, as a column rule,
// rather than before a section number ("§ 2703", "§§ 100g").
func loneSign(l string, k int) bool {
	after := strings.TrimLeft(l[k+len("§"):], " ")
	before := strings.TrimRight(l[:k], " ")
	if strings.HasSuffix(before, "§") || after != "" && after[0] >= '0' && after[0] <= '9' {
		return false
	}
	return k+len("§") == len(l) || strings.HasPrefix(l[k+len("§"):], "  ") || before == "" || strings.HasSuffix(l[:k], "  ")
}

// lineStartAt is the offset where line n of text starts (its length when
// it has fewer lines): text[:lineStartAt(text, n)] is its first n lines.
func lineStartAt(text string, n int) int {
	off := 0
	for range n {
		i := strings.IndexByte(text[off:], '\n')
		if i < 0 {
			return len(text)
		}
		off += i + 1
	}
	return off
}
