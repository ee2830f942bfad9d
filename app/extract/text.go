package extract

import (
	"regexp"
	"strings"

	"github.com/warrantdesk/warrantdesk/app"
)

// corpus is an order's text prepared for matching: each page's text with
// runs of blanks folded, so rules can use \s+ across line breaks. A file's
// pages are prepared once (prepare); an order of a bundle is a sub-corpus
// of the same prepared pages.
type corpus struct {
	pages []pageText
	// lead is the index of the order's own first page: after a cover
	// letter, a fax cover sheet or an application that comes with it. Its
	// heading says what the order is.
	lead int
	// memo keeps each pattern's matches in this corpus (all).
	memo map[*regexp.Regexp][]hit
}

type pageText struct {
	num        int
	text       string
	lower      string // for the literal prefilter only: offsets differ
	recognised bool   // OCR text, with OCR's errors
	// words are an OCR page's words with the engine's confidence in each
	// (ocrsure.go).
	words []app.Word
	// role says what the page belongs to: the order itself, or a paper
	// that accompanies it (cover, application).
	role pageRole
	// starts is set on the first page of a document within the file.
	starts bool
	// pairs are the page's label–value pairs, read on first use.
	pairs     []pair
	pairsRead bool
	// parts says which part of the order each line stands in (whose.go).
	parts []linePart
	// dates are the page's dates, found on first use (datesOf).
	dates         []dateSpan
	datesRead     bool
	datesDayFirst bool // how the numeric dates were read
}

// prepare cleans every page of doc once: the splitter, the rules and the
// review checks all read this text.
func prepare(doc *app.Document) *corpus {
	compileRules()
	c := &corpus{}
	for _, p := range doc.Pages {
		if p.Source == app.SourceNone {
			continue
		}
		text := p.Text
		if p.Source == app.SourceOCR {
			if t, ok := ocrLayout(p.Words); ok {
				text = t
			}
		}
		t := clean(text)
		if p.Recognised() {
			t = repairOCRShapes(fixOCRDigits(cleanOCR(t)))
		}
		pt := pageText{num: p.Number, text: t, lower: strings.ToLower(t), recognised: p.Recognised()}
		if p.Source == app.SourceOCR {
			pt.words = p.Words
		}
		c.pages = append(c.pages, pt)
	}
	return c
}

// hit is one match of a rule, with where it stands.
type hit struct {
	page   int
	start  int // byte offsets into the page text
	end    int
	groups []string
	text   string // the page text the offsets refer to
}

// leadPage is the order's own first page.
func (c *corpus) leadPage() pageText { return c.pages[c.lead] }

// pageNumbered is the page numbered n in the file (a field's Page), nil if
// the order has none.
func (c *corpus) pageNumbered(n int) *pageText {
	for i := range c.pages {
		if c.pages[i].num == n {
			return &c.pages[i]
		}
	}
	return nil
}

var (
	blankRun  *regexp.Regexp
	softBreak = strings.NewReplacer("\u00AD", "", "\x02", "", "\uFB00", "ff", "\uFB01", "fi", "\uFB02", "fl", "\uFB03", "ffi", "\uFB04", "ffl", "\uFB06", "st",
		"\u2010", "-", "\u2011", "-", "\u2012", "-", "\u2013", "-", "\u2014", "-", "\u2212", "-",
		"\u201C", `"`, "\u201D", `"`, "\u2018", "'", "\u2019", "'", "\r\n", "\n", "\r", "\n")
)

// clean folds the typographic variety of producers into plain forms: one
// kind of dash, straight quotes, single spaces (two or more become a
// column gap, written as two spaces), no soft hyphens, ASCII digits and
// letters for full-width ones ("１４２７").
func clean(s string) string {
	s = softBreak.Replace(s)
	s = strings.Map(func(r rune) rune {
		if r >= 0xFF01 && r <= 0xFF5E && (r >= 0xFF10 && r <= 0xFF19 || r >= 0xFF21 && r <= 0xFF3A || r >= 0xFF41 && r <= 0xFF5A) {
			return r - 0xFEE0
		}
		return r
	}, s)
	lines := strings.Split(s, "\n")
	out := lines[:0]
	for _, l := range lines {
		justified := isJustified(l)
		l = blankRun.ReplaceAllStringFunc(l, func(b string) string {
			if justified {
				return " "
			}
			if len(b) >= 2 {
				return "  "
			}
			return " "
		})
		out = append(out, unspace(strings.TrimSpace(l)))
	}
	// Words hyphenated at a line end ("Mag-\nistrate") are joined again;
	// a hyphen before a digit or capital (a case number) stays, and so
	// does one inside an e-mail address that spells a name the page
	// writes hyphenated ("cedrummond-\nosei@…" for Drummond-Osei, but
	// "nfar-\nrokhzad@…" for Farrokhzad).
	return joinDateBreaks(joinHyphenated(strings.Join(out, "\n")))
}

// hyphenatedElsewhere reports whether the page writes the letters either
// side of the line-end hyphen at h with a hyphen between them somewhere
// else, as a hyphenated name.
func hyphenatedElsewhere(s string, h int) bool {
	left, right := s[max(0, h-4):h], s[h+2:min(len(s), h+5)]
	if len(left) < 4 || len(right) < 3 {
		return false
	}
	probe := strings.ToLower(left + "-" + right)
	low := strings.ToLower(s)
	for i := strings.Index(low, probe); i >= 0; {
		if i != h-4 {
			return true
		}
		n := strings.Index(low[i+1:], probe)
		if n < 0 {
			break
		}
		i += 1 + n
	}
	return false
}

// joinHyphenated joins the words hyphenated at a line's end.
func joinHyphenated(s string) string {
	ms := hyphenBreak.FindAllStringIndex(s, -1)
	if ms == nil {
		return s
	}
	var b strings.Builder
	last := 0
	for _, m := range ms {
		// m spans "x-\ny": the hyphen at m[0]+1 (letters are one byte or more).
		h := strings.LastIndex(s[m[0]:m[1]], "-\n") + m[0]
		b.WriteString(s[last:h])
		rest := s[h+2:]
		if e := strings.IndexAny(rest, " \t\n"); e >= 0 {
			rest = rest[:e]
		}
		if strings.Contains(rest, "@") && hyphenatedElsewhere(s, h) {
			b.WriteByte('-') // the address spells a hyphenated name
		}
		last = h + 2
	}
	b.WriteString(s[last:])
	return b.String()
}

// isJustified reports whether a line's words are all set apart by two or
// more blanks: a justified line of prose, not columns.
func isJustified(l string) bool {
	gaps, wide := 0, 0
	for i := 0; i < len(l); i++ {
		if l[i] != ' ' {
			continue
		}
		j := i
		for j < len(l) && l[j] == ' ' {
			j++
		}
		if i > 0 && j < len(l) {
			gaps++
			if j-i >= 2 {
				wide++
			}
		}
		i = j
	}
	return gaps >= 5 && wide == gaps
}

// unspace closes up a heading written with its letters spaced out ("A U T
// O", "O R D E R"): a line of nothing but single capitals.
func unspace(l string) string {
	if len(l) < 5 || l[1] != ' ' {
		return l
	}
	letters := 0
	for i, r := range l {
		switch {
		case i%2 == 1 && r == ' ':
		case i%2 == 0 && (r >= 'A' && r <= 'Z'):
			letters++
		default:
			return l
		}
	}
	if letters < 3 {
		return l
	}
	return strings.ReplaceAll(l, " ", "")
}

var hyphenBreak *regexp.Regexp

// all returns every match of re in every page, in reading order.
func (c *corpus) all(re *regexp.Regexp) []hit {
	// Rules ask for the same pattern more than once in a run (the type
	// cues, the agent's titles, the gag): it is matched once.
	if h, ok := c.memo[re]; ok {
		return h
	}
	if c.memo == nil {
		c.memo = map[*regexp.Regexp][]hit{}
	}
	hits := c.match(re)
	hits = hits[:len(hits):len(hits)] // an append by a caller copies
	c.memo[re] = hits
	return hits
}

func (c *corpus) match(re *regexp.Regexp) []hit {
	var hits []hit
	for _, p := range c.pages {
		if !mayMatch(re, p.lower) {
			continue
		}
		for _, m := range findAll(re, p.text) {
			hits = append(hits, makeHit(p, m))
		}
	}
	return hits
}

// first returns the first match of re, if any.
func (c *corpus) first(re *regexp.Regexp) (hit, bool) {
	if h, ok := c.memo[re]; ok {
		if len(h) == 0 {
			return hit{}, false
		}
		return h[0], true
	}
	for _, p := range c.pages {
		if !mayMatch(re, p.lower) {
			continue
		}
		if m := findFirst(re, p.text); m != nil {
			return makeHit(p, m), true
		}
	}
	return hit{}, false
}

func makeHit(p pageText, m []int) hit {
	h := hit{page: p.num, start: m[0], end: m[1], text: p.text}
	for i := 0; i < len(m); i += 2 {
		if m[i] < 0 {
			h.groups = append(h.groups, "")
			continue
		}
		h.groups = append(h.groups, p.text[m[i]:m[i+1]])
	}
	return h
}

// group returns the first non-empty capture group of h, or the whole match.
func (h hit) group() string {
	for _, g := range h.groups[1:] {
		if g != "" {
			return g
		}
	}
	return h.groups[0]
}

// snippet is the evidence a reviewer reads: the line (or lines) holding the
// match, cut to a readable length around it.
func (h hit) snippet() string {
	return snippetAt(h.text, h.start, h.end)
}

func snippetAt(text string, start, end int) string {
	ls := strings.LastIndexByte(text[:start], '\n') + 1
	le := strings.IndexByte(text[end:], '\n')
	if le < 0 {
		le = len(text)
	} else {
		le += end
	}
	s := text[ls:le]
	const max = 200
	if len(s) > max {
		off := start - ls
		from := off - 60
		if from < 0 {
			from = 0
		}
		to := from + max
		if to > len(s) {
			to = len(s)
		}
		from, to = runeFloor(s, from), runeFloor(s, to)
		s = s[from:to]
	}
	return strings.TrimSpace(strings.ReplaceAll(s, "\n", " "))
}

func runeFloor(s string, i int) int {
	for i > 0 && i < len(s) && s[i]&0xC0 == 0x80 {
		i--
	}
	return i
}

// lineOf returns the line holding offset i of text.
func lineOf(text string, i int) string {
	ls := strings.LastIndexByte(text[:i], '\n') + 1
	le := strings.IndexByte(text[i:], '\n')
	if le < 0 {
		return text[ls:]
	}
	return text[ls : i+le]
}

// lineIndex returns the 0-based line number of offset i.
func lineIndex(text string, i int) int {
	return strings.Count(text[:i], "\n")
}

// headBytes caps the heading of a text whose lines are whole paragraphs
// (an e-mail, a text file), where n lines would be the whole letter.
const headBytes = 1500

// head returns the first n lines of the order's first page, at most
// headBytes: where titles, courts and letterheads stand.
func (c *corpus) head(n int) string {
	if len(c.pages) == 0 {
		return ""
	}
	lines := strings.SplitN(c.leadPage().text, "\n", n+1)
	if len(lines) > n {
		lines = lines[:n]
	}
	h := strings.Join(lines, "\n")
	if len(h) > headBytes {
		h = h[:runeFloor(h, headBytes)]
	}
	return h
}

var (
	ocrToken   *regexp.Regexp
	ocrSegment *regexp.Regexp
	ocrDigit   = strings.NewReplacer("O", "0", "o", "0", "D", "0", "Q", "0", "I", "1", "l", "1", "|", "1", "i", "1", "S", "5", "s", "5", "B", "8", "Z", "2", "z", "2")
)

var (
	ocrLookalikes = strings.NewReplacer("¢", "c", "€", "e", "£", "E", "°", "", "«", "\"", "»", "\"")
	ocrLineMarks  *regexp.Regexp
	// "name @example.org", "name@ example.org": OCR spaces around the @;
	// "reind! @" an l read as "!".
	ocrSplitEmail *regexp.Regexp
	// "@nca.example. gov.uk": a space after a dot of the domain.
	ocrSplitDomain *regexp.Regexp
	ocrSplitLocal  *regexp.Regexp
	ocrSplitURL    *regexp.Regexp
	ocrSplitID     *regexp.Regexp
	// "4:24-mc- 22560", "1:25-sw- -64874": a space, or a doubled hyphen,
	// OCR puts after a hyphen inside a number.
	ocrSplitDash *regexp.Regexp
	// "Case No.: '1:25-sw-…": a speck read as a quote before a number.
	ocrQuoteSpeck *regexp.Regexp
)

// ocrDayOne is "February |, 2026": a 1 read as a bar or an l between a
// month and its year.
var ocrDayOne *regexp.Regexp

// ocrDayDigits is a day beside its month with one of its two digits read
// as a look-alike letter: "June l3, 2026", "2O June 2026", "l2th day of
// June".
var ocrDayDigits *regexp.Regexp

// cleanOCR undoes OCR's look-alike symbols ("1:26-m¢-89108"), the specks
// it reads at the start of lines ("_IN THE UNITED STATES"), and the spaces
// it puts inside e-mail addresses and after hyphens in numbers.
func cleanOCR(s string) string {
	s = ocrLineMarks.ReplaceAllString(ocrLookalikes.Replace(s), "$1")
	s = ocrDayOne.ReplaceAllString(s, "${1}1$2")
	s = ocrDayDigits.ReplaceAllStringFunc(s, func(m string) string {
		g := ocrDayDigits.FindStringSubmatch(m)
		if g[2] != "" {
			return g[1] + ocrDigit.Replace(g[2]) + g[3]
		}
		return ocrDigit.Replace(g[4]) + g[5]
	})
	s = ocrSplitEmail.ReplaceAllStringFunc(s, func(m string) string {
		g := ocrSplitEmail.FindStringSubmatch(m)
		local := g[1]
		if strings.Contains(m[:len(g[1])+1], "!") {
			local += "l"
		}
		return local + "@" + g[2]
	})
	s = ocrSplitDomain.ReplaceAllString(s, "$1$2")
	// "lakeshore.grey 14@…": a local part's digits split off by a space.
	s = ocrSplitLocal.ReplaceAllString(s, "$1$2")
	// "https://share. example.org/…", "5520-884 1-0093": a space OCR put
	// inside an address or a grouped number.
	s = ocrSplitURL.ReplaceAllString(s, "$1$2")
	s = ocrSplitID.ReplaceAllString(s, "$1$2$3$4")
	s = ocrQuoteSpeck.ReplaceAllString(s, "$1$2")
	return ocrSplitDash.ReplaceAllString(s, "$1$2$3$4")
}

// ocrSpecks are marks OCR leaves inside numbers ("NSL-19~-483887").
var ocrSpecks *regexp.Regexp

// fixOCRDigits undoes OCR's typical confusions inside numbers — O for 0,
// l or I for 1, S for 5, B for 8 — so "NSL-I6-41O552" reads NSL-16-410552
// and "2O14" 2014. A token is touched only when it holds 3 or more digits,
// and a part of it only when that part holds a digit and nothing but
// digits and such look-alikes, never outnumbering the digits: "NSL" and
// words stay as they are. Applied to recognised text only.
func fixOCRDigits(s string) string {
	s = ocrSpecks.ReplaceAllString(s, "$1$2")
	return ocrToken.ReplaceAllStringFunc(s, func(tok string) string {
		digits := 0
		for _, r := range tok {
			if r >= '0' && r <= '9' {
				digits++
			}
		}
		if digits < 3 {
			return tok
		}
		return ocrSegment.ReplaceAllStringFunc(tok, func(seg string) string {
			d, look := 0, 0
			for _, r := range seg {
				switch {
				case r >= '0' && r <= '9':
					d++
				case strings.ContainsRune("OoDQIl|iSsBZz", r):
					look++
				default:
					return seg
				}
			}
			if d == 0 || look == 0 || look > d {
				return seg
			}
			return ocrDigit.Replace(seg)
		})
	})
}

// joinDateBreaks joins an ISO or day-month-year date that a line broke at
// one of its hyphens ("2026-11-" / "30"): no word is hyphenated so.
func joinDateBreaks(s string) string {
	if !strings.Contains(s, "-\n") {
		return s
	}
	return dateBreak.ReplaceAllString(s, "$1$2")
}

var dateBreak *regexp.Regexp
