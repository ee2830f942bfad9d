package review

import (
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode"

	"github.com/mtibben/confusables"
	"golang.org/x/net/idna"
	"golang.org/x/net/publicsuffix"

	"github.com/warrantdesk/warrantdesk/app"
)

// freeMail are the consumer mail services anyone can open an account on
// in minutes: the largest by users, from Wikipedia's "Comparison of webmail
// providers" (2024) and each provider's own sign-up domains. A
// government body writing from one of them is the commonest mark of a
// fake request (FBI PIN of Nov. 4, 2024). The brand names match under
// any suffix (yahoo.co.uk, hotmail.fr); the rest are exact domains.
var (
	freeMailBrands  = []string{"gmail", "googlemail", "hotmail", "outlook", "yahoo", "ymail", "aol", "gmx", "yandex", "protonmail", "zohomail"}
	freeMailDomains = []string{
		"live.com", "msn.com", "rocketmail.com", "icloud.com", "me.com", "mac.com", "proton.me", "pm.me",
		"web.de", "mail.com", "mail.ru", "bk.ru", "inbox.ru", "list.ru", "qq.com", "163.com", "126.com",
		"tutanota.com", "tuta.io", "naver.com", "rediffmail.com",
	}
)

// emailAnyRe finds e-mail addresses, with Unicode letters allowed in the
// domain so a homoglyph domain typed in another script is caught as
// written, not only in punycode.
var emailAnyRe = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`[\p{L}\p{N}._%+\-]+@[\p{L}\p{N}](?:[\p{L}\p{N}\-]*[\p{L}\p{N}])?(?:\.[\p{L}\p{N}](?:[\p{L}\p{N}\-]*[\p{L}\p{N}])?)*\.(?:[\p{L}]{2,24}|xn--[a-z0-9\-]+)`)
})

// hostRe finds web addresses (www.… or http(s)://…) for the domains an
// order names besides its e-mail addresses.
var hostRe = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)(?:https?://|\bwww\.)([\p{L}\p{N}\-]+(?:\.[\p{L}\p{N}\-]+)+)`)
})

// asciiHost returns host as IDNA ASCII (punycode), lower-case; host when it
// cannot be converted.
func asciiHost(host string) string {
	host = strings.Trim(strings.ToLower(host), ".")
	if a, err := idna.Lookup.ToASCII(host); err == nil {
		return a
	}
	return host
}

// unicodeHost returns host as it displays, punycode decoded.
func unicodeHost(host string) string {
	if u, err := idna.Display.ToUnicode(host); err == nil {
		return u
	}
	return host
}

// registrable returns the part of host one can register (eTLD+1:
// "fbi.gov" of "ic.fbi.gov", "example.police.uk"), its name label
// ("fbi") and its public suffix ("gov").
func registrable(host string) (reg, name, suffix string) {
	host = asciiHost(host)
	reg, err := publicsuffix.EffectiveTLDPlusOne(host)
	if err != nil {
		return host, host, ""
	}
	name, suffix, _ = strings.Cut(reg, ".")
	return reg, name, suffix
}

func domainOf(addr string) string {
	if at := strings.LastIndexByte(addr, '@'); at >= 0 {
		return strings.ToLower(addr[at+1:])
	}
	return strings.ToLower(addr)
}

// sameOrSub reports whether host is domain or one of its subdomains.
func sameOrSub(host, domain string) bool {
	host, domain = asciiHost(host), asciiHost(domain)
	return host == domain || strings.HasSuffix(host, "."+domain)
}

// isFreeMail reports whether host is a consumer mail service's.
func isFreeMail(host string) bool {
	reg, name, _ := registrable(host)
	return slices.Contains(freeMailDomains, reg) || slices.Contains(freeMailBrands, name)
}

// govLabels are the labels states register their governments under
// (gov.uk, gouv.fr, gob.mx, govt.nz, gv.at); one of them in front of
// someone else's registrable domain, or in its name, dresses a private
// domain up as a government's.
var govLabels = []string{"gov", "mil", "gouv", "gob", "govt", "gv", "gobierno", "government"}

// govLooking returns the label that makes host look like a government's
// when its registrable part is not one ("gov" in fbi.gov.secure-mail.com
// or fbi-gov.com), or "".
func govLooking(host string) string {
	host = asciiHost(host)
	reg, name, suffix := registrable(host)
	if isGovSuffix(suffix) {
		return ""
	}
	for _, l := range strings.Split(strings.TrimSuffix(host, reg), ".") {
		if slices.Contains(govLabels, l) {
			return l
		}
	}
	for _, tok := range strings.FieldsFunc(name, func(r rune) bool { return r == '-' || r == '_' }) {
		if slices.Contains(govLabels, tok) {
			return tok
		}
	}
	return ""
}

// isGovSuffix reports whether a public suffix is a government's own
// ("gov", "gov.uk", "gouv.fr", "police.uk", "gc.ca", "mil").
func isGovSuffix(suffix string) bool {
	for _, l := range strings.Split(suffix, ".") {
		if slices.Contains(govLabels, l) || l == "police" || l == "gc" || l == "go" {
			return true
		}
	}
	return false
}

// mixedScript says why a host's letters are a homoglyph trap — a label
// that mixes scripts ("fbі" with a Cyrillic і), or one wholly in another
// script that reads as Latin ("раураl") — or "".
func mixedScript(host string) string {
	for _, label := range strings.Split(unicodeHost(asciiHost(host)), ".") {
		scripts := map[string]bool{}
		ascii := true
		for _, r := range label {
			if r > unicode.MaxASCII {
				ascii = false
			}
			if !unicode.IsLetter(r) {
				continue
			}
			for name, table := range scriptTables {
				if unicode.Is(table, r) {
					scripts[name] = true
				}
			}
		}
		if len(scripts) > 1 {
			return "mixes " + strings.Join(sortedKeys(scripts), " and ") + " letters in “" + label + "”"
		}
		if !ascii && isASCII(confusables.Skeleton(label)) {
			return "“" + label + "” is written in non-Latin letters that read as the Latin “" + skeleton(label) + "”"
		}
	}
	return ""
}

// scriptTables are the scripts whose letters pass for one another.
var scriptTables = map[string]*unicode.RangeTable{
	"Latin": unicode.Latin, "Cyrillic": unicode.Cyrillic, "Greek": unicode.Greek, "Armenian": unicode.Armenian,
	"Cherokee": unicode.Cherokee, "Hebrew": unicode.Hebrew, "Arabic": unicode.Arabic, "Georgian": unicode.Georgian,
}

func sortedKeys(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func isASCII(s string) bool {
	for _, r := range s {
		if r > unicode.MaxASCII {
			return false
		}
	}
	return true
}

// lookAlike says how host imitates ref without being it — the same name
// under another suffix (fbi.com for fbi.gov), confusable letters (the
// Unicode skeletons match: rn for m, 0 for O), or a letter or two added,
// dropped or swapped (fbl.gov, fbii.gov, fib.gov) — or "" when it does
// not. sameName decides whether another suffix counts, which only a
// directory entry can tell.
func lookAlike(host, ref string, sameName bool) string {
	hr, hn, hs := registrable(host)
	rr, rn, _ := registrable(ref)
	if hr == rr || len(rn) < 3 {
		return ""
	}
	switch {
	case hn == rn:
		if sameName {
			return "the name of " + rr + " under another suffix (" + hs + ")"
		}
		return ""
	case skeleton(hr) == skeleton(rr):
		return "letters that read like " + rr
	}
	limit := 1
	if len(rn) > 6 {
		limit = 2
	}
	if d := damerau(hn, rn); d > 0 && d <= limit {
		return "a spelling one or two letters from " + rr
	}
	return ""
}

// skeleton is host's Unicode confusable skeleton (UTS #39), lower-case:
// "1akew00d" and "lakewood" share one.
func skeleton(host string) string {
	return strings.ToLower(confusables.Skeleton(unicodeHost(host)))
}

// damerau is the optimal-string-alignment distance between a and b:
// insertions, deletions, substitutions and swaps of neighbours, each one.
func damerau(a, b string) int {
	x, y := []rune(a), []rune(b)
	d := make([][]int, len(x)+1)
	for i := range d {
		d[i] = make([]int, len(y)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(x); i++ {
		for j := 1; j <= len(y); j++ {
			cost := 1
			if x[i-1] == y[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && x[i-1] == y[j-2] && x[i-2] == y[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(x)][len(y)]
}

// sender is one address the request gives as its sender's, and where.
type sender struct {
	addr, host, where string
}

var (
	// headerRe is a printed e-mail's sender header.
	headerRe = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?im)^[ \t>]*(from|reply-to|sender|return-path)[ \t]*:[ \t]*(.+)$`)
	})
	// senderCueRe marks a line about who is asking and how to answer them.
	senderCueRe = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?i)\bcontact\b|\breply\b|\brespond\b|\be-?mail(?:\s+address)?\s*:|\bsincerely\b|\bregards\b|\bofficer\b|\bdetective\b|\bsergeant\b|\bdeputy\b|\bspecial\s+agent\b|\binvestigator\b|\btrooper\b|\bbadge\b|\bsend\s+(?:the\s+|all\s+)?(?:records|information|response|results|data|documents)\b`)
	})
	// targetCueRe marks a line about the account asked for, whose
	// addresses are the user's, not the sender's.
	targetCueRe = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?i)\baccounts?\b|\bassociated\b|\btarget|\bsubscriber|\busers?(?:name)?\b|\bidentifier|\bbelonging\b|\bregistered\b|\bvictim|\bsuspect|\bsubject\b`)
	})
)

// senders returns the addresses a request gives as its sender's: the
// agent's e-mail read from it, the From, Reply-To and Sender headers of a
// printed e-mail, and addresses on a line about who is asking ("contact
// me at", a signature) that is not about the account asked for. Targets
// are the user's, never the sender's, unless a header names them.
func senders(in *Input) []sender {
	var out []sender
	add := func(addr, where string) {
		addr = strings.ToLower(strings.Trim(addr, "<>.,;:()[]\"'"))
		if !strings.Contains(addr, "@") || slices.ContainsFunc(out, func(s sender) bool { return s.addr == addr }) {
			return
		}
		out = append(out, sender{addr: addr, host: domainOf(addr), where: where})
	}
	if a := in.Case.Value(app.FieldAgentEmail); a != "" {
		add(a, "the agent's e-mail")
	}
	targets := map[string]bool{}
	for _, t := range ex(in).Targets {
		targets[strings.ToLower(t.Value)] = true
	}
	for _, h := range headers(in.Text) {
		add(h.addr, "the "+h.name+" header")
	}
	for _, line := range strings.Split(in.Text, "\n") {
		if !strings.Contains(line, "@") || headerRe().MatchString(line) || !senderCueRe().MatchString(line) || targetCueRe().MatchString(line) {
			continue
		}
		for _, a := range emailAnyRe().FindAllString(line, -1) {
			if !targets[strings.ToLower(a)] {
				add(a, "a contact line")
			}
		}
	}
	return out
}

// header is a printed e-mail's sender header and its address.
type header struct{ name, addr string }

// headers returns the From, Reply-To, Sender and Return-Path headers of a
// printed e-mail with their addresses; a header whose address wrapped
// onto the next line takes it from there.
func headers(text string) []header {
	var out []header
	for _, m := range headerRe().FindAllStringSubmatchIndex(text, -1) {
		name := headerName(text[m[2]:m[3]])
		a := emailAnyRe().FindString(text[m[4]:m[5]])
		if a == "" {
			next, _, _ := strings.Cut(text[min(len(text), m[1]+1):], "\n")
			a = emailAnyRe().FindString(next)
		}
		if a != "" {
			out = append(out, header{name, strings.ToLower(a)})
		}
	}
	return out
}

func headerName(h string) string {
	switch strings.ToLower(h) {
	case "reply-to":
		return "Reply-To"
	case "return-path":
		return "Return-Path"
	}
	return strings.ToUpper(h[:1]) + strings.ToLower(h[1:])
}

// orderHosts returns the other domains the order names — in e-mail and web
// addresses, not the targets' — against which a sender's domain may be a
// look-alike.
func orderHosts(in *Input, skip []sender) []string {
	targets := map[string]bool{}
	for _, t := range ex(in).Targets {
		if strings.Contains(t.Value, "@") {
			targets[domainOf(t.Value)] = true
		}
	}
	var out []string
	add := func(h string) {
		h = asciiHost(h)
		if targets[h] || slices.Contains(out, h) || !strings.Contains(h, ".") {
			return
		}
		for _, s := range skip {
			if asciiHost(s.host) == h {
				return
			}
		}
		out = append(out, h)
	}
	for _, a := range emailAnyRe().FindAllString(in.Text, -1) {
		add(domainOf(a))
	}
	for _, m := range hostRe().FindAllStringSubmatch(in.Text, -1) {
		add(strings.TrimPrefix(strings.ToLower(m[1]), "www."))
	}
	return out
}
