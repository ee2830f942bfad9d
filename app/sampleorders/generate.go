package sampleorders

import (
	"fmt"
	"math/rand/v2"
	"sort"
	"time"

	"github.com/warrantdesk/warrantdesk/app"
)

// Truth is what an order says, written by the generator as it writes the
// order. Its JSON form sits beside each generated PDF as NAME.json and is
// what `warrantdesk eval` scores extraction against.
type Truth struct {
	ProcessType    app.ProcessType   `json:"process_type"`
	Fields         map[string]string `json:"fields"`
	Targets        []TruthTarget     `json:"targets"`
	DataCategories []string          `json:"data_categories"`
	Nondisclosure  TruthNDO          `json:"nondisclosure"`
	Emergency      bool              `json:"emergency"`
	// FakeSigns, on a request made to be fake, are the review checks
	// (rule IDs) that should catch it; empty on a genuine order.
	FakeSigns []string `json:"fake_signs,omitempty"`
}

// TruthTarget is one target as the truth lists it.
type TruthTarget struct {
	Kind  app.TargetKind `json:"kind"`
	Value string         `json:"value"`
}

// TruthNDO is the truth about non-disclosure.
type TruthNDO struct {
	Ordered   bool `json:"ordered"`
	Requested bool `json:"requested"`
	Days      int  `json:"days"`
}

// Order is one generated order.
type Order struct {
	Name  string
	PDF   []byte
	Truth Truth
}

type template struct {
	name  string
	write func(g *gen) error
}

// templates lists one writer per kind of order.
var templates = []template{
	{"search-warrant", writeSearchWarrant},
	{"state-search-warrant", writeStateWarrant},
	{"grand-jury-subpoena", writeGrandJury},
	{"order-2703d", writeOrder2703d},
	{"nsl", writeNSL},
	{"preservation", writePreservation},
	{"emergency", writeEmergency},
	{"epoc", writeEPOC},
	{"admin-subpoena", writeAdminSubpoena},
	{"civil-subpoena", writeCivilSubpoena},
	{"pen-register", writePenRegister},
	{"wiretap", writeWiretap},
	{"ndo", writeStandaloneNDO},
	{"epoc-pr", writeEPOCPR},
	{"uk-opo", writeUKOPO},
	{"ca-production", writeCanadaPO},
	{"mlat", writeMLAT},
	{"informal", writeInformal},
	{"state-subpoena", writeStateSubpoena},
	// Fakes (fakes.go), after the genuine kinds: a set of 19 or fewer
	// orders has none.
	{"fake-emergency-freemail", writeFakeEmergency},
	{"fake-lookalike-domain", writeFakeLookAlike},
	{"fake-court-order", writeFakeCourtOrder},
}

// gen is one order being written.
type gen struct {
	rng   *rand.Rand
	w     *writer
	truth Truth
	// around, when set, dates the order within the 14 days before it, as
	// in an inbox; otherwise dates fall anywhere in 2024–2026.
	around time.Time
}

// date picks the order's issue date.
func (g *gen) date() time.Time {
	if !g.around.IsZero() {
		d := g.around.AddDate(0, 0, -g.rng.IntN(14))
		return time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC)
	}
	return date(g.rng)
}

func (g *gen) field(name, value string) { g.truth.Fields[name] = value }

func (g *gen) target(kind app.TargetKind, value string) {
	g.truth.Targets = append(g.truth.Targets, TruthTarget{kind, value})
}

func (g *gen) data(cats ...string) {
	seen := map[string]bool{}
	for _, c := range append(g.truth.DataCategories, cats...) {
		seen[c] = true
	}
	g.truth.DataCategories = g.truth.DataCategories[:0]
	for _, c := range []string{app.DataSubscriber, app.DataNonContent, app.DataContent, app.DataPreservation} {
		if seen[c] {
			g.truth.DataCategories = append(g.truth.DataCategories, c)
		}
	}
}

// Generate writes n orders from seed, cycling through every template so
// each kind appears. The same seed always gives the same orders.
func Generate(seed uint64, n int) ([]Order, error) { return generate(seed, n, time.Time{}) }

// GenerateAround writes orders as Generate does, each issued within the 14
// days before now: an inbox for the demo, with live deadlines.
func GenerateAround(seed uint64, n int, now time.Time) ([]Order, error) {
	return generate(seed, n, now)
}

func generate(seed uint64, n int, around time.Time) ([]Order, error) {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	out := make([]Order, 0, n)
	for i := 0; i < n; i++ {
		t := templates[i%len(templates)]
		g := &gen{rng: rng, w: newWriter(rng), around: around, truth: Truth{Fields: map[string]string{}, Targets: []TruthTarget{}, DataCategories: []string{}}}
		if err := t.write(g); err != nil {
			return nil, fmt.Errorf("%s: %w", t.name, err)
		}
		pdf, err := g.w.bytes()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", t.name, err)
		}
		sort.Slice(g.truth.Targets, func(a, b int) bool { return g.truth.Targets[a].Value < g.truth.Targets[b].Value })
		out = append(out, Order{Name: fmt.Sprintf("%03d-%s", i+1, t.name), PDF: pdf, Truth: g.truth})
	}
	return out, nil
}

// accountTargets adds one to three targets of mixed kinds and returns the
// lines that name them.
func (g *gen) accountTargets(domain string) []string {
	var lines []string
	n := 1 + g.rng.IntN(3)
	for i := 0; i < n; i++ {
		switch g.rng.IntN(4) {
		case 0, 1:
			e := email(g.rng, domain)
			g.target(app.TargetEmail, e)
			lines = append(lines, "The account associated with the email address "+e)
		case 2:
			p, e := phone(g.rng)
			g.target(app.TargetPhone, e)
			lines = append(lines, "The account associated with the telephone number "+p)
		default:
			u := userName(g.rng)
			g.target(app.TargetUsername, u)
			lines = append(lines, "The account with username: "+u)
		}
	}
	return lines
}

func (g *gen) agentBlock(a agency) (name string) {
	name = person(g.rng)
	g.field(app.FieldAgentName, name)
	g.field(app.FieldAgency, a.name)
	mail := fmt.Sprintf("%s@%s", "agent"+fmt.Sprint(g.rng.IntN(900)+100), a.domain)
	g.field(app.FieldAgentEmail, mail)
	p, e := phone(g.rng)
	g.field(app.FieldAgentPhone, e)
	g.w.para(fmt.Sprintf("Questions regarding this request may be directed to Special Agent %s, %s, at %s or by e-mail at %s.", name, a.name, p, mail))
	return name
}

// order records the kind, number and date every order states.
func (g *gen) order(kind app.ProcessType, num string, issued time.Time) {
	g.truth.ProcessType = kind
	g.field(app.FieldCaseNumber, num)
	g.field(app.FieldIssuedDate, issued.Format("2006-01-02"))
}

// federal is what every order from a federal district court states.
type federal struct {
	d      district
	issued time.Time
	num    string
	judge  string
	prov   provider
}

// federalOrder picks the court, date, docket number (made by number),
// provider and, when withJudge, the judge of a federal order of kind, and
// records them in the truth.
func (g *gen) federalOrder(kind app.ProcessType, number func(district, time.Time) string, withJudge bool) federal {
	f := federal{d: pick(g.rng, districts), issued: g.date(), prov: pick(g.rng, providers)}
	f.num = number(f.d, f.issued)
	g.order(kind, f.num, f.issued)
	g.field(app.FieldIssuingAuthority, "United States District Court for the "+f.d.name)
	g.field(app.FieldJurisdiction, "US-federal")
	g.field(app.FieldRecipient, f.prov.name)
	if withJudge {
		f.judge = person(g.rng)
		g.field(app.FieldJudge, f.judge)
	}
	return f
}

// docketOf returns a docket-number maker for one of the given case kinds
// ("mj", "ec" …).
func (g *gen) docketOf(kinds ...string) func(district, time.Time) string {
	return func(d district, t time.Time) string { return docket(g.rng, d, t, pick(g.rng, kinds)) }
}
