package memo

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/warrantdesk/warrantdesk/app"
	"github.com/warrantdesk/warrantdesk/assets"
)

func decided() *app.Case {
	at := time.Date(2026, 11, 20, 15, 4, 0, 0, time.UTC)
	until := "2027-05-20"
	c := &app.Case{ID: "0123456789abcdef0123456789abcdef", Status: app.StatusNew, Order: app.Order{
		FileName: "order.pdf", SHA256: strings.Repeat("ab", 32), Pages: 3, ImportedAt: at.Add(-48 * time.Hour),
		Extraction: app.Extraction{ProcessType: app.CourtOrder2703d,
			Fields: map[string]app.Field{
				app.FieldCaseNumber: {Value: "1:26-ec-00042"}, app.FieldIssuingAuthority: {Value: "United States District Court for the Eastern District of Virginia"},
				app.FieldJudge: {Value: "Jane Q. Smith"}, app.FieldIssuedDate: {Value: "2026-11-16"},
			},
			Targets:        []app.Target{{Kind: app.TargetEmail, Value: "sergei@example.ru"}, {Kind: app.TargetUsername, Value: "王小明"}},
			DataCategories: []string{app.DataNonContent, app.DataContent},
			Nondisclosure:  app.Nondisclosure{Ordered: true, Until: &until},
		}}}
	c.Apply(app.Edit{Field: app.FieldJudge, Value: "Jane Q. Smithers"}, "Zoë Åström", at.Add(-time.Hour))
	c.Decide(app.Decision{Outcome: app.Narrow, Grounds: []string{app.GroundWarrant}, Note: "Non-content for Сергей only; nothing for 王小明.",
		Targets: []app.TargetDecision{{Target: "sergei@example.ru", Produce: true}, {Target: "王小明", Produce: false}},
		Notice:  app.NoticeDelayed, NoticeAfter: until, Reviewer: "Zoë Åström", DecidedAt: at})
	return c
}

var findings = []app.Finding{
	{Rule: "content-needs-warrant", Severity: app.SeverityCritical, Message: "A § 2703(d) order asks for content.", Basis: "18 U.S.C. § 2703", Ground: app.GroundWarrant},
	{Rule: "no-date-range", Severity: app.SeverityWarning, Message: "No date range.", Basis: "particularity", Ground: app.GroundRange},
}

func TestMarkdown_StatesEverythingTheIssueAsksFor(t *testing.T) {
	md, err := Markdown(assets.MemoTemplate, Input{Case: decided(), Findings: findings, Written: time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"court order under 18 U.S.C. § 2703(d) 1:26-ec-00042", "Eastern District of Virginia", "Jane Q. Smithers (read as: Jane Q. Smith",
		"2026-11-16", "non-content records, content", "ordered, until 2027-05-20",
		"e-mail **sergei@example.ru**: produce", "user name **王小明**: do not produce",
		"A § 2703(d) order asks for content.** Basis: 18 U.S.C. § 2703. Resolution: adopted as a ground",
		"No date range.** Basis: particularity. Resolution: considered; not a ground",
		"comply in part (narrowed)", "Non-content for Сергей only", "the user may be notified from 2027-05-20",
		"Zoë Åström, 2026-11-20 15:04 UTC", "SHA-256 " + strings.Repeat("ab", 32), "2026-11-28 09:00 UTC",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("memo lacks %q", want)
		}
	}
	undecided := decided()
	undecided.Decision = nil
	if _, err := Markdown(assets.MemoTemplate, Input{Case: undecided}); app.ErrorCode(err) != app.EINVALID {
		t.Errorf("memo of an undecided case: %v", err)
	}
	if _, err := Markdown("{{.Nope}}", Input{Case: decided()}); app.ErrorCode(err) != app.EINVALID || !strings.Contains(err.Error(), "template") {
		t.Errorf("broken template: %v", err)
	}
}

func TestPDF_PrintsEveryScriptWithEmbeddedFonts(t *testing.T) {
	md, _ := Markdown(assets.MemoTemplate, Input{Case: decided(), Findings: findings, Written: time.Now()})
	pdf, err := PDF(md, Fonts{assets.FontRegular, assets.FontBold, assets.FontFallback})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) || bytes.Count(pdf, []byte("/FontFile2")) != 3 {
		t.Fatalf("not a PDF with three embedded TrueType fonts (%d bytes)", len(pdf))
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) not installed: the text check is skipped")
	}
	cmd := exec.Command("pdftotext", "-enc", "UTF-8", "-", "-")
	cmd.Stdin = bytes.NewReader(pdf)
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	text := string(out)
	for _, want := range []string{"Zoë Åström", "Сергей", "王小明", "§ 2703(d)", "page 1 of"} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF's text lacks %q", want)
		}
	}
}

func TestDOCX_IsAWellFormedWordDocument(t *testing.T) {
	md, _ := Markdown(assets.MemoTemplate, Input{Case: decided(), Findings: findings, Written: time.Now()})
	docx, err := DOCX(md)
	if err != nil {
		t.Fatal(err)
	}
	z, err := zip.NewReader(bytes.NewReader(docx), int64(len(docx)))
	if err != nil {
		t.Fatal(err)
	}
	parts := map[string]string{}
	for _, f := range z.File {
		r, _ := f.Open()
		b, _ := io.ReadAll(r)
		r.Close()
		parts[f.Name] = string(b)
		// Every part must be well-formed XML, or Word refuses the file.
		d := xml.NewDecoder(bytes.NewReader(b))
		for {
			if _, err := d.Token(); err == io.EOF {
				break
			} else if err != nil {
				t.Fatalf("%s: %v", f.Name, err)
			}
		}
	}
	for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml"} {
		if _, ok := parts[name]; !ok {
			t.Errorf("missing part %s", name)
		}
	}
	doc := parts["word/document.xml"]
	for _, want := range []string{"Сергей", "王小明", "<w:b/>", "Heading1", "sergei@example.ru"} {
		if !strings.Contains(doc, want) {
			t.Errorf("document.xml lacks %q", want)
		}
	}
}

// LibreOffice, where installed, opens the DOCX (converting it to PDF).
func TestDOCX_OpensInLibreOffice(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("LibreOffice is not installed: skipping the open-in-LibreOffice check")
	}
	md, _ := Markdown(assets.MemoTemplate, Input{Case: decided(), Findings: findings, Written: time.Now()})
	docx, _ := DOCX(md)
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "memo.docx"), docx, 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(soffice, "--headless", "-env:UserInstallation=file://"+filepath.Join(dir, "profile"), "--convert-to", "pdf", "--outdir", dir, filepath.Join(dir, "memo.docx"))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("LibreOffice: %v\n%s", err, out)
	}
	if st, err := os.Stat(filepath.Join(dir, "memo.pdf")); err != nil || st.Size() < 1000 {
		t.Fatalf("LibreOffice made no PDF of the DOCX: %v", err)
	}
}

func TestMarkdown_CorrectedTargetsAndGroundsAgainstTheOutcome(t *testing.T) {
	c := decided()
	c.Status, c.Decision = app.StatusInReview, nil
	c.Apply(app.Edit{Field: app.FieldTargets, Targets: []app.Target{{Kind: app.TargetEmail, Value: "sergei@example.ru"}, {Kind: app.TargetAccountID, Value: "acct-778"}}}, "R", time.Now())
	c.Apply(app.Edit{Field: app.FieldJudge, Clear: true}, "R", time.Now())
	c.Decide(app.Decision{Outcome: app.Comply, Grounds: []string{app.GroundRange, app.GroundValid}, Reviewer: "R",
		Targets: []app.TargetDecision{{Target: "acct-778", Outcome: app.TargetRedirect}}, DecidedAt: time.Now()})
	md, err := Markdown(assets.MemoTemplate, Input{Case: c, Written: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"account ID **acct-778**: redirect to the customer", "e-mail **sergei@example.ru**: produce",
		"**targets:** sergei@example.ru; acct-778 (read as: sergei@example.ru; 王小明",
		"**judge:** none (cleared: the order states none) (read as: Jane Q. Smith",
		"Overbroad or missing date range (argues against the outcome; kept by the reviewer)",
		"- " + app.GroundValid + "\n",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("memo lacks %q:\n%s", want, md)
		}
	}
	if strings.Contains(md, "王小明**") {
		t.Error("a target the reviewer removed is listed")
	}
}

func TestPDF_NeverStrandsALeadInAtThePageFoot(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) not installed")
	}
	fonts := Fonts{assets.FontRegular, assets.FontBold, assets.FontFallback}
	// Push "Grounds:" down the page a line at a time, across the page's
	// foot: whatever the filler, the page it ends is never the one it is
	// on without its first ground.
	for n := 36; n <= 46; n++ {
		md := "# Memo\n\n" + strings.Repeat("- filler line\n", n) + "\n**Grounds:**\n\n- the first ground\n- the second ground\n"
		pdf, err := PDF(md, fonts)
		if err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command("pdftotext", "-layout", "-enc", "UTF-8", "-", "-")
		cmd.Stdin = bytes.NewReader(pdf)
		out, err := cmd.Output()
		if err != nil {
			t.Fatal(err)
		}
		for _, page := range strings.Split(string(out), "\f") {
			if strings.Contains(page, "Grounds:") && !strings.Contains(page, "the first ground") {
				t.Errorf("%d filler lines: \"Grounds:\" stands alone at the foot of a page", n)
			}
		}
	}
}
