package extract

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

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
		fromService: re(`\b(?:of|from|after|following|upon|on)\s+(?:the\s+)?(?:date\s+of\s+)?(?:service|receipt|being\s+served|its\s+receipt|delivery)|beginning\s+with\s+(?:the\s+day\s+(?:on\s+which|of)\s+)?service|(?:is|are)\s+served|nach\s+zustellung|desde\s+la\s+recepci|contados\s+d[oa]\s+recebimento|à\s+compter\s+de\s+la\s+r[ée]ception|dalla\s+ricezione|na\s+ontvangst`),
		fromIssue:   re(`\b(?:of|from|after)\s+(?:the\s+)?(?:date\s+of\s+(?:this|the)\s+(?:order|warrant|letter|subpoena|request|notice|demand)|(?:issuance|issue|signing|entry|making)\s+of\s+(?:this|the)\s+(?:order|warrant|letter|subpoena)|day\s+(?:on\s+which\s+)?(?:this\s+order\s+is\s+|it\s+is\s+)?made|date\s+hereof|today)|of\s+(?:this|the)\s+(?:order|letter|warrant)'?s?\s+(?:date|issuance)|of\s+issuance|(?:of|from|after)\s+the\s+date\s+(?:this|the)\s+(?:order|warrant|letter|subpoena)\s+(?:is|was)\s+(?:issued|signed|entered|made)`),
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
// "within 8 hours": from the issued date when the order counts from it.
// Counted from service or receipt, or from nothing it names, the field
// stays empty and a warning gives the period.
func (x *run) relativeDeadline() {
	r := deadlineRules2()
	var rel hit
	found := false
	for _, c := range x.c.all(relativeDeadline) {
		// Not the time the recipient has to object or to ask ("if you
		// wish to challenge …, notify us within 10 days"), nor a
		// preservation's period.
		from, _ := sentenceBounds(c.text, c.start)
		if optionalTime.MatchString(sentenceAround(c.text, c.start)) || r.notProvider.MatchString(c.text[max(from, c.start-120):c.start]) {
			continue
		}
		rel, found = c, true
		break
	}
	if !found {
		return
	}
	h := rel
	n, err := strconv.Atoi(h.groups[1])
	if err != nil {
		n = numberWords[strings.ToLower(h.groups[1])]
	}
	if n == 0 {
		return
	}
	unit := strings.ToLower(h.groups[2])
	after := h.text[h.end:min(len(h.text), h.end+90)]
	if _, end := sentenceBounds(h.text, h.end); end > h.end {
		after = h.text[h.end:min(end, h.end+120)]
	}
	before := h.text[max(0, h.start-60):h.start]
	switch {
	case r.fromService.MatchString(after) || r.fromService.MatchString(before):
		x.ex.Warnings = append(x.ex.Warnings, fmt.Sprintf("deadline: %q (page %d) counts from service or receipt, which the order does not date; set the deadline once you know when it was served", strings.TrimSpace(h.groups[0]+after[:min(len(after), 40)]), h.page))
		return
	case !r.fromIssue.MatchString(after) && !r.fromIssue.MatchString(before):
		x.ex.Warnings = append(x.ex.Warnings, fmt.Sprintf("deadline: %q (page %d) does not say what it counts from; set the deadline by hand", strings.TrimSpace(h.groups[0]+after[:min(len(after), 40)]), h.page))
		return
	case x.issued.IsZero():
		x.ex.Warnings = append(x.ex.Warnings, fmt.Sprintf("deadline: %q (page %d) but no issued date to count from; set the deadline by hand", h.groups[0], h.page))
		return
	}
	due := x.issued
	switch {
	case strings.HasPrefix(unit, "hour"):
		due = due.Add(time.Duration(n) * time.Hour)
	case strings.HasPrefix(unit, "week"):
		due = due.AddDate(0, 0, 7*n)
	case strings.HasPrefix(unit, "business"):
		due = addBusinessDays(due, n)
	default:
		due = due.AddDate(0, 0, n)
	}
	x.ex.Fields[app.FieldDeadline] = app.Field{
		Value:      formatDate(due),
		Page:       h.page,
		Snippet:    h.snippet() + fmt.Sprintf(" [computed: %d %s from the issued date %s]", n, unit, formatDate(x.issued)),
		Confidence: 0.75,
		Computed:   true,
	}
}
