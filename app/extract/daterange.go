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

type rangeRes struct {
	intro, bare *regexp.Regexp
}

var rangeRules = sync.OnceValue(func() *rangeRes {
	lead := `(?:\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[AP]\.?M\.?)?\s*(?:UTC|GMT|[A-Z]{2,5})?\s+on\s+)?`
	start := lead + `(` + DatePattern + `|inception|account\s+creation|the\s+(?:date\s+of\s+)?(?:creation|inception|opening)\s+of\s+the\s+account)`
	clock := `(?:,?\s*(?:at\s+|um\s+|à\s+|a\s+las\s+)?\d{1,2}[:.h]\d{2}(?::\d{2})?\s*(?:[AP]\.?M\.?|Uhr|h)?\s*(?:\(?(?:UTC|GMT|[A-Z]{2,5}(?:/[A-Z]{2,5})?)\)?)?)?`
	connector := `\s*,?\s*(?:through|thru|to|until|till|and\s+ending(?:\s+on)?|and|-|–|bis(?:\s+(?:zum|einschlie\S*))?|hasta(?:\s+el)?|até(?:\s+o?\s*dia)?|a|au|al|tot(?:\s+en\s+met)?|och|do)\s*(?:and\s+including\s+|einschlie\S*\s+|inclusive\s+)?` + lead
	end := `(` + DatePattern + `|(?:the\s+)?present|(?:the\s+)?date\s+(?:of\s+)?(?:this|the)\s+(?:order|warrant|subpoena|letter|request|demand|notice)|(?:the\s+)?date\s+(?:of\s+)?(?:execution|receipt)|(?:the\s+)?date\s+(?:this|the)\s+\w+\s+is\s+(?:received|served|executed)|today|heute|la\s+fecha|hoy)`
	intro := `(?:(?:for\s+)?the\s+(?:time\s+|applicable\s+time\s+)?period|time\s+period|(?:time|date)\s+(?:range|frame)|period\s+covered|period|range|zeitraum|per[ií]odo|p[ée]riode|periode|tijdvak|okres|intervallo)` +
		`[^\n\d]{0,40}?(?:\b(?:is|was|of|from|vom|von|desde|de|du|dal|del|van|between|beginning|starting)\b\s*)?`
	return &rangeRes{
		intro: regexp.MustCompile(`(?i)` + intro + `[:.]?\s*(?:from\s+|vom\s+|desde\s+(?:el\s+)?|du\s+|dal\s+|de\s+)?` + start + clock + connector + end),
		bare:  regexp.MustCompile(`(?i)(?:\bfrom|\bbetween|\bbeginning|\bstarting|\bsince|\bvom|\bdesde(?:\s+el)?|\bdu|\bdal|\bvan|^|  )\s*` + start + clock + connector + end),
	}
})

// dateRange finds the period the order asks records for.
func (x *run) dateRange() {
	r := rangeRules()
	type span struct {
		start, end string
		h          hit
		rank       float64
	}
	var spans []span
	count := map[string]int{}
	try := func(h hit, rank float64) {
		var s span
		if t, ok := parseDate(h.groups[1], x.dayFirst); ok {
			s.start = formatDate(t)
		}
		if t, ok := parseDate(h.groups[2], x.dayFirst); ok {
			s.end = formatDate(t)
		}
		if s.start == "" && s.end == "" || s.start != "" && s.end != "" && s.end < s.start {
			return
		}
		s.h, s.rank = h, rank+x.place(h)
		spans = append(spans, s)
		count[s.start+"|"+s.end]++
	}
	for _, h := range x.c.all(r.intro) {
		try(h, 0.85)
	}
	for _, h := range x.c.all(r.bare) {
		// In a sentence about records or the account, a range is theirs;
		// elsewhere it may date the offence.
		rank := 0.6
		if recordsRe().MatchString(sentenceAround(h.text, h.start)) {
			rank = 0.8
		}
		try(h, rank)
	}
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

var recordsRe = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)records?|information|data|logs?|account|subscriber|traffic|content|communications|disclos|produc|preserv|daten|datos|dados|données|dati|gegevens|registros|protokoll|log-?ins?`)
})
