package extract

import (
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/warrantdesk/warrantdesk/app"
)

// What the order asks for, whether it gags the provider, whether it is an
// emergency. Forms list every choice with a box, ticked or not ("[X]
// traffic data", "[ ] content data", "☐ in emergency cases"): a cue on a
// line whose box is empty does not count. A cue in a sentence that
// negates it ("not to include the contents", "Inhalte … nicht umfasst")
// does not count either, in the languages orders come in.

type asksRes struct {
	boxBefore, preserveAsked, ancillary, multiNeg, refrain, notIncluded *regexp.Regexp
	multiCues                                                           []struct {
		category string
		re       *regexp.Regexp
	}
}

var asksRules = sync.OnceValue(func() *asksRes {
	re := func(s string) *regexp.Regexp { return regexp.MustCompile(`(?i)` + s) }
	return &asksRes{
		boxBefore:     regexp.MustCompile(`(\[\s*[xX✓✔]?\s*\]|[☐☒☑□■✓✔])[^\[☐☒☑□■\n]*$`),
		preserveAsked: re(`\bplease\s+preserve|\b(?:request|ask)(?:s|ed)?\s+(?:that\s+you\s+|you\s+to\s+|the\s+|for\s+the\s+)?preserv|\b(?:shall|must|to|will)\s+(?:take\s+all\s+necessary\s+steps\s+to\s+)?preserve|\bpreserve\s+(?:all|the|any|these|such)\b|\bsichern\b|\bconservar\b|\bpreservar\b|\bconserver\b|\bconservare\b|\bbewaren\b`),
		ancillary:     re(`until\s+(?:they\s+are|it\s+is|the\s+data\s+are)\s+produced|pending\s+(?:their\s+)?production|upon\s+receipt\s+of\s+the\s+epoc|no\s+longer\s+necessary`),
		multiNeg:      re(`\b(?:not|no|nor|excluding|except|without|nicht|keine?|ohne|ausgenommen|excluid[oa]s?|queda\s+excluid|sin|não|sem|exclu[ií]d|non|sauf|hors|senza|escluso|niet|geen|zonder|inte|utan)\b[^.;]{0,120}$`),
		refrain:       re(`(?:must|shall|is\s+to|are\s+to|to)\s+refrain\s+from\s+(?:informing|disclosing|notifying|telling)|hat\s+es\s+zu\s+unterlassen|(?:wird|ist)\s+(?:es\s+)?untersagt|se\s+abstenga\s+de\s+comunicar|abster-se\s+de\s+(?:comunicar|informar)|se\s+abstenha\s+de\s+(?:comunicar|informar)|mantenga\s+il\s+segreto|non\s+(?:ne\s+)?dia\s+notizia|n[ãa]o\s+poder[ãa]o\s+dar\s+conhecimento|untersagt,\s+[^.]{0,80}?\bzu\s+(?:informieren|unterrichten)|s'abstenir\s+d'informer|astenersi\s+dal(?:l[ao])?\s+(?:informare|comunicare)|dient\s+zich\s+te\s+onthouden|får\s+inte\s+(?:underrätta|informera)`),
		notIncluded:   re(`\b(?:does\s+not|do\s+not|shall\s+not|is\s+not|are\s+not|no|not)\b[^.;]{0,60}\b(?:include|includes|contain|impose|imposed|requirement|order)\b[^.;]{0,40}\bnon-?disclosure|\bnon-?disclosure[^;]{0,60}?\b(?:is\s+not|was\s+not|not|(?:has|have|had)\s+not\s+been)\s+(?:included|sought|ordered|imposed|required|requested|obtained|granted|made)|\bno\s+(?:court\s+)?(?:non-?disclosure|order\s+prohibiting\s+disclosure)|\b(?:does|do|did)\s+not\s+(?:reach|grant|decide)\b[^.;]{0,80}(?:2705|non-?disclosure|request)|\b(?:denies|denied|declines?)\b[^.;]{0,60}(?:2705|non-?disclosure)`),
		multiCues: []struct {
			category string
			re       *regexp.Regexp
		}{
			{app.DataSubscriber, re(`\bbestande?sdaten|dados\s+de\s+(?:base|identifica[cç][aã]o)|datos\s+(?:de\s+registro|del\s+titular|de\s+(?:abonado|suscriptor))|dados\s+cadastrais|dati\s+anagrafici|donn[ée]es\s+d'identification|abonnee-?gegevens|gebruikersgegevens|abonnentuppgifter|dane\s+abonenta|subscriber\s+data|registration\s+details|registered\s+subscriber`)},
			{app.DataNonContent, re(`\bverkehrsdaten|\branddaten|registos\s+de\s+(?:acesso|liga[cç][aã]o)|session\s+times|ip\s+addresses\s+associated\s+with\s+(?:each\s+|every\s+|the\s+)?log-?in|registros\s+de\s+(?:conexi[oó]n|acceso|acesso)|datos\s+de\s+tr[aá]fico|dados\s+de\s+(?:conex[aã]o|acesso)|dati\s+di\s+traffico|donn[ée]es\s+de\s+trafic|verkeersgegevens|trafikdata|dane\s+o\s+ruchu|traffic\s+data|transmission\s+data|log-?in\s+(?:ip|records|times)|ip\s+addresses\s+(?:used|with|and\s+(?:the\s+)?(?:times?|dates?))|times?\s+of\s+(?:access|log-?in|connection)`)},
			{app.DataContent, re(`\binhalte?\s+der\s+(?:kommunikation|nachrichten|e-?mails?)|\bcontenido\s+de\s+(?:las\s+|los\s+)?(?:comunicaciones|mensajes|correos)|\bconte[uú]do\s+d[ao]s?\s+(?:comunica[cç][õo]es|mensagens)|\bcontenuto\s+delle\s+(?:comunicazioni|conversazioni)|\bcontenu\s+des\s+(?:communications|messages)|\binhoud\s+van\s+(?:de\s+)?(?:communicatie|berichten)|\binneh[åa]ll(?:et)?\s+i\s+(?:kommunikation|meddelanden)|\bcontents?\s+of\s+(?:all\s+|any\s+|the\s+)?[a-z\- ]{0,30}?(?:e-?mails?|messages|communications|account|files|backups|chats|posts|photos|storage|drive|folders?)\b|\bcontent\s+data\b`)},
		},
	}
})

// unticked reports whether the cue at h stands after an empty box on its
// line ("[ ] content data").
func unticked(h hit) bool {
	ls := strings.LastIndexByte(h.text[:h.start], '\n') + 1
	m := asksRules().boxBefore.FindStringSubmatch(h.text[ls:h.start])
	if m == nil {
		return false
	}
	return emptyBox(strings.TrimSpace(m[1]))
}

// emptyBox reports whether a box is unticked ("[ ]", "☐").
func emptyBox(box string) bool {
	return box == "☐" || box == "□" || strings.HasPrefix(box, "[") && strings.Trim(box, "[] ") == ""
}

func (x *run) dataCategories() {
	r := asksRules()
	seen := map[string]bool{}
	check := func(category string, re *regexp.Regexp) {
		if seen[category] {
			return
		}
		for _, h := range x.c.all(re) {
			if cueCounts(category, h) {
				seen[category] = true
				return
			}
		}
	}
	for _, dc := range dataCues {
		check(dc.category, dc.re)
	}
	for _, dc := range r.multiCues {
		check(dc.category, dc.re)
	}
	switch x.ex.ProcessType {
	case app.Preservation2703f, app.EPOCPR:
		// A preservation request asks for nothing to be disclosed yet,
		// whatever it asks to be kept.
		seen = map[string]bool{app.DataPreservation: true}
	case app.NondisclosureOrder:
		// A stand-alone gag compels no data.
		seen = map[string]bool{}
	}
	for _, name := range []string{app.DataSubscriber, app.DataNonContent, app.DataContent, app.DataPreservation} {
		if seen[name] {
			x.ex.DataCategories = append(x.ex.DataCategories, name)
		}
	}
}

// cueCounts reports whether a data category's cue at h asks for the
// category: not beside an empty box, not negated in its sentence and list
// item, not "all e-mail addresses", and preservation only where it is
// asked for.
func cueCounts(category string, h hit) bool {
	r := asksRules()
	if unticked(h) || wrappedUnticked(h) {
		return false
	}
	// The negation must stand in the same sentence, which may have
	// wrapped onto the line before, and in the same item of a list.
	before := h.text[max(0, h.start-160):h.start]
	if i := strings.LastIndexAny(before, ".;"); i >= 0 {
		before = before[i+1:]
	}
	before = itemClause(before)
	if negation.MatchString(before) || r.multiNeg.MatchString(before) || negatedAfter(h) {
		return false
	}
	// "All e-mail addresses associated with the account" asks for
	// addresses, not e-mails.
	if category == app.DataContent && notContentAfter.MatchString(h.text[h.end:min(len(h.text), h.end+24)]) {
		return false
	}
	// Preservation is asked for, not the duty a production order recites
	// ("preserve the data until they are produced").
	if category == app.DataPreservation {
		s := sentenceAround(h.text, h.start)
		return r.preserveAsked.MatchString(s) && !r.ancillary.MatchString(s)
	}
	return true
}

var negatedAfterRe = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)^[^.;]{0,60}\b(?:nicht\s+umfasst|(?:sind|ist)\s+nicht\s+(?:herauszugeben|zu\s+übermitteln|zu\s+liefern)|no\s+(?:se\s+)?(?:solicita|incluye)|queda\s+excluid|não\s+(?:é|são)\s+(?:solicitad|abrangid)|est\s+exclu|non\s+(?:è|sono)\s+richiest|niet\s+gevraagd|are\s+not\s+(?:requested|sought|required)|is\s+not\s+(?:requested|sought|required)|(?:is|are)\s+excluded|not\s+(?:requested|sought|required))`)
})

// negatedAfter reports whether the sentence negates a cue after it
// ("Inhalte der Kommunikation sind … nicht umfasst", "content is
// excluded").
func negatedAfter(h hit) bool {
	return negatedAfterRe().MatchString(h.text[h.end:min(len(h.text), h.end+100)])
}

func (x *run) nondisclosure() {
	r := asksRules()
	nd := &x.ex.Nondisclosure
	// A gag counts on the order's own pages, in a box that is ticked, and
	// not where the order says it imposes none; an application's request
	// for one is a request.
	usable := func(hits []hit, orderOnly bool) []hit {
		var out []hit
		for _, h := range hits {
			if unticked(h) || r.notIncluded.MatchString(sentenceAround(h.text, h.start)) || scopeLimit(h) {
				continue
			}
			if orderOnly && (x.pageRole(h.page) != roleOrder || soughtOrder(h)) {
				continue
			}
			out = append(out, h)
		}
		return out
	}
	ordered := usable(append(x.c.all(ndoOrdered), x.c.all(r.refrain)...), true)
	cues := ordered
	if len(ordered) > 0 {
		nd.Ordered = true
	} else {
		requested := usable(x.c.all(ndoRequested), false)
		// An application asks the court for the gag it describes.
		for _, h := range usable(x.c.all(ndoOrdered), false) {
			if x.pageRole(h.page) == roleSupport {
				requested = append(requested, h)
			}
		}
		if len(requested) == 0 {
			return
		}
		nd.Requested = true
		cues = requested
	}
	h := cues[0]
	nd.Page = h.page
	nd.Snippet = h.snippet()
	if b, ok := x.c.first(ndoBasis); ok {
		nd.Basis = "18 U.S.C. § " + strings.ReplaceAll(b.groups[1], " ", "")
	}
	gagDuration(nd, cues, x.dayFirst)
}

// gagDuration reads how long a gag lasts from the sentences of its cues.
func gagDuration(nd *app.Nondisclosure, cues []hit, dayFirst bool) {
	// The duration is read in a sentence that imposes the gag: a paragraph
	// may also hold a preservation period or a deadline. Only what follows
	// the cue counts: "preserved for 60 days, and may not be disclosed"
	// gives no duration to the gag.
	para := ""
	for _, c := range cues {
		_, end := sentenceBounds(c.text, c.start)
		if s := c.text[c.start:max(end, c.start)]; ndoDays.MatchString(s) || ndoUntil.MatchString(s) {
			para = s
			break
		}
	}
	if m := ndoDays.FindStringSubmatch(para); m != nil {
		n, err := strconv.Atoi(m[1])
		if err != nil {
			n = numberWords[strings.ToLower(m[1])]
		}
		switch u := strings.ToLower(m[2]); {
		case strings.HasPrefix(u, "year"):
			nd.Days = 365 * n
		case strings.HasPrefix(u, "month"):
			// Twelve months are a year, not 360 days.
			nd.Days = 365*(n/12) + 30*(n%12)
		default:
			nd.Days = n
		}
	}
	if m := ndoUntil.FindStringSubmatch(para); m != nil {
		if t, ok := parseDate(m[1], dayFirst); ok {
			s := formatDate(t)
			nd.Until = &s
		}
	}
}

// pageRole is the role of page n in the order.
func (x *run) pageRole(n int) pageRole {
	for _, p := range x.c.pages {
		if p.num == n {
			return p.role
		}
	}
	return roleOrder
}

func (x *run) emergency() {
	if x.ex.ProcessType == app.EmergencyRequest {
		x.ex.Emergency = true
		return
	}
	r := kindRules()
	for _, m := range x.c.all(r.notEmergency) {
		from, _ := sentenceBounds(m.text, m.start)
		if !conditional().MatchString(m.text[max(from, m.start-60):m.start]) {
			return // the sender says it is no emergency
		}
	}
	for _, h := range x.c.all(emergencyRe) {
		line := strings.ToLower(lineOf(h.text, h.start))
		if unticked(h) || negation.MatchString(h.text[max(0, h.start-60):h.start]) || strings.Contains(line, "in an emergency") || strings.Contains(line, "in case of emergency") || conditional().MatchString(h.text[max(0, h.start-60):h.start]) {
			continue
		}
		x.ex.Emergency = true
		return
	}
}
