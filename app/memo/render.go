package memo

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"strings"

	"github.com/go-pdf/fpdf"
	"golang.org/x/image/font/sfnt"
)

// block is one paragraph of the Markdown subset.
type block struct {
	kind string // "h1", "h2", "li", "p"
	text string // with **bold** marks
}

// parse reads the subset the template writes: "# ", "## ", "- ", and
// paragraphs separated by blank lines.
func parse(md string) []block {
	var out []block
	var para []string
	flush := func() {
		if len(para) > 0 {
			out = append(out, block{"p", strings.Join(para, " ")})
			para = nil
		}
	}
	for _, line := range strings.Split(md, "\n") {
		l := strings.TrimSpace(line)
		switch {
		case l == "":
			flush()
		case strings.HasPrefix(l, "# "):
			flush()
			out = append(out, block{"h1", l[2:]})
		case strings.HasPrefix(l, "## "):
			flush()
			out = append(out, block{"h2", l[3:]})
		case strings.HasPrefix(l, "- "):
			flush()
			out = append(out, block{"li", l[2:]})
		default:
			para = append(para, l)
		}
	}
	flush()
	return out
}

// span is a run of text, bold or not.
type span struct {
	text string
	bold bool
}

// spans cuts a line at its "**" marks; a backslash makes the next
// character plain text (values are escaped by esc), so a value's own "**"
// never turns bold.
func spans(s string) []span {
	var out []span
	var cur strings.Builder
	bold := false
	flush := func() {
		if cur.Len() > 0 {
			out = append(out, span{cur.String(), bold})
			cur.Reset()
		}
	}
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		switch {
		case rs[i] == '\\' && i+1 < len(rs):
			i++
			cur.WriteRune(rs[i])
		case rs[i] == '*' && i+1 < len(rs) && rs[i+1] == '*':
			flush()
			bold = !bold
			i++
		default:
			cur.WriteRune(rs[i])
		}
	}
	flush()
	return out
}

// Fonts are the TrueType fonts a PDF memo is printed with: Regular and Bold
// for most scripts, Fallback for characters they lack (CJK).
type Fonts struct {
	Regular, Bold, Fallback []byte
}

const (
	bottomMargin = 20.0 // mm
	// keepWithNext is the room (mm) a heading or a list's lead-in needs
	// below it for itself and the first two lines of what follows.
	keepWithNext = 26.0
)

// PDF renders the memo's Markdown as an A4 PDF with the fonts embedded
// (subset), so every name prints as written whatever the reader has
// installed.
func PDF(md string, fonts Fonts) ([]byte, error) {
	cover, err := sfnt.Parse(fonts.Regular)
	if err != nil {
		return nil, fmt.Errorf("memo font: %w", err)
	}
	var buf sfnt.Buffer
	has := map[rune]bool{}
	covered := func(r rune) bool {
		if v, ok := has[r]; ok {
			return v
		}
		g, err := cover.GlyphIndex(&buf, r)
		has[r] = err == nil && g != 0
		return has[r]
	}
	p := fpdf.New("P", "mm", "A4", "")
	p.SetMargins(22, 20, 22)
	p.SetAutoPageBreak(true, bottomMargin)
	p.AddUTF8FontFromBytes("main", "", fonts.Regular)
	p.AddUTF8FontFromBytes("main", "B", fonts.Bold)
	p.AddUTF8FontFromBytes("cjk", "", fonts.Fallback)
	p.SetFooterFunc(func() {
		p.SetY(-14)
		p.SetFont("main", "", 8)
		p.SetTextColor(110, 110, 110)
		p.CellFormat(0, 5, fmt.Sprintf("Privileged and confidential · page %d of {nb}", p.PageNo()), "", 0, "C", false, 0, "")
		p.SetTextColor(0, 0, 0)
	})
	p.AliasNbPages("")
	p.AddPage()
	// write prints s in runs of one font each: the main font where it
	// has the glyph, the fallback where it has not.
	write := func(s string, bold bool, size, lineH float64) {
		var run strings.Builder
		fallback := false
		flush := func() {
			if run.Len() == 0 {
				return
			}
			switch {
			case fallback:
				p.SetFont("cjk", "", size)
			case bold:
				p.SetFont("main", "B", size)
			default:
				p.SetFont("main", "", size)
			}
			p.Write(lineH, run.String())
			run.Reset()
		}
		for _, r := range s {
			fb := !covered(r) && r > 0x7f
			if fb != fallback {
				flush()
				fallback = fb
			}
			run.WriteRune(r)
		}
		flush()
	}
	printBlocks(p, parse(md), write)
	var out bytes.Buffer
	if err := p.Output(&out); err != nil {
		return nil, fmt.Errorf("writing the PDF memo: %w", err)
	}
	return out.Bytes(), nil
}

// printBlocks lays out the memo's blocks with write, which prints a run in
// the fonts that have its characters.
func printBlocks(p *fpdf.Fpdf, blocks []block, write func(s string, bold bool, size, lineH float64)) {
	left, _, _, _ := p.GetMargins()
	_, pageH := p.GetPageSize()
	for i, b := range blocks {
		// A heading, or a line that introduces a list ("Grounds:"), never
		// stands alone at the foot of a page: it goes over with what it
		// heads.
		if leadsIn(blocks, i) && p.GetY()+keepWithNext > pageH-bottomMargin {
			p.AddPage()
		}
		switch b.kind {
		case "h1":
			write(plain(b.text), true, 16, 8)
			p.Ln(11)
		case "h2":
			p.Ln(2)
			write(plain(b.text), true, 12.5, 6.5)
			p.Ln(8)
		case "li":
			p.SetX(left + 2)
			write("•", false, 10, 5)
			p.SetLeftMargin(left + 7)
			p.SetX(left + 7)
			for _, s := range spans(b.text) {
				write(s.text, s.bold, 10, 5)
			}
			p.SetLeftMargin(left)
			p.Ln(6.5)
		default:
			for _, s := range spans(b.text) {
				write(s.text, s.bold, 10, 5)
			}
			p.Ln(7.5)
		}
	}
}

// leadsIn reports whether block i heads what follows it: a heading, or a
// paragraph before a list.
func leadsIn(blocks []block, i int) bool {
	if i+1 >= len(blocks) {
		return false
	}
	return blocks[i].kind == "h2" || blocks[i].kind == "p" && blocks[i+1].kind == "li"
}

// DOCX renders the memo's Markdown as a Word document (Office Open XML):
// headings, list items and bold runs, which Word and LibreOffice open.
func DOCX(md string) ([]byte, error) {
	var body strings.Builder
	run := func(s span, size int) {
		body.WriteString("<w:r><w:rPr>")
		if s.bold {
			body.WriteString("<w:b/>")
		}
		fmt.Fprintf(&body, `<w:sz w:val="%d"/></w:rPr><w:t xml:space="preserve">`, size)
		xml.EscapeText(&body, []byte(s.text))
		body.WriteString("</w:t></w:r>")
	}
	for _, b := range parse(md) {
		switch b.kind {
		case "h1":
			body.WriteString(`<w:p><w:pPr><w:pStyle w:val="Heading1"/><w:spacing w:after="200"/></w:pPr>`)
			run(span{plain(b.text), true}, 32)
		case "h2":
			body.WriteString(`<w:p><w:pPr><w:pStyle w:val="Heading2"/><w:spacing w:before="240" w:after="120"/></w:pPr>`)
			run(span{plain(b.text), true}, 26)
		case "li":
			body.WriteString(`<w:p><w:pPr><w:ind w:left="426" w:hanging="284"/><w:spacing w:after="60"/></w:pPr>`)
			run(span{"•\t", false}, 20)
			for _, s := range spans(b.text) {
				run(s, 20)
			}
		default:
			body.WriteString(`<w:p><w:pPr><w:spacing w:after="160"/></w:pPr>`)
			for _, s := range spans(b.text) {
				run(s, 20)
			}
		}
		body.WriteString("</w:p>")
	}
	files := []struct{ name, data string }{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>`},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`},
		{"word/_rels/document.xml.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`},
		{"word/styles.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri" w:eastAsia="SimSun" w:cs="Arial"/><w:sz w:val="20"/><w:lang w:val="en-US"/></w:rPr></w:rPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style><w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style></w:styles>`},
		{"word/document.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` + body.String() +
			`<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="1247" w:bottom="1134" w:left="1247" w:header="567" w:footer="567" w:gutter="0"/></w:sectPr></w:body></w:document>`},
	}
	var out bytes.Buffer
	z := zip.NewWriter(&out)
	for _, f := range files {
		w, err := z.Create(f.name)
		if err != nil {
			return nil, err
		}
		if _, err := w.Write([]byte(f.data)); err != nil {
			return nil, err
		}
	}
	if err := z.Close(); err != nil {
		return nil, fmt.Errorf("writing the DOCX memo: %w", err)
	}
	return out.Bytes(), nil
}
