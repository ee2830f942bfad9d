package review

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/warrantdesk/warrantdesk/app"
)

// fakeRequestsBasis is what the genuineness checks rest on: fake
// emergency requests and subpoenas are sent from free-mail, look-alike and
// hacked police mailboxes, and a provider that discloses on one has
// disclosed to someone not entitled to the data.
const fakeRequestsBasis = "FBI Private Industry Notification of Nov. 4, 2024 (fraudulent emergency data requests and subpoenas from compromised and spoofed government e-mail); 18 U.S.C. § 2702(a): disclosure to anyone but the entitled government entity is unlawful"

// genuineRules check whether a request comes from whom it claims to.
var genuineRules = []Rule{
	{
		ID: "free-mail-sender", Severity: app.SeverityCritical, Ground: app.GroundGenuine, Blocks: app.UnblockResolve,
		Basis: fakeRequestsBasis + "; agencies write from their own domains",
		Check: func(in *Input) string {
			if !fromGovernment(in) {
				return ""
			}
			for _, s := range senders(in) {
				if isFreeMail(s.host) {
					return fmt.Sprintf("%s claims to come from %s but %s is %s, a free mail service anyone can sign up to: verify it through the agency's switchboard before anything is disclosed.", ex(in).ProcessType.Name(), claimant(in), s.where, s.addr)
				}
			}
			return ""
		},
	},
	{
		ID: "look-alike-domain", Severity: app.SeverityCritical, Ground: app.GroundGenuine, Blocks: app.UnblockResolve,
		Basis: fakeRequestsBasis + "; look-alike domains (typosquatting) pass a glance",
		Check: lookAlikeSender,
	},
	{
		ID: "mixed-script-domain", Severity: app.SeverityCritical, Ground: app.GroundGenuine, Blocks: app.UnblockResolve,
		Basis: fakeRequestsBasis + "; Unicode TS #39 (Security Mechanisms): mixed-script and whole-script confusable names",
		Check: func(in *Input) string {
			for _, s := range senders(in) {
				if why := mixedScript(s.host); why != "" {
					return fmt.Sprintf("The domain of %s (%s, %s) %s: a homoglyph domain made to pass for another.", s.where, unicodeHost(asciiHost(s.host)), asciiHost(s.host), why)
				}
			}
			return ""
		},
	},
	{
		ID: "gov-subdomain", Severity: app.SeverityCritical, Ground: app.GroundGenuine, Blocks: app.UnblockResolve,
		Basis: fakeRequestsBasis + "; a domain belongs to whoever registered its registrable part (Public Suffix List)",
		Check: func(in *Input) string {
			for _, s := range senders(in) {
				if l := govLooking(s.host); l != "" {
					reg, _, _ := registrable(s.host)
					return fmt.Sprintf("%s (%s) carries “%s” but belongs to %s, which is not a government domain: treat the request as fake until verified.", s.addr, s.where, l, reg)
				}
			}
			return ""
		},
	},
	{
		ID: "domain-not-in-directory", Severity: app.SeverityWarning, Ground: app.GroundGenuine, Blocks: app.UnblockResolve,
		Basis: "the team's directory of verified agency contacts (Settings): mail from an agency comes from the domains verified for it",
		Check: func(in *Input) string {
			for _, e := range agencyEntries(in) {
				if len(e.Domains) == 0 {
					continue
				}
				for _, s := range senders(in) {
					if !slices.ContainsFunc(e.Domains, func(d string) bool { return sameOrSub(s.host, d) }) {
						return fmt.Sprintf("%s is from %s, but the directory has %s writing from %s only: verify before disclosing, or add the domain to the directory once verified.", s.addr, s.where, e.Agency, strings.Join(e.Domains, ", "))
					}
				}
			}
			return ""
		},
	},
	{
		ID: "phone-not-in-directory", Severity: app.SeverityWarning, Ground: "",
		Basis: "the team's directory of verified agency contacts (Settings): a call-back goes to a number from an independent source, never only to the one the request gives",
		Check: func(in *Input) string {
			phone := in.Case.Value(app.FieldAgentPhone)
			norm, ok := app.PhoneE164(phone)
			if !ok {
				return ""
			}
			for _, e := range agencyEntries(in) {
				if len(e.Phones) > 0 && !slices.Contains(e.Phones, norm) {
					return fmt.Sprintf("The request gives %s; the directory's number for %s is %s%s: call back on the directory's number.", phone, e.Agency, strings.Join(e.Phones, " or "), verifiedBy(e))
				}
			}
			return ""
		},
	},
	{
		ID: "reply-to-differs", Severity: app.SeverityCritical, Ground: app.GroundGenuine, Blocks: app.UnblockResolve,
		Basis: fakeRequestsBasis + "; a Reply-To on another domain sends the answer to someone other than the sender",
		Check: func(in *Input) string {
			var from, reply string
			for _, h := range headers(in.Text) {
				switch {
				case (h.name == "From" || h.name == "Sender") && from == "":
					from = h.addr
				case h.name == "Reply-To" && reply == "":
					reply = h.addr
				}
			}
			if from == "" || reply == "" {
				return ""
			}
			fr, _, _ := registrable(domainOf(from))
			rr, _, _ := registrable(domainOf(reply))
			if fr == rr {
				return ""
			}
			return fmt.Sprintf("The e-mail is from %s but replies go to %s: answer only through the agency's verified address.", from, reply)
		},
	},
	{
		ID: "urgency-without-danger", Severity: app.SeverityWarning, Ground: app.GroundGenuine,
		Basis: fakeRequestsBasis + "; pressure to act within minutes or hours without a stated danger is the pattern of fake emergency requests",
		Check: func(in *Input) string {
			// Only requests that compel nothing: court process, subpoenas,
			// preservation letters and foreign orders set their own
			// deadlines and may press for them.
			switch ex(in).ProcessType {
			case app.EmergencyRequest, app.InformalRequest, app.OtherProcess, "":
			default:
				return ""
			}
			// A judge's order sets its own time (an order the extractor
			// could not type is still one).
			if in.Text == "" || dangerRe().MatchString(in.Text) || in.Case.Value(app.FieldJudge) != "" {
				return ""
			}
			m := pressureRe().FindString(in.Text)
			if m == "" {
				return ""
			}
			return fmt.Sprintf("The request presses for speed (“%s”) without stating any danger to life or limb: a mark of fake requests; verify before acting.", oneLine(m))
		},
	},
	{
		ID: "emergency-content", Severity: app.SeverityWarning, Ground: app.GroundEmergency,
		Basis: "18 U.S.C. § 2702(b)(8) lets a provider disclose content in an emergency but does not oblige it; fake emergency requests ask for content (FBI PIN of Nov. 4, 2024): what is disclosed must address the danger",
		Check: func(in *Input) string {
			if !emergencyRequest(in) || !wantsContent(ex(in)) {
				return ""
			}
			return "An emergency request asks for the content of communications: disclose only what addresses the danger (usually subscriber and location data), and only once the requester is verified."
		},
	},
	{
		ID: "no-officer-identified", Severity: app.SeverityWarning, Ground: app.GroundGenuine,
		Basis: "emergency disclosure forms ask for the requesting officer's name, badge or ID number and a supervisor: without them there is nobody to verify (FBI PIN of Nov. 4, 2024)",
		Check: func(in *Input) string {
			if !emergencyRequest(in) || in.Text == "" {
				return ""
			}
			var missing []string
			if in.Case.Value(app.FieldAgentName) == "" && !officerRe().MatchString(in.Text) {
				missing = append(missing, "officer's name")
			}
			if !badgeRe().MatchString(in.Text) {
				missing = append(missing, "badge or ID number")
			}
			if !supervisorRe().MatchString(in.Text) {
				missing = append(missing, "supervisor")
			}
			if len(missing) == 0 || len(missing) == 1 && missing[0] != "officer's name" {
				return ""
			}
			return fmt.Sprintf("The emergency request names no %s: ask for them and verify through the agency's switchboard.", strings.Join(missing, ", no "))
		},
	},
	{
		ID: "court-without-docket", Severity: app.SeverityWarning, Ground: app.GroundGenuine,
		Basis: "court process carries the docket number the clerk assigned (Fed. R. Crim. P. 41(f)(1)(D) returns the warrant to the court by it; Fed. R. Crim. P. 49.1, 55): process claiming a court without one cannot be checked with the clerk",
		Check: func(in *Input) string {
			if !courtSigned[ex(in).ProcessType] || in.Case.CaseNumber() != "" || docketRe().MatchString(in.Text) {
				return ""
			}
			return fmt.Sprintf("The %s claims a court but no docket or case number was found: check it with the court's clerk before acting.", ex(in).ProcessType.Name())
		},
	},
	{
		ID: "signature-letterhead-mismatch", Severity: app.SeverityWarning, Ground: app.GroundGenuine,
		Basis: fakeRequestsBasis + "; a letter is signed by the agency on its letterhead",
		Check: func(in *Input) string {
			head, sign := letterheadAgency(in.Text), signatureAgency(in.Text)
			if head == "" || sign == "" || samePlace(head, sign) {
				return ""
			}
			return fmt.Sprintf("The letterhead is %s's but the signature block is %s's: a letter assembled from two sources; verify with the agency on the letterhead.", head, sign)
		},
	},
	{
		ID: "unknown-court", Severity: app.SeverityWarning, Ground: app.GroundGenuine, Blocks: app.UnblockResolve,
		Basis: "28 U.S.C. §§ 81–131 establish the 94 federal judicial districts; other courts: the team's court directory (Settings)",
		Check: unknownCourt,
	},
	{
		ID: "judge-not-in-signature", Severity: app.SeverityWarning, Ground: app.GroundSignature,
		Basis: "court process is signed by the judge who issued it (Fed. R. Crim. P. 41(e)(1); 18 U.S.C. §§ 2703(d), 3123): a judge named in the text but absent from the signature block suggests an assembled document",
		Check: func(in *Input) string {
			judge := in.Case.Value(app.FieldJudge)
			if !courtSigned[ex(in).ProcessType] || judge == "" {
				return ""
			}
			block := signatureBlock(in.Text)
			name := surname(judge)
			if block == "" || name == "" || strings.Contains(strings.ToLower(block), strings.ToLower(name)) {
				return ""
			}
			return fmt.Sprintf("The order names Judge %s, but the signature block does not: check who signed it.", judge)
		},
	},
}

var (
	// pressureRe is urgency pressure of the kind fake requests use.
	pressureRe = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?i)\bwithin\s+(?:the\s+)?(?:next\s+)?(?:\d{1,2}|one|two|three|an?)\s+(?:hours?|hrs?|minutes?|mins?)\b|\bASAP\b|\bimmediately\b|\bright\s+away\b|\btime[- ]sensitive\b|\bobstruction\b|\bfailure\s+to\s+(?:respond|reply|comply)\s+(?:immediately|promptly|within|will|may)|\bno\s+later\s+than\s+(?:today|tonight|\d{1,2}(?::\d\d)?\s*(?:am|pm|a\.m\.|p\.m\.))`)
	})
	notEmergencyRe = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?i)\b(?:is|are)\s+not\s+an?\s+emergency\b|\bnot\s+an\s+emergency\s+(?:request|case|situation)\b|\bno\s+emergency\s+exists\b`)
	})
	// docketRe is a docket number however labelled, for when the
	// extractor did not take it for the case number (a scan's OCR).
	// A label whose number is blacked out counts: a published copy
	// redacts what the court assigned.
	docketRe = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?i)\b(?:case|docket|misc\.?|mag\.?|cause)\s*(?:no\.?|number|#)|\b(?:cr(?:im(?:inal)?)?\.?|civ(?:il)?\.?|warrant|sw|mj)\s*(?:no\.?|number|#)\s*[:.]?\s*[A-Z0-9]|\b\d:\d{2}-?[a-z]{2,3}-\d{2,6}\b|\b\d{2}-(?:mj|mc|sw|cr|cv|gj|m|ec|dm)-\d{2,6}\b`)
	})
	officerRe = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?i)\b(?:officer|detective|det\.|sergeant|sgt\.?|deputy|trooper|corporal|cpl\.|lieutenant|lt\.|agent|constable|inspector|investigator)\s+[A-Z][a-z]+`)
	})
	// badgeRe is a badge, shield, serial, collar or employee number.
	badgeRe = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?i)\b(?:badge|shield|star|serial|collar|employee|personnel|officer|ID)\s*(?:no\.?|number|num\.?|#)?\s*[:#]?\s*[A-Z]{0,3}[- ]?\d{2,}`)
	})
	// supervisorRe names a supervisor or the rank that approves.
	supervisorRe = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?i)\bsupervis|\bwatch\s+commander\b|\bcommanding\s+officer\b|\blieutenant\b|\bcaptain\b|\bapproved\s+by\b|\bauthori[sz]ed\s+by\b|\bon[- ]duty\s+(?:sergeant|supervisor)`)
	})
)

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// fromGovernment reports whether the request claims a government author:
// anything but a civil subpoena, which a private party's lawyer issues.
func fromGovernment(in *Input) bool {
	return ex(in).ProcessType != app.CivilSubpoena
}

func isSubpoena(t app.ProcessType) bool {
	return t == app.GrandJurySubpoena || t == app.AdministrativeSubpoena || t == app.Subpoena || t == app.CivilSubpoena || t == app.NSL
}

// emergencyRequest reports whether the case is a US-style request for
// voluntary disclosure in an emergency (18 U.S.C. § 2702(b)(8), (c)(4)),
// not court or foreign process that happens to be urgent.
func emergencyRequest(in *Input) bool {
	e := ex(in)
	if notEmergencyRe().MatchString(in.Text) {
		return false // "this is NOT an emergency": sent to the emergency channel all the same
	}
	if e.ProcessType == app.EmergencyRequest {
		return true
	}
	return e.Emergency && !courtSigned[e.ProcessType] && !foreignProcess[e.ProcessType] && !isSubpoena(e.ProcessType)
}

// claimant names who the request says it is from.
func claimant(in *Input) string {
	for _, f := range []string{app.FieldAgency, app.FieldIssuingAuthority} {
		if v := in.Case.Value(f); v != "" {
			return v
		}
	}
	return "a government authority"
}

// agencyEntries returns the directory entries for the agency the request
// names, or for the domain it writes from.
func agencyEntries(in *Input) []app.AgencyContact {
	var names []string
	for _, f := range []string{app.FieldAgency, app.FieldIssuingAuthority} {
		if v := normAgency(in.Case.Value(f)); v != "" {
			names = append(names, v)
		}
	}
	var out []app.AgencyContact
	for _, e := range in.Settings.AgencyContacts {
		n := normAgency(e.Agency)
		byName := n != "" && slices.ContainsFunc(names, func(v string) bool { return v == n || containsWords(v, n) })
		byDomain := slices.ContainsFunc(senders(in), func(s sender) bool {
			return slices.ContainsFunc(e.Domains, func(d string) bool { return sameOrSub(s.host, d) })
		})
		if byName || byDomain {
			out = append(out, e)
		}
	}
	return out
}

var agencyWords = strings.NewReplacer("dept.", "department", "dept ", "department ", "'s", "s", "’s", "s", ".", " ", ",", " ", "-", " ")

func normAgency(s string) string {
	return strings.Join(strings.Fields(agencyWords.Replace(strings.ToLower(s))), " ")
}

// containsWords reports whether the words of sub stand in s, in order.
func containsWords(s, sub string) bool {
	return strings.Contains(" "+s+" ", " "+sub+" ")
}

func verifiedBy(e app.AgencyContact) string {
	switch {
	case e.VerifiedBy != "" && e.VerifiedOn != "":
		return fmt.Sprintf(" (verified by %s on %s)", e.VerifiedBy, e.VerifiedOn)
	case e.VerifiedBy != "":
		return " (verified by " + e.VerifiedBy + ")"
	}
	return ""
}

// lookAlikeSender compares each sender's domain with the directory's
// domains and with the other domains the order names.
func lookAlikeSender(in *Input) string {
	ss := senders(in)
	var dir []string
	for _, e := range in.Settings.AgencyContacts {
		dir = append(dir, e.Domains...)
	}
	others := orderHosts(in, ss)
	for _, s := range ss {
		if isFreeMail(s.host) {
			continue // free-mail-sender says it
		}
		for _, d := range dir {
			if why := lookAlike(s.host, d, true); why != "" && !slices.ContainsFunc(dir, func(k string) bool { return sameOrSub(s.host, k) }) {
				return fmt.Sprintf("%s (%s) is not %s of the agency directory but %s: treat the request as fake until verified.", asciiHost(s.host), s.where, d, why)
			}
		}
		for _, o := range others {
			if why := lookAlike(s.host, o, false); why != "" {
				return fmt.Sprintf("%s (%s) is not %s, which the order also names, but %s: treat the request as fake until verified.", asciiHost(s.host), s.where, o, why)
			}
		}
	}
	return ""
}

// The letterhead and signature block's agency: a police department,
// sheriff's office or prosecutor's office named with its place.
var agencyNameRe = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`((?:[A-Z][\p{L}'’.]+[ \t]+){1,4}(?:Police[ \t]+Department|Police[ \t]+Dept\.?|Sheriff['’]?s?[ \t]+(?:Office|Department)|Marshal['’]?s?[ \t]+Office|District[ \t]+Attorney['’]?s?[ \t]+Office|Prosecutor['’]?s?[ \t]+Office|State[ \t]+Police|Police[ \t]+Service))`)
})

// letterheadAgency is the agency named in the first lines.
func letterheadAgency(text string) string {
	lines := strings.Split(strings.TrimSpace(text), "\n")
	return agencyName(strings.Join(lines[:min(6, len(lines))], "\n"))
}

// signatureAgency is the agency named after the sign-off, or in the last
// lines of a letter without one.
func signatureAgency(text string) string {
	if m := signOffRe().FindStringIndex(text); m != nil {
		return agencyName(text[m[1]:min(len(text), m[1]+400)])
	}
	return ""
}

// agencyKindRe are the words of an agency's name that say what it is, not
// where.
var agencyKindRe = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)\b(?:police|department|dept|sheriff['’]?s?|office|marshal['’]?s?|district|attorney['’]?s?|prosecutor['’]?s?|state|service|county|city|of|the)\b`)
})

var signOffRe = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?im)^\s*(?:sincerely|respectfully(?:\s+submitted)?|regards|best\s+regards|kind\s+regards|yours\s+(?:truly|faithfully|sincerely))\s*,?\s*$`)
})

func agencyName(s string) string {
	m := agencyNameRe().FindStringSubmatch(s)
	if m == nil {
		return ""
	}
	return oneLine(m[1])
}

// samePlace reports whether two agency names share the words that name
// their place ("Springfield" in "Springfield Police Department" and "City
// of Springfield Police Dept.").
func samePlace(a, b string) bool {
	words := func(s string) []string {
		return strings.Fields(strings.ToLower(agencyKindRe().ReplaceAllString(s, " ")))
	}
	wa, wb := words(a), words(b)
	if len(wa) == 0 || len(wb) == 0 {
		return true
	}
	return slices.ContainsFunc(wa, func(w string) bool { return slices.Contains(wb, w) })
}

// signatureBlock returns the text of the order's signature blocks: the
// lines after "SO ORDERED" or a sign-off, and lines with a signature mark
// or a judge's title, each with its neighbours.
func signatureBlock(text string) string {
	lines := strings.Split(text, "\n")
	var b strings.Builder
	for i, l := range lines {
		if sigLineRe().MatchString(l) {
			for k := max(0, i-1); k <= min(len(lines)-1, i+1); k++ {
				b.WriteString(lines[k])
				b.WriteByte('\n')
			}
		}
		if soOrderedRe().MatchString(l) {
			for k := i; k <= min(len(lines)-1, i+8); k++ {
				b.WriteString(lines[k])
				b.WriteByte('\n')
			}
		}
	}
	return b.String()
}

var (
	sigLineRe = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?i)/s/|\bs/\s*[A-Z]|\bsignature\b|\bsigned\b|(?:magistrate|district|superior|circuit|county|court)\s+judge\b|\bjudge\s+of\b|\bjustice\s+of\b|\bHHJ\b|\bpresiding\b`)
	})
	soOrderedRe = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?i)\b(?:it\s+is\s+)?so\s+ordered\b|\bby\s+the\s+court\b|\bentered\s+(?:on|this)\b`)
	})
)

// surname is the last word of a name, without suffixes.
func surname(name string) string {
	words := strings.Fields(strings.NewReplacer(",", " ", "Jr.", "", "Sr.", "", "III", "", "II", "").Replace(name))
	if len(words) == 0 {
		return ""
	}
	return strings.Trim(words[len(words)-1], ".")
}
