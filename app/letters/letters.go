// Package letters writes what goes back to the authority (and, for a
// notice, to the user): a production cover letter, a redirect to the
// enterprise customer, a rejection or narrowing, a request for
// clarification, an emergency disclosure letter, a notice to the user and
// the EU non-execution form of Regulation (EU) 2023/1543, Annex III. Each
// is a text/template in assets/letters (the wording and letterhead an
// organisation edits), filled from the case, its decision and the team's
// settings, producing the memo's Markdown subset; app/memo renders it to
// PDF and DOCX. See docs/letters.md.
package letters

import (
	"fmt"
	"strings"
	"text/template"
	"time"

	"github.com/warrantdesk/warrantdesk/app"
	"github.com/warrantdesk/warrantdesk/app/memo"
)

// Formats letters are written in, the default first (a new slice each
// time).
func Formats() []string { return []string{"pdf", "docx"} }

// Input is what a letter is filled from.
type Input struct {
	Case *app.Case
	Kind app.LetterKind
	// Settings tell the enterprise customers' accounts apart (redirect).
	Settings app.Settings
	Matter   app.MatterSettings
	// Clock is the case's clock as its matter has it (receipt, deadline).
	Clock app.Clock
	// Written is when the letter is written, in the writer's time zone.
	Written  time.Time
	Reviewer string
}

// Markdown fills the letter's template: common defines the letterhead and
// signature the others use, tmpl is the letter's own. A field the template
// names that does not exist is an error, not a blank; so is a letter the
// case does not call for (app.Case.CanWrite).
func Markdown(common, tmpl string, in Input) (string, error) {
	if err := in.Case.CanWrite(in.Kind, in.Written); err != nil {
		return "", err
	}
	t, err := template.New("common").Option("missingkey=error").Funcs(funcs).Parse(common)
	if err == nil {
		t, err = t.New(string(in.Kind)).Parse(tmpl)
	}
	if err != nil {
		return "", app.Errorf(app.EINVALID, "the %s template does not parse: %v", in.Kind.Title(), err)
	}
	var b strings.Builder
	if err := t.ExecuteTemplate(&b, string(in.Kind), build(in)); err != nil {
		return "", app.Errorf(app.EINVALID, "the %s template failed: %v", in.Kind.Title(), err)
	}
	return b.String(), nil
}

// funcs are what templates may call besides the built-ins: lines writes
// a list one item a line, box a form's tick box.
var funcs = template.FuncMap{
	"lines": func(l []string) string { return strings.Join(l, " \\\n") },
	"box": func(ticked bool) string {
		if ticked {
			return "☒"
		}
		return "☐"
	},
}

// Footer is what every page of the letter carries: the provider and our
// reference.
func Footer(in Input) string {
	org := in.Matter.Sender.Organisation
	if org == "" {
		org = "the provider's legal team"
	}
	return fmt.Sprintf("%s · our reference %s", org, Reference(in.Case))
}

// Reference is our reference for a case in letters: WD- and its short ID,
// which the desk finds the case by.
func Reference(c *app.Case) string { return "WD-" + c.ShortID() }

// view is what the templates see: every value in words already.
type view struct {
	Title, OurRef, Date, Reviewer                                                 string
	Sender                                                                        app.LetterSender
	Salutation, NoticeAfter                                                       string
	SenderLines, SignatureLines, To                                               []string
	Process, CaseNumber, Authority, Agency, Judge, Jurisdiction, Issued, Received string
	Deadline, DeadlineYours, DeadlineBasis                                        string
	Data, DateRange, LegalBasis, Nondisclosure                                    string
	Outcome, Rationale, Notice                                                    string
	Grounds                                                                       []string
	Produced, Withheld, Customer, Others                                          []target
	Emergency, OnTime                                                             bool
	Sent                                                                          string
	US, EU                                                                        bool
	Contact                                                                       app.LegalContact
	HasContact                                                                    bool
	Questions                                                                     []string
	Annex                                                                         annex
}

type target struct{ Kind, Value string }

// decisionOf is the decision a letter states: the one taken, else the
// draft being written (a clarification may go before a decision).
func decisionOf(c *app.Case) *app.Decision {
	switch {
	case c.Decision != nil:
		return c.Decision
	case c.Draft != nil:
		return c.Draft
	}
	return &app.Decision{}
}

// or is s escaped (memo.Escape: nothing an order says may add structure
// to the letter), else "not stated".
func or(s string) string {
	if strings.TrimSpace(s) == "" {
		return "not stated"
	}
	return esc(s)
}

var esc = memo.Escape

func escAll(list []string) []string {
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = esc(s)
	}
	return out
}

func build(in Input) view {
	c, d := in.Case, decisionOf(in.Case)
	ex := c.Effective()
	j := c.Value(app.FieldJurisdiction)
	v := view{
		Title: in.Kind.Title(), OurRef: Reference(c), Date: in.Written.Format("2 January 2006"), Reviewer: esc(or2(in.Reviewer, d.Reviewer)),
		Sender:  escSender(in.Matter.Sender),
		Process: ex.ProcessType.Name(), CaseNumber: esc(or2(c.CaseNumber(), "(no number stated)")), Authority: or(c.Value(app.FieldIssuingAuthority)),
		Agency: esc(c.Value(app.FieldAgency)), Judge: esc(c.Value(app.FieldJudge)), Jurisdiction: or(j), Issued: esc(c.Value(app.FieldIssuedDate)),
		Received: stamp(in.Clock.Start, in.Clock.Location()), Data: or(strings.ReplaceAll(strings.Join(ex.DataCategories, ", "), "_", "-")),
		LegalBasis: esc(strings.Join(ex.LegalBasis, "; ")), Nondisclosure: or(ex.Nondisclosure.Describe()),
		Outcome: string(d.Outcome), Rationale: esc(d.Note), Grounds: escAll(d.Grounds), Notice: esc(notice(d)),
		Emergency: ex.Emergency || ex.ProcessType == app.EmergencyRequest,
		US:        strings.HasPrefix(j, "US"), EU: strings.HasPrefix(j, "EU") || ex.ProcessType == app.EPOC || ex.ProcessType == app.EPOCPR,
	}
	v.Sender.Organisation = or2(v.Sender.Organisation, "The provider")
	v.SenderLines, v.SignatureLines = senderLines(v.Sender), signatureLines(v.Sender, v.Reviewer)
	if d.Notice == app.NoticeDelayed {
		v.NoticeAfter = esc(d.NoticeAfter)
	}
	if from, to := c.Value(app.FieldDateRangeStart), c.Value(app.FieldDateRangeEnd); from != "" || to != "" {
		v.DateRange = fmt.Sprintf("%s to %s", or(from), or(to))
	}
	to, salutation := addressee(c, in.Kind)
	v.To, v.Salutation = escAll(to), esc(salutation)
	contact, ok := in.Matter.ContactFor(c)
	v.HasContact = ok
	v.Contact = app.LegalContact{Customer: esc(contact.Customer), Domains: contact.Domains, Name: esc(contact.Name), Email: esc(contact.Email), Phone: esc(contact.Phone), Address: esc(contact.Address)}
	v.times(in)
	v.targets(in, d, contact)
	v.Questions = escAll(questions(d))
	if in.Kind == app.LetterNonExecution {
		v.Annex = buildAnnex(in, d)
	}
	return v
}

// or2 is s, else the fallback.
func or2(s, fallback string) string {
	if strings.TrimSpace(s) == "" {
		return fallback
	}
	return s
}

// times fills the deadline and the time the request was sent.
func (v *view) times(in Input) {
	if k := in.Clock; !k.Due.IsZero() {
		v.Deadline = stamp(k.Due, k.Location())
		v.DeadlineYours = stamp(k.Due, in.Written.Location())
		v.DeadlineBasis = k.Basis
		v.OnTime = in.Written.Before(k.Due)
	}
	for _, m := range in.Case.Order.Extraction.Moments {
		if t, ok := m.In(in.Clock.Location()); ok && m.Kind == app.MomentSent {
			v.Sent = stamp(t, in.Clock.Location())
		}
	}
}

// targets sorts the order's targets into produced or not, and the
// enterprise customer's or not.
func (v *view) targets(in Input, d *app.Decision, contact app.LegalContact) {
	disclosing := d.Outcome == app.Comply || d.Outcome == app.Narrow
	for _, t := range in.Case.Targets() {
		tg := target{esc(string(t.Kind)), esc(t.Value)}
		if disclosing && d.Produces(t.Value) {
			v.Produced = append(v.Produced, tg)
		} else {
			v.Withheld = append(v.Withheld, tg)
		}
		if in.Settings.Enterprise(t) || v.HasContact && contactHas(contact, t) {
			v.Customer = append(v.Customer, tg)
		} else {
			v.Others = append(v.Others, tg)
		}
	}
}

// escSender is the sender with every part escaped.
func escSender(s app.LetterSender) app.LetterSender {
	for _, p := range s.Fields() {
		*p = esc(*p)
	}
	return s
}

// contactHas reports whether the target is at one of the contact's
// customer domains.
func contactHas(lc app.LegalContact, t app.Target) bool {
	return app.Settings{EnterpriseDomains: lc.Domains}.Enterprise(t)
}

// addressee is who the letter goes to, line by line, and how it greets
// them: the agent who asked, at the agency, else the issuing authority; a
// notice goes to the account holder.
func addressee(c *app.Case, k app.LetterKind) ([]string, string) {
	if k == app.LetterUserNotice {
		var ids []string
		for _, t := range c.Targets() {
			ids = append(ids, t.Value)
		}
		return []string{"The holder of the account " + strings.Join(ids, ", ")}, "Dear account holder"
	}
	var to []string
	name := c.Value(app.FieldAgentName)
	for _, s := range []string{name, c.Value(app.FieldAgency), c.Value(app.FieldIssuingAuthority), c.Value(app.FieldAgentEmail)} {
		if s != "" && !contains(to, s) {
			to = append(to, s)
		}
	}
	if len(to) == 0 {
		to = []string{"The issuing authority"}
	}
	if name != "" {
		return to, "Dear " + name
	}
	return to, "Dear Sir or Madam"
}

func contains(list []string, s string) bool {
	for _, l := range list {
		if strings.EqualFold(l, s) {
			return true
		}
	}
	return false
}

// questions turns the decision's grounds and rationale into what a
// clarification asks.
func questions(d *app.Decision) []string {
	ask := map[string]string{
		app.GroundIDs:       "Which accounts are meant? The identifiers given are missing, wrong or do not match one account each; please confirm each identifier as the account holder uses it.",
		app.GroundRange:     "For what period are the records sought? Please state a start and end date the order can support.",
		app.GroundEntity:    "The order is addressed to another entity; please confirm it is meant for us, or serve the right one.",
		app.GroundSignature: "The copy we received lacks a signature or seal; please send a signed or sealed copy.",
		app.GroundWarrant:   "The request includes the content of communications, which we disclose only on a search warrant; please confirm whether content is sought and on what process.",
		app.GroundAuthority: "Please confirm the authority under which the order was issued and that it extends to a provider in our jurisdiction.",
		app.GroundNDO:       "The non-disclosure requirement states no end, or runs longer than a year; please confirm its duration and the order that imposes it.",
	}
	var out []string
	for _, g := range d.Grounds {
		if q, ok := ask[g]; ok {
			out = append(out, q)
		}
	}
	if n := strings.TrimSpace(d.Note); n != "" {
		out = append(out, n)
	}
	return out
}

func notice(d *app.Decision) string {
	switch d.Notice {
	case app.NoticeNotify:
		return "We intend to notify the account holder of this request."
	case app.NoticeDelayed:
		if d.NoticeAfter != "" {
			return "As the non-disclosure order requires, we will not notify the account holder before " + d.NoticeAfter + "."
		}
		return "As the non-disclosure order requires, we will not notify the account holder while it is in force; please tell us when it ends."
	case app.NoticeNone:
		return "We will not notify the account holder."
	}
	return ""
}

// stamp writes a time in loc with its zone ("2026-03-03 14:05 EST");
// "not recorded" for none.
func stamp(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return "not recorded"
	}
	if loc == nil {
		loc = time.UTC
	}
	return t.In(loc).Format("2006-01-02 15:04 MST")
}

// split cuts a multi-line setting (an address, lines or ";" apart) into
// its lines.
func split(s string) []string {
	var out []string
	for _, l := range strings.Split(strings.ReplaceAll(s, ";", "\n"), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// senderLines is the letterhead under the organisation's name.
func senderLines(s app.LetterSender) []string {
	out := nonEmpty(s.Department)
	out = append(out, split(s.Address)...)
	var contact []string
	for _, c := range []string{s.Email, s.Phone} {
		if c != "" {
			contact = append(contact, c)
		}
	}
	if len(contact) > 0 {
		out = append(out, strings.Join(contact, " · "))
	}
	if len(out) == 0 {
		out = []string{"Legal process response"}
	}
	return out
}

// signatureLines sign the letter: the authorised signatory, else the
// reviewer writing it.
func signatureLines(s app.LetterSender, reviewer string) []string {
	who := s.Signatory
	if who == "" {
		who = reviewer
	}
	out := nonEmpty(who, s.Title, s.Organisation)
	if s.Department != "" && s.Title == "" {
		out = nonEmpty(who, s.Department, s.Organisation)
	}
	return out
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}
