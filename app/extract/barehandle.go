package extract

import (
	"regexp"
	"strings"
	"sync"
)

// A user name is often given with no label at all, in a sentence about
// accounts: "the accounts reefline@… and coastal_quant_au (account ID …)",
// "dell'utente darsena_srl_amm". Legal prose has no words of its own with
// an underscore in them, so a bare word joined by underscores, in a
// sentence that speaks of an account or a user (or in a list of
// identifiers), is a user name — unless it is a mailbox's, a web
// address's or a file's part.

var bareHandleRes = sync.OnceValue(func() [2]*regexp.Regexp {
	return [2]*regexp.Regexp{
		regexp.MustCompile(`(?:^|[\s(“"'‘,;:])([A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+)(?:[\s)”"'’,;:]|\.(?:\s|$)|$)`),
		regexp.MustCompile(`(?i)\b(?:accounts?|users?|user\s*names?|utente|utenti|usu[aá]rios?|usuarios?|utilisateurs?|comptes?|cuentas?|contas?|kontos?|konten|benutzer\w*|nutzer\w*|gebruikers?|profiles?|profils?|handles?|screen\s+names?)\b`),
	}
})

// bareHandles gives the spans of such user names on page k that are no
// one's contact.
func (x *run) bareHandles(k int) [][2]int {
	res := bareHandleRes()
	p := x.c.pages[k]
	if !strings.Contains(p.text, "_") {
		return nil
	}
	parts := x.lineParts(k)
	var out [][2]int
	for _, m := range res[0].FindAllStringSubmatchIndex(p.text, -1) {
		v := p.text[m[2]:m[3]]
		if strings.ToUpper(v) == v || !usernameShaped(v) {
			continue // a constant's or a form field's name, not a user's
		}
		from, to := sentenceBounds(p.text, m[2])
		if parts[lineIndex(p.text, m[2])] != partTargets && !res[1].MatchString(p.text[from:to]) || x.whose(k, m[2], v) != ownTarget {
			continue
		}
		out = append(out, [2]int{m[2], m[3]})
	}
	return out
}

// targetURLs gives the spans of the web addresses on page k that may be
// targets: not the sender's or the provider's, not a government's site.
func (x *run) targetURLs(k int) [][]int {
	p := x.c.pages[k]
	var out [][]int
	for _, m := range findAllIndex(urlRe, p.text) {
		v := strings.TrimRight(p.text[m[0]:m[1]], ".,;:")
		if x.whose(k, m[0], v) == ownTarget && !isGovSite(v) {
			out = append(out, m)
		}
	}
	// A web site named as a domain, no scheme: "die Domain
	// alpen-schnaeppchen.example", "the domain name quick-loans.example".
	lower := strings.ToLower(p.text)
	for _, m := range findAll(namedDomainRe(), p.text) {
		v := lower[m[2]:m[3]]
		if !isGovDomain(v) && !x.providersDomain(v) && !unhyphenated(lower, v) && x.whose(k, m[2], v) == ownTarget {
			out = append(out, []int{m[2], m[3]})
		}
	}
	return out
}

// unhyphenated reports whether domain v is one the page also writes with
// a hyphen ("alpen-schnaeppchen.example"): its hyphen was a line's end,
// which the text's preparation joined away.
func unhyphenated(lower, v string) bool {
	if strings.Contains(v, "-") {
		return false
	}
	for _, m := range namedDomainRe().FindAllStringSubmatch(lower, -1) {
		if w := m[1]; w != v && strings.Contains(w, "-") && strings.ReplaceAll(w, "-", "") == v {
			return true
		}
	}
	return false
}

// namedDomainRe is a domain an order names as a web site's: after "domain
// (name)", "website" or "web shop" in the orders' languages.
var namedDomainRe = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)\b(?:domain(?:\s+name)?|domaine|dominio|dom[íi]nio|website|web\s+site|webshop|site\s+web|sitio\s+web|webseite|internetseite)\s*:?\s+((?:[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?\.)+[a-z]{2,24})\b`)
})
