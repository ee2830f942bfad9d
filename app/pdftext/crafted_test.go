package pdftext

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"strings"
)

// craft assembles a PDF from numbered object bodies (object i+1 is
// objs[i]) with a correct cross-reference table, so each test names only
// the part that makes the file hostile. trailerExtra is added to the trailer
// dictionary; xrefStart overrides the first object number of the xref
// subsection when non-zero.
func craft(objs []string, trailerExtra string, xrefStart int64) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	start := int64(0)
	if xrefStart != 0 {
		start = xrefStart
	}
	fmt.Fprintf(&b, "xref\n%d %d\n0000000000 65535 f \n", start, len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R %s >>\nstartxref\n%d\n%%%%EOF\n",
		len(objs)+1, strings.ReplaceAll(trailerExtra, "XREF", fmt.Sprint(xref)), xref)
	return b.Bytes()
}

// stream formats a stream object with the given dictionary entries.
func stream(dict string, data []byte) string {
	return fmt.Sprintf("<< %s /Length %d >>\nstream\n%s\nendstream", dict, len(data), data)
}

func deflate(data []byte) []byte {
	var b bytes.Buffer
	w, _ := zlib.NewWriterLevel(&b, zlib.BestSpeed)
	w.Write(data)
	w.Close()
	return b.Bytes()
}

// onePage is a minimal, valid document: catalog, pages, page, font, content.
func onePage(content string) []string {
	return []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
		stream("", []byte(content)),
	}
}

// hostile returns the crafted files the parser was seen to hang on or die
// from, by name.
func hostile() map[string][]byte {
	files := map[string][]byte{}
	text := "BT /F1 12 Tf 72 700 Td (Hello) Tj ET"

	files["prev points at its own xref"] = craft(onePage(text), "/Prev XREF", 0)

	selfKids := onePage(text)
	selfKids[1] = "<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>"
	files["kids point at their own page tree"] = craft(selfKids, "", 0)

	selfParent := onePage(text)
	selfParent[2] = "<< /Type /Page /Parent 3 0 R /MediaBox [0 0 612 792] /Contents 5 0 R >>"
	files["page is its own parent"] = craft(selfParent, "", 0)

	count := onePage(text)
	count[1] = "<< /Type /Pages /Kids [3 0 R] /Count 2000000000 >>"
	files["count of two billion pages"] = craft(count, "", 0)

	// Object 6 lives in object stream 6: resolving it needs itself.
	objstm := onePage(text)
	objstm[4] = "6 0 R"
	objstm = append(objstm, stream("/Type /ObjStm /N 1 /First 4", []byte("6 0 ")))
	b := craft(objstm, "", 0)
	// Mark object 6 as compressed (type 2) inside stream 6 with an xref
	// stream, which is how object streams are indexed.
	files["object stream contains itself"] = selfContainedObjStm()
	_ = b

	files["predictor with 10^11 columns"] = craft(predictorBomb(), "", 0)

	files["xref subsection starts at 3e9"] = craft(onePage(text), "", 3000000000)

	// 200 MB of text operators, deflated to a few hundred kilobytes.
	bomb := bytes.Repeat([]byte("(AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA) Tj\n"), 200<<20/50)
	content := append([]byte("BT /F1 12 Tf 72 700 Td\n"), bomb...)
	content = append(content, []byte("ET")...)
	flate := onePage("")
	flate[4] = stream("/Filter /FlateDecode", deflate(content))
	files["flate bomb of 200 MB of text"] = craft(flate, "", 0)

	files["not a PDF"] = []byte("this is a plain text file, not a PDF at all\n")
	files["truncated"] = craft(onePage(text), "", 0)[:200]
	return files
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
	objs := onePage("")
	objs[4] = stream("/Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 100000000000 >>",
		deflate([]byte("BT /F1 12 Tf 72 700 Td (Hello) Tj ET")))
	return objs
}
