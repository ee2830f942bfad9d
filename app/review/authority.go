package review

import (
	"fmt"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/warrantdesk/warrantdesk/app"
)

// authorityRules check whether the issuer may ask for what it asks.
var authorityRules = []Rule{
	{
		ID: "epoc-authority", Severity: app.SeverityCritical, Ground: app.GroundAuthority, Blocks: app.UnblockResolve,
		Basis: "Regulation (EU) 2023/1543 Art. 4(1)–(2), (5): an EPOC for traffic or content data is issued or validated by a judge, a court or an investigating judge; a prosecutor alone may order subscriber and identification data only, and another authority needs validation for any data",
		Check: epocAuthority,
	},
	{
		ID: "calecpa-notice", Severity: app.SeverityWarning, Ground: app.GroundAuthority,
		Basis: "Cal. Penal Code § 1546.2(a)–(b) (CalECPA): the government entity notifies the target when the warrant is executed, unless the court orders notice delayed (up to 90 days, renewable)",
		Check: func(in *Input) string {
			if ex(in).ProcessType != app.SearchWarrant || in.Case.Value(app.FieldJurisdiction) != "US-CA" || in.Text == "" || noticeRe().MatchString(in.Text) || ex(in).Nondisclosure.Ordered {
				return ""
			}
			return "A California warrant for electronic information that says nothing of notice to the target or of a court-ordered delay (Penal Code § 1546.2): ask the agency which applies before producing."
		},
	},
	{
		ID: "shield-law", Severity: app.SeverityCritical, Ground: app.GroundConflict, Blocks: app.UnblockResolve,
		Basis: "California: Penal Code §§ 1524.2(c), 1546.5 (AB 1242, 2022) and SB 107 (2022) on gender-affirming care; Washington: RCW 7.115.020, 10.96.020 (ESHB 1469, 2023): a provider there may not disclose to another state's process about reproductive or gender-affirming care lawful there",
		Check: func(in *Input) string {
			home, from := shieldState(in)
			if home == "" || in.Text == "" {
				return ""
			}
			m := protectedCareRe().FindString(in.Text)
			if m == "" {
				return ""
			}
			return fmt.Sprintf("Process from %s mentions “%s” while we are in %s, whose shield law bars disclosing to another state's process about reproductive or gender-affirming care lawful here: send it to counsel before anything is disclosed.", from, oneLine(m), home)
		},
	},
	{
		ID: "ca-attestation", Severity: app.SeverityWarning, Ground: app.GroundAuthority,
		Basis: "Cal. Penal Code § 1524.2(c) (AB 1242, 2022): another state's warrant to a California provider carries an attestation that the evidence sought is not related to a prohibited violation (abortion lawful in California)",
		Check: func(in *Input) string {
			home, from := shieldState(in)
			if home != "CA" || ex(in).ProcessType != app.SearchWarrant || in.Text == "" || attestationRe().MatchString(in.Text) {
				return ""
			}
			return fmt.Sprintf("A warrant from %s to a California provider without the attestation that the evidence is not related to a prohibited violation (Penal Code § 1524.2(c)): ask for it before producing.", from)
		},
	},
	{
		ID: "uk-opo-service", Severity: app.SeverityCritical, Ground: app.GroundExpired, Blocks: app.UnblockResolve,
		Basis: "Crime (Overseas Production Orders) Act 2019, s. 9(1): an order not served within 3 months of the day it is made is treated as quashed",
		Check: func(in *Input) string {
			if ex(in).ProcessType != app.OverseasProductionOrder || !open(in) {
				return ""
			}
			made, ok := date(in.Case, app.FieldIssuedDate)
			served := in.Case.Order.ImportedAt
			if served.IsZero() {
				served = in.Case.CreatedAt
			}
			if !ok || served.IsZero() || !served.After(made.AddDate(0, 3, 1)) {
				return ""
			}
			return fmt.Sprintf("The order was made %s and reached us %s, more than 3 months later: unless it was served earlier, it is treated as quashed and must not be executed.", made.Format(time.DateOnly), served.Format(time.DateOnly))
		},
	},
}

var (
	// noticeRe is a warrant's provision for notice to the target or its
	// delay.
	noticeRe = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?i)1546\.2|\bnotice\b|\bnotif(?:y|ied|ication)\b|\bdelay(?:ed)?\s+(?:of\s+)?(?:notice|notification)`)
	})
	// attestationRe is the § 1524.2(c) attestation.
	attestationRe = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?i)\battest|1524\.2|prohibited\s+violation|not\s+related\s+to\s+(?:an?\s+)?(?:investigation|enforcement)[^.]{0,80}abortion`)
	})
	// protectedCareRe is reproductive or gender-affirming care as shield
	// laws define it (RCW 7.115.010; Cal. Penal Code § 629.51(a)(5)).
	protectedCareRe = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?i)\babortion|\bterminat(?:e|ed|ion|ing)\s+(?:of\s+)?(?:a\s+|the\s+|her\s+|their\s+)?pregnan|\breproductive\s+(?:health|care|services)|\bmifepristone|\bmisoprostol|\bgender[- ]affirming|\btransgender|\bgender\s+dysphoria|\bpuberty\s+blocker|\bcross[- ]sex\s+hormone|\bplanned\s+parenthood|\bcontracepti|\bmiscarriage|\bin\s+vitro\s+fertili|\bIVF\b`)
	})
	// prosecutorRe names a prosecution service in the EU's languages.
	prosecutorRe = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?i)prosecut|parquet|procureur|procura\b|procura\s+della|fiscal[ií]a|ministerio\s+fiscal|staatsanwalt|openbaar\s+ministerie|minist[eé]rio\s+p[uú]blico|prokurat|[åa]klagar|anklage|syytt[äa]j|ministerul\s+public|dr[žz]avno\s+odvjetni|st[áa]tn[íi]\s+zastupitel|ügyész|prokuratuur|prokuratūr|public\s+ministry`)
	})
	// judicialRe names a judge or a court.
	judicialRe = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?i)\bjudge|\bcourt\b|tribunal|juzgado|\bjuge|rechter|richter|gericht|giudice|\bGIP\b|\bsąd|\bs[aą]d\s|\bjuiz|domstol|tingsr[äa]tt|\bsoud|b[íi]r[óo]s[áa]g|\bjuez|magistrat|investigating`)
	})
	// policeRe names a police or other non-judicial authority.
	policeRe = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?i)\bpolic|polizei|politie|gendarm|guardia\s+civil|carabinieri|\bpolis|\bcustoms|\bzoll\b|\bdouane`)
	})
	// validatorRe reads the EPOC form's validating authority.
	validatorRe = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?im)(?:validating\s+authority|name\s+of\s+the\s+validating\s+authority)(?:\s*\(where\s+applicable\))?\s*[:\-–]?[ \t]*(.*)$`)
	})
	// epocFormRe marks the EPOC form itself (Annex I).
	epocFormRe = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?i)\bannex\s+i\b|\bsection\s+a\b|\bissuing(?:\s*/\s*validating)?\s+authority\b`)
	})
	validatedByRe = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?i)\bvalidated\s+by\s+(?:the\s+)?\S`) })
	// noValidatorRe is a blank or "not applicable" in that field.
	noValidatorRe = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?i)^\s*(?:$|[-–—_.]+\s*$|n/?a\b|none\b|not\s+applicable|nicht|no\s+validation|non\s+applicable|sin\s+|sans\s+)`)
	})
	// tickedTrafficRe and tickedContentRe read ticked boxes (c) and (d)
	// of Section F.
	tickedTrafficRe = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?i)\[\s*[x✓✔]\s*\]\s*(?:\(c\)\s*)?traffic\s+data|\(c\)\s*\[\s*[x✓✔]\s*\]\s*traffic`)
	})
	tickedContentRe = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?i)\[\s*[x✓✔]\s*\]\s*(?:\(d\)\s*)?content\s+data|\(d\)\s*\[\s*[x✓✔]\s*\]\s*content`)
	})
	// boxesRe tells a form with tick boxes for the data categories.
	boxesRe = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?i)\[\s*[x✓✔ ]?\s*\]\s*(?:\([a-d]\)\s*)?(?:subscriber|traffic|content)\s+data|\([a-d]\)\s*\[\s*[x✓✔ ]?\s*\]\s*(?:subscriber|traffic|content)`)
	})
)

// shieldState returns the provider's state when it has a shield law and
// the process comes from another US state, with that state.
func shieldState(in *Input) (home, from string) {
	home = strings.ToUpper(strings.TrimSpace(in.Settings.ProviderState))
	j := in.Case.Value(app.FieldJurisdiction)
	if home != "CA" && home != "WA" || !strings.HasPrefix(j, "US-") || j == "US-federal" || j == "US-"+home {
		return "", ""
	}
	return home, strings.TrimPrefix(j, "US-")
}

// epocAuthority checks an EPOC's issuer against what it orders.
func epocAuthority(in *Input) string {
	if ex(in).ProcessType != app.EPOC || !epocFormRe().MatchString(in.Text) {
		return "" // an e-mail that mentions an EPOC is not one
	}
	traffic, content := epocData(in)
	if validated(in.Text) {
		return "" // Art. 4(1)(b), 4(2)(b)
	}
	issuer := in.Case.Value(app.FieldIssuingAuthority)
	switch {
	case issuer == "":
		return ""
	case prosecutorRe().MatchString(issuer):
		if !traffic && !content {
			return ""
		}
		what := "traffic data"
		if content {
			what = "content data"
		}
		return fmt.Sprintf("A prosecutor (%s) orders %s with no judge, court or investigating judge validating it: a prosecutor alone may order only subscriber and identification data. Ask for the validated order; do not produce %s meanwhile.", issuer, what, what)
	case judicialRe().MatchString(issuer):
		return ""
	case policeRe().MatchString(issuer):
		return fmt.Sprintf("%s is neither a judge, a court nor a prosecutor, and no validating authority is named: an EPOC from another authority needs validation for any data (Art. 4(1)(b), 4(2)(b)).", issuer)
	}
	return ""
}

// validated reports whether the EPOC names a validating authority.
func validated(text string) bool {
	for _, m := range validatorRe().FindAllStringSubmatch(text, -1) {
		if !noValidatorRe().MatchString(m[1]) {
			return true
		}
	}
	return validatedByRe().MatchString(text)
}

// epocData reads whether an EPOC orders traffic and content data: the
// ticked boxes of the form's Section F when it has them, else the
// categories extracted (non-content counts as traffic only where the form
// names traffic data, since IP addresses for identification are not).
func epocData(in *Input) (traffic, content bool) {
	if boxesRe().MatchString(in.Text) {
		return tickedTrafficRe().MatchString(in.Text), tickedContentRe().MatchString(in.Text)
	}
	e := ex(in)
	content = wantsContent(e)
	traffic = wantsRecords(e) && strings.Contains(strings.ToLower(in.Text), "traffic data")
	return traffic, content
}
