package sampleorders

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/go-pdf/fpdf"
)

// writer lays text out on pages with one of several looks (font, size,
// margins, producer), so the reader and extractor meet variety.
type writer struct {
	f      *fpdf.Fpdf
	font   string
	size   float64
	lineH  float64
	margin float64
	rng    *rand.Rand
}

var fonts = []string{"Helvetica", "Times", "Courier", "Arial"}

var producers = []string{"WarrantDesk sample generator", "Microsoft Word - Order.docx", "Adobe PDF Library 15.0", "CM/ECF Document Generator", "LibreOffice 7.4"}

func newWriter(rng *rand.Rand) *writer {
	f := fpdf.New("P", "pt", []string{"Letter", "A4"}[rng.IntN(2)], "")
	font := fonts[rng.IntN(len(fonts))]
	size := 10 + float64(rng.IntN(3))
	margin := 54 + float64(rng.IntN(30))
	f.SetMargins(margin, margin, margin)
	f.SetAutoPageBreak(true, margin)
	f.SetProducer(producers[rng.IntN(len(producers))], true)
	f.SetCreator("sampleorders", true)
	w := &writer{f: f, font: font, size: size, lineH: size * 1.35, margin: margin, rng: rng}
	f.AddPage()
	f.SetFont(font, "", size)
	return w
}

// tr turns UTF-8 into the core fonts' Windows-1252, which covers the
// accents and the section sign orders use.
func (w *writer) tr(s string) string {
	return w.f.UnicodeTranslatorFromDescriptor("")(s)
}

func (w *writer) title(s string) {
	w.f.SetFont(w.font, "B", w.size+3)
	w.f.MultiCell(0, (w.size+3)*1.3, w.tr(s), "", "C", false)
	w.f.SetFont(w.font, "", w.size)
	w.gap(0.5)
}

func (w *writer) center(s string) {
	w.f.MultiCell(0, w.lineH, w.tr(s), "", "C", false)
}

func (w *writer) bold(s string) {
	w.f.SetFont(w.font, "B", w.size)
	w.f.MultiCell(0, w.lineH, w.tr(s), "", "L", false)
	w.f.SetFont(w.font, "", w.size)
}

func (w *writer) line(s string) {
	w.f.MultiCell(0, w.lineH, w.tr(s), "", "L", false)
}

func (w *writer) para(s string) {
	w.f.MultiCell(0, w.lineH, w.tr(s), "", "J", false)
	w.gap(0.6)
}

// label writes "Label: value" on one line, as a two-column row in some
// looks and run-in in others.
func (w *writer) label(label, value string) {
	if w.rng.IntN(2) == 0 {
		w.f.SetFont(w.font, "B", w.size)
		w.f.CellFormat(170, w.lineH, w.tr(label+":"), "", 0, "L", false, 0, "")
		w.f.SetFont(w.font, "", w.size)
		w.f.MultiCell(0, w.lineH, w.tr(value), "", "L", false)
		return
	}
	w.line(label + ": " + value)
}

// table writes rows with a header, with cell borders.
func (w *writer) table(header []string, rows [][]string) {
	pageW, _ := w.f.GetPageSize()
	colW := (pageW - 2*w.margin) / float64(len(header))
	w.f.SetFont(w.font, "B", w.size-1)
	for _, h := range header {
		w.f.CellFormat(colW, w.lineH+2, w.tr(h), "1", 0, "L", false, 0, "")
	}
	w.f.Ln(-1)
	w.f.SetFont(w.font, "", w.size-1)
	for _, r := range rows {
		for _, c := range r {
			w.f.CellFormat(colW, w.lineH+2, w.tr(c), "1", 0, "L", false, 0, "")
		}
		w.f.Ln(-1)
	}
	w.gap(0.6)
}

func (w *writer) bullets(items []string) {
	for i, it := range items {
		w.f.MultiCell(0, w.lineH, w.tr(fmt.Sprintf("%d. %s", i+1, it)), "", "L", false)
	}
	w.gap(0.6)
}

func (w *writer) gap(lines float64) { w.f.Ln(w.lineH * lines) }

func (w *writer) newPage() { w.f.AddPage() }

// signature writes a signature block: a rule, the name, the title.
func (w *writer) signature(name, title string) {
	w.gap(1)
	w.line("/s/ " + name)
	w.line("______________________________")
	w.line(name)
	w.line(title)
	w.gap(0.6)
}

func (w *writer) bytes() ([]byte, error) {
	var b bytes.Buffer
	if err := w.f.Output(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func pick[T any](rng *rand.Rand, xs []T) T { return xs[rng.IntN(len(xs))] }

func upper(s string) string { return strings.ToUpper(s) }
