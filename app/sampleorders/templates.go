package sampleorders

import (
	"fmt"
	"slices"
	"strings"

	"github.com/warrantdesk/warrantdesk/app"
)

func writeSearchWarrant(g *gen) error {
	f := g.federalOrder(app.SearchWarrant, g.docketOf("mj", "sw", "MJ"), true)
	d, issued, num, prov := f.d, f.issued, f.num, f.prov
	judge := f.judge
	ag := pick(g.rng, agencies)
	due := issued.AddDate(0, 0, 14)
	// "Execute on or before" binds the agents, not the provider: the
	// warrant sets the provider no deadline.
	g.field(app.FieldAgency, ag.name)

	w := g.w
	w.center("AO 93C (Rev. 8/18) Warrant by Telephone or Other Reliable Electronic Means")
	w.gap(0.5)
	w.title("UNITED STATES DISTRICT COURT")
	w.center("for the")
	w.center(d.name)
	w.gap(1)
	w.line("In the Matter of the Search of")
	w.line(fmt.Sprintf("Information associated with accounts stored at premises controlled by %s", prov.name))
	w.label("Case No.", num)
	w.gap(0.5)
	w.title("SEARCH AND SEIZURE WARRANT")
	w.line("To: Any authorized law enforcement officer")
	w.para(fmt.Sprintf("An application by a federal law enforcement officer of the %s requests the search of the following property located in the %s (identify the person or describe the property to be searched and give its location): See Attachment A.", ag.name, d.name))
	w.para("I find that the affidavit, or any recorded testimony, establish probable cause to search and seize the person or property described above, and that such search will reveal: See Attachment B.")
	w.para(fmt.Sprintf("YOU ARE COMMANDED to execute this warrant on or before %s (not to exceed 14 days) in the daytime 6:00 a.m. to 10:00 p.m.", usDate(g.rng, due)))
	w.para("Pursuant to 18 U.S.C. § 2703(a), (b)(1)(A) and (c)(1)(A), and Federal Rule of Criminal Procedure 41, the provider shall disclose the information described in Attachment B.")
	w.label("Date and time issued", usDate(g.rng, issued)+" 2:15 pm")
	w.label("City and state", strings.SplitN(d.division+" ", " ", 2)[0]+", U.S.")
	w.line(fmt.Sprintf("Printed name and title: %s, United States Magistrate Judge", judge))
	w.newPage()
	w.title("ATTACHMENT A")
	w.center("Property to Be Searched")
	w.para(fmt.Sprintf("This warrant applies to information associated with the following identifiers that is stored at premises owned, maintained, controlled, or operated by %s, a company headquartered in a place the provider designates:", prov.name))
	w.bullets(g.accountTargets(prov.domain))
	w.title("ATTACHMENT B")
	w.center("Particular Things to be Seized")
	start, end := issued.AddDate(-1, 0, 0), issued.AddDate(0, 0, -7)
	g.field(app.FieldDateRangeStart, start.Format("2006-01-02"))
	g.field(app.FieldDateRangeEnd, end.Format("2006-01-02"))
	w.para(fmt.Sprintf("The provider is required to disclose the following information for the period from %s through %s:", usDate(g.rng, start), usDate(g.rng, end)))
	w.bullets([]string{
		"The contents of all e-mails and messages associated with the account, including stored copies of e-mails sent to and from the account;",
		"All subscriber records: names, addresses, length of service, and means and source of payment;",
		"All records of session times and durations and the IP addresses used to log in to the account.",
	})
	g.data(app.DataContent, app.DataSubscriber, app.DataNonContent)
	return nil
}

func writeStateWarrant(g *gen) error {
	sc := pick(g.rng, stateCourts)
	issued := g.date()
	num := fmt.Sprintf("SW-%d-%05d", issued.Year(), g.rng.IntN(99999)+1)
	judge := person(g.rng)
	prov := pick(g.rng, providers)
	det := person(g.rng)
	g.order(app.SearchWarrant, num, issued)
	authority := titleWords(sc.court)
	if sc.county != "" {
		// As the heading prints it: "in and for King County", "for the
		// County of Santa Clara".
		if strings.HasPrefix(sc.county, "IN AND FOR ") {
			authority += " in and for " + titleWords(strings.TrimPrefix(sc.county, "IN AND FOR "))
		} else {
			authority += " for the " + titleWords(sc.county)
		}
	}
	g.field(app.FieldIssuingAuthority, authority)
	g.field(app.FieldJudge, judge)
	g.field(app.FieldJurisdiction, sc.state)
	g.field(app.FieldRecipient, prov.name)
	g.field(app.FieldAgentName, det)
	due := issued.AddDate(0, 0, 10)
	g.field(app.FieldDeadline, due.Format("2006-01-02"))

	w := g.w
	w.title(sc.court)
	if sc.county != "" {
		w.center(sc.county)
	}
	w.gap(1)
	w.title("SEARCH WARRANT")
	w.label("Warrant No.", num)
	w.line("THE PEOPLE OF THE STATE, to any peace officer in the County:")
	w.para(fmt.Sprintf("Proof by affidavit having been made this day before me by Detective %s that there is probable cause to believe that the property described herein may be found at the location set forth herein, YOU ARE THEREFORE COMMANDED to search %s for the following records and to produce them on or before %s:", det, prov.name, usDate(g.rng, due)))
	targets := g.accountTargets(prov.domain)
	w.bullets(targets)
	w.bullets([]string{"Basic subscriber information, including name, address and length of service;", "Login IP address logs and session times;"})
	g.data(app.DataSubscriber, app.DataNonContent)
	w.para("This warrant is issued under the state's search warrant statute and 18 U.S.C. § 2703(c)(1)(A).")
	if sc.state == "US-CA" {
		// CalECPA: the agency notifies the target (Penal Code § 1546.2).
		w.para("The government entity executing this warrant shall serve notice on the identified targets as required by Penal Code section 1546.2.")
	}
	w.line(fmt.Sprintf("Dated: %s", usDate(g.rng, issued)))
	w.signature(judge, "Judge of the Superior Court")
	return nil
}

func writeGrandJury(g *gen) error {
	d := pick(g.rng, districts)
	issued := g.date()
	num := fmt.Sprintf("GJ%d-%04d", issued.Year(), g.rng.IntN(9999)+1)
	prov := pick(g.rng, providers)
	appear := issued.AddDate(0, 0, 21)
	ag := pick(g.rng, agencies)
	g.order(app.GrandJurySubpoena, num, issued)
	g.field(app.FieldDeadline, appear.Format("2006-01-02"))
	g.field(app.FieldIssuingAuthority, "United States District Court for the "+d.name)
	g.field(app.FieldJurisdiction, "US-federal")
	g.field(app.FieldRecipient, prov.name)

	w := g.w
	w.center("AO 110 (Rev. 06/09) Subpoena to Testify Before a Grand Jury")
	w.title("UNITED STATES DISTRICT COURT")
	w.center("for the")
	w.center(d.name)
	w.gap(1)
	w.title("SUBPOENA TO TESTIFY BEFORE A GRAND JURY")
	w.label("Subpoena No.", num)
	w.line(fmt.Sprintf("To: Custodian of Records, %s", prov.name))
	w.para("YOU ARE COMMANDED to appear in this United States district court at the time, date, and place shown below to testify before the court's grand jury. When you arrive, you must remain at the court until the judge or a court officer allows you to leave.")
	w.table([]string{"Place", "Date and Time"}, [][]string{{"U.S. Courthouse, Grand Jury Room", appear.Format("01/02/2006") + " 9:30 am"}})
	w.para("You must also bring with you the following documents, electronically stored information, or objects: see the attached list, for the accounts identified below.")
	w.bullets(g.accountTargets(prov.domain))
	w.bullets([]string{"Subscriber information: names, addresses, local and long distance telephone connection records, length of service, and means and source of payment;", "IP address logs for account creation and each login."})
	g.data(app.DataSubscriber, app.DataNonContent)
	w.para("Production of these records under 18 U.S.C. § 2703(c)(2) may be made in lieu of appearance. You are requested not to disclose the existence of this subpoena, as disclosure could impede the investigation.")
	g.truth.Nondisclosure = TruthNDO{Requested: true}
	w.label("Date", usDate(g.rng, issued))
	w.line("CLERK OF COURT")
	ausa := person(g.rng)
	w.para(fmt.Sprintf("The name, address, e-mail, and telephone number of the United States attorney, or assistant United States attorney, who requests this subpoena, are: %s, Assistant United States Attorney.", ausa))
	g.agentBlock(ag)
	return nil
}

func writeOrder2703d(g *gen) error {
	f := g.federalOrder(app.CourtOrder2703d, g.docketOf("ec", "mc", "dm"), true)
	d, issued, num, prov := f.d, f.issued, f.num, f.prov
	judge := f.judge
	g.field(app.FieldDeadline, issued.AddDate(0, 0, 14).Format("2006-01-02"))

	w := g.w
	w.title("IN THE UNITED STATES DISTRICT COURT")
	w.center("FOR THE " + upper(d.name))
	w.gap(1)
	w.line("IN THE MATTER OF THE APPLICATION OF THE UNITED STATES OF AMERICA FOR AN ORDER PURSUANT TO 18 U.S.C. § 2703(d)")
	w.label("Misc. No.", num)
	w.label("Filed Under Seal", "Yes")
	w.title("ORDER")
	w.para("The United States has submitted an application pursuant to 18 U.S.C. § 2703(d), requesting that the Court issue an Order requiring " + prov.name + " (\"PROVIDER\"), an electronic communications service provider, to disclose the records and other information described in Attachment A to this Order.")
	w.para("The Court finds that the United States has offered specific and articulable facts showing that there are reasonable grounds to believe that the records or other information sought are relevant and material to an ongoing criminal investigation.")
	w.para("IT IS THEREFORE ORDERED, pursuant to 18 U.S.C. § 2703(d), that PROVIDER shall, within fourteen days of the date of this Order, disclose to the United States the records and other information described in Attachment A.")
	days := pick(g.rng, []int{90, 180, 365})
	w.para(fmt.Sprintf("IT IS FURTHER ORDERED under 18 U.S.C. § 2705(b) that PROVIDER shall not disclose the existence of the application or this Order of the Court to the listed subscriber or to any other person for a period of %d days from the date of this Order, except that PROVIDER may disclose this Order to an attorney for the purpose of obtaining legal advice.", days))
	g.truth.Nondisclosure = TruthNDO{Ordered: true, Days: days}
	w.line(fmt.Sprintf("ENTERED this %s.", dayOf(issued)))
	w.signature(judge, "United States Magistrate Judge")
	w.newPage()
	w.title("ATTACHMENT A")
	w.para("I. The Account(s): The Order applies to certain records and information associated with the following identifiers:")
	w.bullets(g.accountTargets(prov.domain))
	ip := ipv4(g.rng)
	g.target(app.TargetIP, ip)
	w.para(fmt.Sprintf("and any account that logged in from IP address %s.", ip))
	w.para("II. Records and Other Information to Be Disclosed: all records of the account, including names, addresses, length of service, and means and source of payment (subscriber information); and all records and other information relating to the account, including IP address history, records of session times and durations, and e-mail header information, but not to include the contents of any communications.")
	g.data(app.DataSubscriber, app.DataNonContent)
	return nil
}

func writeNSL(g *gen) error {
	issued := g.date()
	num := fmt.Sprintf("NSL-%02d-%06d", issued.Year()%100, g.rng.IntN(999999)+1)
	prov := pick(g.rng, providers)
	field := pick(g.rng, []string{"Dallas", "San Diego", "Phoenix", "Houston", "Detroit", "Miami"})
	g.order(app.NSL, num, issued)
	g.field(app.FieldIssuingAuthority, "Federal Bureau of Investigation")
	g.field(app.FieldAgency, "Federal Bureau of Investigation")
	g.field(app.FieldJurisdiction, "US-federal")
	g.field(app.FieldRecipient, prov.name)

	w := g.w
	w.center("U.S. Department of Justice")
	w.center("Federal Bureau of Investigation")
	w.gap(1)
	w.line(field + " Division")
	w.line(usDate(g.rng, issued))
	w.gap(1)
	w.line(prov.name)
	w.line("Attn: Legal Compliance")
	w.gap(0.5)
	w.line("File No. " + num)
	w.gap(0.5)
	w.title("NATIONAL SECURITY LETTER")
	w.para("Under the authority of Executive Order 12333, dated December 4, 1981, and pursuant to Title 18, United States Code (U.S.C.), Section 2709, you are hereby directed to provide the Federal Bureau of Investigation (FBI) the name, address, and length of service of any and all subscribers of the accounts listed below, from inception to present:")
	var lines []string
	for i := 0; i < 1+g.rng.IntN(2); i++ {
		e := email(g.rng, prov.domain)
		g.target(app.TargetEmail, e)
		lines = append(lines, e)
	}
	w.bullets(lines)
	g.data(app.DataSubscriber)
	w.para("Please do not provide the content of any electronic communication; the FBI is not requesting message content.")
	w.para("In accordance with 18 U.S.C. § 2709(c)(1), I certify that a disclosure of the fact that the FBI has sought or obtained access to the information sought by this letter may result in a danger to the national security of the United States. Accordingly, you, or any officer, employee, or agent of yours, are prohibited from disclosing this letter, other than to those to whom disclosure is necessary to comply with the letter or to an attorney to obtain legal advice.")
	g.truth.Nondisclosure = TruthNDO{Ordered: true}
	w.para("You are requested to provide records responsive to this letter within 14 business days of receipt.")
	// Counted from receipt, which the letter does not date: no deadline.
	w.line("Sincerely,")
	sac := person(g.rng)
	w.signature(sac, "Special Agent in Charge")
	return nil
}

func writePreservation(g *gen) error {
	issued := g.date()
	ag := pick(g.rng, agencies)
	prov := pick(g.rng, providers)
	num := fmt.Sprintf("%d-%s-%06d", issued.Year(), ag.short, g.rng.IntN(999999)+1)
	g.order(app.Preservation2703f, num, issued)
	g.field(app.FieldIssuingAuthority, ag.name)
	g.field(app.FieldJurisdiction, "US-federal")
	g.field(app.FieldRecipient, prov.name)

	w := g.w
	w.center(ag.name)
	w.center("U.S. Department of Justice")
	w.gap(1)
	w.line(usDate(g.rng, issued))
	w.gap(0.5)
	w.line("VIA LAW ENFORCEMENT PORTAL")
	w.line(prov.name)
	w.line("Custodian of Records")
	w.gap(0.5)
	w.line("Re: Preservation request under 18 U.S.C. § 2703(f)")
	w.line("Reference No.: " + num)
	w.gap(0.5)
	w.line("Dear Custodian of Records:")
	w.para("Pursuant to Title 18, United States Code, Section 2703(f), this letter is a formal request for the preservation of all stored communications, records, and other evidence in your possession regarding the following account(s) pending further legal process:")
	w.bullets(g.accountTargets(prov.domain))
	w.para("I request that you preserve, for a period of 90 days, the information described above that is currently in your possession, including information stored on backup media. Please do not disclose this request to the subscriber or to any other person, other than as necessary to comply with it.")
	g.truth.Nondisclosure = TruthNDO{Requested: true}
	g.data(app.DataPreservation)
	g.agentBlock(ag)
	return nil
}

func writeEmergency(g *gen) error {
	issued := g.date()
	prov := pick(g.rng, providers)
	dept := pick(g.rng, []string{"Springfield Police Department", "Lakewood County Sheriff's Office", "Riverton Police Department"})
	num := fmt.Sprintf("%d-%06d", issued.Year(), g.rng.IntN(999999)+1)
	g.order(app.EmergencyRequest, num, issued)
	g.truth.Emergency = true
	g.field(app.FieldIssuingAuthority, dept)
	g.field(app.FieldAgency, dept)
	g.field(app.FieldRecipient, prov.name)

	w := g.w
	w.title("EMERGENCY DISCLOSURE REQUEST")
	w.center(dept)
	w.gap(1)
	w.label("To", prov.name+", Law Enforcement Response Team")
	w.label("Date", usDate(g.rng, issued))
	w.label("Incident No.", num)
	w.gap(0.5)
	w.para("This request is made under 18 U.S.C. § 2702(b)(8) and § 2702(c)(4). I believe in good faith that an emergency involving danger of death or serious physical injury to a person requires disclosure without delay of communications and records relating to the emergency.")
	w.para("Nature of the emergency: a person has been reported missing and threatened self-harm in messages posted in the last hours. We request the information below for the account:")
	lines := g.accountTargets(prov.domain)
	w.bullets(lines)
	w.para("Information requested: basic subscriber information and the most recent login IP addresses and times.")
	g.data(app.DataSubscriber, app.DataNonContent)
	off := person(g.rng)
	g.field(app.FieldAgentName, off)
	p, e := phone(g.rng)
	g.field(app.FieldAgentPhone, e)
	w.para(fmt.Sprintf("Requesting officer: Sergeant %s, Badge No. %d. Call me at %s at any hour.", off, 1000+g.rng.IntN(9000), p))
	w.para(fmt.Sprintf("Supervisor approving this request: Lieutenant %s, watch commander.", person(g.rng)))
	return nil
}

func writeEPOC(g *gen) error {
	issued := g.date()
	country := pick(g.rng, []struct{ name, code, city string }{{"Netherlands", "NL", "Amsterdam"}, {"Germany", "DE", "Berlin"}, {"France", "FR", "Paris"}, {"Spain", "ES", "Madrid"}})
	prov := pick(g.rng, providers)
	num := fmt.Sprintf("%s/%d/%05d", country.code, issued.Year(), g.rng.IntN(99999)+1)
	emergency := g.rng.IntN(3) == 0
	g.order(app.EPOC, num, issued)
	g.truth.Emergency = emergency
	g.field(app.FieldJurisdiction, "EU-"+country.code)
	g.field(app.FieldRecipient, prov.name)
	authority := "Public Prosecutor's Office " + country.city
	g.field(app.FieldIssuingAuthority, authority)
	// The EPOC's 10 days or 8 hours run from receipt: no deadline.

	w := g.w
	w.center("ANNEX I")
	w.title("EUROPEAN PRODUCTION ORDER CERTIFICATE (EPOC) FOR THE PRODUCTION OF ELECTRONIC EVIDENCE")
	w.center("Regulation (EU) 2023/1543")
	w.gap(0.5)
	w.bold("SECTION A: Issuing/validating authority")
	w.label("Issuing State", country.name)
	w.label("Issuing authority", authority)
	// Traffic data ordered by a prosecutor needs a judge's validation
	// (Regulation (EU) 2023/1543 Art. 4(2)).
	w.label("Validating authority", "Investigating judge, Court of "+country.city)
	w.label("File number of the issuing authority", num)
	w.label("Date of issue", euDate(g.rng, issued))
	w.bold("SECTION B: Addressee")
	w.label("Addressee", prov.name)
	w.bold("SECTION C: Deadlines")
	if emergency {
		w.para("[X] Emergency case: the data shall be produced without undue delay, at the latest within 8 hours upon receipt of the EPOC.")
	} else {
		w.para("[X] The data shall be produced at the latest within 10 days upon receipt of the EPOC.")
	}
	w.bold("SECTION D: Data requested")
	w.line("User identifiers:")
	ids := g.accountTargets(prov.domain)
	for i, l := range ids {
		// EU forms give numbers in international form.
		if strings.Contains(l, "telephone number") {
			g.truth.Targets = slices.DeleteFunc(g.truth.Targets, func(t TruthTarget) bool { return t.Kind == app.TargetPhone })
			p, e := intlPhone(g.rng, map[string]string{"NL": "31", "DE": "49", "FR": "33", "ES": "34"}[country.code])
			g.target(app.TargetPhone, e)
			ids[i] = "The account associated with the telephone number " + p
		}
	}
	w.bullets(ids)
	w.para("[X] Subscriber data: name, date of birth, postal address, telephone number, e-mail address.")
	w.para("[X] Traffic data: IP address logs and connection records for the period from " + euDate(g.rng, issued.AddDate(0, -3, 0)) + " to " + euDate(g.rng, issued.AddDate(0, 0, -1)) + ".")
	g.field(app.FieldDateRangeStart, issued.AddDate(0, -3, 0).Format("2006-01-02"))
	g.field(app.FieldDateRangeEnd, issued.AddDate(0, 0, -1).Format("2006-01-02"))
	g.data(app.DataSubscriber, app.DataNonContent)
	w.bold("SECTION E: Offence")
	w.para("Fraud and computer-related offences punishable in the issuing State by a custodial sentence of a maximum of at least 3 years.")
	return nil
}

// titleWords writes an all-capitals heading in title case, the way the
// extractor reports court names.
func titleWords(s string) string {
	small := map[string]bool{"of": true, "for": true, "the": true, "and": true, "in": true}
	words := strings.Fields(strings.ToLower(s))
	for i, w := range words {
		if i > 0 && small[w] {
			continue
		}
		words[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	return strings.Join(words, " ")
}
