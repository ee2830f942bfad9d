package pdftext

import (
	"bufio"
	"bytes"
	"regexp"
	"testing"

	"github.com/warrantdesk/warrantdesk/app"
	"github.com/warrantdesk/warrantdesk/app/crafted"
	"github.com/warrantdesk/warrantdesk/app/sampleorders"
	"github.com/warrantdesk/warrantdesk/app/sandbox"
)

// The fuzz targets run on their seeds in every `go test`, briefly with
// -fuzz in `make test` and for longer in `make fuzz` (docs/testing.md).

// FuzzReadReplies feeds the parent's decoder what a worker taken over by a
// hostile file might print: it must never panic, never accept a page out
// of turn or over its caps.
func FuzzReadReplies(f *testing.F) {
	var good bytes.Buffer
	w := &frameSink{out: bufio.NewWriter(&good)}
	w.open(2, 3)
	w.page(app.PageText{Number: 1, Text: "Search warrant", Source: app.SourceText})
	w.warn("page 2: something")
	w.page(app.PageText{Number: 2, Source: app.SourceNone})
	w.send(reply{Kind: kindDone})
	w.out.Flush()
	f.Add(good.Bytes())
	f.Add(good.Bytes()[:good.Len()/2])
	f.Add([]byte("5 0\n{\"kind\":\"error\",\"code\":\"encrypted\"}"))
	f.Add([]byte("99999999999999 0\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		st := readReplies(bufio.NewReader(bytes.NewReader(data)), nil)
		for i, p := range st.doc.Pages {
			if p.Number != i+1 || len(p.Text) > maxPageText || p.Number > st.read {
				t.Fatalf("accepted page %d at %d of %d", p.Number, i, st.read)
			}
		}
		if len(st.doc.Warnings) > maxWarnings {
			t.Fatalf("%d warnings kept", len(st.doc.Warnings))
		}
	})
}

// FuzzReadRequest decodes the worker's side of the exchange.
func FuzzReadRequest(f *testing.F) {
	head, _ := sandbox.FrameHead(request{Memory: 1 << 30, Timeout: 10000, PerPage: 20, MaxPages: 2000}, 4)
	f.Add(append(head, "%PDF"...))
	f.Add([]byte("2 0\n{}"))
	f.Add([]byte("12 5\n{\"mem\":-1}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		q, pdf, err := readRequest(bufio.NewReader(bytes.NewReader(data)), nil)
		if err == nil && (q.Memory < 0 || q.MaxPages < 0 || int64(len(pdf)) > maxInput) {
			t.Fatalf("accepted %+v with %d bytes", q, len(pdf))
		}
	})
}

// FuzzContentWalk reads a page whose content stream is the input, through
// our own content walk and line rebuild: never a panic out of ReadPages,
// never more text than the caps.
func FuzzContentWalk(f *testing.F) {
	orders, _ := sampleorders.Generate(3, 4)
	stream := regexp.MustCompile(`(?s)stream\r?\n(.*?)endstream`)
	for _, o := range orders {
		for _, m := range stream.FindAllSubmatch(o.PDF, 3) {
			f.Add(m[1])
		}
	}
	for _, s := range []string{
		"BT /F1 12 Tf 72 700 Td (Hello) Tj ET",
		"BT /F1 12 Tf 2.5 Tc (Tf) Tj 0 -14 TD [(A) -250 (B)] TJ T* (x) ' 1 2 (y) \" ET",
		"q 1 0 0 1 0 0 cm BT 3 Tr /F1 0 Tf (invisible) Tj ET Q Q Q",
		"BT /F9 12 Tf <00010203> Tj ET",
		"/Im1 Do /Fm1 Do",
		"BT [(unclosed ET",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, content []byte) {
		doc, err := ReadPages(crafted.Craft(crafted.OnePage(string(content)), "", 0))
		if err != nil {
			return
		}
		for _, p := range doc.Pages {
			if len(p.Text) > maxPageText || len(p.Words) > maxWords {
				t.Fatalf("page of %d bytes, %d words", len(p.Text), len(p.Words))
			}
		}
	})
}
