package pdftext

import (
	"strings"
	"testing"
)

// pageWith builds a one-page PDF with the given content stream and extra
// objects (numbered from 6), using font F1 = fontDict.
func pageWith(content, fontDict string, extra ...string) []byte {
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> /XObject << /X1 6 0 R >> >> /Contents 5 0 R >>",
		fontDict,
		stream("", []byte(content)),
	}
	return craft(append(objs, extra...), "", 0)
}

const helvetica = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"

func textOf(t *testing.T, pdf []byte) string {
	t.Helper()
	doc, err := ReadPages(pdf)
	if err != nil {
		t.Fatal(err)
	}
	return doc.Pages[0].Text
}

func TestContent_KerningAndWordGapsWithoutWidths(t *testing.T) {
	// Helvetica without /Widths: the standard metrics place the glyphs, so
	// kerning does not split words and a wide adjustment is a space.
	got := textOf(t, pageWith("BT /F1 12 Tf 72 700 Td [(W) 80 (ashington) -300 (State)] TJ ET", helvetica))
	if got != "Washington State" {
		t.Errorf("got %q, want %q", got, "Washington State")
	}
}

func TestContent_CharacterSpacingAsWordGap(t *testing.T) {
	// Ghostscript writes "COURT for" as (COUR) then 2.5 Tc (Tf).
	got := textOf(t, pageWith("BT /F1 10 Tf 72 700 Td (COUR) Tj 2.5 Tc 28 0 Td (Tf) Tj 0 Tc 12 0 Td (or) Tj ET", helvetica))
	if got != "COURT for" {
		t.Errorf("got %q, want %q", got, "COURT for")
	}
}

func TestContent_ToUnicodeWinsOverDifferences(t *testing.T) {
	// A subset font with made-up glyph names, as pdfTeX and others write:
	// only its /ToUnicode says what the codes mean.
	cmap := "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n" +
		"1 begincodespacerange <00> <FF> endcodespacerange\n" +
		"2 beginbfchar <01> <0048> <02> <0069> endbfchar\n" +
		"1 beginbfrange <03> <04> <0041> endbfrange\n" +
		"endcmap CMapName currentdict /CMap defineresource pop end end"
	font := "<< /Type /Font /Subtype /Type1 /BaseFont /ABCDEF+CMR10 /FirstChar 1 /LastChar 4 /Widths [600 300 600 600] " +
		"/Encoding << /Type /Encoding /Differences [1 /g31 /g77 /g5 /g6] >> /ToUnicode 6 0 R >>"
	got := textOf(t, pageWith("BT /F1 12 Tf 72 700 Td <01020304> Tj ET", font, stream("", []byte(cmap))))
	if got != "HiAB" {
		t.Errorf("got %q, want %q", got, "HiAB")
	}
}

func TestContent_DifferencesGlyphNames(t *testing.T) {
	font := "<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman /Encoding << /Differences [1 /uni00E9 /f_i /section] >> >>"
	got := textOf(t, pageWith("BT /F1 12 Tf 72 700 Td (caf\\001 \\002le \\003 2703) Tj ET", font))
	if got != "café file § 2703" {
		t.Errorf("got %q, want %q", got, "café file § 2703")
	}
}

func TestContent_FormXObjectsAreRead(t *testing.T) {
	form := stream("/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >>",
		[]byte("BT /F1 12 Tf 72 600 Td (Inside a form) Tj ET"))
	got := textOf(t, pageWith("BT /F1 12 Tf 72 700 Td (On the page) Tj ET /X1 Do", helvetica, form))
	if got != "On the page\nInside a form" {
		t.Errorf("got %q", got)
	}
}

func TestContent_InvisibleOCRTextIsKept(t *testing.T) {
	// Scanners put their OCR layer in render mode 3 (invisible).
	got := textOf(t, pageWith("BT 3 Tr /F1 12 Tf 72 700 Td (Recognised words) Tj ET", helvetica))
	if got != "Recognised words" {
		t.Errorf("got %q", got)
	}
}

func TestContent_NoFakeNewlineGlyphs(t *testing.T) {
	// The parser's own walk decodes a "\n" after each TJ through the font:
	// with a /Differences font that gave "Ω" at every line end.
	font := "<< /Type /Font /Subtype /Type1 /BaseFont /CMR10 /Encoding << /Differences [10 /Omega] >> >>"
	got := textOf(t, pageWith("BT /F1 12 Tf 72 700 Td [(Case) -333 (No.)] TJ 0 -14 Td [(2:25-mj-1)] TJ ET", font))
	if strings.ContainsRune(got, 'Ω') || got != "Case No.\n2:25-mj-1" {
		t.Errorf("got %q", got)
	}
}

func TestContent_WordBoxesInPointsFromTheTopLeft(t *testing.T) {
	doc, err := ReadPages(pageWith("BT /F1 10 Tf 72 700 Td (Case No. 2:25-mj-00002 filed here today) Tj ET", helvetica))
	if err != nil {
		t.Fatal(err)
	}
	p := doc.Pages[0]
	if p.DPI != 72 || len(p.Words) != 6 {
		t.Fatalf("DPI %d, words %+v", p.DPI, p.Words)
	}
	first, number := p.Words[0], p.Words[2]
	if first.Text != "Case" || first.X != 72 || first.Y != 792-700-8 || first.H != 10 {
		t.Errorf("first word %+v", first)
	}
	// The number starts after "Case No. " and is wider than "Case".
	if number.Text != "2:25-mj-00002" || number.X <= first.X+first.W || number.W <= first.W || number.Y != first.Y {
		t.Errorf("number %+v after %+v", number, first)
	}
}
