package extract

import (
	"regexp"
	"strings"
	"sync"

	"github.com/warrantdesk/warrantdesk/app"
)

// A PDF may bundle several papers: three NSLs released together, a letter
// lifting a gag followed by the NSL it concerns, a cover letter and the
// subpoena it encloses, a fax cover sheet before an order, an application
// before the order granting it. The file is cut into documents where a
// page begins one (a letterhead or court heading with a date or a number of
// its own, a title, a fax cover), each document is given a role — the
// order itself, or a paper that accompanies one — and the accompanying
// papers go with the order they accompany: the order a cover letter
// transmits is the case; a fax cover sheet is not an order.

// pageRole is what a page belongs to.
type pageRole int

const (
	roleOrder   pageRole = iota
	roleCover            // a fax cover sheet, or a letter that transmits the order
	roleSupport          // an application or affidavit that asks for the order
)

// splitRes holds the splitter's patterns, compiled on first use so that a
// worker process that never extracts does not pay for them.
type splitRes struct {
	startHead, startMark, title, continuation, faxCover, transmits, support *regexp.Regexp
}

var splitRules = sync.OnceValue(func() *splitRes {
	return &splitRes{
		startHead: regexp.MustCompile(`(?i)u\.?\s?s\.?\s+department\s+of\s+justice|federal\s+bureau\s+of\s+investigation|united\s+states\s+(?:district|magistrate)\s+court|in\s+the\s+(?:united\s+states\s+)?(?:district|superior|circuit|crown)\s+court|^\s*(?:united\s+states|state)\s+of\s+|^\s*(?:u\.?\s?s\.?\s+)?department\s+of\s+(?:the\s+)?\p{L}`),
		startMark: regexp.MustCompile(`(?i)\bfile\s+(?:no|number)\b|\bcase\s+(?:no|number)\b|\bNSL-?\d|\bsubpoena\s+no\b|\bdocket\s+no\b|\brecord\s+no\b|\breference\b|\bref\.?\s*(?:no\.?)?\s*:|\baktenzeichen\b|\bgz\s*:|\bnuipc\b|\bexpediente\b|\bprocesso\b`),
		// A title names a kind of paper, on a short line of its own.
		title:        regexp.MustCompile(`(?i)\b(?:warrant|subpoena|order|certificate|summons|demand|notice|letter|request|application|affidavit|declaration|beschluss|anordnung|auto|of[ií]cio|requisi[cç][aã]o|ordonnance|r[ée]quisition|mandat|fax|facsimile|transmittal|cover\s+sheet)\b`),
		continuation: regexp.MustCompile(`(?i)\bpage\s+[2-9]\d*\s+of\s+\d|\(page\s+[2-9]|\bcontinued\b|\bcont'd\b|\bseite\s+[2-9]`),
		faxCover:     regexp.MustCompile(`(?i)\b(?:fax|facsimile|telefax)\s+(?:cover|transmittal|transmission)|\bcover\s+sheet\b|\btransmittal\s+sheet\b|^\s*(?:fax|facsimile|telefax)\s*$|\bnumber\s+of\s+pages\b|\bpages?\b[^\n]{0,12}\bincluding\s+(?:this\s+)?cover\b|\bnot\s+part\s+of\s+the\s+order\b`),
		transmits:    regexp.MustCompile(`(?i)\benclosed\s+(?:please\s+find|herewith|is|are)\b|\bplease\s+find\s+(?:enclosed|attached)\b|\battached\s+(?:please\s+find|hereto\s+is|is|are)\s+(?:a|an|the|two|three|copies)\b|\b(?:i|we)\s+(?:am\s+|are\s+)?(?:enclos|transmit|forward|attach)(?:e|es|ing)?\b|\b(?:gives?|giving|serves?|serving|sends?|sending|transmits?|forwards?)\s+(?:to\s+)?you\s+(?:herewith\s+)?the\s+(?:attached|enclosed)\b|\bherewith\b|\blegal\s+process\s+enclosed\b|\bin\s+der\s+anlage\b|\banbei\b|\bci-joint\b|\badjunto\b|\bem\s+anexo\b|\bsegue\s+anexo\b`),
		support:      regexp.MustCompile(`(?i)^\s*(?:(?:ex\s+parte\s+|sealed\s+)?application|affidavit|declaration|motion|petition|antrag)\b`),
	}
})

// startLines is how far down a page its start marks are looked for.
const startLines = 14

// Split returns the page ranges of the orders bundled in doc: one range for
// an ordinary file.
func (Extractor) Split(doc *app.Document) []app.PageRange {
	c := prepare(doc)
	var out []app.PageRange
	for _, p := range c.parts(doc) {
		out = append(out, p.pages)
	}
	return out
}

// part is one order of a file: its pages, and the corpus its rules read.
type part struct {
	pages app.PageRange
	c     *corpus
}

// parts cuts the prepared file into its orders. Pages without text (still
// to be read by OCR) belong to the order before them.
func (c *corpus) parts(doc *app.Document) []part {
	if len(c.pages) == 0 {
		if len(doc.Pages) == 0 {
			return nil
		}
		return []part{{pages: app.PageRange{From: doc.Pages[0].Number, To: doc.Pages[len(doc.Pages)-1].Number}, c: c}}
	}
	type document struct {
		from, to int // indexes into c.pages
		role     pageRole
		newOrder bool // begins with a mark of its own: a new order, not a part of one
	}
	var docs []document
	for i := range c.pages {
		start, mark := i == 0, false
		if i > 0 {
			start, mark = startsDocument(c.pages[i])
		}
		if start {
			docs = append(docs, document{from: i, to: i, newOrder: mark || i == 0})
		} else {
			docs[len(docs)-1].to = i
		}
	}
	for k := range docs {
		d := &docs[k]
		d.role = documentRole(c.pages[d.from:d.to+1], k < len(docs)-1)
	}
	// Accompanying papers wait for the order they accompany; an order with
	// its own mark begins a new part.
	type span struct{ from, to, lead int }
	var spans []span
	pending := -1 // first index of papers not yet given to an order
	hasOrder := false
	for _, d := range docs {
		if d.role != roleOrder {
			if pending < 0 {
				pending = d.from
			}
			continue
		}
		from := d.from
		if pending >= 0 {
			from = pending
		}
		switch {
		case !hasOrder:
			if len(spans) == 0 {
				spans = append(spans, span{from: 0, to: d.to, lead: d.from})
			} else {
				spans[len(spans)-1].to, spans[len(spans)-1].lead = d.to, d.from
			}
			hasOrder = true
		case d.newOrder:
			spans = append(spans, span{from: from, to: d.to, lead: d.from})
		default:
			spans[len(spans)-1].to = d.to
		}
		pending = -1
	}
	if len(spans) == 0 { // nothing but accompanying papers: read them all
		spans = []span{{from: 0, to: len(c.pages) - 1, lead: 0}}
	}
	spans[len(spans)-1].to = len(c.pages) - 1 // trailing papers stay with the last order
	for i, d := range docs {
		for k := d.from; k <= d.to; k++ {
			c.pages[k].role = d.role
			c.pages[k].starts = k == d.from && i > 0
		}
	}
	var out []part
	for k, s := range spans {
		sub := &corpus{pages: c.pages[s.from : s.to+1], lead: s.lead - s.from}
		from, to := c.pages[s.from].num, 0
		// Pages without text between or after parts go with the part before.
		if k+1 < len(spans) {
			to = c.pages[spans[k+1].from].num - 1
		} else {
			to = doc.Pages[len(doc.Pages)-1].Number
		}
		if k == 0 {
			from = doc.Pages[0].Number
		}
		out = append(out, part{pages: app.PageRange{From: from, To: to}, c: sub})
	}
	return out
}

// topLines returns the first n non-blank lines of a page.
func topLines(text string, n int) []string {
	var top []string
	for _, l := range strings.Split(text, "\n") {
		if strings.TrimSpace(l) != "" {
			top = append(top, l)
			if len(top) == n {
				break
			}
		}
	}
	return top
}

// startsDocument reports whether a page begins a document, and whether it
// begins with a mark of its own (a date or a number near the top) that
// makes it a new order rather than a paper of the one before.
func startsDocument(p pageText) (start, mark bool) {
	r := splitRules()
	top := topLines(p.text, startLines)
	if len(top) == 0 {
		return false, false
	}
	head := strings.Join(top, "\n")
	first3 := strings.Join(top[:min(len(top), 3)], "\n")
	if continues(first3, top[0]) {
		return false, false
	}
	mark = r.startMark.MatchString(head)
	if !mark {
		for _, l := range top {
			if _, loc, ok := firstDate(l, false); ok && len(strings.TrimSpace(l[:loc[0]]+l[loc[1]:])) <= 30 {
				mark = true
				break
			}
		}
	}
	if mark && r.startHead.MatchString(strings.Join(top[:min(len(top), 6)], "\n")) {
		return true, true
	}
	if r.faxCover.MatchString(strings.Join(top[:min(len(top), 8)], "\n")) {
		return true, mark
	}
	for _, l := range top[:min(len(top), 8)] {
		l = strings.TrimSpace(l)
		if len(strings.Fields(l)) <= 12 && headingLike(l) && upperShare(l) >= 0.6 && r.title.MatchString(l) {
			return true, mark
		}
	}
	return false, false
}

// upperShare is the share of a line's letters that are capitals: a title
// is written in capitals ("ORDER TO PRODUCE"), a sentence is not.
func upperShare(l string) float64 {
	var letters, upper int
	for _, r := range l {
		if r >= 'a' && r <= 'z' || r > 127 && strings.ToUpper(string(r)) != string(r) {
			letters++
		} else if r >= 'A' && r <= 'Z' || r > 127 && strings.ToLower(string(r)) != string(r) {
			letters++
			upper++
		}
	}
	if letters == 0 {
		return 0
	}
	return float64(upper) / float64(letters)
}

// documentRole tells an order from the papers that come with one: a fax
// cover sheet, a letter that transmits an enclosure (when something
// follows it in the file), an application or affidavit.
func documentRole(pages []pageText, followed bool) pageRole {
	r := splitRules()
	top := topLines(pages[0].text, 10)
	head := strings.Join(top, "\n")
	if followed && len(pages) == 1 && r.faxCover.MatchString(head) {
		return roleCover
	}
	for _, l := range top[:min(len(top), 10)] {
		if l = strings.TrimSpace(l); len(strings.Fields(l)) <= 14 && upperShare(l) >= 0.6 && r.support.MatchString(l) {
			return roleSupport
		}
	}
	if followed && len(pages) <= 2 {
		for _, p := range pages {
			if r.transmits.MatchString(p.text) && !commands(p.text) {
				return roleCover
			}
		}
	}
	return roleOrder
}
