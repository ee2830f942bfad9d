package extract

import (
	"net"
	"regexp"
	"sort"
	"strings"

	"github.com/warrantdesk/warrantdesk/app"
)

var (
	emailRe = regexp.MustCompile(`(?i)\b[\p{L}0-9][\p{L}0-9._%+\-]*@[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?)*\.[a-z]{2,24}\b`)
	// Phone numbers: international (+CC …) and North American 3-3-4 forms.
	// Other national forms are read only where the jurisdiction says which
	// country they belong to (nationalPhoneRe).
	phoneRe         = regexp.MustCompile(`\+\d{1,3}[\s.\-]?\(?\d{1,4}\)?(?:[\s.\-]?\d{2,4}){2,4}\b|(?:\b1[\s.\-])?(?:\(\d{3}\)\s?|\b\d{3}[\s.\-])\d{3}[\s.\-]\d{4}\b|\+\d{8,15}\b`)
	nationalPhoneRe = regexp.MustCompile(`\b0\d{1,4}(?:[\s\-/]\d{2,4}){2,4}\b`)
	ipv4Re          = regexp.MustCompile(`\b(?:\d{1,3}\.){3}\d{1,3}\b`)
	ipv6Re          = regexp.MustCompile(`(?i)\b(?:[0-9a-f]{1,4}:){2,7}(?::|[0-9a-f]{1,4})(?:[0-9a-f:]*)`)
	urlRe           = regexp.MustCompile(`(?i)\bhttps?://[^\s<>"')\]]+|\b(?:www\.)?(?:facebook|instagram|twitter|x|tiktok|youtube|linkedin|github|reddit|telegram|t|snapchat|discord|vk|wordpress|tumblr|medium)\.(?:com|me|org)/[A-Za-z0-9_.\-/@]+|\b[a-z0-9\-]+\.(?:wordpress|blogspot|tumblr|github)\.(?:com|io)\b`)
	handleRe        = regexp.MustCompile(`(?:^|[\s(,;:"])@([A-Za-z0-9_][A-Za-z0-9_.]{1,30})\b`)
	userRe          = regexp.MustCompile(`(?i)\b(?:user\s*name|username|user\s+id|screen\s*name|handle|display\s+name|account\s+name|gamertag|login\s+name|profile\s+name)s?\b\s*[:=]?\s*(?:"|')?([A-Za-z0-9_.\-@]{3,64})`)
	accountRe       = regexp.MustCompile(`(?i)\b(?:account|acct|customer|subscriber|uid|user|profile|channel|page|group|apple|google|microsoft|facebook|instagram)\s*(?:id\b|identifier\b|number\b|no\b\.?|#)\s*[:=#]?\s*([A-Za-z0-9\-_.]{4,64})`)
	deviceRe        = regexp.MustCompile(`(?i)\b(IMEI|IMSI|MEID|ICCID|ESN|MAC\s+address|serial\s+number|device\s+id(?:entifier)?|UDID|IDFA|android\s+id|advertising\s+id)\s*(?:number|no\.?)?\s*[:=#]?\s*([0-9A-Fa-f][0-9A-Fa-f:\-]{5,40})`)
	timeRe          = regexp.MustCompile(`(?i)(` + DatePattern + `)[ ,T]*(?:at\s+)?(\d{1,2}:\d{2}(?::\d{2})?\s*(?:[AP]\.?M\.?)?\s*(?:UTC|GMT|Z|[ECMP][SD]T|[+\-]\d{2}:?\d{2})?)`)
	// Where an order lists what it targets.
	targetSectionRe = regexp.MustCompile(`(?i)attachment\s+a|property\s+to\s+be\s+searched|schedule\s+[1a]|target(?:ed)?\s+(?:account|identifier|selector)s?|accounts?\s+(?:associated|identified)\s+(?:with|by)|identifiers?\s*:|selectors?\s*:|data\s+subject|user\s+concerned|section\s+[cd]\b`)
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
	seen := map[string]bool{}
	add := func(kind app.TargetKind, value string, h hit, start, end int) {
		key := string(kind) + "\x00" + value
		if value == "" || seen[key] {
			return
		}
		seen[key] = true
		t := app.Target{Kind: kind, Value: value, Page: h.page, Snippet: snippetAt(h.text, start, end)}
		if m := timeRe.FindStringSubmatch(lineOf(h.text, start)); m != nil && (kind == app.TargetIP) {
			if d, ok := parseDate(m[1], x.dayFirst); ok {
				t.Timestamp = strings.TrimSpace(formatDate(d) + " " + m[2])
			}
		}
		x.ex.Targets = append(x.ex.Targets, t)
	}
	cc := x.callingCode()
	provider := x.providerDomains()

	for _, p := range x.c.pages {
		pt := p
		flags := newLineFlags(p.text)
		h := hit{page: p.num, text: p.text}
		var emails [][]int
		if strings.Contains(p.text, "@") {
			emails = emailRe.FindAllStringIndex(p.text, -1)
		}
		for _, m := range emails {
			v := strings.ToLower(p.text[m[0]:m[1]])
			if x.isContact(pt, flags, m[0], v, provider) {
				x.setContact(app.FieldAgentEmail, v, pt, m)
				continue
			}
			add(app.TargetEmail, v, h, m[0], m[1])
		}
		for _, m := range urlRe.FindAllStringIndex(p.text, -1) {
			v := strings.TrimRight(p.text[m[0]:m[1]], ".,;:")
			if x.isContact(pt, flags, m[0], v, provider) || isGovSite(v) {
				continue
			}
			add(app.TargetURL, v, h, m[0], m[1])
		}
		for _, m := range ipv4Re.FindAllStringIndex(p.text, -1) {
			v := p.text[m[0]:m[1]]
			if ip := net.ParseIP(v); ip == nil || inCitation(p.text, m[0]) || strings.HasPrefix(v, "0.") {
				continue // 0.0.0.0/8 is no host: OCR's reading of "U.S.C."
			}
			add(app.TargetIP, v, h, m[0], m[1])
		}
		for _, m := range ipv6Re.FindAllStringIndex(p.text, -1) {
			v := strings.TrimRight(p.text[m[0]:m[1]], ":")
			if ip := net.ParseIP(v); ip == nil || strings.Count(v, ":") < 2 || looksLikeTime(v) {
				continue
			}
			add(app.TargetIP, strings.ToLower(v), h, m[0], m[1])
		}
		for _, m := range deviceRe.FindAllStringSubmatchIndex(p.text, -1) {
			add(app.TargetDevice, strings.ToUpper(p.text[m[4]:m[5]]), h, m[0], m[1])
		}
		for _, m := range accountRe.FindAllStringSubmatchIndex(p.text, -1) {
			v := p.text[m[2]:m[3]]
			if !strings.ContainsAny(v, "0123456789") || x.isContact(pt, flags, m[0], v, provider) {
				continue
			}
			add(app.TargetAccountID, v, h, m[0], m[1])
		}
		for _, m := range userRe.FindAllStringSubmatchIndex(p.text, -1) {
			v := strings.TrimLeft(p.text[m[2]:m[3]], "@")
			if strings.Contains(v, "@") || isCommonWord(v) {
				continue
			}
			add(app.TargetUsername, v, h, m[0], m[1])
		}
		for _, m := range handleRe.FindAllStringSubmatchIndex(p.text, -1) {
			handle := p.text[m[2]:m[3]]
			// OCR reads specks as "@": on recognised pages a handle must
			// look like one (a digit or underscore) or stand in a list of
			// targets.
			if p.recognised && !strings.ContainsAny(handle, "0123456789_") && !flags.section[flags.line(m[2])] {
				continue
			}
			add(app.TargetUsername, "@"+handle, h, m[2]-1, m[3])
		}
		phones := phoneRe.FindAllStringIndex(p.text, -1)
		if cc != "1" {
			phones = append(phones, nationalPhoneRe.FindAllStringIndex(p.text, -1)...)
		}
		for _, m := range phones {
			raw := p.text[m[0]:m[1]]
			if inCitation(p.text, m[0]) || partOfLongerNumber(p.text, m[0], m[1]) || looksLikeCaseNumber(raw) || looksLikeDate(raw) || dateAround(p.text, m[0], m[1]) {
				continue
			}
			v := e164(raw, cc)
			if v == "" {
				continue
			}
			if x.isContact(pt, flags, m[0], v, provider) {
				x.setContact(app.FieldAgentPhone, v, pt, m)
				continue
			}
			add(app.TargetPhone, v, h, m[0], m[1])
		}
	}
}

// lineFlags says, for each line of a page, whether it is about the sender
// (contactCueRe) or lists targets (targetSectionRe). Computed once per
// page: running the cues per identifier was most of extraction's time.
type lineFlags struct {
	starts  []int
	contact []bool
	section []bool
}

func newLineFlags(text string) *lineFlags {
	f := &lineFlags{}
	off := 0
	for _, l := range strings.Split(text, "\n") {
		f.starts = append(f.starts, off)
		lower := strings.ToLower(l)
		f.contact = append(f.contact, mayMatch(contactCueRe, lower) && contactCueRe.MatchString(l))
		f.section = append(f.section, mayMatch(targetSectionRe, lower) && targetSectionRe.MatchString(l))
		off += len(l) + 1
	}
	return f
}

// line returns the index of the line holding offset i.
func (f *lineFlags) line(i int) int {
	return sort.Search(len(f.starts), func(k int) bool { return f.starts[k] > i }) - 1
}

// isContact reports whether the identifier at offset i belongs to the
// sender or the provider rather than to a target: it sits on a contact line
// ("questions may be directed to", "Tel:", "Special Agent ... (202) ..."),
// on a government or police domain, or on the provider's own domain outside
// a list of targets.
func (x *run) isContact(p pageText, flags *lineFlags, i int, v string, provider map[string]bool) bool {
	low := strings.ToLower(v)
	if at := strings.LastIndexByte(low, '@'); at >= 0 {
		domain := low[at+1:]
		if isGovDomain(domain) {
			return true
		}
		local := low[:at]
		if provider[domain] && (strings.Contains(local, "legal") || strings.Contains(local, "law") || strings.Contains(local, "records") || strings.Contains(local, "compliance") || strings.Contains(local, "subpoena") || strings.Contains(local, "lert") || strings.Contains(local, "privacy")) {
			return true
		}
	}
	n := flags.line(i)
	if flags.section[n] {
		return false
	}
	if flags.contact[n] {
		return true
	}
	// The sentence may have wrapped: "Questions … may be directed to
	// Special Agent Roe at\n(202) 555-0100."
	if sentence := sentenceAround(p.text, i); sentence != lineOf(p.text, i) {
		lower := strings.ToLower(sentence)
		return mayMatch(contactCueRe, lower) && contactCueRe.MatchString(sentence) && !(mayMatch(targetSectionRe, lower) && targetSectionRe.MatchString(sentence))
	}
	return false
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
	if c == '\n' && k+1 < len(text) && text[k+1] == '\n' {
		return true
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
	word := strings.ToLower(text[w:k])
	if len(word) <= 1 || strings.Contains(word, ".") {
		return false // an initial, or "U.S"
	}
	switch word {
	case "no", "inc", "ltd", "corp", "co", "st", "mr", "ms", "mrs", "dr", "jr", "sr", "sgt", "det", "lt", "hon", "cal", "fed", "crim", "proc", "seq", "art", "sec", "para", "vs", "v", "ave", "blvd", "rd", "ste", "dept", "div", "gen", "gov", "cst", "approx", "etc", "e.g", "i.e":
		return false
	}
	return true
}

// setContact records the sender's email or phone once, first seen wins.
func (x *run) setContact(field, v string, p pageText, m []int) {
	if _, ok := x.ex.Fields[field]; ok {
		return
	}
	h := hit{page: p.num, start: m[0], end: m[1], text: p.text, groups: []string{v}}
	x.set(field, v, h, 0.8)
}

func isGovDomain(d string) bool {
	for _, s := range []string{".gov", ".mil", ".police.uk", ".gc.ca", ".europa.eu", ".gov.uk", ".gouv.fr", ".police", ".pol", ".justice", ".just.", ".ic.fbi.gov"} {
		if strings.HasSuffix(d, s) || strings.Contains(d, s+".") {
			return true
		}
	}
	return strings.HasPrefix(d, "police.") || strings.Contains(d, "politie") || strings.Contains(d, "polizei") || strings.Contains(d, "guardiacivil") || strings.Contains(d, "justice")
}

func isGovSite(u string) bool {
	u = strings.ToLower(u)
	for _, s := range []string{".gov", ".mil", "europa.eu", "legislation.gov.uk", "uscourts", "justice.gov"} {
		if strings.Contains(u, s) {
			return true
		}
	}
	return false
}

// providerDomains guesses the addressed provider's own domains from the
// recipient field, so "lawenforcement@provider.com" is not taken for a
// target.
func (x *run) providerDomains() map[string]bool {
	out := map[string]bool{}
	r := strings.ToLower(x.ex.Fields[app.FieldRecipient].Value)
	for _, w := range strings.FieldsFunc(r, func(c rune) bool { return c == ' ' || c == ',' || c == '.' }) {
		if len(w) >= 3 && w != "inc" && w != "llc" && w != "ltd" && w != "corp" && w != "the" && w != "custodian" && w != "records" {
			out[w+".com"] = true
		}
	}
	return out
}

var citationRe = regexp.MustCompile(`(?i)(?:U\.?\s*S\.?\s*C\.?|§|section|sec\.|rule|code|act|regulation|part)\s*$`)

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
	return false
}

var caseLikeRe = regexp.MustCompile(`^\d{1,2}:\d{2}-`)

func looksLikeCaseNumber(s string) bool { return caseLikeRe.MatchString(s) }

func looksLikeTime(v string) bool {
	return regexp.MustCompile(`^\d{1,2}:\d{2}(:\d{2})?$`).MatchString(v)
}

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
	return "1"
}

// e164 writes a phone number in E.164, or returns "" when it cannot be a
// phone number.
func e164(raw, cc string) string {
	intl := strings.HasPrefix(strings.TrimSpace(raw), "+")
	var d strings.Builder
	for _, r := range raw {
		if r >= '0' && r <= '9' {
			d.WriteRune(r)
		}
	}
	digits := d.String()
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
		digits = strings.TrimPrefix(digits, "0")
		if len(digits) < 7 || len(digits) > 12 {
			return ""
		}
		return "+" + cc + digits
	}
	return ""
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
