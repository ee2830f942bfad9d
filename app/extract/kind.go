package extract

import (
	"fmt"
	"regexp"
	"strings"
	"sync"
	"unicode"

	"github.com/warrantdesk/warrantdesk/app"
)

// What a document is comes from what it calls itself — its title, a
// letter's subject line — and from what it commands, not from a clause it
// contains: a 2703(d) order with a 2705(b) clause is a 2703(d) order; a
// preservation letter that asks the provider not to tell the user is a
// preservation letter. Each cue of typeCues counts by where it stands:
// three times in a title or subject line, twice elsewhere in the heading,
// once in the body, and not at all where the sentence puts it in the
// future, the past or the negative ("a subpoena will follow", "the prior
// warrant", "this is not a court order").

type kindRes struct {
	caption, captionMore, captionStop, command, silence, action, negAction, hypoBefore, hypoAfter, notEmergency, subject, letter, email, agencyHead, courtHead *regexp.Regexp
}

var kindRules = sync.OnceValue(func() *kindRes {
	return &kindRes{
		caption:     regexp.MustCompile(`(?i)^[ \t]*(?:in\s+re\b|in\s+the\s+matter\s+of\b)`),
		captionMore: regexp.MustCompile(`(?i)application|order|subpoena|warrant|search|account|information|premises|property|records|stored|directed`),
		captionStop: regexp.MustCompile(`(?i)^\s*(?:it\s+is\b|the\s+(?:court|united\s+states)\b|this\s+matter\b|upon\b|having\b|whereas\b)`),
		// command finds binding words: what compels rather than asks.
		command: regexp.MustCompile(`(?i)\byou\s+are\s+(?:hereby\s+|further\s+)?(?:commanded|required|directed|ordered|summoned)\b|\bwe\s+command\s+you\b|\bit\s+is\s+(?:hereby\s+|further\s+|therefore\s+|accordingly\s+|so\s+)?ordered\b|\b(?:is|are)\s+(?:hereby\s+)?(?:ordered|required|directed|commanded)\s+to\b|\bshall\b|\bhereby\s+(?:subpoenaed|summoned|ordered|required|directed)\b|\bi\s+(?:hereby\s+)?(?:order|direct|require)\b|\byou\s+must\b|\bangeordnet\b|\baufgegeben\b|\bhat\b[^.]{0,240}?\b(?:zu\s+erteilen|herauszugeben|zu\s+übermitteln)\b|\b(?:zu\s+erteilen|herauszugeben|zu\s+übermitteln|vorzulegen|auszuhändigen)\s+(?:hat|haben)\b|\b(?:acuerdo|acuerda|dispongo|requiero|ordeno|se\s+requiere)\b|\b(?:determino|requisito|oficie-se|intime-se|ordena-se|determina-se)\b|\b(?:wird|werden)\s+(?:hiermit\s+)?(?:aufgefordert|verpflichtet|angewiesen)\b|\b(?:requiert|requérons|ordonne|ordonnons|enjoint)\b|\b(?:ordina|dispone|decreta|autorizza)\b|\b(?:beveelt|vordert|gelast)\b`),
		silence: regexp.MustCompile(`(?i)^[^.;]*?\b(?:not|nicht)\s+(?:to\s+)?(?:\w+\s+){0,2}?(?:disclos|notify|inform|reveal|unterrichten|mitteilen)|^[^.;]*?\b(?:refrain|untersagt)`),
		// action is what a command can require besides silence.
		action:    regexp.MustCompile(`(?i)\b(?:produce|producing|disclose\W{0,3}\s*(?:to|the\s+(?:following|records|information))|provide|furnish|deliver|preserve|appear|testify|install|execute|search|intercept|make\s+available|erteilen|herauszugeben|übermitteln|facilit|remit|entreg|comuniquem|apresent(?:ar|em)\b|forne[cç]|encaminh|remet|produire|communiquer|fornire|trasmett|acquisire\s+presso|verstrekken|leveren)`),
		negAction: regexp.MustCompile(`(?i)\b(?:not|nicht|no|nor|neither|never)\b[^.;]{0,20}$`),
		// A cue is hypothetical when its sentence puts it in the future,
		// the past, a condition or the negative.
		hypoBefore:   regexp.MustCompile(`(?i)\b(?:will|would|won't|wouldn't|can't|cannot|don't|doesn't|may|might|could|intend|intends|plan|planning|seek|seeking|obtain|obtaining|apply\s+for|follow|without|not|nor|pending|in\s+lieu\s+of|prior\s+to|absent|unless|if|instead\s+of|rather\s+than|no\s+longer|previous(?:ly)?|prior|earlier|former|supersed\w*|announced?|forthcoming|subsequent|future|expect|possible|eventual|other)\b[^.;:]*$`),
		hypoAfter:    regexp.MustCompile(`(?i)^[^.;]{0,30}?\b(?:will|would|to)\s+(?:follow|be\s+(?:sent|served|sought|obtained|issued|requested))|^[^.;]{0,30}?\b(?:is|are)\s+(?:being\s+)?(?:sought|prepared|in\s+preparation)|^[^.;]{0,30}?\bunless\b`),
		notEmergency: regexp.MustCompile(`(?i)\b(?:this|it|which|request|matter|case)(?:'s|\s+is|\s+does)\s+not\s+(?:constitute\s+|involve\s+)?(?:an?\s+)?(?:emergency|urgent)|\bnot\s+an\s+emergency\b|\bno\s+emergency\s+exists\b|\bnicht\s+(?:um\s+einen\s+)?notfall|\bnon\s+(?:si\s+tratta\s+di\s+)?(?:un'?\s*)?emergenza\b|\bgeen\s+(?:spoed|noodgeval)|\bpas\s+une\s+urgence\b|\bno\s+es\s+una\s+emergencia\b`),
		subject:      regexp.MustCompile(`(?im)^[ \t]*(?:re|subject|betreff|objet|asunto|oggetto|assunto|onderwerp|ref)\s*:[^\n]*`),
		letter:       regexp.MustCompile(`(?im)^\s*(?:dear\b|to\s+whom\s+it\s+may\s+concern|sir\s+or\s+madam|hello\b|hi\b|greetings\b|sehr\s+geehrte|geachte|madame|monsieur|egregi|gentil|estimad|prezad)`),
		email:        regexp.MustCompile(`(?im)^\s*(?:from|sent|subject|date|cc|to|von|an|betreff|de|para|assunto|da|a|oggetto|van|aan|onderwerp)\s*:\s*\S`),
		agencyHead:   regexp.MustCompile(`(?i)\b(?:department|commission|administration|agency|bureau|service|police|office\s+of|inspector\s+general|customs|revenue)\b`),
		courtHead:    regexp.MustCompile(`(?i)\bcourt\b|\bgrand\s+jury\b|\bjudge\b|\btribunal\b|\bgericht\b|\bjuzgado\b`),
	}
})

var conditional = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)\b(?:if|unless|whether|when|where|in\s+case)\b[^.;]*$`)
})

// cueHit is where a type cue stands, as a weight factor.
const (
	atHypothetical = 0
	atBody         = 1
	atHeading      = 2
	atTitle        = 3
)

// heading is the lead page's heading with what stands where: the title
// and subject cells, and the caption to skip.
type heading struct {
	page    int
	titles  [][2]int // byte spans of title cells and subject lines
	caption [][2]int
	end     int // the heading's end in the page text
}

func (x *run) readHeading() heading {
	r := kindRules()
	p := x.c.leadPage()
	h := heading{page: p.num}
	head := x.c.head(headingLines)
	h.end = len(head)
	h.caption = captions(head)
	off := 0
	for _, line := range strings.SplitAfter(head, "\n") {
		cellStart := off
		for _, cell := range strings.Split(strings.TrimRight(line, "\n"), "  ") {
			t := strings.TrimSpace(cell)
			s := cellStart + strings.Index(line[cellStart-off:], cell)
			cellStart = s + len(cell)
			if t == "" || h.inCaption(s) {
				continue
			}
			if len(strings.Fields(t)) <= 14 && headingLike(t) && upperShare(t) >= 0.6 && letterCount(t) >= 4 {
				h.titles = append(h.titles, [2]int{s, s + len(cell)})
			}
		}
		off += len(line)
	}
	lead40 := strings.Join(strings.SplitN(p.text, "\n", 41)[:min(40, strings.Count(p.text, "\n")+1)], "\n")
	for _, m := range r.subject.FindAllStringIndex(lead40, -1) {
		h.titles = append(h.titles, [2]int{m[0], m[1]})
	}
	return h
}

// captions finds the captions in a heading: "IN RE GRAND JURY SUBPOENA",
// "In the Matter of the Application … for an Order under § 2703(d)",
// wrapped over a few lines. A caption names the matter a document belongs
// to, not what the document is. It ends at a title line of its own
// ("ORDER") or where the order's text begins.
func captions(head string) [][2]int {
	r := kindRules()
	var out [][2]int
	lines := strings.SplitAfter(head, "\n")
	off := 0
	for i := 0; i < len(lines); i++ {
		start := off
		off += len(lines[i])
		if !r.caption.MatchString(lines[i]) {
			continue
		}
		end := off
		for k := i + 1; k < len(lines) && k <= i+4; k++ {
			l := strings.TrimSpace(lines[k])
			if l == "" || !r.captionMore.MatchString(l) || r.captionStop.MatchString(l) || len(strings.Fields(l)) <= 3 && upperShare(l) >= 0.6 && splitRules().title.MatchString(l) {
				break
			}
			end += len(lines[k])
			i, off = k, end
		}
		out = append(out, [2]int{start, end})
	}
	return out
}

func (h heading) inCaption(i int) bool {
	for _, c := range h.caption {
		if i >= c[0] && i < c[1] {
			return true
		}
	}
	return false
}

// at says where a cue's hit stands.
func (x *run) at(h heading, m hit) int {
	lead := x.c.leadPage()
	if m.page == lead.num && m.start < h.end {
		if h.inCaption(m.start) {
			return atBody
		}
		for _, t := range h.titles {
			if m.start >= t[0] && m.start < t[1] {
				return atTitle
			}
		}
		if hypothetical(m) {
			return atHypothetical
		}
		return atHeading
	}
	if hypothetical(m) {
		return atHypothetical
	}
	if x.laterHeading(m) {
		return atHeading
	}
	return atBody
}

// hypothetical reports whether the sentence of a cue puts it in the
// future, the past, a condition or the negative.
func hypothetical(m hit) bool {
	r := kindRules()
	from, _ := sentenceBounds(m.text, m.start)
	before := m.text[max(from, m.start-120):m.start]
	return r.hypoBefore.MatchString(before) || r.hypoAfter.MatchString(m.text[m.end:min(len(m.text), m.end+60)])
}

// laterHeading reports whether a hit stands in the first lines of a later
// page of the order that begins a document of its own.
func (x *run) laterHeading(m hit) bool {
	for _, p := range x.c.pages[x.c.lead+1:] {
		if p.num != m.page || !p.starts || p.role != roleOrder {
			continue
		}
		lines := strings.SplitN(p.text, "\n", 13)
		end := len(strings.Join(lines[:min(len(lines), 12)], "\n"))
		if m.start >= end {
			return false
		}
		for _, c := range captions(p.text[:end]) {
			if m.start >= c[0] && m.start < c[1] {
				return false
			}
		}
		return true
	}
	return false
}

// processType scores each type's cues by where they stand, then applies
// what the document commands.
func (x *run) processType() {
	r := kindRules()
	h := x.readHeading()
	scores := map[app.ProcessType]int{}
	where := map[app.ProcessType]int{}
	evidence := map[app.ProcessType]hit{}
	notEmergency := x.saysNotEmergency()
	for _, tc := range typeCues() {
		if notEmergency && tc.kind == app.EmergencyRequest {
			continue
		}
		best, bestAt, n := 0, 0, 0
		var ev hit
		for _, m := range x.c.all(tc.re) {
			// Once a title has it, and another hit counted, no later hit
			// can raise the score: the rest need not be read.
			if bestAt == atTitle && n > 1 {
				break
			}
			a := x.at(h, m)
			if a == atHypothetical {
				continue
			}
			n++
			if a > bestAt {
				bestAt, ev = a, m
			}
		}
		if n == 0 {
			continue
		}
		best = tc.weight * bestAt
		if n > 1 {
			best++
		}
		if best > scores[tc.kind] {
			scores[tc.kind], where[tc.kind], evidence[tc.kind] = best, bestAt, ev
		}
	}
	acts := x.commandsAction()
	// A non-disclosure order stands alone when its heading names
	// non-disclosure and it commands nothing but silence; an order that
	// also commands production is that other kind, with a gag term.
	if scores[app.NondisclosureOrder] > 0 {
		if where[app.NondisclosureOrder] >= atHeading && !acts && x.commandsSilence() {
			scores[app.NondisclosureOrder] += 20
		} else {
			delete(scores, app.NondisclosureOrder)
		}
	}
	best, bestScore := app.OtherProcess, 0
	for _, tc := range typeCues() { // the order of typeCues breaks ties
		if s := scores[tc.kind]; s > bestScore {
			best, bestScore = tc.kind, s
		}
	}
	// A subpoena is of the kind its issuer makes it: a grand jury's, an
	// agency's (administrative), a civil party's.
	if best == app.Subpoena {
		best = x.subpoenaOfIssuer(scores)
		bestScore = max(bestScore, scores[best])
	}
	// A letter or e-mail that asks, and names no legal process of its
	// own, is an informal request.
	named := 0
	for k, s := range scores {
		if k != app.InformalRequest {
			named = max(named, s)
		}
	}
	letter := r.letter.MatchString(x.c.head(headingLines)) || len(r.email.FindAllStringIndex(x.c.head(headingLines), 3)) >= 2
	if scores[app.InformalRequest] > 0 && named < 6 && letter && !acts {
		best, bestScore = app.InformalRequest, scores[app.InformalRequest]
	}
	// A request wins only when no legal process is named.
	if best == app.InformalRequest {
		for _, tc := range typeCues() {
			if tc.kind != app.InformalRequest && scores[tc.kind] >= 5 && scores[tc.kind] >= named {
				best, bestScore = tc.kind, scores[tc.kind]
				break
			}
		}
	}
	// A letter or e-mail that names no process and compels nothing is a
	// request, whatever words it asks in.
	if best == app.OtherProcess && letter && !acts {
		best, bestScore = app.InformalRequest, 3
	}
	// A foreign authority's binding demand to produce that is none of the
	// named kinds is a production order.
	// An administrative subpoena is a U.S. agency's process: a foreign
	// police notice that calls itself a summons to produce ("Notice under
	// Section 94 … (Summons to produce document)") is a production order.
	if acts && foreignDemandKind(best) && x.foreign() {
		best, bestScore = app.ProductionOrder, 6
	}
	x.ex.ProcessType = best
	if best == app.OtherProcess {
		x.ex.Warnings = append(x.ex.Warnings, "process type: no cue found; set it by hand")
	} else if bestScore < 6 {
		cueText := best
		if ev, ok := evidence[best]; ok {
			x.ex.Warnings = append(x.ex.Warnings, fmt.Sprintf("process type %s rests on weak cues (%q, page %d); check it", cueText, ev.groups[0], ev.page))
		} else {
			x.ex.Warnings = append(x.ex.Warnings, fmt.Sprintf("process type %s rests on weak cues; check it", cueText))
		}
	}
}

// saysNotEmergency reports whether the sender says the request is no
// emergency. "If this is not an emergency, write to …" is an instruction,
// not the sender's word on its own request.
func (x *run) saysNotEmergency() bool {
	for _, m := range x.c.all(kindRules().notEmergency) {
		from, _ := sentenceBounds(m.text, m.start)
		if !conditional().MatchString(m.text[max(from, m.start-60):m.start]) {
			return true
		}
	}
	return false
}

// subpoenaOfIssuer is the kind of subpoena its issuer makes: a grand
// jury's, an agency's (administrative), a civil party's.
func (x *run) subpoenaOfIssuer(scores map[app.ProcessType]int) app.ProcessType {
	switch {
	case scores[app.GrandJurySubpoena] > 0:
		return app.GrandJurySubpoena
	case scores[app.AdministrativeSubpoena] > 0 || x.issuedByAgency():
		return app.AdministrativeSubpoena
	case scores[app.CivilSubpoena] > 0:
		return app.CivilSubpoena
	}
	return app.Subpoena
}

// foreignDemandKind reports whether a kind found for a foreign authority's
// binding demand to produce stands for a production order: none named, a
// request, or an administrative subpoena (a U.S. agency's process).
func foreignDemandKind(k app.ProcessType) bool {
	return k == app.OtherProcess || k == app.InformalRequest || k == app.AdministrativeSubpoena
}

// commandsAction reports whether the order compels the provider to do
// something other than keep quiet: produce, disclose to the government,
// preserve, appear, install.
func (x *run) commandsAction() bool {
	r := kindRules()
	for _, p := range x.c.pages {
		if p.role != roleOrder {
			continue
		}
		for _, m := range findAllIndex(r.command, p.text) {
			clause := p.text[m[0]:clauseEnd(p.text, m[1], 320)]
			for _, a := range r.action.FindAllStringIndex(clause, -1) {
				if !r.negAction.MatchString(clause[:a[0]]) {
					return true
				}
			}
		}
	}
	return false
}

// clauseEnd is where the clause that goes on at i ends: at a semicolon or
// the end of its sentence, at most n bytes on.
func clauseEnd(text string, i, n int) int {
	end := min(len(text), i+n)
	for k := i; k < end; k++ {
		if text[k] == ';' || sentenceEnd(text, k) && text[k] == '.' {
			return k
		}
	}
	return end
}

// commandsSilence reports whether the order commands (not merely asks)
// the provider not to disclose or notify.
func (x *run) commandsSilence() bool {
	r := kindRules()
	for _, p := range x.c.pages {
		if p.role != roleOrder {
			continue
		}
		for _, m := range findAllIndex(r.command, p.text) {
			if r.silence.MatchString(p.text[m[0]:clauseEnd(p.text, m[1], 240)]) {
				return true
			}
		}
	}
	return false
}

// issuedByAgency reports whether the letterhead is an executive agency's
// and the heading names no court: a subpoena such an agency issues is an
// administrative subpoena. A court named in a sentence ("proceedings in
// the U.S. District Court to enforce obedience") is the court that would
// enforce it, not its issuer: only a court in a heading line counts.
func (x *run) issuedByAgency() bool {
	r := kindRules()
	top := strings.Join(topLines(x.c.leadPage().text, 4), "\n")
	if !r.agencyHead.MatchString(top) {
		return false
	}
	for _, l := range strings.Split(x.c.head(headingLines), "\n") {
		if t := strings.TrimSpace(l); r.courtHead.MatchString(t) && headingLike(t) {
			return false
		}
	}
	return true
}

// foreign reports whether the order comes from outside the United States.
func (x *run) foreign() bool {
	j := x.ex.Fields[app.FieldJurisdiction].Value
	return j != "" && !strings.HasPrefix(j, "US")
}

// commands reports whether a page's text compels anything (used to tell a
// cover letter from an order).
func commands(text string) bool {
	r := kindRules()
	for _, m := range findAllIndex(r.command, text) {
		w := strings.ToLower(text[m[0]:m[1]])
		if w == "shall" || w == "you must" {
			continue // a letter's "you must" or "shall" is no command of its own
		}
		return true
	}
	return false
}

func letterCount(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}
