package sampleorders

import (
	"fmt"
	"strings"

	"golang.org/x/net/idna"

	"github.com/warrantdesk/warrantdesk/app"
)

// The fake requests: made to look like process the way forged requests
// do, so the review's genuineness checks have something to catch. Each
// truth lists, in FakeSigns, the checks (review rule IDs) a careful
// reviewer would raise on it. Free-mail senders use a free-mail domain,
// since that is the mark; their local parts are made up and end in
// "-sample" so no real mailbox is named. Look-alike domains are under the
// reserved .example.

// cities are the made-up towns the fake requests claim to come from.
var cities = []string{"Springfield", "Riverton", "Lakewood", "Fairhaven", "Millbrook", "Cedarville"}

// writeFakeEmergency is a "police" emergency request from a free-mail
// address: urgency without any stated danger, content asked for, no badge
// or supervisor.
func writeFakeEmergency(g *gen) error {
	issued := g.date()
	prov := pick(g.rng, providers)
	city := pick(g.rng, cities)
	dept := city + " Police Department"
	num := fmt.Sprintf("%d-%05d", issued.Year(), g.rng.IntN(99999)+1)
	off := person(g.rng)
	mail := strings.ToLower(strings.ReplaceAll(ascii(off), " ", ".")) + ".pd-sample@" + pick(g.rng, []string{"gmail.com", "outlook.com", "yahoo.com", "proton.me"})
	mail = strings.ReplaceAll(mail, "..", ".")
	p, e := phone(g.rng)
	g.order(app.EmergencyRequest, num, issued)
	g.truth.Emergency = true
	g.truth.FakeSigns = []string{"free-mail-sender", "urgency-without-danger", "emergency-content", "no-officer-identified", "requester-unverified", "emergency-danger"}
	g.field(app.FieldIssuingAuthority, dept)
	g.field(app.FieldAgency, dept)
	g.field(app.FieldRecipient, prov.name)
	g.field(app.FieldAgentName, off)
	g.field(app.FieldAgentEmail, mail)
	g.field(app.FieldAgentPhone, e)

	w := g.w
	w.title("URGENT - EMERGENCY DISCLOSURE REQUEST")
	w.center(dept)
	w.gap(1)
	w.label("To", prov.name+", Law Enforcement Response Team")
	w.label("Date", usDate(g.rng, issued))
	w.label("Incident No.", num)
	w.gap(0.5)
	w.para("This request is made under 18 U.S.C. § 2702(b)(8). This matter is extremely time-sensitive and part of an active investigation. You must respond within 1 hour of receipt of this request. Failure to respond within the hour will be treated as obstruction of an official investigation.")
	w.para("Please provide the following for the account below:")
	w.bullets(g.accountTargets(prov.domain))
	w.para("Information requested: basic subscriber information, login IP addresses, and the contents of all messages sent and received in the last 30 days.")
	g.data(app.DataSubscriber, app.DataNonContent, app.DataContent)
	w.para(fmt.Sprintf("Officer %s. Contact me directly at %s or by e-mail at %s with the results; our department mail server is down.", off, p, mail))
	return nil
}

// writeFakeLookAlike is a printed e-mail from a "detective" whose domain
// imitates the department's own (which its letterhead gives): confusable
// letters, a punycode homoglyph, or the department's name dressed as a
// government subdomain of someone else's domain; replies go elsewhere.
func writeFakeLookAlike(g *gen) error {
	issued := g.date()
	prov := pick(g.rng, providers)
	city := pick(g.rng, cities)
	dept := city + " Police Department"
	real := strings.ToLower(city) + "-pd.example"
	local := strings.ToLower(city) + "pd"
	var fake, sign string
	name := strings.ToLower(city)
	switch g.rng.IntN(3) {
	case 0: // one letter for a confusable one: l→1, o→0, m→rn, i→l, e→c
		fake, sign = swapOne(name, [][2]string{{"l", "1"}, {"o", "0"}, {"m", "rn"}, {"i", "l"}, {"e", "c"}})+"-pd.example", "look-alike-domain"
	case 1: // one Cyrillic letter in the name, written in punycode
		uni := swapOne(name, [][2]string{{"a", "а"}, {"e", "е"}, {"o", "о"}, {"c", "с"}, {"i", "і"}}) + "-pd.example"
		var err error
		if fake, err = idna.Lookup.ToASCII(uni); err != nil {
			return err
		}
		sign = "mixed-script-domain"
	default: // the department's name and "gov" in front of another domain
		fake, sign = local+".gov.records-portal.example", "gov-subdomain"
	}
	det := person(g.rng)
	from := strings.ToLower(strings.ReplaceAll(ascii(det), " ", ".")) + "@" + fake
	from = strings.ReplaceAll(from, "..", ".")
	reply := "records.desk-sample@" + pick(g.rng, []string{"mail-relay.example.net", "secure-inbox.example.org"})
	num := fmt.Sprintf("%s-%d-%04d", strings.ToUpper(city[:3]), issued.Year(), g.rng.IntN(9999)+1)
	g.order(app.InformalRequest, num, issued)
	g.truth.FakeSigns = []string{sign, "reply-to-differs"}
	g.field(app.FieldAgency, dept)
	g.field(app.FieldIssuingAuthority, dept)
	g.field(app.FieldAgentName, det)
	g.field(app.FieldAgentEmail, from)
	g.field(app.FieldRecipient, prov.name)

	w := g.w
	w.line("From: Detective " + det + " <" + from + ">")
	w.line("To: " + prov.name + ", Law Enforcement Response Team")
	w.line("Reply-To: " + reply)
	w.line("Subject: Records request " + num)
	w.gap(1)
	w.title(upper(dept))
	w.center("Criminal Investigations Division - www." + real)
	w.gap(0.5)
	w.label("Reference", num)
	w.label("Date", usDate(g.rng, issued))
	w.para(fmt.Sprintf("Dear %s Custodian of Records,", prov.name))
	w.para("We are investigating a fraud complaint and ask you to provide the subscriber information (name, address, telephone number, account creation date) and the login IP address history for the following account:")
	w.bullets(g.accountTargets(prov.domain))
	g.data(app.DataSubscriber, app.DataNonContent)
	w.para("Formal process will follow if needed. Please send the records by e-mail to this address.")
	w.line("Sincerely,")
	w.line("Detective " + det)
	w.line(dept)
	return nil
}

// writeFakeCourtOrder is a "court order" with no docket number, from a
// federal district that does not exist, naming one judge in its text and
// signed by another.
func writeFakeCourtOrder(g *gen) error {
	issued := g.date()
	prov := pick(g.rng, providers)
	ag := pick(g.rng, agencies)
	// A direction the state has no district for (28 U.S.C. §§ 81–131).
	state := pick(g.rng, []string{"Nevada", "Oregon", "Colorado", "Arizona", "Massachusetts", "New Jersey"})
	court := "Central District of " + state
	named, signer := person(g.rng), person(g.rng)
	for surname(signer) == surname(named) {
		signer = person(g.rng)
	}
	g.truth.ProcessType = app.CourtOrder2703d
	g.truth.FakeSigns = []string{"court-without-docket", "unknown-court", "judge-not-in-signature"}
	g.field(app.FieldIssuedDate, issued.Format("2006-01-02"))
	g.field(app.FieldIssuingAuthority, "United States District Court for the "+court)
	g.field(app.FieldJurisdiction, "US-federal")
	g.field(app.FieldRecipient, prov.name)
	g.field(app.FieldJudge, named)
	g.field(app.FieldDeadline, issued.AddDate(0, 0, 2).Format("2006-01-02"))

	w := g.w
	w.title("UNITED STATES DISTRICT COURT")
	w.center("for the")
	w.center(court)
	w.gap(1)
	w.title("ORDER FOR DISCLOSURE OF STORED RECORDS")
	w.center("18 U.S.C. § 2703(d)")
	w.para(fmt.Sprintf("This matter comes before the Honorable %s upon the application of the %s. The Court finds specific and articulable facts showing reasonable grounds to believe that the records sought are relevant and material to an ongoing criminal investigation.", named, ag.name))
	w.para(fmt.Sprintf("IT IS THEREFORE ORDERED that %s shall, within 48 hours of receipt of this Order, disclose the following records for the accounts listed below:", prov.name))
	w.bullets(g.accountTargets(prov.domain))
	w.bullets([]string{"Basic subscriber information, including names, addresses and telephone numbers;", "All login IP addresses with dates and times."})
	g.data(app.DataSubscriber, app.DataNonContent)
	w.para(fmt.Sprintf("Dated: %s", usDate(g.rng, issued)))
	w.line("SO ORDERED.")
	w.signature(signer, "United States Magistrate Judge")
	return nil
}

// swapOne replaces the first letter of s that has a look-alike in pairs,
// as a forger does: one letter, so the name still reads right.
func swapOne(s string, pairs [][2]string) string {
	best := -1
	var with [2]string
	for _, p := range pairs {
		if i := strings.Index(s, p[0]); i >= 0 && (best < 0 || i < best) {
			best, with = i, p
		}
	}
	if best < 0 {
		return s + "s"
	}
	return s[:best] + with[1] + s[best+len(with[0]):]
}

// surname is a person's last name, for keeping two made-up judges apart.
func surname(name string) string {
	f := strings.Fields(name)
	return f[len(f)-1]
}
