package extract

import (
	"net"
	"regexp"
	"strings"
	"sync"
	"unicode"

	"github.com/warrantdesk/warrantdesk/app"
)

// The case number is the number of the matter the order belongs to, as its
// issuer files it: a court's docket number, a prosecutor's Aktenzeichen, an
// agency's file or case number — before the document's own serial (a
// subpoena's or summons' number), and never the provider's own reference
// ("Your ref.") or a badge, phone or ticket number.

type caseRes struct {
	classes                               []labelClass
	headNumber, marker, notNumber, footer *regexp.Regexp
	code, parenCode, bad                  *regexp.Regexp
}

var caseRules = sync.OnceValue(func() *caseRes {
	num := `\.?\s*(?:no\b\.?|nr\b\.?|n\.?\s*[°º]|number|num\b\.?|#|nummer|número|numéro|numero|n\.?\s*o\b\.?)`
	re := func(s string) *regexp.Regexp { return regexp.MustCompile(`(?i)` + s) }
	return &caseRes{
		classes: []labelClass{
			// Labels that name someone else's number, or no case number.
			{"refused", 0, re(`\byour\s+ref|\bihr(?:e)?\s+(?:zeichen|ref)|\bvotre\s+r[ée]f|\bsu\s+ref|\bvossa\s+ref|\buw\s+(?:ref|kenmerk)|\bticket|\bbadge|\bcollar|\bphone|\btel\b|\bfax|\baccount|\bcustomer|\buser|\bform\b|\bpage|\bmember|\bemployee|\bvat\b|\biban|\bpost\s*code|\bzip|\btax\b|\bpassport|\binvoice|\bmerchant|\bimei|\bserial|\bdate\b|\bvalidating\s+authority|\bdevice|\bsubscriber`)},
			{"court-file", 0.9, re(`\b(?:case|docket|cause|criminal|civil\s+action|misc(?:ellaneous)?|mag(?:istrate)?|court\s+file|record|matter|file|crime|cr|fir|cas|proceedings?|indictment|information|dossier|enquiry|investigation)` + num + `|file\s+number\s+of\s+the\s+issuing\s+authority|^file\s+number$|\baktenzeichen\b|^az\.?$|^gz\.?$|gesch[äa]ftszahl|gesch[äa]ftszeichen|gesch[äa]fts-?\s*(?:nr\b|nummer)|verfahrens-?\s*(?:nr\b|nummer)|n[uú]mero\s+(?:do\s+)?processo|^processo\b|^proc\.?\s|^expediente|^procedimiento|^diligencias|^sumario|^nuipc|\bparketnummer|\bzaaknummer|^n[°º]\s+parquet|^r\.?\s*g\.?\s*n\.?\s*r|\bour\s+ref(?:erence)?\b|\bcourt\s+ref(?:erence)?\b|\bunser(?:e)?\s+(?:zeichen|ref)|\bnotre\s+r[ée]f|\bnuestra\s+ref|\bons\s+kenmerk|\bonze\s+ref|\bagency\s+case|\bincident` + `|\boccurrence|\bcase\s*/|^case$|\bcase\s+id\b`)},
			{"document", 0.8, re(`\b(?:subpoena|warrant|summons|order|demand|nsl|letter|request|notice|certificate|epoc|application|grand\s+jury|mag|application)` + num + `|\bref(?:erence)?\b|^(?:police\s+)?file$|\breport` + num + `|\bcontrol` + num + `|\bcomplaint` + num + `|\boperation\b|\bref\.?$|\breferencia|\briferimento|\brif\.?$|\bkenmerk$`)},
			{"register", 0.55, re(`^n\.?\s*i\.?\s*g\.?$|\bregistration\b|\bprotocol`)},
		},
		headNumber: regexp.MustCompile(`^(?:(?:No\.?|Nr\.?|N[°º]|#)\s*)?([A-Z]{0,6}[-/ ]?\d[\w\-/.:]*[-/.:][\w\-/.:]*\w)$`),
		notNumber:  regexp.MustCompile(`(?i)^(?:form|rev|page|section|sec|art|article|rule|title|chapter|cap|act|tel|fax|phone|room|suite|floor|p\.?o\.?\s*box)\b|\(rev`),
		footer:     regexp.MustCompile(`(?im)^[ \t]*(?:[\p{L}]{1,8}[ \t]+)?((?:[A-Z0-9][\p{L}0-9./\-]*[ \t]){0,3}[A-Z0-9][\p{L}0-9./\-]*\d[\p{L}0-9./\-]*)[ \t]+[-–—|·]?[ \t]*page[ \t]+\d+(?:[ \t]+of[ \t]+\d+)?`),
		marker:     regexp.MustCompile(`(?i)^(?:no\b\.?|nr\b\.?|n\.?\s*[°º]\.?|n\.?o\.?|#|number|nummer|número|numéro|numero)[:.]?$`),
		code:       regexp.MustCompile(`^\p{Lu}[\p{L}]{0,5}(?:-[\p{L}]{1,6})?$`),
		parenCode:  regexp.MustCompile(`^\([A-Z0-9]{1,6}\)$`),
		bad:        regexp.MustCompile(`(?i)\b(?:badge|phone|tel|fax)\b`),
	}
})

// caseNumber proposes the numbers the order is filed under and picks the
// issuer's.
func (x *run) caseNumber() {
	r := caseRules()
	var cands []cand
	add := func(v string, h hit, conf float64, rule string) {
		v = caseValue(v)
		if notCaseNumber(v) {
			return
		}
		line := strings.ToLower(lineOf(h.text, h.start))
		if r.bad.MatchString(line) && !strings.Contains(line, "case") {
			return
		}
		cands = append(cands, cand{value: normaliseCaseNumber(v), h: h, conf: conf, rank: conf + x.place(h), rule: rule})
	}
	for i, rule := range caseNumberRules {
		for _, h := range x.c.all(rule.re) {
			add(h.group(), h, rule.confidence, "pattern"+string(rune('0'+i)))
		}
	}
	courts := courtIssued(x.ex.ProcessType)
	for _, lp := range x.labelled(r.classes) {
		h := x.pairHit(lp.p)
		add(lp.p.value, h, lp.conf-agencyFileDown(courts, h.text, lp.p), "label-"+lp.rule)
	}
	// A number standing alone in the heading ("CRI-2026-085-004417" under
	// the title) is the case's when nothing labels one.
	lead := x.c.leadPage()
	off, n := 0, 0
	for _, l := range strings.Split(x.c.head(40), "\n") {
		if strings.TrimSpace(l) != "" {
			n++
		}
		if n > 20 {
			break
		}
		for _, c := range cellsOf(l, off) {
			if m := r.headNumber.FindStringSubmatchIndex(c.text); m != nil && !r.notNumber.MatchString(c.text) {
				h := hit{page: lead.num, start: c.start + m[2], end: c.start + m[3], text: lead.text, groups: []string{c.text[m[2]:m[3]]}}
				add(h.groups[0], h, 0.7, "heading-number")
			}
		}
		off += len(l) + 1
	}
	// A running footer or header names the case: "OPO-MAN-2026-0093 -
	// Page 2 of 2", "EPOC 6110 Js 24817/26 Page 1".
	for _, p := range x.c.pages {
		for _, m := range findAll(r.footer, p.text) {
			h := hit{page: p.num, start: m[2], end: m[3], text: p.text, groups: []string{p.text[m[2]:m[3]]}}
			add(h.groups[0], h, 0.7, "footer")
		}
	}
	x.choose(app.FieldCaseNumber, cands, func(s string) string { return strings.ToUpper(alnumOnly(s)) })
}

func alnumOnly(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// caseValue cuts a labelled value to the number: register words in front
// ("Diligencias Previas n.º 2214/2026", "N° Parquet 26257000418") and
// what follows the number ("412/2026 U/s 318(4) BNS", "CAS 418/07/2026
// (Johannesburg Central)") go; codes inside it stay ("6110 Js 24817/26",
// "26-0077 (NHG)").
func caseValue(v string) string {
	r := caseRules()
	toks := strings.Fields(strings.TrimSpace(v))
	i := 0
	for i < len(toks) {
		t := strings.Trim(toks[i], ",;:")
		if !hasDigit(t) && !(r.code.MatchString(t) && i+1 < len(toks) && hasDigit(toks[i+1])) {
			i++ // a register's name or a marker before the number
			continue
		}
		break
	}
	if i > 3 {
		return "" // prose, not a number after its label
	}
	var out []string
	seenDigit := false
	for k := i; k < len(toks); k++ {
		t := strings.TrimRight(toks[k], ",;")
		switch {
		case hasDigit(t) && !strings.HasPrefix(t, "("):
			if looksLikeDate(strings.Trim(t, ".,;:")) || looksLikeTime(strings.Trim(t, ".,;:")) {
				return ""
			}
			// "NH-43906 600 State Street": a street number after the number.
			if seenDigit && isDigits(t) && k+1 < len(toks) && len(toks[k+1]) >= 3 && hasLower(toks[k+1]) {
				k = len(toks)
				continue
			}
			out = append(out, t)
			seenDigit = true
		case r.marker.MatchString(t) && !seenDigit:
		case registerCode(out, t, toks[k+1:]):
			out = append(out, t)
		case r.parenCode.MatchString(t) && seenDigit:
			out = append(out, t)
		default:
			k = len(toks)
		}
		if len(out) >= 6 {
			break
		}
	}
	if !seenDigit {
		return ""
	}
	return trimUnopened(strings.TrimRight(strings.Join(out, " "), ".,;:-/"))
}

// trimUnopened drops a closing bracket the value never opened: "(APD Case
// No. 26-2910447)".
func trimUnopened(v string) string {
	if !strings.Contains(v, "(") {
		return strings.TrimRight(v, ")")
	}
	return v
}

// notCaseNumber reports whether a value cannot be a case number: empty,
// too short or long, a telephone number, a date, a year alone or an IP
// address (a log's, "Last IP seen in the device logs: 203.0.113.150").
func notCaseNumber(v string) bool {
	return v == "" || looksLikePhone(v) || looksLikeDate(v) || len(v) < 3 || len(v) > 40 || isIPAddress(v) || bareYear(v)
}

// bareYear reports whether a value is a year alone: what is left of
// "2026 Hyeongje 48813" cut at a word read as no code, never a case's number.
func bareYear(v string) bool { return len(v) == 4 && isDigits(v) && (v[:2] == "19" || v[:2] == "20") }

// registerCode reports whether word t, after out and before rest, names
// the register inside a number ("6110 Js 24817/26", "2026 Hyeongje 48813").
func registerCode(out []string, t string, rest []string) bool {
	return caseRules().code.MatchString(t) && nextHasDigit(rest) || yearAndRegister(out, t, rest)
}

// yearAndRegister reports whether word t, after out, is the register of a
// number that gives the year first and the serial after the register's
// name: "2026 Hyeongje 48813" (a Korean prosecutors' case), "2025 Gohap
// 1127". Such names are longer than the codes of other registers ("Js").
func yearAndRegister(out []string, t string, rest []string) bool {
	if len(out) != 1 || !bareYear(out[0]) || len(rest) == 0 || !isDigits(strings.TrimRight(rest[0], ".,;:)")) {
		return false
	}
	rs := []rune(t)
	if len(rs) < 2 || len(rs) > 12 || !unicode.IsUpper(rs[0]) {
		return false
	}
	for _, c := range rs[1:] {
		if !unicode.IsLower(c) {
			return false
		}
	}
	return true
}

// nextHasDigit reports whether one of the next three tokens holds a digit.
func nextHasDigit(toks []string) bool {
	for k := 0; k < len(toks) && k < 3; k++ {
		if hasDigit(toks[k]) {
			return true
		}
	}
	return false
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

func hasDigit(s string) bool {
	for _, r := range s {
		if r >= '0' && r <= '9' {
			return true
		}
	}
	return false
}

func hasLower(s string) bool {
	for _, r := range s {
		if unicode.IsLower(r) {
			return true
		}
	}
	return false
}

// agencyFileDown is how far a labelled number ranks down for being an
// agency's own file in a court's order: the court's number is the case's.
func agencyFileDown(courts bool, text string, p pair) float64 {
	if courts && agencysNumber(text, p.labelStart, p.label) {
		return 0.15
	}
	return 0
}

// isIPAddress reports whether a value is an IP address.
func isIPAddress(v string) bool { return strings.Count(v, ".") == 3 && net.ParseIP(v) != nil }

// courtIssued reports whether a kind of order is a court's: its own
// number (docket, warrant or order number) is the case's, before an
// agency's file number it cites.
func courtIssued(t app.ProcessType) bool {
	switch t {
	case app.SearchWarrant, app.CourtOrder2703d, app.PenRegister, app.WiretapOrder, app.NondisclosureOrder:
		return true
	}
	return false
}

var agencyLabelRe = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(\p{Lu}{2,6})\s+(?i:case|file|report|incident|investigation|complaint)\b|(?i:police|sheriff'?s?|agency|bureau)\s+(?:case|file|report|incident)\b`)
})

// agencysNumber reports whether a label names an agency's own number
// ("APD Case No.", "HSI Case No.", "Police report no."), not the court's.
func agencysNumber(text string, labelStart int, label string) bool {
	if labelStart < 0 || labelStart >= len(text) {
		return false
	}
	raw := text[labelStart:min(len(text), labelStart+len(label)+8)]
	m := agencyLabelRe().FindStringSubmatch(raw)
	return m != nil && m[1] != "NO" && m[1] != "NR"
}
