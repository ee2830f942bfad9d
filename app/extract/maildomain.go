package extract

import (
	"strings"
	"sync"
	"unicode"

	"github.com/warrantdesk/warrantdesk/app"
)

// An officer writes from the agency's own mail domain, and an e-mail
// request or a short letter often names the agency nowhere else: "Dana
// Whitfield, Special Agent, Portland Field Office, dana.whitfield@fbi.gov".
// The domains below are the agencies' own public ones (each is where the
// agency publishes itself), so the domain names the body as surely as a
// letterhead would; a domain no entry holds names nothing, however
// official it looks ("polizei.bayern.de" is a state's whole police, not
// the office that writes). Fictional orders write the same domains with
// RFC 2606's reserved label inside ("atf.example.gov"): that label is
// dropped before the domain is looked up.

// agencyDomains maps an agency's mail domain (and every domain under it)
// to the agency's name as a reviewer writes it.
var agencyDomains = map[string]string{
	// United States
	"fbi.gov":           "Federal Bureau of Investigation",
	"ic.fbi.gov":        "Federal Bureau of Investigation",
	"dea.gov":           "Drug Enforcement Administration",
	"dea.usdoj.gov":     "Drug Enforcement Administration",
	"atf.gov":           "Bureau of Alcohol, Tobacco, Firearms and Explosives",
	"usdoj.gov":         "",
	"secretservice.gov": "United States Secret Service",
	"usss.dhs.gov":      "United States Secret Service",
	"hsi.dhs.gov":       "Homeland Security Investigations",
	"ice.dhs.gov":       "U.S. Immigration and Customs Enforcement",
	"cbp.dhs.gov":       "U.S. Customs and Border Protection",
	"uspis.gov":         "U.S. Postal Inspection Service",
	"usms.doj.gov":      "U.S. Marshals Service",
	"ci.irs.gov":        "Internal Revenue Service - Criminal Investigation",
	"ncis.navy.mil":     "Naval Criminal Investigative Service",
	"ftc.gov":           "Federal Trade Commission",
	"nypd.org":          "New York City Police Department",
	// United Kingdom, Ireland
	"nca.gov.uk":         "National Crime Agency",
	"nca.gsi.gov.uk":     "National Crime Agency",
	"met.police.uk":      "Metropolitan Police Service",
	"scotland.police.uk": "Police Scotland",
	"psni.police.uk":     "Police Service of Northern Ireland",
	"garda.ie":           "An Garda Síochána",
	// Canada, Australia, New Zealand
	"rcmp-grc.gc.ca":      "Royal Canadian Mounted Police",
	"opp.ca":              "Ontario Provincial Police",
	"torontopolice.on.ca": "Toronto Police Service",
	"spvm.qc.ca":          "Service de police de la Ville de Montréal",
	"afp.gov.au":          "Australian Federal Police",
	"police.nsw.gov.au":   "NSW Police Force",
	"police.vic.gov.au":   "Victoria Police",
	"police.qld.gov.au":   "Queensland Police Service",
	"police.govt.nz":      "New Zealand Police",
	// Europe
	"europol.europa.eu":             "Europol",
	"eurojust.europa.eu":            "Eurojust",
	"bka.bund.de":                   "Bundeskriminalamt",
	"bka.de":                        "Bundeskriminalamt",
	"polizei.bund.de":               "Bundespolizei",
	"bka.gv.at":                     "Bundeskriminalamt",
	"kapo.zh.ch":                    "Kantonspolizei Zürich",
	"kapo.be.ch":                    "Kantonspolizei Bern",
	"fedpol.admin.ch":               "Bundesamt für Polizei fedpol",
	"gendarmerie.interieur.gouv.fr": "Gendarmerie nationale",
	"policia.es":                    "Policía Nacional",
	"guardiacivil.es":               "Guardia Civil",
	"guardiacivil.org":              "Guardia Civil",
	"mossos.cat":                    "Mossos d'Esquadra",
	"poliziadistato.it":             "Polizia di Stato",
	"carabinieri.it":                "Arma dei Carabinieri",
	"gdf.it":                        "Guardia di Finanza",
	"politie.nl":                    "Politie",
	"polisen.se":                    "Polismyndigheten",
	"politi.dk":                     "Politi",
	"politiet.no":                   "Politiet",
	"poliisi.fi":                    "Poliisi",
	"policja.gov.pl":                "Policja",
	"pj.pt":                         "Polícia Judiciária",
	// Elsewhere
	"pf.gov.br":         "Polícia Federal",
	"npa.go.jp":         "National Police Agency",
	"police.go.kr":      "Korean National Police Agency",
	"cbi.gov.in":        "Central Bureau of Investigation",
	"tspolice.gov.in":   "Telangana Police",
	"ksp.gov.in":        "Karnataka State Police",
	"mahapolice.gov.in": "Maharashtra Police",
	"spf.gov.sg":        "Singapore Police Force",
	"police.gov.hk":     "Hong Kong Police Force",
}

// domainAgency names the agency whose own mail domain d is, or is under.
// A fictional domain writes the reserved label where the real one's public
// ending stands ("afp.example", "kapo.zh.example"): it is looked up by what
// stands before that ending.
func domainAgency(d string) (string, bool) {
	var kept []string
	fictional := false
	for _, l := range strings.Split(strings.ToLower(strings.Trim(d, ".")), ".") {
		if l == "example" {
			fictional = true
			continue
		}
		kept = append(kept, l)
	}
	table := agencyDomains
	if fictional {
		// "pf.gov.example", "atf.example.gov": the ending goes too.
		for len(kept) > 1 && publicEndings[kept[len(kept)-1]] {
			kept = kept[:len(kept)-1]
		}
		table = agencyCores()
	}
	for i := range kept {
		if name, ok := table[strings.Join(kept[i:], ".")]; ok {
			// A department's shared domain ("usdoj.gov") names no
			// component, nor a core two agencies share: look no wider.
			return name, name != ""
		}
	}
	return "", false
}

// publicEndings are the labels a domain ends in that name no body: a
// country's or a kind's ending ("gov.au", "zh.ch" keeps "zh").
var publicEndings = map[string]bool{"gov": true, "gouv": true, "gob": true, "govt": true, "go": true, "gc": true, "gv": true, "mil": true,
	"com": true, "org": true, "net": true, "online": true, "admin": true, "bund": true, "europa": true, "interieur": true,
	"uk": true, "ie": true, "ca": true, "au": true, "nz": true, "us": true, "de": true, "at": true, "ch": true, "fr": true,
	"it": true, "es": true, "cat": true, "pt": true, "nl": true, "be": true, "se": true, "dk": true, "no": true, "fi": true,
	"pl": true, "br": true, "jp": true, "kr": true, "in": true, "sg": true, "hk": true, "eu": true, "gsi": true,
	"qc": true, "on": true, "nsw": true, "vic": true, "qld": true}

// agencyCores maps each agency domain without its public ending to its
// agency ("afp" for afp.gov.au, "kapo.zh" for kapo.zh.ch); a core two
// agencies share names neither.
var agencyCores = sync.OnceValue(func() map[string]string {
	out := map[string]string{}
	for d, name := range agencyDomains {
		labels := strings.Split(d, ".")
		n := len(labels)
		for n > 1 && publicEndings[labels[n-1]] {
			n--
		}
		core := strings.Join(labels[:n], ".")
		if prev, ok := out[core]; ok && prev != name {
			name = ""
		}
		out[core] = name
	}
	return out
})

// domainAgencies reads the agency from the mail domains of the sender's own
// addresses: the body writes from its domain, whatever else the order
// names it (0.7: ranked under a letterhead, a label or a signature that
// name the body with its unit).
func (x *run) domainAgencies() []valued {
	var out []valued
	for k, p := range x.c.pages {
		if !strings.Contains(p.text, "@") {
			continue
		}
		for _, m := range findAllIndex(emailRe, p.text) {
			v := emailValue(p, m[0], m[1])
			at := strings.LastIndexByte(v, '@')
			name, ok := domainAgency(v[at+1:])
			if !ok || x.whose(k, m[0], v) != ownSender {
				continue
			}
			out = append(out, valued{name, makeHit(p, []int{m[0], m[1], m[0], m[1]}), 0.7, "domain"})
		}
	}
	return out
}

// unitUnderDomainForce names an agency that is a police unit read without
// its force ("Cyber Crime Police Station, Hyderabad City" in a signature)
// with the force its officer's mail domain names, force first as a
// letterhead stacks them. The issuing authority, when it is the unit that
// signs, stays the unit.
func (x *run) unitUnderDomainForce() {
	f, ok := x.ex.Fields[app.FieldAgency]
	if !ok || !unitWithoutForce(orgSegment(f.Value)) {
		return
	}
	for _, d := range x.domainAgencies() {
		if isPoliceForce(d.value) {
			f.Value = d.value + " - " + f.Value
			x.ex.Fields[app.FieldAgency] = f
			return
		}
	}
}

// unitWithoutForce reports whether v names a police unit and no force: its
// words before the unit's head noun name none ("Cyber Crime Police
// Station", not "West Midlands Police Cyber Unit").
func unitWithoutForce(v string) bool {
	if !isPoliceUnit(v) {
		return false
	}
	if i := strings.LastIndex(v, " ("); i > 0 && strings.HasSuffix(v, ")") {
		v = v[:i]
	}
	return !forceRe().MatchString(unitNounRe().ReplaceAllString(v, ""))
}

// agencyIssued reports whether process of kind t is one an agency issues
// itself: its own subpoena, letter or request.
func agencyIssued(t app.ProcessType) bool {
	switch t {
	case app.AdministrativeSubpoena, app.NSL, app.Preservation2703f, app.EmergencyRequest, app.InformalRequest:
		return true
	}
	return false
}

// namedAgencysDomain reports whether a mail domain's first label is the
// initials of an agency the order names ("mcso.example" where the order
// names the Maricopa County Sheriff's Office): the body writes from its
// own domain, and a user's domain is not spelled by it.
func (x *run) namedAgencysDomain(d string) bool {
	label, _, _ := strings.Cut(d, ".")
	if len(label) < 3 {
		return false
	}
	if x.agencyInitials == nil {
		x.agencyInitials = map[string]bool{}
		for _, h := range x.c.all(agencyRe) {
			if in := initials(h.group()); len(in) >= 3 {
				x.agencyInitials[in] = true
			}
		}
	}
	return x.agencyInitials[label]
}

// initials are the first letters of a name's words, lowered, its small
// words left out: "Maricopa County Sheriff's Office" → "mcso".
func initials(name string) string {
	var b strings.Builder
	for _, w := range strings.Fields(name) {
		switch strings.ToLower(w) {
		case "of", "the", "and", "for", "de", "la", "du", "des", "der", "di", "del":
			continue
		}
		r := []rune(w)[0]
		if unicode.IsLetter(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}
