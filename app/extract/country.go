package extract

import (
	"regexp"

	"github.com/warrantdesk/warrantdesk/app"
	"sort"
	"strings"
	"sync"
)

// Where a foreign order comes from is what its sender says of itself: the
// country in its letterhead or signature block, the calling code of its
// telephone numbers, the country domain of its e-mail addresses. Targets'
// numbers and the provider's address do not count: they sit elsewhere on
// the page (the address block, the list of identifiers), and a provider's
// numbers are mostly American.

// countryNames maps country names, in English and in their own languages,
// to the codes jurisdictions are written in (EU members as EU-XX).
var countryNames = map[string]string{
	"united kingdom": "UK", "england": "UK", "scotland": "UK", "wales": "UK", "northern ireland": "UK",
	"canada": "CA", "australia": "AU", "new zealand": "NZ", "aotearoa": "NZ", "india": "IN", "bharat": "IN",
	"brazil": "BR", "brasil": "BR", "japan": "JP", "nippon": "JP", "korea": "KR", "republic of korea": "KR",
	"south africa": "ZA", "singapore": "SG", "china": "CN", "hong kong": "HK", "russia": "RU", "russian federation": "RU",
	"turkey": "TR", "türkiye": "TR", "mexico": "MX", "méxico": "MX", "argentina": "AR", "chile": "CL", "colombia": "CO",
	"peru": "PE", "perú": "PE", "israel": "IL", "switzerland": "CH", "schweiz": "CH", "suisse": "CH", "svizzera": "CH",
	"norway": "NO", "norge": "NO", "iceland": "IS", "ukraine": "UA", "україна": "UA", "philippines": "PH",
	"indonesia": "ID", "malaysia": "MY", "thailand": "TH", "vietnam": "VN", "viet nam": "VN", "pakistan": "PK",
	"nigeria": "NG", "kenya": "KE", "egypt": "EG", "united arab emirates": "AE", "saudi arabia": "SA", "taiwan": "TW",
	"austria": "EU-AT", "österreich": "EU-AT", "belgium": "EU-BE", "belgique": "EU-BE", "belgië": "EU-BE",
	"bulgaria": "EU-BG", "croatia": "EU-HR", "hrvatska": "EU-HR", "cyprus": "EU-CY", "czech republic": "EU-CZ",
	"czechia": "EU-CZ", "česká republika": "EU-CZ", "denmark": "EU-DK", "danmark": "EU-DK", "estonia": "EU-EE",
	"eesti": "EU-EE", "finland": "EU-FI", "suomi": "EU-FI", "france": "EU-FR", "république française": "EU-FR",
	"germany": "EU-DE", "deutschland": "EU-DE", "bundesrepublik deutschland": "EU-DE", "greece": "EU-GR",
	"hellas": "EU-GR", "hungary": "EU-HU", "magyarország": "EU-HU", "ireland": "EU-IE", "éire": "EU-IE",
	"italy": "EU-IT", "italia": "EU-IT", "latvia": "EU-LV", "latvija": "EU-LV", "lithuania": "EU-LT",
	"lietuva": "EU-LT", "luxembourg": "EU-LU", "malta": "EU-MT", "netherlands": "EU-NL", "the netherlands": "EU-NL",
	"nederland": "EU-NL", "poland": "EU-PL", "polska": "EU-PL", "portugal": "EU-PT", "romania": "EU-RO",
	"românia": "EU-RO", "slovakia": "EU-SK", "slovensko": "EU-SK", "slovenia": "EU-SI", "slovenija": "EU-SI",
	"spain": "EU-ES", "españa": "EU-ES", "sweden": "EU-SE", "sverige": "EU-SE",
}

// callingCodes maps international calling codes to jurisdictions; +1 is
// left out (the United States, Canada and the Caribbean share it).
var callingCodes = map[string]string{
	"44": "UK", "61": "AU", "64": "NZ", "91": "IN", "55": "BR", "81": "JP", "82": "KR", "27": "ZA", "65": "SG",
	"86": "CN", "852": "HK", "7": "RU", "90": "TR", "52": "MX", "54": "AR", "56": "CL", "57": "CO", "51": "PE",
	"972": "IL", "41": "CH", "47": "NO", "354": "IS", "380": "UA", "63": "PH", "62": "ID", "60": "MY", "66": "TH",
	"84": "VN", "92": "PK", "234": "NG", "254": "KE", "20": "EG", "971": "AE", "966": "SA", "886": "TW",
	"43": "EU-AT", "32": "EU-BE", "359": "EU-BG", "385": "EU-HR", "357": "EU-CY", "420": "EU-CZ", "45": "EU-DK",
	"372": "EU-EE", "358": "EU-FI", "33": "EU-FR", "49": "EU-DE", "30": "EU-GR", "36": "EU-HU", "353": "EU-IE",
	"39": "EU-IT", "371": "EU-LV", "370": "EU-LT", "352": "EU-LU", "356": "EU-MT", "31": "EU-NL", "48": "EU-PL",
	"351": "EU-PT", "40": "EU-RO", "421": "EU-SK", "386": "EU-SI", "34": "EU-ES", "46": "EU-SE",
}

// domainCountry reads a jurisdiction from an e-mail domain's country
// ending (".de", ".gov.in", ".police.uk"); generic endings give "".
func domainCountry(domain string) string {
	parts := strings.Split(strings.ToLower(domain), ".")
	tld := parts[len(parts)-1]
	switch tld {
	case "uk":
		return "UK"
	case "com", "org", "net", "gov", "mil", "edu", "int", "eu", "example", "info", "io", "us", "co", "me", "biz":
		return ""
	}
	if len(tld) != 2 {
		return ""
	}
	code := strings.ToUpper(tld)
	for _, v := range callingCodes {
		if v == "EU-"+code {
			return v
		}
	}
	for _, v := range countryNames {
		if v == code {
			return v
		}
	}
	return ""
}

type countryRes struct {
	names, intlPhone, email *regexp.Regexp
}

var countryRules = sync.OnceValue(func() *countryRes {
	names := make([]string, 0, len(countryNames))
	for n := range countryNames {
		names = append(names, regexp.QuoteMeta(n))
	}
	sort.Slice(names, func(i, j int) bool { return len(names[i]) > len(names[j]) })
	return &countryRes{
		names:     regexp.MustCompile(`(?i)\b(` + strings.Join(names, "|") + `)\b`),
		intlPhone: regexp.MustCompile(`\+\s?(\d{1,3})[\s.\-(]`),
		email:     regexp.MustCompile(`(?i)@\s?([a-z0-9.\-]+\.[a-z]{2,})`),
	}
})

// senderCountry votes for the country the order comes from: names in the
// letterhead and the last lines of the order (where it is signed), the
// calling codes and e-mail domains on the sender's side — the letterhead,
// the signature, contact lines. It returns the winner and its votes.
func (x *run) senderCountry() (string, hit, int) {
	if x.country0 == nil {
		code, h, n := x.voteCountry()
		x.country0 = &struct {
			code string
			h    hit
			n    int
		}{code, h, n}
	}
	return x.country0.code, x.country0.h, x.country0.n
}

func (x *run) voteCountry() (string, hit, int) {
	r := countryRules()
	votes := map[string]int{}
	ev := map[string]hit{}
	vote := func(code string, h hit, n int) {
		if code == "" {
			return
		}
		votes[code] += n
		if _, ok := ev[code]; !ok {
			ev[code] = h
		}
	}
	for k, p := range x.c.pages {
		if p.role == roleCover && k != x.c.lead {
			continue
		}
		lines := strings.Split(p.text, "\n")
		off := 0
		for i, l := range lines {
			start := off
			off += len(l) + 1
			top := k == x.c.lead && i < 8
			bottom := k == len(x.c.pages)-1 && i >= len(lines)-15
			contact := contactCueRe.MatchString(l)
			if !top && !bottom && !contact {
				continue
			}
			if addresseeLine(l) {
				continue // the provider's own address block
			}
			h := hit{page: p.num, start: start, end: start + len(l), text: p.text, groups: []string{l}}
			if top || bottom {
				for _, m := range findAll(r.names, l) {
					vote(countryNames[strings.ToLower(l[m[2]:m[3]])], h, 2)
				}
			}
			for _, m := range r.intlPhone.FindAllStringSubmatch(l, -1) {
				vote(callingCode(m[1]), h, 1)
			}
			for _, m := range r.email.FindAllStringSubmatch(l, -1) {
				vote(domainCountry(m[1]), h, 1)
			}
		}
	}
	best, n := "", 0
	for code, v := range votes {
		if v > n || v == n && code < best {
			best, n = code, v
		}
	}
	return best, ev[best], n
}

// callingCode finds the jurisdiction of a calling code, the longest known
// prefix of digits first.
func callingCode(digits string) string {
	for l := min(3, len(digits)); l >= 1; l-- {
		if c, ok := callingCodes[digits[:l]]; ok {
			return c
		}
	}
	return ""
}

var addresseeRe = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)^\s*(?:to|attn|attention|addressee|recipient|respondent|via|by\s+e-?mail|an|à|a|para|destinatario|destinataire|aan)\b|\b(?:inc|llc|ltd|limited|corp|gmbh|b\.v|s\.a|dac|plc)\b\.?`)
})

// addresseeLine reports whether a line belongs to the provider's address
// block rather than the sender's.
func addresseeLine(l string) bool { return addresseeRe().MatchString(l) }

// requestingState: a request for mutual legal assistance that the foreign
// state sends itself is of that state, though it cites American law — the
// foreign country it names most. One an American central authority passes
// on (the Office of International Affairs' letter) stays American: that is
// who sends it.
func (x *run) requestingState() {
	if x.ex.ProcessType != app.MLATRequest || !strings.HasPrefix(x.ex.Fields[app.FieldJurisdiction].Value, "US") && x.ex.Fields[app.FieldJurisdiction].Value != "" {
		return
	}
	if federalSenderRe.MatchString(strings.Join(topLines(x.c.leadPage().text, 6), "\n")) {
		return
	}
	count := map[string]int{}
	first := map[string]hit{}
	for _, m := range x.c.all(countryRules().names) {
		code := countryNames[strings.ToLower(m.groups[1])]
		count[code]++
		if _, ok := first[code]; !ok {
			first[code] = m
		}
	}
	best, n := "", 0
	for code, c := range count {
		if c > n || c == n && code < best {
			best, n = code, c
		}
	}
	if best != "" {
		x.set(app.FieldJurisdiction, best, first[best], 0.7)
	}
}
