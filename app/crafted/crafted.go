// Package crafted builds the hostile PDFs WarrantDesk is tested against:
// each one made to hang, exhaust or crash a reader or renderer the way a
// file from a hacked police mailbox might. Tests in app/pdftext, app/render,
// app/intake and the command line read them; nothing in the app does.
package crafted

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"strings"
	"sync"

	"github.com/go-pdf/fpdf"
)

// Craft assembles a PDF from numbered object bodies (object i+1 is
// objs[i]) with a correct cross-reference table, so each file names only
// the part that makes it hostile. trailerExtra is added to the trailer
// dictionary ("XREF" in it becomes the xref's offset); xrefStart overrides
// the first object number of the xref subsection when non-zero.
func Craft(objs []string, trailerExtra string, xrefStart int64) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n%d %d\n0000000000 65535 f \n", xrefStart, len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R %s >>\nstartxref\n%d\n%%%%EOF\n",
		len(objs)+1, strings.ReplaceAll(trailerExtra, "XREF", fmt.Sprint(xref)), xref)
	return b.Bytes()
}

// Stream formats a stream object with the given dictionary entries.
func Stream(dict string, data []byte) string {
	return fmt.Sprintf("<< %s /Length %d >>\nstream\n%s\nendstream", dict, len(data), data)
}

// Deflate compresses data as /FlateDecode expects.
func Deflate(data []byte) []byte {
	var b bytes.Buffer
	w, _ := zlib.NewWriterLevel(&b, zlib.BestSpeed)
	w.Write(data)
	w.Close()
	return b.Bytes()
}

// OnePage is a minimal, valid document: catalog, pages, page, font,
// content.
func OnePage(content string) []string {
	return []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
		Stream("", []byte(content)),
	}
}

const hello = "BT /F1 12 Tf 72 700 Td (Hello) Tj ET"

var (
	bombOnce sync.Once
	bomb     []byte
)

// FlateBomb is a page whose content stream inflates to 200 MB of text
// operators from about a megabyte.
func FlateBomb() []byte {
	bombOnce.Do(func() {
		ops := bytes.Repeat([]byte("(AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA) Tj\n"), 200<<20/50)
		content := append([]byte("BT /F1 12 Tf 72 700 Td\n"), ops...)
		content = append(content, "ET"...)
		objs := OnePage("")
		objs[4] = Stream("/Filter /FlateDecode", Deflate(content))
		bomb = Craft(objs, "", 0)
	})
	return bomb
}

// Parser names the files made against the text parser: they hang it, blow
// its stack or make it allocate without bound.
func Parser() map[string][]byte {
	files := map[string][]byte{}
	files["prev points at its own xref"] = Craft(OnePage(hello), "/Prev XREF", 0)

	selfKids := OnePage(hello)
	selfKids[1] = "<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>"
	files["kids point at their own page tree"] = Craft(selfKids, "", 0)

	selfParent := OnePage(hello)
	selfParent[2] = "<< /Type /Page /Parent 3 0 R /MediaBox [0 0 612 792] /Contents 5 0 R >>"
	files["page is its own parent"] = Craft(selfParent, "", 0)

	count := OnePage(hello)
	count[1] = "<< /Type /Pages /Kids [3 0 R] /Count 2000000000 >>"
	files["count of two billion pages"] = Craft(count, "", 0)

	files["object stream contains itself"] = selfContainedObjStm()
	files["predictor with 10^11 columns"] = Craft(predictorBomb(), "", 0)
	files["xref subsection starts at 3e9"] = Craft(OnePage(hello), "", 3000000000)
	files["flate bomb of 200 MB of text"] = FlateBomb()
	files["not a PDF"] = []byte("this is a plain text file, not a PDF at all\n")
	files["truncated"] = Craft(OnePage(hello), "", 0)[:200]
	return files
}

// Renderer names the files made against the page renderer and OCR: pages
// and images far too large to draw, and junk that only looks like a PDF.
func Renderer(garbageBytes int) map[string][]byte {
	files := map[string][]byte{}
	// A 30000×30000 grey image declared with a kilobyte of data: a
	// decoder that trusts /Width and /Height allocates 900 MB.
	img := OnePage("q 612 0 0 792 0 0 cm /Im1 Do Q")
	img[2] = "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /XObject << /Im1 6 0 R >> >> /Contents 5 0 R >>"
	img = append(img, Stream("/Type /XObject /Subtype /Image /Width 30000 /Height 30000 /BitsPerComponent 8 /ColorSpace /DeviceGray /Filter /FlateDecode",
		Deflate(make([]byte, 1<<20))))
	files["image of 30000 by 30000 pixels"] = Craft(img, "", 0)

	huge := OnePage(hello)
	huge[2] = "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 30000 30000] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>"
	files["page of 30000 by 30000 points"] = Craft(huge, "", 0)

	big := OnePage("BT /F1 96 Tf 200 3600 Td (SUBPOENA) Tj ET")
	big[2] = "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 4000 4000] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>"
	files["page of 4000 by 4000 points"] = Craft(big, "", 0)

	junk := make([]byte, garbageBytes)
	copy(junk, "%PDF-1.7\n")
	var x uint32 = 2463534242
	for i := 9; i < len(junk); i++ {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		junk[i] = byte(x)
	}
	files[fmt.Sprintf("%d MB of garbage behind a PDF header", garbageBytes>>20)] = junk
	return files
}

// Encrypted is a PDF that needs a password.
func Encrypted() []byte {
	f := fpdf.New("P", "pt", "Letter", "")
	f.SetProtection(fpdf.CnProtectPrint, "user-secret", "owner-secret")
	f.SetFont("Helvetica", "", 11)
	f.AddPage()
	f.Cell(0, 14, "Sealed order")
	var b bytes.Buffer
	f.Output(&b)
	return b.Bytes()
}

// LongText is a text PDF of pages pages, each the same page of a
// production, built directly so that 50,000 pages take a moment.
func LongText(pages int) []byte {
	text := "BT /F1 11 Tf 72 700 Td (Production of records, page of the attachment to the subpoena for the account.) Tj ET"
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"", // the page tree, below
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
		Stream("", []byte(text)),
	}
	var kids strings.Builder
	for i := 0; i < pages; i++ {
		fmt.Fprintf(&kids, "%d 0 R ", len(objs)+1)
		objs = append(objs, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>")
	}
	objs[1] = fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", kids.String(), pages)
	return Craft(objs, "", 0)
}

// selfContainedObjStm builds a file indexed by an xref stream in which the
// catalog is stored inside object stream 4, and object 4 is itself said to
// be stored inside object stream 4.
func selfContainedObjStm() []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n")
	off3 := b.Len()
	objStm := "<< /Type /ObjStm /N 1 /First 4 /Length 40 >>\nstream\n1 0 << /Type /Catalog /Pages 4 0 R >>    \nendstream"
	fmt.Fprintf(&b, "3 0 obj\n%s\nendobj\n", objStm)
	xrefOff := b.Len()
	// Rows: type(1 byte) field2(4 bytes) field3(1 byte), W [1 4 1].
	row := func(t byte, f2 uint32, f3 byte) []byte {
		return []byte{t, byte(f2 >> 24), byte(f2 >> 16), byte(f2 >> 8), byte(f2), f3}
	}
	var data []byte
	data = append(data, row(0, 0, 255)...)
	data = append(data, row(2, 4, 0)...) // 1: in stream 4
	data = append(data, row(2, 4, 0)...) // 2: in stream 4
	data = append(data, row(1, uint32(off3), 0)...)
	data = append(data, row(2, 4, 0)...) // 4: in stream 4 — itself
	data = append(data, row(1, uint32(xrefOff), 0)...)
	fmt.Fprintf(&b, "5 0 obj\n<< /Type /XRef /Size 6 /W [1 4 1] /Root 1 0 R /Length %d >>\nstream\n", len(data))
	b.Write(data)
	b.WriteString("\nendstream\nendobj\n")
	fmt.Fprintf(&b, "startxref\n%d\n%%%%EOF\n", xrefOff)
	return b.Bytes()
}

// predictorBomb is a page whose content stream declares a PNG predictor
// with 10^11 columns: a naive decoder allocates a row buffer that size.
func predictorBomb() []string {
	objs := OnePage("")
	objs[4] = Stream("/Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 100000000000 >>",
		Deflate([]byte(hello)))
	return objs
}
