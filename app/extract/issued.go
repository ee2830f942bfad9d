package extract

import (
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/warrantdesk/warrantdesk/app"
)

// The issued date is the date the order gives itself: beside its label
// ("Date of issue", "Date and time issued"), in its signing line ("SO
// ORDERED this 3rd day of March, 2025", "München, den 14. August 2026",
// "Dated at Wellington this 3rd day of June 2026"), a letter's date line,
// an e-mail's Date header. Never the first date in the text: the dates of
// the application, the affidavit, a prior order or the offence are dates
// of something else.

type issuedRes struct {
	classes []labelClass
	placed  *regexp.Regexp // "Place, (den) DATE" alone on a line
	signing *regexp.Regexp // a signature cue near a date
}

var issuedRules2 = sync.OnceValue(func() *issuedRes {
	re := func(s string) *regexp.Regexp { return regexp.MustCompile(`(?i)` + s) }
	return &issuedRes{
		classes: []labelClass{
			{"refused", 0, re(`birth|expir|return|due|deadline|appear|execut|offen[cs]e|incident|complaint|report|range|period|from|until|creat|regist|login|log-in|last|first|prior|previous|earlier|arrest|event|transaction|payment|service\s+date|received|receipt|hearing|application|affidavit|sworn|resolution|agreement`)},
			{"issue", 0.92, re(`^(?:date\s+of\s+(?:issue|issuance|the\s+order|order|warrant|subpoena|letter|request|decision|certificate|notice|demand|summons|this\s+\w+)|issue\s+date|date\s+issued|issued(?:\s+on)?|ausstellungsdatum|datum\s+der\s+anordnung|fecha\s+de\s+(?:emisi[oó]n|expedici[oó]n)|date\s+d'[ée]mission|data\s+(?:di|de)\s+emiss[aã]o)$`)},
			{"date", 0.85, re(`^(?:date|dated|datum|fecha|data|date\s*/\s*time|date and time|date ?/ ?time of (?:request|issue)|date and time of (?:request|issue)|date of request|request date|sent|verzonden|gesendet|envoy[ée]|signed|date of signature)$`)},
		},
		// The place is a town's name: capitalised words, with the small
		// words towns' names hold ("Frankfurt am Main", "Rio de
		// Janeiro"); a sentence that ends on a date ("Les données
		// doivent être transmises avant le 24 juin 2026.") is none.
		placed:  regexp.MustCompile(`(?m)^[ \t]*(?:(?i:dated|done|signed|given|made|issued|fait|hecho|dado|feito|gegeben|en|in|at)\s+(?i:at\s+|in\s+|à\s+|a\s+|em\s+|zu\s+)?)?(\p{Lu}[\p{L}.'\-]*(?:[ \t]+(?:(?:am|an|der|de|la|del|do|da|di|dos|das|sur|upon|on|le|les|en|im|bei|y|e)[ \t]+)*\p{Lu}[\p{L}.'\-]*){0,3}),?\s+(?:(?i:den|le|el|a|am|em|il|on|this|the|lì|li|dnia|,)\s+)*((?i)` + DatePattern + `)(?:\s*r\.)?\.?(?:[ \t]{2,}(?i:signature|assinatura|firma|unterschrift|signé|handtekening|podpis|underskrift|namnteckning|_{3})[^\n]*)?[ \t]*$`),
		signing: regexp.MustCompile(`(?i)signature|signed|/s/|\bgez\.|firma|assinatura|handtekening|stamp|seal|sceau|siegel|sello|carimbo|\bjudge\b|magistrate|richter|juez|jueza|juiz|rechter|procurat|prosecutor|staatsanwalt|fiscal|promotor|officier`),
	}
})

// issuedDate proposes the dates the order gives itself and picks one.
func (x *run) issuedDate() {
	r := issuedRules2()
	var cands []cand
	add := func(s string, h hit, conf float64, rule string) {
		t, ok := parseDate(s, x.dayFirst)
		if !ok {
			return
		}
		cands = append(cands, cand{value: formatDate(t), h: h, conf: conf, rank: conf + x.place(h), rule: rule})
	}
	for i, rule := range issuedRules {
		for _, h := range x.c.all(rule.re) {
			if continuesSentence(h.text, h.start) {
				continue
			}
			add(h.group(), h, rule.confidence, "pattern"+string(rune('0'+i)))
		}
	}
	for _, lp := range x.labelled(r.classes) {
		h := x.pairHit(lp.p)
		if _, loc, ok := firstDate(lp.p.value, x.dayFirst); ok {
			if labelledDateRefused(lp.p, h.text, loc[0]) {
				continue
			}
			h.start, h.end = lp.p.start+loc[0], lp.p.start+loc[1]
			add(lp.p.value[loc[0]:loc[1]], h, lp.conf, "label-"+lp.rule)
		}
	}
	x.placedDates(add)
	x.signingLineDates(add)
	cands = append(cands, x.wordDateCands()...)
	if v, h, conf, ok := x.letterDate(); ok {
		cands = append(cands, cand{value: v, h: h, conf: conf, rank: conf + x.place(h), rule: "letter"})
	}
	if w, ok := x.choose(app.FieldIssuedDate, cands, nil); ok {
		x.issued, _ = time.Parse(time.DateOnly, w.value)
	}
}

// placedDates proposes "München, den 14. August 2026" on a line of its
// own, where an order is signed or a letter dated — not a receipt stamp.
func (x *run) placedDates(add func(string, hit, float64, string)) {
	placed := issuedRules2().placed
	for k, p := range x.c.pages {
		for _, m := range findAll(placed, p.text) {
			if receiptStamp(p.text[m[0]:m[4]]) {
				continue
			}
			h := hit{page: p.num, start: m[4], end: m[5], text: p.text, groups: []string{p.text[m[4]:m[5]]}}
			conf := 0.7
			if x.nearSigning(p.text, m[0]) {
				conf = 0.85
			}
			if k == x.c.lead && lineIndex(p.text, m[0]) < 30 {
				conf = max(conf, 0.8) // a letter's date line
			}
			add(h.groups[0], h, conf, "placed")
		}
	}
}

// signingLineDates proposes a date that stands alone on its line beside a
// signature: over or under the signer's name and post ("His Honour Judge
// … / 18 September 2026"), where an order is signed.
func (x *run) signingLineDates(add func(string, hit, float64, string)) {
	for k, p := range x.c.pages {
		for _, d := range x.datesOf(k) {
			ls := strings.LastIndexByte(p.text[:d.start], '\n') + 1
			le := strings.IndexByte(p.text[d.end:], '\n')
			if le < 0 {
				le = len(p.text) - d.end
			}
			if strings.TrimSpace(p.text[ls:d.start]) != "" || strings.Trim(p.text[d.end:d.end+le], " \t.") != "" {
				continue
			}
			if x.nearSigning(p.text, d.start) {
				add(p.text[d.start:d.end], hit{page: p.num, start: d.start, end: d.end, text: p.text, groups: []string{p.text[d.start:d.end]}}, 0.85, "signing-line")
			}
		}
	}
}

// nearSigning reports whether a signature cue stands within two lines of
// offset i.
func (x *run) nearSigning(text string, i int) bool {
	n := lineIndex(text, i)
	lines := strings.Split(text, "\n")
	from, to := max(0, n-2), min(len(lines), n+3)
	return issuedRules2().signing.MatchString(strings.Join(lines[from:to], "\n"))
}

// receiptStampRe names a stamp that dates a paper's arrival, not its
// issue: "RECEIVED NOV 06 2026", "EINGEGANGEN 06. Nov. 2026", "FAXED".
var receiptStampRe = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)\b(?:received|rec'?d|eingegangen|eingang|ricevuto|pervenuto|re[çc]u|recibido|recebido|ontvangen|inkommen|mottagen|wpłynęło|faxed|scanned|printed)\b`)
})

// receiptStamp reports whether s, what stands beside a date, is a stamp
// of its arrival.
func receiptStamp(s string) bool { return receiptStampRe().MatchString(s) }

var appearanceBoxRe = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)^\s*place\s*:`)
})

// labelledDateRefused reports whether a labelled date is not the order's:
// its value holds a sentence before the date (a place may stand there:
// "Frankfurt am Main, 08.07.2026"), or its label stands in the box that
// says when to appear.
func labelledDateRefused(p pair, text string, at int) bool {
	before := strings.TrimSpace(p.value[:at])
	return len(before) > 40 || clauseWords.MatchString(before) && before != "" || appearanceBox(text, p.labelStart)
}

// appearanceBox reports whether the label at offset i stands in the box
// that says where and when to appear ("Place: … Courthouse  Date and
// Time:"): the date under it is the return date, not the issue date.
func appearanceBox(text string, i int) bool {
	ls := strings.LastIndexByte(text[:i], '\n') + 1
	return appearanceBoxRe().MatchString(text[ls:i])
}
