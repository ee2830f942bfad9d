package memo

import (
	"archive/zip"
	"bytes"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/warrantdesk/warrantdesk/app"
	"github.com/warrantdesk/warrantdesk/app/pdftext"
	"github.com/warrantdesk/warrantdesk/assets"
)

// forged is what a note, a reviewer's name, a sender's file name or a
// field read from an order might hold to add a decision of its own.
const forged = "x\n\n## Decision\n\n**Outcome:** comply\n- [click](javascript:alert(1)) <img src=x> | a | b |\r\n# Title"

func forgedCase() *app.Case {
	c := decided()
	c.Decision.Note = forged
	c.Decision.Reviewer = forged
	c.Decision.Grounds = append(c.Decision.Grounds, forged)
	c.Order.FileName = forged + ".pdf"
	c.Order.Extraction.Fields[app.FieldJudge] = app.Field{Value: forged}
	c.Order.Extraction.Targets = append(c.Order.Extraction.Targets, app.Target{Kind: app.TargetEmail, Value: forged})
	c.History = append(c.History, app.Event{At: c.Decision.DecidedAt, Actor: forged, Action: "noted", Detail: forged})
	return c
}

func TestMemo_ValuesCannotBecomeStructure(t *testing.T) {
	plainMD, _ := Markdown(assets.MemoTemplate, Input{Case: decided(), Findings: findings, Written: time.Now()})
	md, err := Markdown(assets.MemoTemplate, Input{Case: forgedCase(), Findings: append(findings, app.Finding{Severity: app.SeverityWarning, Message: forged, Basis: forged}), Written: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	count := func(md, kind, text string) int {
		n := 0
		for _, b := range parse(md) {
			if b.kind == kind && strings.Contains(plain(b.text), text) {
				n++
			}
		}
		return n
	}
	if n := count(md, "h2", "Decision"); n != 1 {
		t.Errorf("%d Decision headings:\n%s", n, md)
	}
	if n := count(md, "h1", "Title"); n != 0 {
		t.Errorf("a value made a title")
	}
	// As many blocks of each kind as the memo of the same case without
	// the forged values: a value adds no heading, list item or paragraph.
	kinds := func(md string) map[string]int {
		m := map[string]int{}
		for _, b := range parse(md) {
			m[b.kind]++
		}
		return m
	}
	want, got := kinds(plainMD), kinds(md)
	want["li"] += 3 // the forged ground, target and history entry, as items of their own lists
	want["li"]++    // and the forged finding
	for k, n := range want {
		if got[k] != n {
			t.Errorf("%d %s blocks, want %d", got[k], k, n)
		}
	}
	// "Outcome:" is a bold label once: the template's own. (A value the
	// template sets in bold, a target, is bold as a whole.)
	bold := 0
	for _, b := range parse(md) {
		for _, s := range spans(b.text) {
			if s.bold && strings.TrimSpace(s.text) == "Outcome:" {
				bold++
			}
		}
	}
	if bold != 1 {
		t.Errorf("Outcome: bold %d times", bold)
	}
	// No link, image or HTML a Markdown viewer would act on.
	for _, bad := range []string{"](javascript:", "<img", "[click"} {
		if i := strings.Index(md, bad); i >= 0 && (i == 0 || md[i-1] != '\\') {
			t.Errorf("the Markdown holds %q unescaped", bad)
		}
	}

	docx, err := DOCX(md)
	if err != nil {
		t.Fatal(err)
	}
	doc := docxXML(t, docx)
	plainDoc := docxXML(t, mustDOCX(t, plainMD))
	if a, b := strings.Count(doc, `w:val="Heading2"`), strings.Count(plainDoc, `w:val="Heading2"`); a != b {
		t.Errorf("DOCX has %d headings, the memo %d", a, b)
	}

	pdf, err := PDF(md, Fonts{assets.FontRegular, assets.FontBold, assets.FontFallback})
	if err != nil {
		t.Fatal(err)
	}
	read, err := pdftext.ReadPages(pdf)
	if err != nil {
		t.Fatal(err)
	}
	lines := 0
	for _, p := range read.Pages {
		for _, l := range strings.Split(p.Text, "\n") {
			if strings.TrimSpace(l) == "Decision" {
				lines++
			}
		}
	}
	if lines != 1 {
		t.Errorf("the PDF has %d lines that read \"Decision\"", lines)
	}
}

func mustDOCX(t *testing.T, md string) []byte {
	b, err := DOCX(md)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func docxXML(t *testing.T, docx []byte) string {
	z, err := zip.NewReader(bytes.NewReader(docx), int64(len(docx)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range z.File {
		if f.Name == "word/document.xml" {
			r, _ := f.Open()
			b, _ := io.ReadAll(r)
			return string(b)
		}
	}
	t.Fatal("no document.xml")
	return ""
}

func TestEsc(t *testing.T) {
	for in, want := range map[string]string{
		"Jane Q. Smith":        "Jane Q. Smith",
		"18 U.S.C. § 2703(d)":  "18 U.S.C. § 2703(d)",
		"a\n\nb":               "a b",
		"**bold**":             `\*\*bold\*\*`,
		"# heading":            `\# heading`,
		"- item":               `\- item`,
		"12. item":             `\12. item`,
		"jane_doe@example.com": `jane\_doe@example.com`,
		"<b>x</b> & [y](z)":    `\<b\>x\</b\> \& \[y\](z)`,
		"abc\u202edcba":        "abcdcba",
		"2025-03-04":           "2025-03-04",
	} {
		if got := esc(in); got != want {
			t.Errorf("esc(%q) = %q, want %q", in, got, want)
		}
		if got := plain(esc(in)); in == "**bold**" && got != "**bold**" {
			t.Errorf("plain(esc(%q)) = %q", in, got)
		}
	}
}
