package extract

import (
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Two more ways orders write the period of the records they ask for:
//
//   - a first date without its year, which the second gives ("from March
//     1 to May 31, 2026", "vom 1. März bis 31. Mai 2026", "du 1er au 31
//     mars 2026"): the start takes the end's year, or the year before
//     when its month comes later ("December 1 to January 31, 2026"); a
//     bare day takes the end's month too, and counts only where the text
//     says it is a period or names records;
//   - a form's or a table's two labels, "Start date" and "End date"
//     ("Von" / "Bis", "Du" / "Au", "Desde" / "Hasta"), each over or beside
//     its date, on the same line or within a few lines.

// yearlessStart reads the yearless first date that, with a connector,
// stands right before the date d (after the dates before it). It returns
// the start, where it stands, and whether it was a bare day.
func (x *run) yearlessStart(text string, d dateSpan, before []dateSpan) (string, int, bool, bool) {
	from := max(0, d.start-40)
	if len(before) > 0 {
		from = max(from, before[len(before)-1].end)
	}
	m := rangeRules().yearless.FindStringSubmatchIndex(text[from:d.start])
	if m == nil {
		return "", 0, false, false
	}
	end, err := time.Parse(time.DateOnly, d.value)
	if err != nil {
		return "", 0, false, false
	}
	group := func(i int) string {
		if m[2*i] < 0 {
			return ""
		}
		return text[from+m[2*i] : from+m[2*i+1]]
	}
	month, dayText, at := end.Month(), group(3), from+m[6]
	bare := group(4) == ""
	switch {
	case group(1) != "":
		month, dayText, at, bare = monthOf(group(1)), group(2), from+m[2], false
	case !bare:
		month = monthOf(group(4))
	}
	day, _ := strconv.Atoi(dayText)
	if month == 0 || day < 1 {
		return "", 0, false, false
	}
	start := time.Date(end.Year(), month, day, 0, 0, 0, 0, time.UTC)
	if start.Day() != day {
		return "", 0, false, false // 31 June and the like
	}
	if start.After(end) {
		if bare {
			return "", 0, false, false
		}
		start = start.AddDate(-1, 0, 0)
	}
	return formatDate(start), at, bare, true
}

func monthOf(name string) time.Month {
	return months[strings.ToLower(strings.TrimSuffix(name, "."))]
}

type rangeLabelRes struct{ start, end, period *regexp.Regexp }

var rangeLabels = sync.OnceValue(func() rangeLabelRes {
	what := `^(?:(?:(?:date|time)\s+)?(?:period|range|records?|data)\s+)?`
	return rangeLabelRes{
		start:  regexp.MustCompile(what + `(?:start(?:ing)?(?:\s+date)?|from(?:\s+date)?|begin(?:ning)?(?:\s+date)?|date\s+from|first\s+date|von|vom|beginn|début|date\s+de\s+début|du|desde|fecha\s+(?:de\s+)?inicio|in[íi]cio|data\s+(?:de\s+|di\s+)?in[íi]zio|data\s+(?:de\s+)?in[íi]cio|dal|inizio|van(?:af)?|begindatum|startdatum|från|od|data\s+pocz[aą]tkowa)$`),
		period: regexp.MustCompile(`(?i)\b(?:period|range|time\s*frame|start|begin)|zeitraum|per[ií]od|p[ée]riode|tijdvak|okres|intervallo|perioden`),
		end:    regexp.MustCompile(what + `(?:end(?:ing)?(?:\s+date)?|to(?:\s+date)?|until|through|date\s+to|last\s+date|bis|ende|enddatum|fin|date\s+de\s+fin|au|hasta|fecha\s+(?:de\s+)?fin|fim|data\s+(?:de\s+)?fim|data\s+(?:di\s+)?fine|al|fine|tot(?:\s+en\s+met)?|einddatum|till|slutdatum|do|data\s+ko[nń]cowa)$`),
	}
})

// labelledRange reads the periods a form gives under two labels, its
// start's and its end's.
func (x *run) labelledRange() []rangeSpan {
	rl := rangeLabels()
	var out []rangeSpan
	for k := range x.c.pages {
		pairs := x.c.pairsOf(k)
		for i, a := range pairs {
			if !rl.start.MatchString(a.label) {
				continue
			}
			start, ok := x.pairDate(a)
			if !ok {
				continue
			}
			for _, b := range pairs[i+1:] {
				if b.line > a.line+3 {
					break
				}
				if !rl.end.MatchString(b.label) {
					continue
				}
				if end, ok := x.pairDate(b); ok && end >= start {
					h := x.pairHit(a)
					h.end = max(h.end, b.end)
					h.groups = []string{h.text[h.start:h.end]}
					// A table's rows give "From" and "To" of other things
					// (an IP's session): the period is named as one.
					rank := 0.8
					if rangeLabels().period.MatchString(a.label) || rangeLabels().period.MatchString(linesAbove(h.text, a.labelStart, 2)) {
						rank = 0.85
					}
					out = append(out, rangeSpan{start: start, end: end, h: h, rank: rank + x.place(h)})
				}
				break
			}
		}
	}
	return out
}

// pairDate reads the date a pair's value opens with.
func (x *run) pairDate(p pair) (string, bool) {
	t, loc, ok := firstDate(p.value, x.dayFirst)
	if !ok || strings.TrimSpace(p.value[:loc[0]]) != "" {
		return "", false
	}
	return formatDate(t), true
}

// linesAbove is the text of the n lines above the line holding offset i,
// and that line up to i.
func linesAbove(text string, i, n int) string {
	from := strings.LastIndexByte(text[:i], '\n')
	for ; n > 0 && from > 0; n-- {
		from = strings.LastIndexByte(text[:from], '\n')
	}
	return text[from+1 : i]
}
