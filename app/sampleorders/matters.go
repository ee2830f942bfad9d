package sampleorders

import (
	"fmt"
	"math/rand/v2"
	"sort"
	"time"

	"github.com/warrantdesk/warrantdesk/app"
)

// Matters are orders written to arrive as one matter, weeks apart: a
// preservation request and then the warrant for the same accounts, an
// EPOC-PR and then the EPOC that follows it; and, for the flag, a
// warrant that follows a preservation nobody sent. Each order is dated by
// the caller, so a test can import them as far apart as real ones come.

// Matter kinds GenerateMatter writes.
const (
	MatterUSPreservation = "us-preservation-warrant" // 2703(f) letter, then a search warrant citing it
	MatterEUPreservation = "eu-preservation-epoc"    // EPOC-PR, then an EPOC that says the data were preserved under it
	MatterUnseenHold     = "us-warrant-unseen-preservation"
	MatterEmergencyEmail = "emergency-email" // an emergency request e-mail with its sending time and zone
)

// GenerateMatter writes the orders of one matter of the given kind from
// seed: the first issued on first, each later one gapDays after the one
// before. The same seed gives the same orders.
func GenerateMatter(kind string, seed uint64, first time.Time, gapDays int) ([]Order, error) {
	rng := rand.New(rand.NewPCG(seed, seed^0x51ed27a3))
	m := &matterGen{rng: rng, prov: pick(rng, providers), ag: pick(rng, agencies), d: pick(rng, districts)}
	first = time.Date(first.Year(), first.Month(), first.Day(), 0, 0, 0, 0, time.UTC)
	second := first.AddDate(0, 0, gapDays)
	var writes []func(g *gen) error
	switch kind {
	case MatterUSPreservation:
		m.ref = fmt.Sprintf("%d-%s-%06d", first.Year(), m.ag.short, rng.IntN(999999)+1)
		writes = []func(g *gen) error{m.preservation(first), m.warrant(second, true)}
	case MatterUnseenHold:
		m.ref = fmt.Sprintf("%d-%s-%06d", first.Year(), m.ag.short, rng.IntN(999999)+1)
		writes = []func(g *gen) error{m.warrant(first, true)}
	case MatterEUPreservation:
		m.ref = fmt.Sprintf("PR-DE-%d-%04d", first.Year(), rng.IntN(9999)+1)
		writes = []func(g *gen) error{m.epocPR(first), m.epoc(second)}
	case MatterEmergencyEmail:
		writes = []func(g *gen) error{m.emergencyEmail(first)}
	default:
		return nil, fmt.Errorf("unknown matter kind %q", kind)
	}
	var out []Order
	for i, w := range writes {
		g := &gen{rng: rng, w: newWriter(rng), truth: Truth{Fields: map[string]string{}, Targets: []TruthTarget{}, DataCategories: []string{}}}
		if err := w(g); err != nil {
			return nil, err
		}
		pdf, err := g.w.bytes()
		if err != nil {
			return nil, err
		}
		sort.Slice(g.truth.Targets, func(a, b int) bool { return g.truth.Targets[a].Value < g.truth.Targets[b].Value })
		out = append(out, Order{Name: fmt.Sprintf("%s-%d", kind, i+1), PDF: pdf, Truth: g.truth})
	}
	return out, nil
}

// matterGen holds what the orders of one matter share: the provider, the
// agency, the court, the accounts and the first order's reference.
type matterGen struct {
	rng     *rand.Rand
	prov    provider
	ag      agency
	d       district
	ref     string
	lines   []string
	targets []TruthTarget
}

// accounts names the matter's accounts the first time and the same ones
// after.
func (m *matterGen) accounts(g *gen) []string {
	if m.lines == nil {
		m.lines = g.accountTargets(m.prov.domain)
		m.targets = append([]TruthTarget{}, g.truth.Targets...)
		return m.lines
	}
	g.truth.Targets = append(g.truth.Targets, m.targets...)
	return m.lines
}

func (m *matterGen) preservation(issued time.Time) func(g *gen) error {
	return func(g *gen) error {
		g.order(app.Preservation2703f, m.ref, issued)
		g.field(app.FieldIssuingAuthority, m.ag.name)
		g.field(app.FieldJurisdiction, "US-federal")
		g.field(app.FieldRecipient, m.prov.name)
		w := g.w
		w.center(m.ag.name)
		w.center("U.S. Department of Justice")
		w.gap(1)
		w.line(usDate(g.rng, issued))
		w.line(m.prov.name)
		w.line("Custodian of Records")
		w.gap(0.5)
		w.line("Re: Preservation request under 18 U.S.C. § 2703(f)")
		w.line("Reference No.: " + m.ref)
		w.para("Pursuant to Title 18, United States Code, Section 2703(f), this letter is a formal request for the preservation of all stored communications, records, and other evidence in your possession regarding the following account(s) pending further legal process:")
		w.bullets(m.accounts(g))
		w.para("I request that you preserve, for a period of 90 days, the information described above. Please do not disclose this request to the subscriber.")
		g.truth.Nondisclosure = TruthNDO{Requested: true}
		g.data(app.DataPreservation)
		g.agentBlock(m.ag)
		return nil
	}
}

// warrant is a search warrant for the matter's accounts; cites says it
// follows the preservation request m.ref.
func (m *matterGen) warrant(issued time.Time, cites bool) func(g *gen) error {
	return func(g *gen) error {
		num := docket(g.rng, m.d, issued, "mj")
		g.order(app.SearchWarrant, num, issued)
		g.field(app.FieldIssuingAuthority, "United States District Court for the "+m.d.name)
		g.field(app.FieldJurisdiction, "US-federal")
		g.field(app.FieldRecipient, m.prov.name)
		judge := person(g.rng)
		g.field(app.FieldJudge, judge)
		// The execute-by date binds the officers, not the provider: no
		// deadline in the truth (as the other generated warrants).
		due := issued.AddDate(0, 0, 14)
		w := g.w
		w.title("UNITED STATES DISTRICT COURT")
		w.center("for the")
		w.center(m.d.name)
		w.label("Case No.", num)
		w.title("SEARCH AND SEIZURE WARRANT")
		w.para(fmt.Sprintf("YOU ARE COMMANDED to execute this warrant on or before %s (not to exceed 14 days) and to disclose the information described in Attachment B for the accounts in Attachment A, stored at premises controlled by %s.", usDate(g.rng, due), m.prov.name))
		if cites {
			w.para(fmt.Sprintf("The accounts were preserved pursuant to 18 U.S.C. § 2703(f) at the request of the %s (preservation reference %s).", m.ag.name, m.ref))
		}
		w.label("Date and time issued", usDate(g.rng, issued)+" 2:15 pm")
		w.line(fmt.Sprintf("Printed name and title: %s, United States Magistrate Judge", judge))
		w.title("ATTACHMENT A")
		w.bullets(m.accounts(g))
		w.title("ATTACHMENT B")
		w.para("The contents of all e-mails associated with the accounts, and all subscriber records.")
		g.data(app.DataContent, app.DataSubscriber)
		return nil
	}
}

func (m *matterGen) epocPR(issued time.Time) func(g *gen) error {
	return func(g *gen) error {
		g.order(app.EPOCPR, m.ref, issued)
		g.field(app.FieldJurisdiction, "EU-DE")
		g.field(app.FieldRecipient, m.prov.name)
		g.field(app.FieldIssuingAuthority, "Public Prosecutor's Office Berlin")
		w := g.w
		w.center("ANNEX II")
		w.title("EUROPEAN PRESERVATION ORDER CERTIFICATE (EPOC-PR) FOR THE PRESERVATION OF ELECTRONIC EVIDENCE")
		w.center("Regulation (EU) 2023/1543")
		w.bold("SECTION A: Issuing authority")
		w.label("Issuing State", "Germany")
		w.label("Issuing authority", "Public Prosecutor's Office Berlin")
		w.label("File number of the issuing authority", m.ref)
		w.label("Date of issue", euDate(g.rng, issued))
		w.bold("SECTION B: Addressee")
		w.label("Addressee", m.prov.name)
		w.bold("SECTION C: User and data to be preserved")
		w.bullets(m.accounts(g))
		w.para("[X] Subscriber data   [X] Traffic data   [ ] Content data")
		w.para("The data shall be preserved for 60 days pending a subsequent request for production, and may not be disclosed to the user concerned in the meantime.")
		g.truth.Nondisclosure = TruthNDO{Ordered: true}
		g.data(app.DataPreservation)
		return nil
	}
}

func (m *matterGen) epoc(issued time.Time) func(g *gen) error {
	return func(g *gen) error {
		num := fmt.Sprintf("DE/%d/%05d", issued.Year(), g.rng.IntN(99999)+1)
		g.order(app.EPOC, num, issued)
		g.field(app.FieldJurisdiction, "EU-DE")
		g.field(app.FieldRecipient, m.prov.name)
		g.field(app.FieldIssuingAuthority, "Public Prosecutor's Office Berlin")
		w := g.w
		w.center("ANNEX I")
		w.title("EUROPEAN PRODUCTION ORDER CERTIFICATE (EPOC) FOR THE PRODUCTION OF ELECTRONIC EVIDENCE")
		w.center("Regulation (EU) 2023/1543")
		w.bold("SECTION A: Issuing/validating authority")
		w.label("Issuing State", "Germany")
		w.label("Issuing authority", "Public Prosecutor's Office Berlin")
		w.label("File number of the issuing authority", num)
		w.label("Date of issue", euDate(g.rng, issued))
		w.bold("SECTION B: Addressee")
		w.label("Addressee", m.prov.name)
		w.bold("SECTION C: Deadlines")
		w.para("[X] The data shall be produced at the latest within 10 days upon receipt of the EPOC.")
		w.bold("SECTION D: Relationship to other production/preservation orders")
		w.para(fmt.Sprintf("[X] The data have been preserved under an EPOC-PR issued on %s (reference %s).", euDate(g.rng, issued.AddDate(0, 0, -20)), m.ref))
		w.bold("SECTION E: Data requested")
		w.bullets(m.accounts(g))
		w.para("[X] Subscriber data   [X] Traffic data")
		g.data(app.DataSubscriber, app.DataNonContent)
		return nil
	}
}

// emergencyEmail is an emergency disclosure request sent by e-mail, its
// header giving the time it was sent in the sender's zone.
func (m *matterGen) emergencyEmail(sent time.Time) func(g *gen) error {
	return func(g *gen) error {
		at := time.Date(sent.Year(), sent.Month(), sent.Day(), 14, 5, 0, 0, time.FixedZone("EST", -5*3600))
		num := fmt.Sprintf("%d-%06d", sent.Year(), g.rng.IntN(999999)+1)
		g.order(app.EmergencyRequest, num, sent)
		g.truth.Emergency = true
		dept := "Springfield Police Department"
		g.field(app.FieldIssuingAuthority, dept)
		g.field(app.FieldAgency, dept)
		g.field(app.FieldRecipient, m.prov.name)
		w := g.w
		w.label("From", "Sgt. Dana Whitfield <dwhitfield@springfield-pd.example.gov>")
		w.label("Sent", at.Format("Monday, January 2, 2006 3:04 PM")+" EST")
		w.label("To", m.prov.name+" Law Enforcement Response Team")
		w.label("Subject", "EMERGENCY DISCLOSURE REQUEST - Incident No. "+num)
		w.title("EMERGENCY DISCLOSURE REQUEST")
		w.label("Incident No.", num)
		w.para("This request is made under 18 U.S.C. § 2702(b)(8) and § 2702(c)(4). I believe in good faith that an emergency involving danger of death or serious physical injury to a person requires disclosure without delay of records relating to the emergency, for the account:")
		w.bullets(m.accounts(g))
		w.para("Information requested: basic subscriber information and the most recent login IP addresses and times.")
		g.data(app.DataSubscriber, app.DataNonContent)
		return nil
	}
}
