package sampleorders

import (
	"fmt"
	"strings"
	"time"

	"github.com/warrantdesk/warrantdesk/app"
)

func writeAdminSubpoena(g *gen) error {
	issued := g.date()
	prov := pick(g.rng, providers)
	ag := agencies[1] // DEA issues § 876 subpoenas
	num := fmt.Sprintf("%s-%02d-%06d", pick(g.rng, []string{"KC", "LA", "MI", "NY"}), issued.Year()%100, g.rng.IntN(999999)+1)
	due := issued.AddDate(0, 0, 10+g.rng.IntN(20))
	g.order(app.AdministrativeSubpoena, num, issued)
	g.field(app.FieldDeadline, due.Format("2006-01-02"))
	g.field(app.FieldIssuingAuthority, ag.name)
	g.field(app.FieldJurisdiction, "US-federal")
	g.field(app.FieldRecipient, prov.name)

	w := g.w
	w.center("U.S. Department of Justice")
	w.title(upper(ag.name))
	w.title("SUBPOENA")
	w.label("Subpoena Number", num)
	w.label("To", prov.name+", Attn: Custodian of Records")
	w.para(fmt.Sprintf("By the service of this subpoena upon you, YOU ARE HEREBY REQUIRED to produce the records described below to an officer of the %s on or before %s.", ag.name, usDate(g.rng, due)))
	w.para("This subpoena is issued pursuant to Title 21, United States Code, Section 876, in connection with an investigation of offenses under the Controlled Substances Act.")
	w.bold("RECORDS REQUIRED")
	w.para("Subscriber information (name, address, telephone numbers, length of service and means and source of payment) and login IP address logs for:")
	w.bullets(g.accountTargets(prov.domain))
	g.data(app.DataSubscriber, app.DataNonContent)
	w.para("Please do not disclose the existence of this subpoena to the subscriber; disclosure could impede the investigation.")
	g.truth.Nondisclosure = TruthNDO{Requested: true}
	w.label("Issued on", usDate(g.rng, issued))
	g.agentBlock(ag)
	return nil
}

func writeCivilSubpoena(g *gen) error {
	f := g.federalOrder(app.CivilSubpoena, func(d district, t time.Time) string {
		return fmt.Sprintf("%s:%02d-cv-%05d", d.code, t.Year()%100, g.rng.IntN(99999)+1)
	}, false)
	d, issued, num, prov := f.d, f.issued, f.num, f.prov
	due := issued.AddDate(0, 0, 14+g.rng.IntN(14))
	plaintiff := strings.Split(person(g.rng), " ")
	g.field(app.FieldDeadline, due.Format("2006-01-02"))

	w := g.w
	w.center("AO 88B (Rev. 02/14) Subpoena to Produce Documents, Information, or Objects or to Permit Inspection of Premises in a Civil Action")
	w.title("UNITED STATES DISTRICT COURT")
	w.center("for the")
	w.center(d.name)
	w.gap(1)
	w.line(plaintiff[len(plaintiff)-1] + " Holdings LLC, Plaintiff")
	w.line("v.")
	w.line("John Does 1-10, Defendants")
	w.label("Civil Action No.", num)
	w.title("SUBPOENA TO PRODUCE DOCUMENTS, INFORMATION, OR OBJECTS")
	w.line("To: " + prov.name)
	w.para("YOU ARE COMMANDED to produce at the time, date, and place set forth below the following documents, electronically stored information, or objects: documents sufficient to identify the name, address and length of service of the subscribers of the following accounts:")
	w.bullets(g.accountTargets(prov.domain))
	g.data(app.DataSubscriber)
	w.table([]string{"Place", "Date and Time"}, [][]string{{"Law Offices, Suite 400", due.Format("01/02/2006") + " 10:00 am"}})
	w.label("Date", usDate(g.rng, issued))
	w.line("CLERK OF COURT")
	return nil
}

func writePenRegister(g *gen) error {
	f := g.federalOrder(app.PenRegister, g.docketOf("mj"), true)
	d, issued, num, prov := f.d, f.issued, f.num, f.prov
	judge := f.judge
	days := 60

	w := g.w
	w.title("UNITED STATES DISTRICT COURT")
	w.center("FOR THE " + upper(d.name))
	w.gap(1)
	w.line("IN THE MATTER OF THE APPLICATION OF THE UNITED STATES OF AMERICA FOR AN ORDER AUTHORIZING THE INSTALLATION AND USE OF A PEN REGISTER AND TRAP AND TRACE DEVICE")
	w.label("Case No.", num)
	w.title("ORDER")
	w.para(fmt.Sprintf("This matter comes before the Court on the application of the United States under 18 U.S.C. §§ 3122 and 3123. IT IS ORDERED that agents may install and use a pen register and trap and trace device to record dialing, routing, addressing and signaling information transmitted to or from the account(s) below, maintained by %s, for a period of %d days.", prov.name, days))
	ip := ipv6(g.rng)
	g.target(app.TargetIP, ip)
	lines := g.accountTargets(prov.domain)
	lines = append(lines, "Any session originating from IP address "+ip)
	w.bullets(lines)
	g.data(app.DataNonContent)
	w.para("IT IS FURTHER ORDERED, pursuant to 18 U.S.C. § 3123(d), that the provider shall not disclose the existence of the pen register or trap and trace device, or of this investigation, to any person unless or until otherwise ordered by the Court.")
	g.truth.Nondisclosure = TruthNDO{Ordered: true}
	w.line(fmt.Sprintf("Dated: %s", usDate(g.rng, issued)))
	w.signature("Hon. "+judge, "United States Magistrate Judge")
	return nil
}

func writeWiretap(g *gen) error {
	f := g.federalOrder(app.WiretapOrder, func(d district, t time.Time) string {
		return fmt.Sprintf("%s:%02d-wt-%04d", d.code, t.Year()%100, g.rng.IntN(9999)+1)
	}, true)
	d, issued, num, prov := f.d, f.issued, f.num, f.prov
	judge := f.judge

	w := g.w
	w.title("UNITED STATES DISTRICT COURT")
	w.center(d.name)
	w.gap(1)
	w.line("IN THE MATTER OF THE APPLICATION OF THE UNITED STATES FOR AN ORDER AUTHORIZING THE INTERCEPTION OF ELECTRONIC COMMUNICATIONS")
	w.label("Docket No.", num)
	w.title("ORDER AUTHORIZING INTERCEPTION")
	w.para("Application under oath having been made pursuant to Title III of the Omnibus Crime Control and Safe Streets Act, 18 U.S.C. § 2518, the Court finds probable cause and ORDERS that agents are authorized to intercept electronic communications to and from the account(s) listed below, including the contents of all messages, for a period not to exceed thirty days.")
	w.bullets(g.accountTargets(prov.domain))
	g.data(app.DataContent)
	w.para(fmt.Sprintf("IT IS FURTHER ORDERED that %s shall furnish all information, facilities and technical assistance necessary to accomplish the interception unobtrusively, and shall not disclose the existence of the interception to any person, pursuant to 18 U.S.C. § 2511(2)(a)(ii).", prov.name))
	g.truth.Nondisclosure = TruthNDO{Ordered: true}
	w.line(fmt.Sprintf("SO ORDERED this %s.", dayOf(issued)))
	w.signature(judge, "United States District Judge")
	return nil
}

func writeStandaloneNDO(g *gen) error {
	f := g.federalOrder(app.NondisclosureOrder, g.docketOf("mc"), true)
	d, issued, num, prov := f.d, f.issued, f.num, f.prov
	judge := f.judge
	days := pick(g.rng, []int{180, 365})

	w := g.w
	w.title("UNITED STATES DISTRICT COURT")
	w.center("FOR THE " + upper(d.name))
	w.gap(1)
	w.line("IN RE GRAND JURY SUBPOENA")
	w.label("Case No.", num)
	w.label("UNDER SEAL", "")
	w.title("ORDER")
	w.para(fmt.Sprintf("The United States has applied under 18 U.S.C. § 2705(b) for an order commanding %s, an electronic communication service provider, not to notify any person of the existence of the grand jury subpoena served on it, which concerns the account identified as follows:", prov.name))
	w.bullets(g.accountTargets(prov.domain))
	w.para("The Court determines that there is reason to believe that notification of the existence of the subpoena will seriously jeopardize the investigation, including by giving targets an opportunity to flee or destroy or tamper with evidence.")
	w.para(fmt.Sprintf("IT IS THEREFORE ORDERED under 18 U.S.C. § 2705(b) that %s shall not disclose the existence of the subpoena or this Order to the listed subscriber or to any other person for %d days from the date of this Order, except to an attorney for the purpose of obtaining legal advice.", prov.name, days))
	g.truth.Nondisclosure = TruthNDO{Ordered: true, Days: days}
	w.line(fmt.Sprintf("Entered on %s.", usDate(g.rng, issued)))
	w.signature(judge, "United States Magistrate Judge")
	return nil
}

func writeEPOCPR(g *gen) error {
	issued := g.date()
	country := pick(g.rng, []struct{ name, code, city string }{{"Belgium", "BE", "Brussels"}, {"Italy", "IT", "Rome"}, {"Austria", "AT", "Vienna"}})
	prov := pick(g.rng, providers)
	num := fmt.Sprintf("PR-%s-%d-%04d", country.code, issued.Year(), g.rng.IntN(9999)+1)
	authority := "Investigating Judge, Court of First Instance " + country.city
	g.order(app.EPOCPR, num, issued)
	g.field(app.FieldJurisdiction, "EU-"+country.code)
	g.field(app.FieldRecipient, prov.name)
	g.field(app.FieldIssuingAuthority, authority)

	w := g.w
	w.center("ANNEX II")
	w.title("EUROPEAN PRESERVATION ORDER CERTIFICATE (EPOC-PR) FOR THE PRESERVATION OF ELECTRONIC EVIDENCE")
	w.center("Regulation (EU) 2023/1543 of the European Parliament and of the Council")
	w.bold("SECTION A: Issuing authority")
	w.label("Issuing State", country.name)
	w.label("Issuing authority", authority)
	w.label("File number of the issuing authority", num)
	w.label("Date of issue", euDate(g.rng, issued))
	w.bold("SECTION B: Addressee")
	w.label("Addressee", prov.name)
	w.bold("SECTION C: User and data to be preserved")
	w.line("User identifiers:")
	var lines []string
	for i := 0; i < 1+g.rng.IntN(2); i++ {
		e := email(g.rng, prov.domain)
		g.target(app.TargetEmail, e)
		lines = append(lines, e)
	}
	w.bullets(lines)
	w.para("[X] Subscriber data   [X] Traffic data   [ ] Content data")
	w.para("The data shall be preserved for 60 days pending a subsequent request for production, and may not be disclosed to the user concerned in the meantime.")
	g.truth.Nondisclosure = TruthNDO{Ordered: true}
	g.data(app.DataPreservation)
	return nil
}

func writeUKOPO(g *gen) error {
	issued := g.date()
	prov := pick(g.rng, providers)
	court := pick(g.rng, []string{"Southwark", "Manchester", "Birmingham", "Leeds"})
	num := fmt.Sprintf("T%d%04d", issued.Year(), g.rng.IntN(9999)+1)
	judge := person(g.rng)
	g.order(app.OverseasProductionOrder, num, issued)
	// Seven days from service, which the order does not date: no deadline.
	g.field(app.FieldIssuingAuthority, "Crown Court at "+court)
	g.field(app.FieldJudge, judge)
	g.field(app.FieldJurisdiction, "UK")
	g.field(app.FieldAgency, "Metropolitan Police Service") // the applicant's force
	g.field(app.FieldRecipient, prov.name)

	w := g.w
	w.title("IN THE CROWN COURT AT " + upper(court))
	w.gap(0.5)
	w.title("OVERSEAS PRODUCTION ORDER")
	w.center("Crime (Overseas Production Orders) Act 2019, section 1")
	w.label("Case number", num)
	w.label("Respondent", prov.name)
	w.para("Upon an application by a constable of the Metropolitan Police Service, and the judge being satisfied that the requirements of section 4 of the Act are fulfilled, IT IS ORDERED that the respondent shall produce the electronic data specified in the Schedule within 7 days of service of this order.")
	w.bold("SCHEDULE")
	var lines []string
	for i := 0; i < 1+g.rng.IntN(2); i++ {
		u := userName(g.rng)
		g.target(app.TargetUsername, u)
		lines = append(lines, "Account username: "+u)
	}
	w.bullets(lines)
	w.para("Data to be produced: the content of all direct messages, and the account registration details.")
	g.data(app.DataContent, app.DataSubscriber)
	w.para("The respondent must not disclose the making of this order, or its contents, to any person without the leave of the court.")
	g.truth.Nondisclosure = TruthNDO{Ordered: true}
	w.line("Date of order: " + issued.Format("2 January 2006"))
	w.line(fmt.Sprintf("HHJ %s", judge))
	w.line("Her Honour Judge " + judge)
	return nil
}

func writeCanadaPO(g *gen) error {
	issued := g.date()
	prov := pick(g.rng, providers)
	num := fmt.Sprintf("%d-%d-%05d", 4900+g.rng.IntN(99), issued.Year()%100, g.rng.IntN(99999)+1)
	justice := person(g.rng)
	days := pick(g.rng, []int{30, 45})
	g.order(app.ProductionOrder, num, issued)
	g.field(app.FieldDeadline, issued.AddDate(0, 0, days).Format("2006-01-02"))
	g.field(app.FieldIssuingAuthority, "Ontario Court of Justice")
	g.field(app.FieldJudge, justice)
	g.field(app.FieldJurisdiction, "CA")
	g.field(app.FieldAgency, "Royal Canadian Mounted Police") // the peace officer's force
	g.field(app.FieldRecipient, prov.name)

	w := g.w
	w.title("ONTARIO COURT OF JUSTICE")
	w.center("Province of Ontario")
	w.title("PRODUCTION ORDER FOR TRANSMISSION DATA")
	w.center("Section 487.016 of the Criminal Code")
	w.label("Information No.", num)
	w.line("To: " + prov.name)
	w.para(fmt.Sprintf("Whereas it appears on the oath of a peace officer of the Royal Canadian Mounted Police that there are reasonable grounds to suspect that an offence has been committed, you are ordered to prepare and produce, within %d days of the making of this order, transmission data relating to the following:", days))
	w.bullets(g.accountTargets(prov.domain))
	w.para("Transmission data: IP address logs, session times and routing information. This order does not require the production of the content of any communication.")
	g.data(app.DataNonContent)
	w.line(fmt.Sprintf("Made at Toronto, Ontario, this %s.", dayOf(issued)))
	w.signature(justice, "Justice of the Peace in and for the Province of Ontario")
	return nil
}

func writeMLAT(g *gen) error {
	issued := g.date()
	prov := pick(g.rng, providers)
	country := pick(g.rng, []string{"Federal Republic of Germany", "Republic of Korea", "Kingdom of Spain"})
	num := fmt.Sprintf("CRM-182-%d-%05d", issued.Year(), g.rng.IntN(99999)+1)
	g.order(app.MLATRequest, num, issued)
	g.field(app.FieldIssuingAuthority, "Office of International Affairs")
	g.field(app.FieldJurisdiction, "US-federal")
	g.field(app.FieldRecipient, prov.name)

	w := g.w
	w.center("U.S. Department of Justice")
	w.center("Criminal Division, Office of International Affairs")
	w.gap(1)
	w.line(usDate(g.rng, issued))
	w.line(prov.name)
	w.line("Custodian of Records")
	w.line("Our reference: " + num)
	w.gap(0.5)
	w.line("Re: Request for Mutual Legal Assistance from the " + country)
	w.para("The Office of International Affairs has received a request from the competent authorities of the " + country + " under the Treaty on Mutual Legal Assistance in Criminal Matters, seeking records associated with the following accounts:")
	w.bullets(g.accountTargets(prov.domain))
	w.para("The foreign authorities seek subscriber information and IP address logs. A commissioner's subpoena under 18 U.S.C. § 3512 will follow; in the meantime we ask that you preserve these records.")
	g.data(app.DataSubscriber, app.DataNonContent, app.DataPreservation)
	g.agentBlock(agencies[0])
	g.truth.Fields[app.FieldAgency] = "Federal Bureau of Investigation"
	return nil
}

func writeInformal(g *gen) error {
	issued := g.date()
	prov := pick(g.rng, providers)
	force := pick(g.rng, []string{"Kent Police", "Polícia Judiciária", "Garda Síochána"})
	num := fmt.Sprintf("REF/%d/%04d", issued.Year(), g.rng.IntN(9999)+1)
	off := person(g.rng)
	g.order(app.InformalRequest, num, issued)
	g.field(app.FieldRecipient, prov.name)
	g.field(app.FieldAgentName, off)
	// The force that writes is the request's sender and agency.
	g.field(app.FieldIssuingAuthority, force)
	g.field(app.FieldAgency, force)

	w := g.w
	w.line(force)
	w.line("Cyber Crime Unit")
	w.gap(1)
	w.line(issued.Format("2 January 2006"))
	w.gap(0.5)
	w.line(prov.name)
	w.line("Our ref: " + num)
	w.gap(0.5)
	w.line("Dear Sir or Madam,")
	w.para("We are investigating a fraud reported by a member of the public. We would kindly ask you to provide us with any information you hold about the user of the following account, such as the name and e-mail address registered:")
	w.bullets(g.accountTargets(prov.domain))
	g.data(app.DataSubscriber)
	w.para("We appreciate that you may need formal legal process; please let us know what you require.")
	w.line("Kind regards,")
	w.line("Detective Constable " + off)
	return nil
}

func writeStateSubpoena(g *gen) error {
	sc := pick(g.rng, stateCourts)
	issued := g.date()
	prov := pick(g.rng, providers)
	num := fmt.Sprintf("%d-CR-%05d", issued.Year(), g.rng.IntN(99999)+1)
	due := issued.AddDate(0, 0, 20)
	prosecutor := person(g.rng)
	g.truth.ProcessType = app.Subpoena
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
	g.field(app.FieldCaseNumber, num)
	g.field(app.FieldIssuedDate, issued.Format("2006-01-02"))
	g.field(app.FieldDeadline, due.Format("2006-01-02"))
	g.field(app.FieldIssuingAuthority, authority)
	g.field(app.FieldJurisdiction, sc.state)
	g.field(app.FieldRecipient, prov.name)
	// The prosecutor who issues the subpoena is whom the provider deals
	// with, as the AUSA on a grand jury subpoena.
	g.field(app.FieldAgentName, prosecutor)

	w := g.w
	w.title(sc.court)
	if sc.county != "" {
		w.center(sc.county)
	}
	w.gap(0.5)
	w.line("THE PEOPLE OF THE STATE v. JOHN DOE")
	w.label("Case Number", num)
	w.title("SUBPOENA DUCES TECUM")
	w.line("TO: Custodian of Records, " + prov.name)
	w.para(fmt.Sprintf("YOU ARE COMMANDED to produce the following records no later than %s, in lieu of personal appearance, to the Office of the District Attorney:", usDate(g.rng, due)))
	w.bullets(g.accountTargets(prov.domain))
	w.para("Records requested: account holder name, billing address, and the IP addresses used to log in to the account, with dates and times.")
	g.data(app.DataSubscriber, app.DataNonContent)
	w.label("Dated", usDate(g.rng, issued))
	w.signature(prosecutor, "Deputy District Attorney")
	return nil
}
