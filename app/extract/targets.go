package extract

import (
	"net"
	"regexp"
	"strings"
	"sync"
	"unicode"

	"github.com/warrantdesk/warrantdesk/app"
)

var (
	emailRe *regexp.Regexp
	// Phone numbers: international (+CC …) and North American 3-3-4 forms.
	// Other national forms are read only where the jurisdiction says which
	// country they belong to (nationalPhoneRe).
	phoneRe         *regexp.Regexp
	nationalPhoneRe *regexp.Regexp
	ipv4Re          *regexp.Regexp
	ipv6Re          *regexp.Regexp
	urlRe           *regexp.Regexp
	handleRe        *regexp.Regexp
	// Labels of user names in the languages orders come in; the value is
	// read on the same line or across a column gap.
	userRe *regexp.Regexp
	// An account named in quotes: the Lumenpost account "gastown_ember",
	// des Kontos „isar.nachtfalke".
	quotedAccountRe *regexp.Regexp
	accountRe       *regexp.Regexp
	// "Vantalink account VLC-00338172", "merchant account TSP-M-5520871":
	// an identifier of an account's own shape after the word.
	accountShapeRe *regexp.Regexp
	// A list of further identifiers after one ("… IDs: 6631-2048-7710 and
	// 6631-2048-9925").
	andIDRe  *regexp.Regexp
	deviceRe *regexp.Regexp
	timeRe   *regexp.Regexp
	// Where an order lists what it targets.
	targetSectionRe *regexp.Regexp
)

// countryCodes gives the calling code for a jurisdiction, to write local
// numbers in E.164.
var countryCodes = map[string]string{
	"US": "1", "CA": "1", "UK": "44", "NL": "31", "DE": "49", "FR": "33", "ES": "34", "IT": "39", "BE": "32",
	"AT": "43", "IE": "353", "PL": "48", "PT": "351", "SE": "46", "DK": "45", "FI": "358", "LU": "352",
	"CZ": "420", "GR": "30", "HU": "36", "RO": "40", "BG": "359", "HR": "385", "SI": "386", "SK": "421",
	"EE": "372", "LV": "371", "LT": "370", "MT": "356", "CY": "357",
}

// targets finds every identifier the order names and sorts out which are
// targets and which are the agent's or the provider's own contact details.
func (x *run) targets() {
	// Every identifier is found first, with whose it is; a value the order
	// gives as the sender's or the provider's anywhere is not a target
	// anywhere ("call me at (202) 555-0100" makes that number the agent's
	// on every page).
	type found struct {
		kind       app.TargetKind
		value      string
		h          hit
		start, end int
		own        owner
		k          int
	}
	var all []found
	var curK int
	add := func(kind app.TargetKind, value string, h hit, start, end int) {
		all = append(all, found{kind: kind, value: value, h: h, start: start, end: end, k: curK})
	}
	// own records an identifier that belongs to someone; the sender's
	// e-mail and phone are the agent's contact candidates.
	own := func(kind app.TargetKind, value string, o owner, k int, h hit, start, end int) {
		all = append(all, found{kind: kind, value: value, h: h, start: start, end: end, own: o, k: k})
	}
	defer func() {
		// A value listed among the targets stays a target.
		notTarget, listed := map[string]bool{}, map[string]bool{}
		for _, f := range all {
			if f.own != ownTarget {
				notTarget[f.value] = true
			} else if x.lineParts(f.k)[lineIndex(f.h.text, f.start)] == partTargets {
				listed[f.value] = true
			}
		}
		for v := range listed {
			delete(notTarget, v)
		}
		seen := map[string]bool{}
		contacts := map[app.TargetKind][]cand{}
		for _, f := range all {
			if f.own == ownSender {
				if c, ok := x.contactCand(f.k, f.h, f.start, f.end, f.value, f.kind); ok {
					contacts[f.kind] = append(contacts[f.kind], c)
				}
				continue
			}
			key := string(f.kind) + "\x00" + f.value
			if f.own != ownTarget || f.value == "" || seen[key] || notTarget[f.value] {
				continue
			}
			seen[key] = true
			t := app.Target{Kind: f.kind, Value: f.value, Page: f.h.page, Snippet: snippetAt(f.h.text, f.start, f.end)}
			if m := timeRe.FindStringSubmatch(lineOf(f.h.text, f.start)); m != nil && (f.kind == app.TargetIP) {
				if d, ok := parseDate(m[1], x.dayFirst); ok {
					t.Timestamp = strings.TrimSpace(formatDate(d) + " " + m[2])
				}
			}
			x.ex.Targets = append(x.ex.Targets, t)
		}
		x.choose(app.FieldAgentEmail, contacts[app.TargetEmail], nil)
		x.choose(app.FieldAgentPhone, contacts[app.TargetPhone], nil)
	}()
	cc := x.callingCode()

	for k, p := range x.c.pages {
		curK = k
		parts := x.lineParts(k)
		h := hit{page: p.num, text: p.text}
		var emails [][]int
		if strings.Contains(p.text, "@") {
			emails = findAllIndex(emailRe, p.text)
		}
		for _, m := range emails {
			v := emailValue(p, m[0], m[1])
			if o := x.whose(k, m[0], v); o != ownTarget {
				own(app.TargetEmail, v, o, k, h, m[0], m[1])
				continue
			}
			add(app.TargetEmail, v, h, m[0], m[1])
		}
		for _, m := range x.targetURLs(k) {
			add(app.TargetURL, strings.TrimRight(p.text[m[0]:m[1]], ".,;:"), h, m[0], m[1])
		}
		for _, ip := range x.targetIPs(k) {
			add(app.TargetIP, ip.value, h, ip.start, ip.end)
		}
		for _, m := range findAll(deviceRe, p.text) {
			if v := p.text[m[4]:m[5]]; hasDigit(v) {
				add(app.TargetDevice, strings.ToUpper(strings.TrimRight(v, ":-")), h, m[0], m[1])
			}
		}
		accounts := func(re *regexp.Regexp) {
			for _, m := range findAll(re, p.text) {
				for _, span := range append([][2]int{{m[2], m[3]}}, moreIDs(p.text, m[3])...) {
					v := strings.TrimRight(p.text[span[0]:span[1]], ".,;:-_")
					if !hasDigit(v) || strings.Contains(v, "@") || looksLikeDate(v) || x.whose(k, span[0], v) != ownTarget {
						continue
					}
					add(app.TargetAccountID, v, h, span[0], span[1])
				}
			}
		}
		accounts(accountRe)
		accounts(accountShapeRe)
		accounts(accountLayoutRes().nextLine)
		accounts(accountLayoutRes().tableRow)
		spaced := x.spacedHandles(k)
		for _, s := range spaced {
			add(app.TargetUsername, s.value, h, s.start, s.end)
		}
		users := func(re *regexp.Regexp) {
			for _, m := range findAll(re, p.text) {
				if inSpans(spaced, m[2]) {
					continue // its first word: the whole is read above
				}
				v := strings.TrimRight(strings.TrimLeft(p.text[m[2]:m[3]], "@"), ".,;:-")
				if !usernameShaped(v) || x.whose(k, m[2], v) != ownTarget {
					continue
				}
				add(app.TargetUsername, v, h, m[0], m[1])
			}
		}
		users(userRe)
		users(quotedAccountRe)
		users(accountLayoutRes().userColumn)
		users(accountLayoutRes().userCalled)
		users(accountLayoutRes().accountColon)
		for _, m := range x.bareHandles(k) {
			add(app.TargetUsername, p.text[m[0]:m[1]], h, m[0], m[1])
		}
		for _, m := range findAll(handleRe, p.text) {
			handle := p.text[m[2]:m[3]]
			// OCR reads specks as "@": on recognised pages a handle must
			// look like one (a digit or underscore) or stand in a list of
			// targets.
			if p.recognised && !strings.ContainsAny(handle, "0123456789_") && parts[lineIndex(p.text, m[2])] != partTargets {
				continue
			}
			add(app.TargetUsername, strings.TrimRight(handle, "."), h, m[2]-1, m[3])
		}
		phones := findAllIndex(phoneRe, p.text)
		if cc != "1" {
			phones = append(phones, nationalNumbers(p.text, phones, cc)...)
		}
		for _, m := range phones {
			v := phoneValue(p.text, m[0], m[1], cc)
			if v == "" {
				continue
			}
			if o := x.whose(k, m[0], v); o != ownTarget {
				own(app.TargetPhone, v, o, k, h, m[0], m[1])
				continue
			}
			add(app.TargetPhone, v, h, m[0], m[1])
		}
	}
}

// targetIPs are the IP addresses on page k an order can ask about: no
// citation's digits, no time of day, none its facts only narrate.
func (x *run) targetIPs(k int) []span {
	p := x.c.pages[k]
	var out []span
	for _, m := range findAllIndex(ipv4Re, p.text) {
		v := p.text[m[0]:m[1]]
		if ip := net.ParseIP(v); ip == nil || inCitation(p.text, m[0]) || strings.HasPrefix(v, "0.") || x.contextIP(k, m[0]) {
			continue // 0.0.0.0/8 is no host: OCR's reading of "U.S.C."
		}
		out = append(out, span{v, m[0], m[1]})
	}
	for _, m := range findAllIndex(ipv6Re, p.text) {
		v := strings.TrimRight(p.text[m[0]:m[1]], ":")
		if ip := net.ParseIP(v); ip == nil || strings.Count(v, ":") < 2 || looksLikeTime(v) || x.contextIP(k, m[0]) {
			continue
		}
		out = append(out, span{strings.ToLower(v), m[0], m[1]})
	}
	return out
}

// phoneValue is the telephone number matched at text[start:end] in E.164,
// or "" when the digits are no telephone number: a citation, part of a
// longer number, a case number or a date.
func phoneValue(text string, start, end int, cc string) string {
	raw := text[start:end]
	if inCitation(text, start) || partOfLongerNumber(text, start, end) || looksLikeCaseNumber(raw) || looksLikeDate(raw) || dateAround(text, start, end) {
		return ""
	}
	if more := wrappedDigits(text, start, end, raw); more != "" {
		raw += " " + more // "tel. +33 1 99 00" / "37 82, …" in a form's cell
	}
	return e164(raw, cc)
}

var wrappedDigitsRe = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(\d{2,4}(?: \d{2,4}){0,3})(?:[,;.)]|\s|$)`)
})

// wrappedDigits returns the rest of a telephone number that a form's cell
// or a narrow column carried over to the next line: the number at
// text[start:end] ends its line too short to be whole, and the cell under
// its own (by its place in the row) begins with digits.
func wrappedDigits(text string, start, end int, raw string) string {
	n := 0
	for _, r := range raw {
		if r >= '0' && r <= '9' {
			n++
		}
	}
	short := 9
	if strings.HasPrefix(raw, "+") {
		short = 10
	}
	if n >= short || end >= len(text) || text[end] != '\n' {
		return ""
	}
	ls := strings.LastIndexByte(text[:start], '\n') + 1
	cur := cellsOf(text[ls:end], ls)
	ci := len(cur) - 1 // the number ends its line: it is in the last cell
	next := text[end+1:]
	if i := strings.IndexByte(next, '\n'); i >= 0 {
		next = next[:i]
	}
	below := cellsOf(next, 0)
	var c cell
	switch {
	case len(below) == len(cur) && ci >= 0:
		c = below[ci]
	case len(cur) > 1 && len(below) > 1:
		c = below[len(below)-1]
	default:
		return ""
	}
	if m := wrappedDigitsRe().FindStringSubmatch(c.text); m != nil {
		return m[1]
	}
	return ""
}

// sentenceAround returns the sentence holding offset i, within 400 bytes
// each way: from the end of the previous sentence to the end of this one.
func sentenceAround(text string, i int) string {
	start, end := sentenceBounds(text, i)
	return text[start:end]
}

// sentenceBounds returns the byte offsets of the sentence holding i.
func sentenceBounds(text string, i int) (int, int) {
	from, to := max(0, i-400), min(len(text), i+400)
	start := from
	for k := i - 1; k > from; k-- {
		if sentenceEnd(text, k) {
			start = k + 1
			break
		}
	}
	end := to
	for k := i; k < to; k++ {
		if sentenceEnd(text, k) {
			end = k + 1
			break
		}
	}
	return start, end
}

// sentenceEnd reports whether text[k] ends a sentence: a blank line, a
// colon or period before white space — but not the period of an initial
// ("Jane Q. Roe") or of a common abbreviation ("U.S.", "No.", "Inc.").
func sentenceEnd(text string, k int) bool {
	c := text[k]
	if c == '\n' {
		if k+1 < len(text) && text[k+1] == '\n' {
			// A blank line ends a sentence unless the line before stops
			// mid-sentence (OCR leaves blank lines between wrapped lines).
			ls := strings.LastIndexByte(text[:k], '\n') + 1
			prev := strings.TrimRight(text[ls:k], " ")
			return prev == "" || len(prev) < 50 || strings.ContainsAny(prev[len(prev)-1:], ".:!?")
		}
		// A row of a table or an item of a list is a sentence of its own.
		ls := strings.LastIndexByte(text[:k], '\n') + 1
		next := text[k+1:]
		if e := strings.IndexByte(next, '\n'); e >= 0 {
			next = next[:e]
		}
		return strings.Contains(text[ls:k], "  ") && strings.Contains(next, "  ") || listItem(strings.TrimSpace(next))
	}
	if c != '.' && c != ':' {
		return false
	}
	if k+1 < len(text) && text[k+1] != ' ' && text[k+1] != '\n' {
		return false
	}
	if c == ':' {
		return true
	}
	w := k
	for w > 0 && text[w-1] != ' ' && text[w-1] != '\n' {
		w--
	}
	return !abbreviation(strings.ToLower(text[w:k]), text[k+1:])
}

// abbreviation reports whether a word before a full stop, then rest, is
// one that ends no sentence: an initial, "U.S", a title or legal form, the
// day of a German date ("bis spätestens 15. Juli 2026").
func abbreviation(word, rest string) bool {
	if len(word) <= 1 || strings.Contains(word, ".") || dayBeforeMonth(word, rest) {
		return true
	}
	switch word {
	case "no", "inc", "ltd", "ltda", "corp", "co", "st", "mr", "ms", "mrs", "dr", "jr", "sr", "sgt", "det", "lt", "hon", "cal", "fed", "crim", "proc", "seq", "art", "sec", "para", "vs", "v", "ave", "blvd", "rd", "ste", "dept", "div", "gen", "gov", "cst", "approx", "etc", "e.g", "i.e", "tel", "tél", "ph", "mob", "ext", "ref", "nr":
		return true
	}
	return false
}

// contactCand proposes a sender's e-mail or phone as the agent's contact.
// The agent's own (beside the agent's name, or an address that spells it)
// beats the office's. A fax is the sender's, but no one answers it: no
// candidate.
func (x *run) contactCand(k int, h hit, start, end int, v string, kind app.TargetKind) (cand, bool) {
	if kind == app.TargetPhone && numberKind(h.text, start, end) == phoneFax {
		return cand{}, false
	}
	h.start, h.end, h.groups = start, end, []string{v}
	conf, rank := 0.8, 0.8
	if up := x.agentsOwn(h.text, start, v); up > 0 {
		rank += up
		conf = 0.85
	}
	if line := lineOf(h.text, start); whoseRules().switchboard.MatchString(line) && !titledNameRe().MatchString(line) {
		rank -= 0.1
	}
	rank -= x.numberPlace(k, h.text, start, end, strings.Contains(v, "@"))
	return cand{value: v, h: h, conf: conf, rank: rank + x.place(h), rule: "contact"}, true
}

// linesAround returns the line holding offset i and n lines each side.
func linesAround(text string, i, n int) []string {
	lines := strings.Split(text, "\n")
	at := lineIndex(text, i)
	return lines[max(0, at-n):min(len(lines), at+n+1)]
}

// isGovDomain reports whether an e-mail domain is a government's, a
// court's, a prosecutor's or a police force's: by its endings (.gov,
// .gov.uk, .gouv.fr, .gc.ca, .police.uk) or by a label that names such a
// body in the languages orders come in (politie, polizei, justiz, om, mp).
func isGovDomain(d string) bool {
	d = strings.ToLower(d)
	if _, ok := domainAgency(d); ok {
		return true // an agency's own: "afp.example" for afp.gov.au
	}
	labels := strings.Split(d, ".")
	if len(labels) >= 3 && labels[0] == "ag" && len(labels[1]) == 2 && validState(strings.ToUpper(labels[1])) {
		return true // a state attorney general's: ag.ny.gov
	}
	for i, l := range labels {
		if i == len(labels)-1 {
			break // the country or generic ending
		}
		switch l {
		case "gov", "govt", "gouv", "gob", "gv", "mil", "gc", "mp", "om", "sta", "mj", "jus", "fbi", "usdoj", "dhs", "ice", "irs", "usss", "nca", "spf":
			return true
		}
		for _, w := range govWords {
			if strings.Contains(l, w) {
				return true
			}
		}
		if len(l) >= 4 && strings.HasSuffix(l, "pd") {
			return true // a U.S. police department's own domain: springfieldpd.org
		}
	}
	return localityDomain(labels) || labels[len(labels)-1] == "gov" || labels[len(labels)-1] == "mil"
}

// localityDomain reports whether a domain's labels are a U.S. locality's
// under its state's: ci.springfield.or.us, co.example.tx.us.
func localityDomain(labels []string) bool {
	n := len(labels)
	if n < 4 || labels[n-1] != "us" || len(labels[n-2]) != 2 {
		return false
	}
	switch labels[0] {
	case "ci", "co", "state", "courts":
		return true
	}
	return false
}

// govWords are pieces of domain labels that name public bodies.
var govWords = []string{"county", "cityof", "townof", "villageof", "police", "polic", "poliz", "politi", "polis", "policja", "justi", "giustizia", "procura", "prokur", "fiscal", "parquet", "staatsanwalt", "aklagare", "gendarm", "carabinieri", "garda", "guardiacivil", "interieur", "interior", "sheriff", "attorney", "prosecutor", "court", "tribunal", "judiciary"}

func isGovSite(u string) bool {
	u = strings.ToLower(u)
	for _, s := range []string{".gov", ".mil", "europa.eu", "legislation.gov.uk", "uscourts", "justice.gov"} {
		if strings.Contains(u, s) {
			return true
		}
	}
	return false
}

var citationRe *regexp.Regexp

// inCitation reports whether a number follows a legal citation (§ 2703
// and the like), not a target.
func inCitation(text string, i int) bool {
	return citationRe.MatchString(text[max(0, i-20):i])
}

// partOfLongerNumber rejects matches inside a longer run of digits or
// letters, such as a case number or an IMEI.
func partOfLongerNumber(text string, start, end int) bool {
	if start > 0 {
		c := text[start-1]
		if c >= '0' && c <= '9' || c == '-' || c == ':' || c == '/' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' {
			return true
		}
	}
	if end < len(text) {
		c := text[end]
		if c >= '0' && c <= '9' || c == '-' && end+1 < len(text) && text[end+1] >= '0' && text[end+1] <= '9' || c == '/' {
			return true
		}
	}
	return codeSuffix(text[end:])
}

// codeSuffix reports whether rest opens with a hyphen and a letter or two
// of a file number's suffix ("204-772-0019-S."): the digits before it are
// a case number's, no telephone's.
func codeSuffix(rest string) bool {
	if len(rest) < 2 || rest[0] != '-' {
		return false
	}
	n := 1
	for n < len(rest) && n <= 3 && rest[n] >= 'A' && rest[n] <= 'Z' {
		n++
	}
	return n > 1 && n <= 3 && (n == len(rest) || !unicode.IsLetter(rune(rest[n])))
}

var caseLikeRe *regexp.Regexp

func looksLikeCaseNumber(s string) bool { return caseLikeRe.MatchString(s) }

func looksLikeTime(v string) bool {
	return regexp.MustCompile(`^\d{1,2}:\d{2}(:\d{2})?$`).MatchString(v)
}

// moreIDs finds identifiers listed after the one ending at i: ", B and C".
func moreIDs(text string, i int) [][2]int {
	var out [][2]int
	for len(out) < 10 {
		m := andIDRe.FindStringSubmatchIndex(text[i:min(len(text), i+80)])
		if m == nil || !hasDigit(text[i+m[2]:i+m[3]]) {
			break
		}
		out = append(out, [2]int{i + m[2], i + m[3]})
		i += m[1]
	}
	return out
}

// usernameShaped reports whether v can be a user name: not a number (an
// account ID), not a word of the sentence ("Phone", "shown"), not an
// e-mail address.
func usernameShaped(v string) bool {
	if len(v) < 3 || strings.Contains(v, "@") || isDigits(strings.ReplaceAll(v, "-", "")) || isCommonWord(v) {
		return false
	}
	if strings.ContainsAny(v, "0123456789_.") {
		return true
	}
	return strings.ToLower(v) == v && !labelWords[v]
}

// labelWords follow a username label without being one ("username shown
// above", "usernames and").
var labelWords = map[string]bool{"shown": true, "above": true, "below": true, "and": true, "or": true, "of": true, "is": true, "are": true, "was": true, "registered": true, "associated": true, "used": true, "unknown": true, "provided": true, "listed": true, "known": true, "if": true}

var commonWords = map[string]bool{"and": true, "the": true, "for": true, "information": true, "records": true, "associated": true, "with": true, "name": true, "names": true, "address": true, "used": true, "that": true, "which": true, "any": true, "all": true, "of": true}

func isCommonWord(s string) bool { return commonWords[strings.ToLower(s)] }

// callingCode picks the country calling code for numbers written without
// one, from the jurisdiction.
func (x *run) callingCode() string {
	j := x.ex.Fields[app.FieldJurisdiction].Value
	switch {
	case strings.HasPrefix(j, "US"):
		return "1"
	case j == "UK":
		return "44"
	case j == "CA":
		return "1"
	case strings.HasPrefix(j, "EU-"):
		return countryCodes[strings.TrimPrefix(j, "EU-")]
	}
	if cc := jurisdictionCodes()[j]; cc != "" {
		return cc // "AU" → 61, "BR" → 55
	}
	return "1"
}

// jurisdictionCodes is callingCodes the other way: a country's calling
// code by its jurisdiction, for the national numbers of orders from
// outside the U.S. and the EU.
var jurisdictionCodes = sync.OnceValue(func() map[string]string {
	m := make(map[string]string, len(callingCodes))
	for code, j := range callingCodes {
		m[j] = code
	}
	return m
})

// e164 writes a phone number in E.164, or returns "" when it cannot be a
// phone number.
func e164(raw, cc string) string {
	raw, ok := dialledFromAbroad(raw)
	if !ok {
		return ""
	}
	intl := strings.HasPrefix(raw, "+")
	digits := digitsOf(raw)
	switch {
	case intl:
		if len(digits) < 8 || len(digits) > 15 {
			return ""
		}
		return "+" + digits
	case cc == "1":
		if len(digits) == 11 && digits[0] == '1' {
			digits = digits[1:]
		}
		if len(digits) != 10 || digits[0] < '2' || digits[3] < '2' {
			return ""
		}
		return "+1" + digits
	case cc != "":
		if cc != "39" {
			// Italy dials its leading zero from abroad too (+39 02 …).
			digits = strings.TrimPrefix(digits, "0")
		}
		if len(digits) < 7 || len(digits) > 12 {
			return ""
		}
		return "+" + cc + digits
	}
	return ""
}

// digitsOf returns the digits of s, in order.
func digitsOf(s string) string {
	var d strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			d.WriteRune(r)
		}
	}
	return d.String()
}

// dialledFromAbroad writes a number given with the international prefix
// ("0049 89 …", as dialled from Europe) with a "+", and drops the trunk
// zero an international number shows in brackets ("+44 (0)20 …"); false
// when the prefix is followed by no country's code.
func dialledFromAbroad(raw string) (string, bool) {
	raw = strings.TrimSpace(raw)
	if strings.HasPrefix(raw, "00") {
		if !knownCallingCode(raw[2:]) {
			return "", false
		}
		raw = "+" + raw[2:]
	}
	if strings.HasPrefix(raw, "+") {
		raw = strings.Replace(raw, "(0)", "", 1)
	}
	return raw, true
}

// knownCallingCode reports whether digits begin with a country's calling
// code, as a number dialled with an international prefix does.
func knownCallingCode(digits string) bool {
	for n := 1; n <= 3 && n <= len(digits); n++ {
		if code := digits[:n]; code == "1" || callingCodes[code] != "" {
			return true
		}
	}
	return false
}

// dateAround reports whether a number match is part of a date
// ("05.06.2024", "01/02/2024 10:00").
func dateAround(text string, start, end int) bool {
	from, to := max(0, start-3), min(len(text), end+5)
	for _, loc := range dateRe.FindAllStringIndex(text[from:to], -1) {
		if from+loc[0] < end && from+loc[1] > start {
			return true
		}
	}
	return false
}
