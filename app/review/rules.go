// Package review runs the checks a careful lawyer makes on an order —
// process that cannot compel what it asks for, expired process, missing
// parts, long gags, enterprise customers' data, emergencies — and reports
// each as an app.Finding that cites its basis. The rules are one table,
// below; docs/review.md explains each. The reviewer stays in charge:
// findings suggest grounds, they decide nothing.
package review

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/warrantdesk/warrantdesk/app"
)

// Input is what the checks look at.
type Input struct {
	Case     *app.Case
	Text     string // the order's text, all pages; "" when not loaded
	Settings app.Settings
	Now      time.Time
	// ex is the case's extraction as the reviewer corrected it, which
	// every rule reads (Check sets it once).
	ex *app.Extraction
}

// Rule is one check: its ID, severity, the basis it cites, the ground it
// suggests, and the test, which returns the message, or "" when the rule
// does not apply.
type Rule struct {
	ID       string
	Severity string
	Basis    string
	Ground   string
	// Blocks is "" for a rule that only advises; app.UnblockResolve or
	// app.UnblockVerify for one that blocks a disclosing decision until a
	// reviewer resolves it with a reason, or until a confirmed
	// verification of the requester is recorded.
	Blocks string
	Check  func(in *Input) string
	// Targets, when set, names the targets the finding concerns, and
	// Suggests what to do for them.
	Targets  func(in *Input) []string
	Suggests app.TargetOutcome
}

// Rules returns every check, in the order findings are listed (a new
// slice each time: rule IDs are part of the findings' contract).
func Rules() []Rule { return slices.Clone(rules) }

// rules are the legal-sufficiency checks, then whether the request is
// genuine (genuine.go, courts.go), whether the issuer may ask for it
// (authority.go), and the verification record (verify.go).
var rules = slices.Concat(sufficiencyRules, genuineRules, authorityRules, verifyRules)

var sufficiencyRules = []Rule{
	{
		ID: "enterprise-customer", Severity: app.SeverityCritical, Ground: app.GroundEnterprise,
		Basis:   "DOJ CCIPS, Seeking Enterprise Customer Data Held by Cloud Service Providers (Dec. 2017): seek it from the enterprise first",
		Check:   enterpriseCheck,
		Targets: enterpriseTargets, Suggests: app.TargetRedirect,
	},
	{
		ID: "content-needs-warrant", Severity: app.SeverityCritical, Ground: app.GroundWarrant,
		Basis: "18 U.S.C. § 2703(a)–(b); United States v. Warshak, 631 F.3d 266 (6th Cir. 2010)",
		Check: func(in *Input) string {
			ex := ex(in)
			if !isUS(ex) || !wantsContent(ex) || !contentNeedsWarrant[ex.ProcessType] {
				return ""
			}
			return fmt.Sprintf("A %s asks for the content of communications; content is disclosed only on a search warrant.", ex.ProcessType.Name())
		},
	},
	{
		ID: "civil-subpoena-content", Severity: app.SeverityCritical, Ground: app.GroundWarrant,
		Basis: "18 U.S.C. § 2702(a): no exception lets a provider disclose content to a private party (Crispin v. Christian Audigier, 717 F. Supp. 2d 965 (C.D. Cal. 2010))",
		Check: func(in *Input) string {
			ex := ex(in)
			if ex.ProcessType != app.CivilSubpoena || !wantsContent(ex) {
				return ""
			}
			return "A civil subpoena asks for content: the Stored Communications Act bars disclosing content to a private litigant; content can come only from the user."
		},
	},
	{
		ID: "foreign-direct-request", Severity: app.SeverityCritical, Ground: app.GroundForeign,
		Basis: "18 U.S.C. § 2702(a) bars disclosing content to a foreign government except under a CLOUD Act agreement (18 U.S.C. § 2523); otherwise through an MLAT",
		Check: func(in *Input) string {
			ex := ex(in)
			j := ex.Field(app.FieldJurisdiction)
			if j == "" || strings.HasPrefix(j, "US") || !wantsContent(ex) || foreignProcess[ex.ProcessType] {
				return ""
			}
			return fmt.Sprintf("An authority in %s asks for content directly, not through an MLAT, a CLOUD Act agreement or EU/UK process: refer it.", j)
		},
	},
	{
		ID: "warrant-expired", Severity: app.SeverityWarning, Ground: app.GroundExpired,
		Basis: "Fed. R. Crim. P. 41(e)(2)(A)(i): execute within 14 days; state rules set their own periods (often 10 days)",
		Check: func(in *Input) string {
			ex := ex(in)
			if ex.ProcessType != app.SearchWarrant || !open(in) {
				return ""
			}
			days := 14
			if j := ex.Field(app.FieldJurisdiction); strings.HasPrefix(j, "US-") && j != "US-federal" {
				days = 10
			}
			issued, ok := date(in.Case, app.FieldIssuedDate)
			if !ok || !in.Now.After(issued.AddDate(0, 0, days+1)) {
				return ""
			}
			return fmt.Sprintf("Issued %s: more than %d days ago, so the warrant may no longer be executed; ask for a new one.", issued.Format(time.DateOnly), days)
		},
	},
	{
		ID: "preservation-expired", Severity: app.SeverityWarning, Ground: app.GroundExpired,
		Basis: "18 U.S.C. § 2703(f)(2): 90 days, renewable once for 90; Regulation (EU) 2023/1543 Art. 11(1): 60 days",
		Check: func(in *Input) string {
			ex := ex(in)
			days := map[app.ProcessType]int{app.Preservation2703f: 90, app.EPOCPR: 60}[ex.ProcessType]
			issued, ok := date(in.Case, app.FieldIssuedDate)
			if days == 0 || !ok || !in.Now.After(issued.AddDate(0, 0, days)) {
				return ""
			}
			return fmt.Sprintf("Preservation requested %s: its %d days ended %s unless it was extended.", issued.Format(time.DateOnly), days, issued.AddDate(0, 0, days).Format(time.DateOnly))
		},
	},
	{
		ID: "deadline-passed", Severity: app.SeverityWarning, Ground: "",
		Basis: "the order's own deadline",
		Check: func(in *Input) string {
			d, ok := in.Case.Due()
			if !ok || !open(in) || !in.Now.After(d.At) {
				return ""
			}
			return fmt.Sprintf("The deadline, %s (%s), has passed: answer at once or agree a new date with the requester.", d.At.Format("2006-01-02 15:04"), d.Basis)
		},
	},
	{
		ID: "epoc-clock", Severity: app.SeverityInfo, Ground: "",
		Basis: "Regulation (EU) 2023/1543 Art. 10(2) (10 days) and 10(4) (8 hours in emergencies), from receipt",
		Check: func(in *Input) string {
			if ex(in).ProcessType != app.EPOC {
				return ""
			}
			return clock(in, "EPOC")
		},
	},
	{
		ID: "uk-opo-clock", Severity: app.SeverityInfo, Ground: "",
		Basis: "Crime (Overseas Production Orders) Act 2019, s. 5(5): 7 days from service unless the order sets another period",
		Check: func(in *Input) string {
			if ex(in).ProcessType != app.OverseasProductionOrder {
				return ""
			}
			return clock(in, "UK overseas production order")
		},
	},
	{
		ID: "missing-signature", Severity: app.SeverityWarning, Ground: app.GroundSignature,
		Basis: "court process is valid only when signed by the judge (Fed. R. Crim. P. 41(e)(1); 18 U.S.C. §§ 2703(d), 3123)",
		Check: func(in *Input) string {
			ex := ex(in)
			if !courtSigned[ex.ProcessType] || in.Case.Value(app.FieldJudge) != "" || signedRe().MatchString(in.Text) {
				return ""
			}
			return "No judge's name or signature was found: check that the original is signed."
		},
	},
	{
		ID: "missing-identifiers", Severity: app.SeverityWarning, Ground: app.GroundIDs,
		Basis: "an order must identify the account with particularity (Fed. R. Crim. P. 41(e)(2)(A); 18 U.S.C. § 2703(c)(2))",
		Check: func(in *Input) string {
			ex := ex(in)
			if len(ex.Targets) > 0 || ex.ProcessType == app.NondisclosureOrder {
				return ""
			}
			return "No account, e-mail address, phone number or other identifier was found: ask which account is meant."
		},
	},
	{
		ID: "no-date-range", Severity: app.SeverityWarning, Ground: app.GroundRange,
		Basis: "particularity: records should be limited to the period under investigation",
		Check: func(in *Input) string {
			ex := ex(in)
			if !wantsRecords(ex) || in.Case.Value(app.FieldDateRangeStart) != "" || in.Case.Value(app.FieldDateRangeEnd) != "" {
				return ""
			}
			return "No date range was found for the records asked for: ask to limit them to a period."
		},
	},
	{
		ID: "overbroad-range", Severity: app.SeverityWarning, Ground: app.GroundRange,
		Basis: "particularity: a range much wider than the conduct investigated is overbroad",
		Check: func(in *Input) string {
			from, ok1 := date(in.Case, app.FieldDateRangeStart)
			to, ok2 := date(in.Case, app.FieldDateRangeEnd)
			if !ok1 {
				return ""
			}
			if !ok2 {
				to = in.Now
			}
			if to.Sub(from) <= 2*366*24*time.Hour {
				return ""
			}
			return fmt.Sprintf("The records asked for span %.1f years (%s to %s): consider narrowing.", to.Sub(from).Hours()/24/365.25, from.Format(time.DateOnly), to.Format(time.DateOnly))
		},
	},
	{
		ID: "ndo-too-long", Severity: app.SeverityWarning, Ground: app.GroundNDO,
		Basis: "DOJ, Policy Regarding Applications for Protective Orders Pursuant to 18 U.S.C. § 2705(b) (Oct. 19, 2017): one year at most, barring exceptional circumstances",
		Check: func(in *Input) string {
			nd := ex(in).Nondisclosure
			if !nd.Ordered {
				return ""
			}
			if nd.Until == nil && nd.Days == 0 {
				return "The non-disclosure order has no end: consider asking for one, or challenging it."
			}
			if nd.Days > 366 {
				return fmt.Sprintf("The non-disclosure order runs %d days, more than a year: consider challenging it.", nd.Days)
			}
			if nd.Until != nil {
				until, err := time.Parse(time.DateOnly, *nd.Until)
				from, ok := date(in.Case, app.FieldIssuedDate)
				if err == nil && ok && until.Sub(from) > 366*24*time.Hour {
					return fmt.Sprintf("The non-disclosure order runs until %s, more than a year after it was issued: consider challenging it.", *nd.Until)
				}
			}
			return ""
		},
	},
	{
		ID: "emergency-danger", Severity: app.SeverityWarning, Ground: app.GroundEmergency,
		Basis: "18 U.S.C. § 2702(b)(8), (c)(4): voluntary disclosure only in good faith belief of an emergency involving danger of death or serious physical injury",
		Check: func(in *Input) string {
			ex := ex(in)
			if ex.ProcessType != app.EmergencyRequest && !ex.Emergency {
				return ""
			}
			if in.Text != "" && !dangerRe().MatchString(in.Text) {
				return "An emergency request that does not state a danger of death or serious physical injury: ask the requester to state it, or ask for legal process."
			}
			return "Emergency request: check that the danger of death or serious physical injury is stated and credible, and disclose only what addresses it."
		},
	},
	{
		ID: "out-of-state-process", Severity: app.SeverityWarning, Ground: app.GroundAuthority,
		Basis: "a state court's process reaches only its own state unless the provider's state domesticates it or a statute accepts it (e.g. Cal. Penal Code § 1524.2)",
		Check: func(in *Input) string {
			j := ex(in).Field(app.FieldJurisdiction)
			home := strings.ToUpper(strings.TrimSpace(in.Settings.ProviderState))
			if home == "" || !strings.HasPrefix(j, "US-") || j == "US-federal" || j == "US-"+home {
				return ""
			}
			return fmt.Sprintf("Process from %s, while we are in %s: check whether it must be domesticated here before it binds us.", strings.TrimPrefix(j, "US-"), home)
		},
	},
	{
		ID: "wrong-entity", Severity: app.SeverityWarning, Ground: app.GroundEntity,
		Basis: "process binds the entity it is served on; the recipient must be the provider that holds the data",
		Check: func(in *Input) string {
			names := in.Settings.ProviderNames
			to := strings.ToLower(in.Case.Value(app.FieldRecipient))
			if len(names) == 0 || to == "" {
				return ""
			}
			for _, n := range names {
				if n = strings.ToLower(strings.TrimSpace(n)); n != "" && strings.Contains(to, n) {
					return ""
				}
			}
			return fmt.Sprintf("The order is addressed to %q, not to %s: check it was served on the right entity.", in.Case.Value(app.FieldRecipient), strings.Join(names, " or "))
		},
	},
}

// Check runs every rule on in and returns the findings, most serious first
// (ties in table order). The rules read the case as the reviewer corrected
// it, so a correction changes the checks at once.
func Check(in Input) []app.Finding {
	if in.Now.IsZero() {
		in.Now = time.Now()
	}
	in.ex = in.Case.Effective()
	var out []app.Finding
	for _, r := range rules {
		if msg := r.Check(&in); msg != "" {
			f := app.Finding{Rule: r.ID, Severity: r.Severity, Message: msg, Basis: r.Basis, Ground: r.Ground,
				Blocking: r.Blocks != "", Unblock: r.Blocks, Resolution: in.Case.ResolutionOf(r.ID)}
			if r.Targets != nil {
				f.Targets, f.Suggests = r.Targets(&in), r.Suggests
			}
			out = append(out, f)
		}
	}
	rank := map[string]int{app.SeverityCritical: 0, app.SeverityWarning: 1, app.SeverityInfo: 2}
	sort.SliceStable(out, func(i, j int) bool { return rank[out[i].Severity] < rank[out[j].Severity] })
	return out
}

// PagesText is an order's text for the checks: its pages, one after the
// other.
func PagesText(pages []app.PageText) string {
	var b strings.Builder
	for _, p := range pages {
		b.WriteString(p.Text)
		b.WriteByte('\n')
	}
	return b.String()
}

// Grounds returns the grounds the findings suggest, once each.
func Grounds(fs []app.Finding) []string {
	var out []string
	for _, f := range fs {
		if f.Ground != "" && !slices.Contains(out, f.Ground) {
			out = append(out, f.Ground)
		}
	}
	return out
}

var (
	// contentNeedsWarrant: US process that cannot compel content.
	contentNeedsWarrant = map[app.ProcessType]bool{
		app.GrandJurySubpoena: true, app.AdministrativeSubpoena: true, app.Subpoena: true,
		app.CourtOrder2703d: true, app.NSL: true, app.PenRegister: true,
	}
	// foreignProcess: foreign process with a lawful route to a US provider.
	foreignProcess = map[app.ProcessType]bool{
		app.EPOC: true, app.EPOCPR: true, app.OverseasProductionOrder: true, app.MLATRequest: true,
	}
	// courtSigned: process a judge must sign.
	courtSigned = map[app.ProcessType]bool{
		app.SearchWarrant: true, app.CourtOrder2703d: true, app.PenRegister: true, app.WiretapOrder: true, app.NondisclosureOrder: true,
	}
	// The patterns are compiled on first use, not when the package loads:
	// every process of the binary loads it, the PDF workers too.
	signedRe = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?i)/s/\s*\S|\bs/\s*[A-Z][a-z]|(?:magistrate|district|superior|circuit)\s+(?:court\s+)?judge\b|\bjudge'?s\s+signature`)
	})
	dangerRe = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?i)\bdeath\b|\bdie\b|serious\s+(?:physical|bodily)\s+(?:injury|harm)|\bkill|suicid|self[- ]harm|kidnap|abduct|hostage|imminent\s+(?:danger|threat|harm)|missing\s+(?:child|person|minor)|bomb|shoot`)
	})
)

func ex(in *Input) *app.Extraction {
	if in.ex == nil {
		in.ex = in.Case.Effective()
	}
	return in.ex
}

// clock states the time the law gives to answer, from the one rule the
// desk and the queue show (app.Case.Due), and whether it has passed.
func clock(in *Input, what string) string {
	d, ok := in.Case.Due()
	if !ok {
		return ""
	}
	msg := fmt.Sprintf("%s: answer by %s — %s.", what, d.At.Format("2006-01-02 15:04 MST"), d.Basis)
	if open(in) && in.Now.After(d.At) {
		msg += " That time has passed."
	}
	return msg
}

func open(in *Input) bool { return in.Case.Status != app.StatusDecided }

func isUS(ex *app.Extraction) bool {
	j := ex.Field(app.FieldJurisdiction)
	return j == "" || strings.HasPrefix(j, "US")
}

func wantsContent(ex *app.Extraction) bool {
	return slices.Contains(ex.DataCategories, app.DataContent)
}

func wantsRecords(ex *app.Extraction) bool {
	return slices.Contains(ex.DataCategories, app.DataContent) || slices.Contains(ex.DataCategories, app.DataNonContent)
}

func date(c *app.Case, field string) (time.Time, bool) {
	t, err := time.Parse(time.DateOnly, c.Value(field))
	return t, err == nil
}

// enterpriseCheck says which targets are an enterprise customer's.
func enterpriseCheck(in *Input) string {
	hits := enterpriseTargets(in)
	if len(hits) == 0 {
		return ""
	}
	return fmt.Sprintf("%s belong%s to an enterprise customer: suggest the requester ask the customer; redirect the request for %s.",
		strings.Join(hits, ", "), map[bool]string{true: "s", false: ""}[len(hits) == 1], map[bool]string{true: "it", false: "them"}[len(hits) == 1])
}

// enterpriseTargets names the targets on an enterprise customer's domain
// or account.
func enterpriseTargets(in *Input) []string {
	domains := app.NormaliseList(in.Settings.EnterpriseDomains)
	accounts := app.NormaliseList(in.Settings.EnterpriseAccounts)
	var hits []string
	for _, t := range ex(in).Targets {
		v := strings.ToLower(t.Value)
		host := ""
		switch {
		case strings.Contains(v, "@"):
			host = v[strings.LastIndex(v, "@")+1:]
		case t.Kind == app.TargetURL:
			host = strings.TrimPrefix(strings.TrimPrefix(v, "https://"), "http://")
			host = strings.SplitN(host, "/", 2)[0]
		}
		matched := slices.Contains(accounts, v)
		for _, d := range domains {
			if host != "" && (host == d || strings.HasSuffix(host, "."+d)) {
				matched = true
			}
		}
		if matched {
			hits = append(hits, t.Value)
		}
	}
	return hits
}
