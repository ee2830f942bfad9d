package extract

import (
	"regexp"
	"sort"
	"sync"

	"github.com/warrantdesk/warrantdesk/app"
)

// The period of the records requested: "for the period from January 1,
// 2026 through May 31, 2026", "Time range requested 1 April 2026 - 15 June
// 2026", "vom 01.03.2026, 00:00 Uhr bis 30.06.2026", "desde el 1 de junio
// de 2026 hasta el 31 de agosto", "beginning November 2, 2026 and ending
// January 1, 2027"; "from March 1 to the present" gives only a start,
// "since inception" neither. A range introduced as the records' period
// beats a bare "from … to …" in the narrative (the dates of the offence).
//
// Ranges are read from the dates of the page, found once: two dates with
// a connector between them, or a date and an open end; what stands before
// the first says whether it is the records' period.

type rangeRes struct {
	between, openEnd, intro, yearless *regexp.Regexp
}

var rangeRules = sync.OnceValue(func() *rangeRes {
	// A time beside a date: "23:59:59 UTC", "at 0000 hours" (24-hour,
	// as officers write it), "12:00 AM September 20, 2026".
	clock := `(?:,?\s*(?:at\s+|um\s+|à\s+|a\s+las\s+)?(?:\d{1,2}[:.h]\d{2}(?::\d{2})?|\d{4}\s*hours)\s*(?:[AP]\.?M\.?|Uhr|h)?\s*(?:\(?(?:UTC|GMT|[A-Z]{2,5}(?:/[A-Z]{2,5})?)\)?)?)?`
	lead := `(?:\s*(?:\d{1,2}[:.]\d{2}(?::\d{2})?|\d{4}\s*hours)\s*(?:[AP]\.?M\.?)?\s*(?:UTC|GMT|[A-Z]{2,5})?(?:\s+on)?)?`
	// A Polish year is followed by "r." (roku): "od 1 marca 2026 r. do …".
	clock += `(?:\s*r\.)?`
	connector := `\s*,?\s*(?:through|thru|to|until|till|and\s+ending(?:\s+on)?|and|-{1,2}|–|bis(?:\s+(?:zum|einschlie\S*))?|hasta(?:\s+el)?|até(?:\s+o?\s*dia)?|a|au|al|tot(?:\s+en\s+met)?|och|do)\s*(?:and\s+including\s+|einschlie\S*\s+|inclusive\s+)?`
	return &rangeRes{
		between: regexp.MustCompile(`(?i)^` + clock + connector + lead + `\s*$`),
		openEnd: regexp.MustCompile(`(?i)^` + clock + `\s*(?:onwards?|and\s+(?:after|later))\b|^` + clock + connector + `(?:the\s+)?(?:present|today|heute|hoy|date\s+(?:of\s+)?(?:this|the)\s+(?:order|warrant|subpoena|letter|request|demand|notice)|date\s+(?:of\s+)?(?:execution|receipt|compliance|production|response|service)|date\s+(?:this|the)\s+\w+\s+is\s+(?:received|served|executed))\b`),
		// A first date written without its year, which the second gives:
		// "from March 1 to May 31, 2026", "vom 1. März bis 31. Mai 2026",
		// "du 1er au 31 mars 2026", "between 1 and 15 March 2026".
		yearless: regexp.MustCompile(`(?i)(?:^|[^\p{L}\d.])(?:(` + monthRe + `)\s*(\d{1,2})(?:st|nd|rd|th)?|(\d{1,2})(?:st|nd|rd|th|er|\.|°|º)?(?:\s+(?:de\s+)?(` + monthRe + `))?)` + connector + `(?:the\s+)?$`),
		intro:    regexp.MustCompile(`(?i)(?:(?:for\s+)?the\s+(?:time\s+|applicable\s+time\s+)?period|time\s+period|(?:time|date)\s+(?:range|frame)|period\s+covered|\bperiod|\brange|zeitraum|per[ií]odo|p[ée]riode|periode|tijdvak|okres|intervallo)[^\n\d]{0,40}?(?:\b(?:is|was|of|from|vom|von|desde|de|du|dal|del|van|between|beginning|starting)\b)?[\s:.]*(?:from\s+|vom\s+|desde\s+(?:el\s+)?|du\s+|dal\s+|de\s+|between\s+)?` + lead + `\s*$`),
	}
})

// rangeSpan is one reading of the period: its first and last day, where
// it stands, and its rank.
type rangeSpan struct {
	start, end string
	h          hit
	rank       float64
}

// dateSpan is a date found on a page.
type dateSpan struct {
	start, end int
	value      string
}

// datesOf finds the dates of page k once.
func (x *run) datesOf(k int) []dateSpan {
	p := &x.c.pages[k]
	if p.datesRead && p.datesDayFirst == x.dayFirst {
		return p.dates
	}
	p.datesRead, p.datesDayFirst, p.dates = true, x.dayFirst, nil
	for _, loc := range dateLocs(p.text) {
		if loc[0] > 0 && isWordByte(p.text[loc[0]-1]) {
			continue
		}
		if t, ok := parseDate(p.text[loc[0]:loc[1]], x.dayFirst); ok {
			p.dates = append(p.dates, dateSpan{loc[0], loc[1], formatDate(t)})
		}
	}
	return p.dates
}

// dateRange finds the period the order asks records for.
func (x *run) dateRange() {
	spans, count := x.rangeSpans()
	spans = append(spans, x.labelledRange()...)
	if len(spans) == 0 {
		return
	}
	// A table may repeat the period on every row: the repeated one wins
	// among equals.
	sort.SliceStable(spans, func(i, j int) bool {
		a, b := spans[i], spans[j]
		if a.rank != b.rank {
			return a.rank > b.rank
		}
		return count[a.start+"|"+a.end] > count[b.start+"|"+b.end]
	})
	best := spans[0]
	conf := min(0.85, best.rank)
	if best.start != "" {
		x.set(app.FieldDateRangeStart, best.start, best.h, conf)
	}
	if best.end != "" {
		x.set(app.FieldDateRangeEnd, best.end, best.h, conf)
	}
}

// rangeSpans reads the periods the pages' dates give, and how often each
// is given.
func (x *run) rangeSpans() ([]rangeSpan, map[string]int) {
	r := rangeRules()
	var spans []rangeSpan
	count := map[string]int{}
	keep := func(s rangeSpan, p pageText, at, end int, bare bool) {
		if s, ok := x.rankSpan(s, p, at, end, bare); ok {
			spans = append(spans, s)
			count[s.start+"|"+s.end]++
		}
	}
	for k, p := range x.c.pages {
		dates := x.datesOf(k)
		for i, d := range dates {
			if st, at, bare, ok := x.yearlessStart(p.text, d, dates[:i]); ok {
				keep(rangeSpan{start: st, end: d.value}, p, at, d.end, bare)
			}
			var s rangeSpan
			var end int
			if i+1 < len(dates) && dates[i+1].start-d.end <= 60 && r.between.MatchString(p.text[d.end:dates[i+1].start]) {
				s.start, s.end, end = d.value, dates[i+1].value, dates[i+1].end
			} else if m := r.openEnd.FindStringIndex(p.text[d.end:min(len(p.text), d.end+80)]); m != nil {
				s.start, end = d.value, d.end+m[1]
				s.end = x.paperDate(p.text[d.end : d.end+m[1]])
			} else {
				continue
			}
			keep(s, p, d.start, end, false)
		}
	}
	return spans, count
}

// rankSpan ranks a period found at [at, end) of page p by what introduces
// it; a period given by a bare day ("1 to 31 March") counts only where
// the text says it is a period or names records.
func (x *run) rankSpan(s rangeSpan, p pageText, at, end int, bare bool) (rangeSpan, bool) {
	if s.end != "" && s.end < s.start {
		return s, false
	}
	// What introduces the first date says whose period it is.
	from, _ := sentenceBounds(p.text, at)
	before := p.text[max(from, at-90):at]
	rank := 0.6
	switch {
	case rangeRules().intro.MatchString(before):
		rank = 0.85
	case recordsRe().MatchString(sentenceAround(p.text, at)):
		rank = 0.8
	case bare:
		return s, false
	}
	s.h = hit{page: p.num, start: at, end: end, text: p.text, groups: []string{p.text[at:end]}}
	s.rank = rank + x.place(s.h)
	return s, true
}

var recordsRe = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)records?|information|data|logs?|account|subscriber|traffic|content|communications|disclos|produc|preserv|daten|datos|dados|données|dati|gegevens|registros|protokoll|log-?ins?`)
})

var paperDateRe = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)date\s+of\s+this\s+(?:order|warrant|subpoena|letter|request|demand|notice)\b|date\s+this\s+(?:order|warrant|subpoena|letter|request|demand|notice)\s+(?:is|was)\s+(?:issued|signed|made|sent)\b`)
})

// paperDate is the end a range's open end names: the order's own date when
// it runs to "the date of this letter", and none for "the present", "the
// date of receipt" or "the date this demand is received".
func (x *run) paperDate(end string) string {
	if !paperDateRe().MatchString(end) {
		return ""
	}
	return x.ex.Fields[app.FieldIssuedDate].Value
}
