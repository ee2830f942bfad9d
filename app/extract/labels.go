package extract

import (
	"regexp"
	"strings"
	"sync"
	"unicode"
)

// Orders and forms give many of their facts as label–value pairs, in
// every layout and language: "Case No.: 2:25-mj-1", "Issuing authority
// Staatsanwaltschaft Frankfurt" across a column gap, "FILE NO." over
// "R2-26-0093" in a box, "Our ref. 20BE/118734N/26". Labels are open
// ended, so they are read generically first — a short label, then a colon,
// a column gap or the next line, then the value — and each field then
// asks which labels name it (fieldLabels) and whether the value has the
// field's shape.

// pair is one label and its value on a page.
type pair struct {
	label      string // lower case, accents kept, spacing folded
	value      string
	page       int
	start, end int // the value's span in the page text
	labelStart int
	below      bool // the value stands under its label, not beside it
	line       int  // the label's line on the page
	inline     bool // a number's marker found in running text
}

// maxLabelWords bounds a label: longer text is a sentence, not a label.
const maxLabelWords = 8

type labelREs struct{ colon, marker *regexp.Regexp }

var labelRes = sync.OnceValue(func() labelREs {
	return labelREs{
		// A label ends in a colon, or is a cell followed by a column gap.
		colon: regexp.MustCompile(`^(?:\(?[a-z0-9]{1,3}[.)]\s+)?([\p{L}][\p{L}\p{M}0-9 .,'’/&#()°º\-]{0,70}?)\s*[:：]\s*(.*)$`),
		// A number's marker inside running text: "Refer to File No.
		// NSL-1", "Cr. No. 412/2026", "ref. PL1500-2026".
		marker: regexp.MustCompile(`(?i)\b((?:[\p{L}][\p{L}.'\-]*\s+){0,3}?(?:no\b\.?|nr\b\.?|n[°º]\.?|n\.\s?º|number|#|ref\b\.?|reference|aktenzeichen|az\b\.?|gz\b\.?))[ \t]*[:.]?[ \t]*([\p{L}0-9(][^\n]{0,60})`),
	}
})

// pairsOf reads the label–value pairs of page k of the corpus, once.
func (c *corpus) pairsOf(k int) []pair {
	p := &c.pages[k]
	if p.pairsRead {
		return p.pairs
	}
	p.pairsRead = true
	p.pairs = readPairs(p.num, p.text)
	return p.pairs
}

// allPairs returns the pairs of every page of the corpus.
func (c *corpus) allPairs() []pair {
	var out []pair
	for k := range c.pages {
		out = append(out, c.pairsOf(k)...)
	}
	return out
}

// cell is a run of text on a line between column gaps.
type cell struct {
	text       string
	start, end int // offsets in the page text
}

func cellsOf(line string, off int) []cell {
	var out []cell
	i := 0
	for i < len(line) {
		j := strings.Index(line[i:], "  ")
		end := len(line)
		if j >= 0 {
			end = i + j
		}
		if t := strings.TrimSpace(line[i:end]); t != "" {
			s := i + strings.Index(line[i:end], t)
			out = append(out, cell{t, off + s, off + s + len(t)})
		}
		if j < 0 {
			break
		}
		i = end
		for i < len(line) && line[i] == ' ' {
			i++
		}
	}
	return out
}

func readPairs(page int, text string) []pair {
	re := labelRes().colon
	var out []pair
	lines := strings.Split(text, "\n")
	offs := make([]int, len(lines))
	cells := make([][]cell, len(lines))
	off := 0
	for i, l := range lines {
		offs[i] = off
		cells[i] = cellsOf(l, off)
		off += len(l) + 1
	}
	for i := range lines {
		row := cells[i]
		for k, c := range row {
			// "Label: value" in one cell, or "Label:" and the value in the
			// next cell.
			if m := re.FindStringSubmatchIndex(c.text); m != nil && isLabel(c.text[m[2]:m[3]]) {
				label := c.text[m[2]:m[3]]
				if m[4] < m[5] {
					out = append(out, pair{label: normLabel(label), value: c.text[m[4]:m[5]], page: page, start: c.start + m[4], end: c.end, labelStart: c.start, line: i})
					continue
				}
				if k+1 < len(row) {
					v := row[k+1]
					out = append(out, pair{label: normLabel(label), value: v.text, page: page, start: v.start, end: v.end, labelStart: c.start, line: i})
					continue
				}
				if v, ok := below(cells, i, k, len(row)); ok {
					out = append(out, pair{label: normLabel(label), value: v.text, page: page, start: v.start, end: v.end, labelStart: c.start, below: true, line: i})
				}
				continue
			}
			// "Issuing authority  Staatsanwaltschaft …": a label cell, a
			// column gap, the value.
			if isLabel(c.text) && k+1 < len(row) && !strings.HasSuffix(row[k+1].text, ":") && !boxRow(cells, i) {
				v := row[k+1]
				out = append(out, pair{label: normLabel(c.text), value: v.text, page: page, start: v.start, end: v.end, labelStart: c.start, line: i})
				continue
			}
			// "Parketnummer 10/284117-26", "Grand Jury No. 26 GJ 318": a
			// label run into its value, which begins with a digit.
			if lbl, v, ok := inlineLabel(c.text); ok {
				s := c.start + v
				out = append(out, pair{label: normLabel(lbl), value: c.text[v:], page: page, start: s, end: c.end, labelStart: c.start, line: i})
				continue
			}
			// A row of labels over a row of values (a form's boxes), or a
			// label alone on its line over its value.
			if isLabel(c.text) && len(strings.Fields(c.text)) <= 6 && (len(row) == 1 || allLabels(row)) {
				if v, ok := below(cells, i, k, len(row)); ok && len(v.text) <= 80 {
					out = append(out, pair{label: normLabel(c.text), value: v.text, page: page, start: v.start, end: v.end, labelStart: c.start, below: true, line: i})
				}
			}
		}
		for _, m := range labelRes().marker.FindAllStringSubmatchIndex(lines[i], -1) {
			if !hasDigit(lines[i][m[4]:m[5]]) {
				continue
			}
			out = append(out, pair{label: normLabel(lines[i][m[2]:m[3]]), value: lines[i][m[4]:m[5]], page: page, start: offs[i] + m[4], end: offs[i] + m[5], labelStart: offs[i] + m[2], line: i, inline: true})
		}
	}
	return out
}

// inlineLabel splits a cell into a label of up to five words and a value
// that begins at the first word holding a digit.
func inlineLabel(text string) (string, int, bool) {
	words := 0
	for i := 0; i < len(text); {
		for i < len(text) && text[i] == ' ' {
			i++
		}
		j := strings.IndexByte(text[i:], ' ')
		if j < 0 {
			j = len(text) - i
		}
		w := text[i : i+j]
		if hasDigit(w) {
			if words == 0 || words > 5 {
				return "", 0, false
			}
			lbl := strings.TrimSpace(text[:i])
			return lbl, i, isLabel(lbl)
		}
		words++
		i += j
	}
	return "", 0, false
}

// below finds the value under the label in cell k of line i: the cell at
// the same place on the next non-blank line, when that line has as many
// cells (a row of boxes) or the label stands alone.
func below(cells [][]cell, i, k, n int) (cell, bool) {
	for j := i + 1; j < len(cells) && j <= i+2; j++ {
		row := cells[j]
		if len(row) == 0 {
			continue
		}
		if n == 1 && len(row) >= 1 && (!isLabel(row[0].text) || capsOverValue(cells[i][k].text, row[0].text)) {
			return row[0], true
		}
		if len(row) == n && !isLabel(row[k].text) {
			return row[k], true
		}
		return cell{}, false
	}
	return cell{}, false
}

// capsOverValue reports whether a label in capitals stands over a line
// that is its value though it reads like a label too: a form's item
// ("5. COMMISSION COUNSEL" over "Imogen S. Rautenberg, Division of …")
// labels in capitals and is filled in ordinary case.
func capsOverValue(label, value string) bool {
	l := enumerator().ReplaceAllString(strings.TrimSpace(label), "")
	return upperShare(l) >= 0.9 && upperShare(value) < 0.5 && !strings.HasSuffix(strings.TrimSpace(value), ":")
}

// boxRow reports whether line i is a row of a form's boxes: labels over
// as many values on the next line.
func boxRow(cells [][]cell, i int) bool {
	if len(cells[i]) < 2 {
		return false
	}
	for _, c := range cells[i] {
		if !strongLabel(c.text) {
			return false
		}
	}
	for j := i + 1; j < len(cells) && j <= i+2; j++ {
		if len(cells[j]) > 0 {
			return len(cells[j]) == len(cells[i])
		}
	}
	return false
}

var labelWordRe = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)\b(?:no\.?|number|#|date|time|name|address|signature|title|place|phone|e-?mail|company|to|from|sent|type|identifier|username|period|rank|badge|agency|case|incident|supervisor|issued|matter|file|ref)\b`)
})

// strongLabel reports whether a cell is surely a label: it ends in a
// colon, is in capitals, or names what a form asks for.
func strongLabel(t string) bool {
	return isLabel(t) && (strings.HasSuffix(t, ":") || upperShare(t) >= 0.6 || labelWordRe().MatchString(t))
}

func allLabels(row []cell) bool {
	for _, c := range row {
		if !isLabel(c.text) {
			return false
		}
	}
	return len(row) > 1
}

// isLabel reports whether text reads as a label: a few words, mostly
// letters, not a sentence.
func isLabel(text string) bool {
	t := strings.TrimRight(strings.TrimSpace(text), ":：")
	t = enumerator().ReplaceAllString(t, "") // "5. COMMISSION COUNSEL", "(b) Contact"
	if t == "" || len(t) > 80 {
		return false
	}
	words := strings.Fields(t)
	if len(words) > maxLabelWords {
		return false
	}
	letters, digits := 0, 0
	for _, r := range t {
		switch {
		case unicode.IsLetter(r):
			letters++
		case unicode.IsDigit(r):
			digits++
		}
	}
	if letters < 2 || digits > letters/2 {
		return false
	}
	// A sentence ends in a full stop; an abbreviation does not count.
	if last := words[len(words)-1]; strings.HasSuffix(t, ".") && len(words) > 3 && len([]rune(last)) > 4 && !strings.Contains(last[:len(last)-1], ".") {
		return false
	}
	return unicode.IsLetter([]rune(t)[0]) || t[0] == '('
}

var enumerator = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(?:\(?[0-9]{1,2}[a-z]?[.)]|\([a-z]\)|[a-z]\))\s+`)
})

// normLabel folds a label for matching: lower case, spacing and trailing
// punctuation folded.
func normLabel(s string) string {
	s = enumerator().ReplaceAllString(strings.TrimSpace(s), "")
	s = strings.ToLower(strings.Join(strings.Fields(s), " "))
	return strings.TrimRight(s, " :：")
}
