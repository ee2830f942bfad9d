package letters

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/warrantdesk/warrantdesk/app"
	"github.com/warrantdesk/warrantdesk/app/memo"
	"github.com/warrantdesk/warrantdesk/assets"
)

var written = time.Date(2026, 3, 12, 16, 0, 0, 0, time.UTC)

func epoc(d app.Decision) *app.Case {
	c := &app.Case{ID: "0123456789abcdef0123456789abcdef", Order: app.Order{ImportedAt: written.Add(-30 * time.Hour), Extraction: app.Extraction{
		ProcessType: app.EPOC,
		Fields: map[string]app.Field{app.FieldCaseNumber: {Value: "DE/2026/00077"}, app.FieldIssuingAuthority: {Value: "Staatsanwaltschaft Berlin"},
			app.FieldJurisdiction: {Value: "EU-DE"}, app.FieldJudge: {Value: "Amtsgericht Tiergarten"}, app.FieldIssuedDate: {Value: "2026-03-10"},
			app.FieldRecipient: {Value: "Example Mail Ireland Ltd."}, app.FieldAgentName: {Value: "KHK Jana Roth"}},
		Targets:        []app.Target{{Kind: app.TargetEmail, Value: "falke@example.com"}, {Kind: app.TargetEmail, Value: "amsel@acme.com"}},
		DataCategories: []string{app.DataSubscriber, app.DataContent},
	}}}
	d.Reviewer, d.DecidedAt = "Rita Reviewer", written
	c.Decide(d)
	return c
}

var settings = app.MatterSettings{
	Sender:        app.LetterSender{Organisation: "Example Mail Ireland Ltd.", Address: "1 Dock Rd; Dublin 2", Email: "lert@example.com", Phone: "+353 1 555 0100", Signatory: "Lee Counsel", Title: "Legal Director"},
	LegalContacts: []app.LegalContact{{Customer: "Acme Corp.", Domains: []string{"acme.com"}, Name: "Jordan Legal", Email: "legal@acme.com"}},
	ConflictOfLaw: app.ConflictOfLaw{Law: "Stored Communications Act (United States)", Provisions: "18 U.S.C. § 2702(a)", Interest: app.InterestRights, InterestDetail: "privacy of communications",
		WhyApplicable: "The content is stored in the United States.", ProviderLink: "The parent is a US company.", Consequences: "Civil liability, 18 U.S.C. § 2707."},
}

func write(t *testing.T, c *app.Case, k app.LetterKind, ms app.MatterSettings) string {
	t.Helper()
	common, tmpl, err := assets.LetterTemplate(string(k))
	if err != nil {
		t.Fatal(err)
	}
	clock := c.ClockAt(ms.Clocks, written)
	md, err := Markdown(common, tmpl, Input{Case: c, Kind: k, Settings: app.Settings{EnterpriseDomains: []string{"acme.com"}}, Matter: ms, Clock: clock, Written: written, Reviewer: "Rita Reviewer"})
	if err != nil {
		t.Fatalf("%s: %v", k, err)
	}
	return md
}

// The Annex III form carries every section of the official form, each of
// its reasons as a box ticked or not, and the conflict-of-law section.
func TestNonExecution_EverySectionOfAnnexIII(t *testing.T) {
	c := epoc(app.Decision{Outcome: app.Reject, Grounds: []string{"data_not_held", app.GroundForeign}, Note: "The account was deleted before receipt."})
	md := write(t, c, app.LetterNonExecution, settings)
	for _, want := range []string{
		"SECTION A: EPOC or EPOC-PR concerned", "☒ European Production Order Certificate (EPOC)", "☐ European Preservation Order Certificate (EPOC-PR)",
		"SECTION B: Relevant authorities", "**Issuing authority:** Staatsanwaltschaft Berlin", "**File number of the issuing authority:** DE/2026/00077",
		"**Validating authority, where applicable:** Amtsgericht Tiergarten", "**Date of issue of the EPOC/EPOC-PR:** 2026-03-10",
		"**Date and time of receipt of the EPOC/EPOC-PR:** 2026-03-11 11:00 CET", "Enforcing authority",
		"SECTION C: Addressee", "**Addressee:** Example Mail Ireland Ltd.", "**File number of the addressee:** WD-01234567",
		"SECTION D: Reasons for non-execution", "☐ it is incomplete", "☐ it contains manifest errors", "☐ it does not contain sufficient information",
		"☒ the data requested is not stored", "☐ other reasons of de facto impossibility", "☐ the order has not been issued or validated",
		"☐ the order for traffic data", "☐ the service is not covered", "☐ the data requested is protected by immunities", "☒ compliance would conflict",
		"The account was deleted before receipt.",
		"SECTION E: Conflicting obligations", "**Title of the law(s) of the third country:** Stored Communications Act", "18 U.S.C. § 2702(a)",
		"☒ fundamental rights of natural persons: privacy of communications", "☐ fundamental interests of the third country", "☐ other interests",
		"**Why the law is applicable in this case:** The content is stored", "**Why there is a conflict in this case:** The account was deleted",
		"**The link between the service provider and the third country:** The parent", "Civil liability",
		"SECTION F: Request for additional information", "SECTION G: Preservation of data", "☒ The data requested are not preserved",
		"SECTION H: Contact details", "Example Mail Ireland Ltd.", "**Name of the contact person:** Rita Reviewer", "**Post held:** Legal Director",
		"1 Dock Rd, Dublin 2", "+353 1 555 0100", "**Name of the authorised person:** Lee Counsel", "**Date:** 12 March 2026", "**Signature:**",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("the form lacks %q", want)
		}
	}
	// Without the conflict, Section E says so; asking for more, F says
	// what; without a standing statement, each blank is marked.
	c = epoc(app.Decision{Outcome: app.Clarify, Grounds: []string{"insufficient_information"}, Note: "Which of the two accounts?"})
	md = write(t, c, app.LetterNonExecution, app.MatterSettings{})
	for _, want := range []string{"Not applicable: no conflict", "Further information is required from the issuing authority for the EPOC/EPOC-PR to be executed: Which of the two accounts?",
		"☒ The data requested are preserved until they are produced", "**Fax No (country code, area code):** [to be completed]"} {
		if !strings.Contains(md, want) {
			t.Errorf("the form lacks %q", want)
		}
	}
}

// Each letter states what its reader needs, from the case and its
// decision.
func TestLetters_StateTheCaseAndTheDecision(t *testing.T) {
	for _, tc := range []struct {
		kind app.LetterKind
		d    app.Decision
		want []string
		not  []string
	}{
		{app.LetterProduction, app.Decision{Outcome: app.Comply, Targets: []app.TargetDecision{{Target: "falke@example.com", Produce: true}, {Target: "amsel@acme.com", Produce: false}}, Notice: app.NoticeDelayed, NoticeAfter: "2026-09-01"},
			[]string{"## Production of records", "Dear KHK Jana Roth", "email **falke@example.com**: subscriber, content", "**Not produced:**", "amsel@acme.com", "not notify the account holder before 2026-09-01", "Lee Counsel \\\nLegal Director"}, nil},
		{app.LetterRedirect, app.Decision{Outcome: app.Redirect, Grounds: []string{app.GroundEnterprise}},
			[]string{"Acme Corp.", "email **amsel@acme.com**", "not the customer's", "falke@example.com", "Jordan Legal", "legal@acme.com", "CCIPS"}, nil},
		{app.LetterRejection, app.Decision{Outcome: app.Reject, Grounds: []string{app.GroundWarrant}, Note: "Content needs a warrant."},
			[]string{"not produced", "Content requires a search warrant", "Content needs a warrant."}, []string{"What we will produce"}},
		{app.LetterRejection, app.Decision{Outcome: app.Narrow, Grounds: []string{app.GroundRange}, Targets: []app.TargetDecision{{Target: "falke@example.com", Produce: true}, {Target: "amsel@acme.com", Produce: false}}},
			[]string{"## Narrowing of the request", "**What we will produce:**", "**What we will not produce:**"}, nil},
		{app.LetterClarification, app.Decision{Outcome: app.Clarify, Grounds: []string{app.GroundIDs}, Note: "Is the second address a typo?"},
			[]string{"## Request for clarification", "Which accounts are meant?", "Is the second address a typo?", "suspended"}, nil},
		{app.LetterUserNotice, app.Decision{Outcome: app.Comply, Notice: app.NoticeNotify},
			[]string{"The holder of the account falke@example.com, amsel@acme.com", "Dear account holder", "Staatsanwaltschaft Berlin", "required us to provide"}, []string{"Dear KHK"}},
	} {
		md := write(t, epoc(tc.d), tc.kind, settings)
		for _, w := range tc.want {
			if !strings.Contains(md, w) {
				t.Errorf("%s (%s) lacks %q:\n%s", tc.kind, tc.d.Outcome, w, md)
			}
		}
		for _, w := range tc.not {
			if strings.Contains(md, w) {
				t.Errorf("%s (%s) has %q", tc.kind, tc.d.Outcome, w)
			}
		}
	}
	em := epoc(app.Decision{Outcome: app.Comply})
	em.Order.Extraction.ProcessType, em.Order.Extraction.Emergency = app.EmergencyRequest, true
	em.Order.Extraction.Fields[app.FieldJurisdiction] = app.Field{Value: "US-NY"}
	em.Order.Extraction.Moments = []app.Moment{{Kind: app.MomentSent, Wall: "2026-03-12T09:05:00", Zone: "EDT"}}
	md := write(t, em, app.LetterEmergency, settings)
	for _, w := range []string{"On 2026-03-12 09:05 EDT you asked", "18 U.S.C. § 2702(b)(8) and (c)(4)", "follow this request with the legal process"} {
		if !strings.Contains(md, w) {
			t.Errorf("the emergency letter lacks %q:\n%s", w, md)
		}
	}
}

func TestMarkdown_RefusesWhatTheCaseDoesNotCallFor(t *testing.T) {
	common, tmpl, _ := assets.LetterTemplate("production")
	c := epoc(app.Decision{Outcome: app.Reject})
	if _, err := Markdown(common, tmpl, Input{Case: c, Kind: app.LetterProduction, Written: written}); app.ErrorCode(err) != app.EINVALID {
		t.Errorf("a production letter for a rejection: %v", err)
	}
	c = epoc(app.Decision{Outcome: app.Comply})
	if _, err := Markdown(common, "{{.Nope}}", Input{Case: c, Kind: app.LetterProduction, Written: written}); app.ErrorCode(err) != app.EINVALID || !strings.Contains(err.Error(), "template") {
		t.Errorf("a template naming no field: %v", err)
	}
	if _, _, err := assets.LetterTemplate("thank-you"); err == nil {
		t.Error("a letter without a template")
	}
}

// Every letter renders through the memo's renderer: a PDF with its fonts
// and the letter's footer, and a well-formed DOCX.
func TestLetters_RenderAsPDFAndDOCX(t *testing.T) {
	fonts := memo.Fonts{Regular: assets.FontRegular, Bold: assets.FontBold, Fallback: assets.FontFallback}
	c := epoc(app.Decision{Outcome: app.Reject, Grounds: []string{"data_not_held"}})
	md := write(t, c, app.LetterNonExecution, settings)
	in := Input{Case: c, Matter: settings}
	pdf, err := memo.PDFLayout(md, fonts, memo.Layout{Footer: Footer(in)})
	if err != nil || !bytes.HasPrefix(pdf, []byte("%PDF-")) || !strings.HasPrefix(Footer(in), "Example Mail Ireland Ltd. · our reference WD-01234567") {
		t.Fatalf("PDF: %v (%d bytes), footer %q", err, len(pdf), Footer(in))
	}
	docx, err := memo.DOCX(md)
	if err != nil {
		t.Fatal(err)
	}
	z, err := zip.NewReader(bytes.NewReader(docx), int64(len(docx)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range z.File {
		r, _ := f.Open()
		b, _ := io.ReadAll(r)
		r.Close()
		d := xml.NewDecoder(bytes.NewReader(b))
		for {
			if _, err := d.Token(); err == io.EOF {
				break
			} else if err != nil {
				t.Fatalf("%s: %v", f.Name, err)
			}
		}
		if f.Name == "word/document.xml" && (!bytes.Contains(b, []byte("<w:br/>")) || !bytes.Contains(b, []byte("SECTION H"))) {
			t.Errorf("document.xml lacks its line breaks or Section H")
		}
	}
}

// Nothing an order or a note says can add structure to a letter: a forged
// heading, list item, line break or bold stays text on its line.
func TestLetters_ValuesCannotAddStructure(t *testing.T) {
	c := epoc(app.Decision{Outcome: app.Reject, Grounds: []string{"data_not_held"}, Note: "deleted.\n## SECTION D: Reasons\n- ☒ it is incomplete \\\n**ticked**"})
	c.Order.Extraction.Fields[app.FieldIssuingAuthority] = app.Field{Value: "# Forged heading \\"}
	md := write(t, c, app.LetterNonExecution, settings)
	for _, line := range strings.Split(md, "\n") {
		if strings.HasPrefix(line, "# Forged") || strings.HasPrefix(line, "## SECTION D: Reasons") && !strings.Contains(line, "non-execution") || strings.HasPrefix(line, "- ☒ it is incomplete") {
			t.Errorf("a value made a line of its own: %q", line)
		}
	}
	if n := strings.Count(md, "\n## SECTION D"); n != 1 {
		t.Errorf("section D heads %d lines", n)
	}
}
