// Package bench measures WarrantDesk at scale beside references run on the
// same machine at the same time (`warrantdesk bench`, docs/PERFORMANCE.md):
// it builds stores of a given number of cases from generated orders with
// many distinct bases, then times what a reviewer waits for — search per
// keystroke, launch to a usable desk and its memory, list and export —
// and, when asked, import against pdftotext and OCR against pdftoppm and
// tesseract. Everything that reads a store or a file runs as a process of
// the binary itself, so each figure is that command's own, as a user would
// see it.
package bench

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/warrantdesk/warrantdesk/app"
	"github.com/warrantdesk/warrantdesk/app/extract"
	"github.com/warrantdesk/warrantdesk/app/pdftext"
	"github.com/warrantdesk/warrantdesk/app/sampleorders"
)

// base is one generated order as an import would file it.
type base struct {
	c     *app.Case
	pdf   []byte
	pages []app.PageText
}

// bases generates n distinct orders (every kind, many seeds) and reads and
// extracts each once. The orders are our own generated files, so they are
// parsed in this process.
func bases(n int, seed uint64) ([]base, error) {
	var out []base
	ex := extract.New()
	now := time.Now()
	for s := seed; len(out) < n; s++ {
		orders, err := sampleorders.Generate(s, min(19, n-len(out)))
		if err != nil {
			return nil, err
		}
		for _, o := range orders {
			doc, err := pdftext.ReadPages(o.PDF)
			if err != nil {
				return nil, fmt.Errorf("generated order %s: %w", o.Name, err)
			}
			sum := sha256.Sum256(o.PDF)
			c := &app.Case{Status: app.StatusNew, CreatedAt: now, UpdatedAt: now, Order: app.Order{
				FileName: o.Name + ".pdf", SHA256: hex.EncodeToString(sum[:]), Size: int64(len(o.PDF)),
				Pages: len(doc.Pages), TextSource: doc.TextSource, ImportedAt: now, Extraction: ex.Extract(doc),
			}}
			out = append(out, base{c, o.PDF, doc.Pages})
		}
	}
	return out, nil
}

// variant is case i of a store: its base's order with its own numbers
// (case number, targets, dates moved), its own original (the base's bytes
// and a trailing comment, so the duplicate check keeps them apart) and
// its own import time. Names of people and offices repeat across cases,
// as they do in a real inbox.
func variant(b base, i int, now time.Time) app.NewCase {
	pdf := append(append([]byte{}, b.pdf...), fmt.Sprintf("\n%% bench case %d\n", i)...)
	sum := sha256.Sum256(pdf)
	c := variantCase(b, i, now)
	c.Order.SHA256, c.Order.Size = hex.EncodeToString(sum[:]), int64(len(pdf))
	return app.NewCase{Case: c, Original: pdf, Pages: b.pages}
}

// variantCase is variant's case without its original: what a search
// over a million cases is built from in memory.
func variantCase(b base, i int, now time.Time) *app.Case {
	c := *b.c
	c.ID = app.NewCaseID()
	ex := c.Order.Extraction
	ex.Fields = make(map[string]app.Field, len(b.c.Order.Extraction.Fields))
	for k, f := range b.c.Order.Extraction.Fields {
		switch k {
		case app.FieldCaseNumber, app.FieldAgentPhone:
			f.Value = vary(f.Value, i)
		case app.FieldIssuedDate, app.FieldDeadline, app.FieldDateRangeStart, app.FieldDateRangeEnd:
			if d, err := time.Parse(time.DateOnly, f.Value); err == nil {
				f.Value = d.AddDate(0, 0, -(i % 700)).Format(time.DateOnly)
			}
		}
		ex.Fields[k] = f
	}
	ex.Targets = make([]app.Target, len(b.c.Order.Extraction.Targets))
	for k, t := range b.c.Order.Extraction.Targets {
		t.Value = varyTarget(t, i)
		ex.Targets[k] = t
	}
	at := now.Add(-time.Duration(i) * time.Minute)
	c.Order = app.Order{FileName: fmt.Sprintf("%07d-%s", i, b.c.Order.FileName),
		Pages: c.Order.Pages, TextSource: c.Order.TextSource, ImportedAt: at, Extraction: ex}
	c.CreatedAt, c.UpdatedAt = at, at
	c.History = []app.Event{{At: at, Actor: "warrantdesk", Action: "imported", Detail: c.Order.FileName}}
	return &c
}

// vary gives s's last run of digits the digits of i (as many as it has),
// so the same base yields many case numbers of the same shape.
func vary(s string, i int) string {
	end := strings.LastIndexFunc(s, isDigit)
	if end < 0 {
		return s + "-" + strconv.Itoa(i)
	}
	start := end
	for start > 0 && isDigit(rune(s[start-1])) {
		start--
	}
	n := end - start + 1
	mod := 1
	for k := 0; k < n && k < 9; k++ {
		mod *= 10
	}
	d := fmt.Sprintf("%0*d", n, (i*7919+int(s[start]))%mod)
	return s[:start] + d[len(d)-n:] + s[end+1:]
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// varyTarget makes a target the case's own: an e-mail's local part, a
// phone's last digits, a name with a number.
func varyTarget(t app.Target, i int) string {
	switch {
	case t.Kind == app.TargetEmail && strings.Contains(t.Value, "@"):
		local, domain, _ := strings.Cut(t.Value, "@")
		return fmt.Sprintf("%s%d@%s", strings.TrimRightFunc(local, isDigit), i, domain)
	case strings.IndexFunc(t.Value, isDigit) >= 0:
		return vary(t.Value, i)
	}
	return fmt.Sprintf("%s%d", t.Value, i)
}

// Fill stores n cases made from bs, batch at a time, and returns how long
// it took.
func Fill(ctx context.Context, store app.BatchCreator, bs []base, n int) (time.Duration, error) {
	start := time.Now()
	now := time.Now()
	const batch = 500
	for i := 0; i < n; i += batch {
		var cases []app.NewCase
		for k := i; k < min(i+batch, n); k++ {
			cases = append(cases, variant(bs[k%len(bs)], k, now))
		}
		for _, err := range store.CreateCases(ctx, cases) {
			if err != nil {
				return 0, err
			}
		}
		if err := ctx.Err(); err != nil {
			return 0, err
		}
	}
	return time.Since(start), nil
}
