package extract

import (
	"fmt"
	"regexp"
	"strings"
	"sync"

	"github.com/warrantdesk/warrantdesk/app"
)

// The deadline is the date the provider must produce, respond or appear
// by — not the date officers must execute a warrant by, a preservation's
// end, the order's period of effect or the time to object. It is read
// where the order gives a date ("on or before", "no later than", "Return
// date", "appear … on", a subpoena's "Date and Time" box), or computed
// from the issued date when the order counts from it ("within 14 days of
// the date of this Order"). Counted from service or receipt, it stays
// empty with a warning: the date of service is not on the order.

type deadlineRes struct {
	notProvider, fromService, fromIssue, dateTimeBox *regexp.Regexp
}

var deadlineRules2 = sync.OnceValue(func() *deadlineRes {
	re := func(s string) *regexp.Regexp { return regexp.MustCompile(`(?i)` + s) }
	return &deadlineRes{
		notProvider: re(`\bexecut|\bserv(?:e|ed)\s+(?:this|the)\s+warrant|return\s+(?:this|the)\s+warrant|\binventory\b|\bexpir|\bpreserv|remain\s+in\s+(?:force|effect)|\bin\s+force\b|valid\s+(?:until|through)|period\s+of\s+effect|\bobject|\bchalleng|\bmotion|\bappeal|\bpetition|delay(?:ed)?\s+(?:notice|notification)|\bnotif(?:y|ication)\s+(?:to\s+)?the\s+(?:subscriber|customer|target)|records\s+(?:created|dated)|\bsealed\b|\bnon-?disclosure|not\s+(?:to\s+)?disclose`),
		fromService: re(`\b(?:of|from|after|following|upon|on)\s+(?:the\s+)?(?:date\s+of\s+)?(?:service|receipt|being\s+served|its\s+receipt|delivery)|beginning\s+with\s+(?:the\s+day\s+(?:on\s+which|of)\s+)?service|(?:is|are)\s+served|(?:being|is|has\s+been)\s+served|service\s+of\s+(?:this|the)\b|` +
			// German, French, Italian, Spanish, Portuguese, Dutch, Swedish, Polish
			`(?:nach|ab|seit)\s+(?:der\s+|dem\s+)?(?:zustellung|zugang|erhalt|eingang|empfang)|` +
			`(?:à\s+compter\s+de|suivant|après|dès)\s+(?:la\s+|sa\s+)?(?:r[ée]ception|notification|signification|remise)|` +
			`dall?a?\s+(?:data\s+d[ie]l?l?a?\s+)?(?:ricezione|ricevimento|notifica)|dal\s+ricevimento|` +
			`(?:desde|a\s+partir\s+de|a\s+contar\s+desde|siguientes?\s+a)\s+(?:la\s+|su\s+)?(?:fecha\s+de\s+(?:la\s+|su\s+)?)?(?:recepci[óo]n|notificaci[óo]n)|` +
			`(?:contados?|a\s+contar|a\s+partir)\s+d[oa]\s+(?:data\s+d[oa]\s+)?(?:recebimento|notifica[çc][ãa]o|ci[êe]ncia|recep[çc][ãa]o)|` +
			`na\s+(?:ontvangst|betekening|kennisgeving|uitreiking)|` +
			`(?:från|efter)\s+(?:det\s+att|mottagandet|delgivning|delgivningen)|` +
			`od\s+(?:dnia\s+|daty\s+)?(?:otrzymania|doręczenia)`),
		fromIssue: re(`\b(?:of|from|after)\s+(?:the\s+)?(?:date\s+of\s+(?:this|the)\s+(?:order|warrant|letter|subpoena|request|notice|demand)|(?:issuance|issue|signing|entry|making)\s+of\s+(?:this|the)\s+(?:order|warrant|letter|subpoena)|day\s+(?:on\s+which\s+)?(?:this\s+order\s+is\s+|it\s+is\s+)?made|date\s+hereof|today|date\s+(?:shown\s+|written\s+)?above|above\s+date|date\s+of\s+(?:signature|signing))|\bhereof\b|of\s+(?:this|the)\s+(?:order|letter|warrant)'?s?\s+(?:date|issuance)|of\s+(?:its\s+)?issuance|of\s+its\s+(?:issue|date|making|signing|entry)\b|(?:of|from|after)\s+the\s+date\s+(?:this|the)\s+(?:order|warrant|letter|subpoena)\s+(?:is|was)\s+(?:issued|signed|entered|made)` +
			`|\bof\s+this\s+(?:order|letter|warrant|subpoena|notice|demand|request)\b(?:\s*[,.;]|\s+(?:to|and|for|the|you|your))` +
			// German, French, Italian, Spanish, Portuguese, Dutch, Swedish, Polish
			`|\b(?:ab|nach|seit)\s+(?:dem\s+)?(?:datum|erlass|ausstellung|unterzeichnung)\s+(?:dieses|dieser|des|der)\b|\bab\s+heute\b` +
			`|à\s+compter\s+(?:de\s+(?:la\s+date\s+(?:de\s+)?(?:la\s+|du\s+)?pr[ée]sente?s?|la\s+pr[ée]sente|ce\s+jour)|d'aujourd'hui)|de\s+la\s+date\s+(?:de\s+la\s+|du\s+)?pr[ée]sente?` +
			`|dalla\s+(?:data\s+(?:del|della)\s+presente|data\s+odierna|presente)` +
			`|(?:desde|a\s+partir\s+de|a\s+contar\s+desde)\s+(?:la\s+fecha\s+de\s+)?(?:la\s+presente|este|esta|hoy)\b` +
			`|(?:a\s+contar|a\s+partir|contados?)\s+(?:da\s+data\s+)?(?:deste|desta|do\s+presente|da\s+presente|de\s+hoje)\b` +
			`|\bna\s+(?:dagtekening|de\s+datum\s+van\s+(?:dit|deze))|\bvanaf\s+(?:de\s+datum\s+van\s+)?(?:dit|deze|heden|vandaag)\b` +
			`|från\s+(?:dagen\s+för\s+(?:detta|denna)|dagens\s+datum|beslutsdagen|dagen\s+för\s+beslutet)` +
			`|od\s+(?:daty|dnia)\s+(?:wydania|niniejszego|doręczenia\s+niniejszego)`),
		dateTimeBox: re(`^\s*(?:date\s+and\s+time|date/time|fecha\s+y\s+hora)\s*:?\s*$|\bdate\s+and\s+time\s*:?\s*$`),
	}
})

// appearRule is the index in deadlineRules of the date of appearance.
const appearRule = 3

func (x *run) deadline() {
	r := deadlineRules2()
	var cands []cand
	add := func(s string, h hit, conf float64, rule string) {
		t, ok := parseDate(s, x.dayFirst)
		if !ok {
			return
		}
		// A deadline before the order was issued is a date of something
		// else ("records created before June 1").
		if !x.issued.IsZero() && t.Before(x.issued) {
			return
		}
		from, _ := sentenceBounds(h.text, h.start)
		if r.notProvider.MatchString(h.text[max(from, h.start-200):h.start]) || optionalTime.MatchString(sentenceAround(h.text, h.start)) {
			return
		}
		cands = append(cands, cand{value: formatDate(t), h: h, conf: conf, rank: conf + x.place(h), rule: rule})
	}
	for i, rule := range deadlineRules {
		for _, h := range x.c.all(rule.re) {
			if i == appearRule {
				// The date of appearance stands in the sentence that
				// commands it.
				if _, end := sentenceBounds(h.text, h.start); end < h.end-len(h.group()) {
					continue
				}
			}
			add(h.group(), h, rule.confidence, "pattern"+string(rune('0'+i)))
		}
	}
	// A subpoena's box: "Date and Time:" over the date, a line or two down
	// beside the place.
	for _, p := range x.c.pages {
		lines := strings.Split(p.text, "\n")
		starts := lineStarts(p.text)
		for i, l := range lines {
			for _, c := range cellsOf(l, starts[i]) {
				if !r.dateTimeBox.MatchString(c.text) {
					continue
				}
				for k := i + 1; k < len(lines) && k <= i+3; k++ {
					if _, loc, ok := firstDate(lines[k], x.dayFirst); ok {
						h := hit{page: p.num, start: starts[k] + loc[0], end: starts[k] + loc[1], text: p.text, groups: []string{lines[k][loc[0]:loc[1]]}}
						add(h.groups[0], h, 0.85, "date-time-box")
						break
					}
				}
			}
		}
	}
	if _, ok := x.choose(app.FieldDeadline, cands, nil); ok {
		return
	}
	x.relativeDeadline()
}

// relativeDeadline computes "within 14 days of the date of this Order",
// "binnen 14 Tagen ab dem Datum dieses Beschlusses": from the issued date
// when the order counts from it, and at no more confidence than that
// date's. Counted from service or receipt, or from nothing it names, the
// field stays empty and a warning gives the period.
func (x *run) relativeDeadline() {
	r := deadlineRules2()
	var warning string
	for _, h := range x.c.all(withinRe()) {
		// Not the time the recipient has to object or to ask ("if you
		// wish to challenge …, notify us within 10 days"), nor a
		// preservation's period.
		from, _ := sentenceBounds(h.text, h.start)
		if optionalTime.MatchString(sentenceAround(h.text, h.start)) || r.notProvider.MatchString(h.text[max(from, h.start-120):h.start]) {
			continue
		}
		n, unit := periodCount(h.groups[1]), periodUnit(h.groups[2])
		if n == 0 {
			continue
		}
		after := h.text[h.end:min(len(h.text), h.end+90)]
		if _, end := sentenceBounds(h.text, h.end); end > h.end {
			after = h.text[h.end:min(end, h.end+120)]
		}
		before := h.text[max(from, h.start-60):h.start]
		said := strings.TrimSpace(h.groups[0] + after[:runeFloor(after, min(len(after), 40))])
		var w string
		switch {
		case r.fromService.MatchString(after) || r.fromService.MatchString(before):
			w = fmt.Sprintf("deadline: %q (page %d) counts from service or receipt, which the order does not date; set the deadline once you know when it was served", said, h.page)
		case !r.fromIssue.MatchString(after) && !r.fromIssue.MatchString(before):
			w = fmt.Sprintf("deadline: %q (page %d) does not say what it counts from; set the deadline by hand", said, h.page)
		case x.issued.IsZero():
			w = fmt.Sprintf("deadline: %q (page %d) but no issued date to count from; set the deadline by hand", h.groups[0], h.page)
		}
		if w != "" {
			if warning == "" {
				warning = w
			}
			continue
		}
		x.ex.Fields[app.FieldDeadline] = app.Field{
			Value:      formatDate(addPeriod(x.issued, n, unit)),
			Page:       h.page,
			Snippet:    h.snippet() + fmt.Sprintf(" [computed: %d %s from the issued date %s]", n, unit, formatDate(x.issued)),
			Confidence: min(0.75, x.ex.Fields[app.FieldIssuedDate].Confidence),
			Computed:   true,
		}
		return
	}
	if warning != "" {
		x.ex.Warnings = append(x.ex.Warnings, warning)
	}
}
