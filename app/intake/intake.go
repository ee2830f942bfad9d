// Package intake brings orders in: it reads a PDF (through an isolated
// app.TextReader), extracts its fields, and files it as a case, one file at
// a time or a whole folder in parallel.
package intake

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/warrantdesk/warrantdesk/app"
)

// MaxFileSize is the largest PDF accepted. Real orders, even long scans, are
// a few tens of megabytes.
const MaxFileSize = 256 << 20

// Importer reads, extracts and stores orders.
type Importer struct {
	Reader    app.TextReader
	Extractor app.Extractor
	// Scanner reads pages without usable text by OCR; nil reads none.
	Scanner app.PageReader
	// OnOCR, if set, is told of each page OCR finishes (not concurrently).
	OnOCR func(file string, done, total int)
	// SplitBundles makes a case of each order in a file that bundles
	// several.
	SplitBundles bool
	// OnFields, if set, is given the fields found so far after each page
	// OCR reads, so a reviewer sees the first page's fields before a long
	// scan is done (not concurrently; the final fields come from Read).
	OnFields func(file string, ex app.Extraction)
	Store    app.Store // may be nil for Read
	Now      func() time.Time
	// Parallel is how many files are read at once (1 if < 1). The reader
	// bounds its own workers too.
	Parallel int
}

// Read is one file read and extracted, not stored.
type Read struct {
	File       string
	SHA256     string
	Size       int64
	Data       []byte
	Document   *app.Document
	Extraction app.Extraction // of the whole file
	// Parts lists the orders of a file that bundles several (nil
	// otherwise), each extracted on its own pages.
	Parts []Part
}

// Part is one order of a bundle.
type Part struct {
	Pages      app.PageRange
	Extraction app.Extraction
}

// Read reads and extracts one file.
func (im *Importer) Read(ctx context.Context, path string) (*Read, error) {
	data, err := readFile(path)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(data)
	var doc *app.Document
	if text, ok := plainText(data); ok {
		// Requests also arrive as e-mails and text files; they are read as
		// they are, with no PDF parser involved.
		doc = textDocument(text)
	} else if doc, err = im.Reader.ReadText(ctx, data); err != nil {
		// A file the text parser cannot open may still render: scans
		// with a damaged structure. Fall back to reading every page by OCR.
		doc = im.ocrOnly(ctx, data, err)
		if doc == nil {
			return nil, err
		}
	}
	if err := im.ocr(ctx, path, data, doc); err != nil {
		return nil, err
	}
	// Warnings about the file come before those about its fields.
	fileWarnings := append([]string{}, doc.Warnings...)
	if doc.TextSource == app.SourceNone {
		fileWarnings = append([]string{"no page has usable text (a scan?): the order is stored and marked as needing OCR"}, fileWarnings...)
	} else if n := pagesWithout(doc); n > 0 {
		fileWarnings = append([]string{fmt.Sprintf("%d of %d pages have no usable text and need OCR", n, len(doc.Pages))}, fileWarnings...)
	}
	// One pass: the extractor prepares the pages once, splits a bundle and
	// extracts each order from the same text.
	orders := im.Extractor.Read(doc)
	r := &Read{File: path, SHA256: hex.EncodeToString(sum[:]), Size: int64(len(data)), Data: data, Document: doc}
	if len(orders) > 1 {
		var names []string
		for _, o := range orders {
			r.Parts = append(r.Parts, Part{Pages: o.Pages, Extraction: o.Extraction})
			names = append(names, pageSpan(o.Pages))
		}
		// The file's fields are its first order's: the later orders'
		// values would otherwise conflict with them field by field.
		first := r.Parts[0].Extraction
		bundle := fmt.Sprintf("this file bundles %d orders (%s); the fields above are the first's — import with --split to make a case of each", len(orders), strings.Join(names, ", "))
		first.Warnings = append(append([]string{bundle}, fileWarnings...), first.Warnings...)
		r.Extraction = first
	} else {
		ex := orders[0].Extraction
		ex.Warnings = append(append([]string{}, fileWarnings...), ex.Warnings...)
		r.Extraction = ex
	}
	return r, nil
}

func pageSpan(r app.PageRange) string {
	if r.From == r.To {
		return fmt.Sprintf("page %d", r.From)
	}
	return fmt.Sprintf("pages %d–%d", r.From, r.To)
}

func pagesWithout(doc *app.Document) int {
	n := 0
	for _, p := range doc.Pages {
		if p.Source == app.SourceNone {
			n++
		}
	}
	return n
}

func readFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, app.Errorf(app.EINVALID, "no such file")
		}
		if errors.Is(err, fs.ErrPermission) {
			return nil, app.Errorf(app.EINVALID, "permission denied: WarrantDesk may not read this file")
		}
		return nil, &app.Error{Code: app.EINVALID, Message: "cannot open the file", Err: err}
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, &app.Error{Code: app.EINVALID, Message: "cannot open the file", Err: err}
	}
	if st.IsDir() {
		return nil, app.Errorf(app.EINVALID, "is a folder, not a PDF")
	}
	if st.Size() > MaxFileSize {
		return nil, app.Errorf(app.EINVALID, "the file is %d MB; WarrantDesk reads PDFs up to %d MB (split it, or ask for a smaller copy)", st.Size()>>20, MaxFileSize>>20)
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, &app.Error{Code: app.EINVALID, Message: "cannot read the file", Err: err}
	}
	return data, nil
}

// Outcome is what became of one file.
type Outcome struct {
	File      string
	CaseID    string   // the new case, or the one that already held the file
	More      []string // the cases of a bundle's other orders, when split
	Duplicate bool
	NeedsOCR  bool
	Case      *app.Case
	Err       error
}

// Import reads one file and files it as a new case, unless its bytes are
// already stored. With Split set, a file that bundles several orders
// becomes a case per order; the outcome names the first.
func (im *Importer) Import(ctx context.Context, path string) Outcome {
	r, err := im.Read(ctx, path)
	if err != nil {
		return Outcome{File: path, Err: err}
	}
	if im.SplitBundles && len(r.Parts) > 1 {
		var first Outcome
		for k, p := range r.Parts {
			pr := p.Pages
			o := im.store(ctx, path, r, p.Extraction, r.Document.Sub(pr), &pr)
			switch {
			case o.Err != nil:
				return o
			case k == 0:
				first = o
			default:
				first.More = append(first.More, o.CaseID)
			}
		}
		return first
	}
	return im.store(ctx, path, r, r.Extraction, r.Document, nil)
}

// store files one case: the whole file, or one order of a bundle.
func (im *Importer) store(ctx context.Context, path string, r *Read, ex app.Extraction, doc *app.Document, part *app.PageRange) Outcome {
	now := im.now()
	c := &app.Case{
		ID:     app.NewCaseID(),
		Status: app.StatusNew,
		Order: app.Order{
			FileName:   filepath.Base(path),
			SHA256:     r.SHA256,
			Part:       part,
			Size:       r.Size,
			Pages:      len(doc.Pages),
			TextSource: doc.TextSource,
			NeedsOCR:   pagesWithout(doc) > 0,
			ImportedAt: now,
			Extraction: ex,
		},
		History:   []app.Event{{At: now, Actor: "warrantdesk", Action: "imported", Detail: filepath.Base(path)}},
		CreatedAt: now,
		UpdatedAt: now,
	}
	err := im.Store.CreateCase(ctx, c, r.Data, doc.Pages)
	var dup *app.DuplicateError
	if errors.As(err, &dup) {
		return Outcome{File: path, CaseID: dup.CaseID, Duplicate: true}
	}
	if err != nil {
		return Outcome{File: path, Err: err}
	}
	return Outcome{File: path, CaseID: c.ID, NeedsOCR: c.Order.NeedsOCR, Case: c}
}

func (im *Importer) now() time.Time {
	if im.Now != nil {
		return im.Now()
	}
	return time.Now()
}

// ImportAll imports every file in paths, expanding folders to the PDFs in
// them, and calls progress after each file (from the goroutine that did it;
// calls do not overlap). One file's failure does not stop the others.
func (im *Importer) ImportAll(ctx context.Context, paths []string, progress func(done, total int, o Outcome)) []Outcome {
	files, errs := Expand(paths)
	total := len(files) + len(errs)
	out := make([]Outcome, 0, total)
	var mu sync.Mutex
	record := func(o Outcome) {
		mu.Lock()
		defer mu.Unlock()
		out = append(out, o)
		if progress != nil {
			progress(len(out), total, o)
		}
	}
	for _, e := range errs {
		record(e)
	}
	n := im.Parallel
	if n < 1 {
		n = 1
	}
	jobs := make(chan string)
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for f := range jobs {
				if ctx.Err() != nil {
					record(Outcome{File: f, Err: app.Errorf(app.EINVALID, "cancelled before it was read")})
					continue
				}
				record(im.safeImport(ctx, f))
			}
		}()
	}
	for _, f := range files {
		jobs <- f
	}
	close(jobs)
	wg.Wait()
	return out
}

// Expand turns files and folders into a sorted list of files: folders are
// walked for *.pdf (any case); files named directly are kept whatever their
// extension, so the reader can say what is wrong with them.
func Expand(paths []string) ([]string, []Outcome) {
	var files []string
	var errs []Outcome
	seen := map[string]bool{}
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			errs = append(errs, Outcome{File: p, Err: app.Errorf(app.EINVALID, "no such file or folder")})
			continue
		}
		if !st.IsDir() {
			if !seen[p] {
				seen[p] = true
				files = append(files, p)
			}
			continue
		}
		var found []string
		walkErr := filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				errs = append(errs, Outcome{File: path, Err: app.Errorf(app.EINVALID, "cannot read this folder: %v", err)})
				return nil
			}
			if !d.IsDir() && strings.EqualFold(filepath.Ext(path), ".pdf") && !seen[path] {
				seen[path] = true
				found = append(found, path)
			}
			return nil
		})
		if walkErr != nil {
			errs = append(errs, Outcome{File: p, Err: walkErr})
		}
		sort.Strings(found)
		files = append(files, found...)
	}
	return files, errs
}

// plainText returns data as text when it is not a PDF but UTF-8 text: no
// PDF header near the start, valid UTF-8, and almost no control bytes.
func plainText(data []byte) (string, bool) {
	head := data[:min(len(data), 1024)]
	if bytes.Contains(head, []byte("%PDF-")) || len(data) == 0 || !utf8.Valid(data) {
		return "", false
	}
	control := 0
	for _, b := range data {
		if b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f' {
			control++
		}
	}
	return string(data), control*100 < len(data)
}

// textDocument makes a document of a text file: form feeds separate pages.
func textDocument(text string) *app.Document {
	doc := &app.Document{}
	for i, p := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\f") {
		src := app.SourceText
		if strings.TrimSpace(p) == "" {
			src = app.SourceNone
		}
		doc.Pages = append(doc.Pages, app.PageText{Number: i + 1, Text: p, Source: src})
	}
	doc.TextSource = app.SourceText
	return doc
}

// ocrOnly makes a document of blank pages for a PDF the text reader could
// not open, when OCR is there and the renderer can count its pages; nil
// otherwise (an encrypted file stays refused).
func (im *Importer) ocrOnly(ctx context.Context, data []byte, readErr error) *app.Document {
	if im.Scanner == nil || app.ErrorCode(readErr) != app.EUNREADABLE || strings.Contains(app.ErrorMessage(readErr), "encrypted") || im.Scanner.Available() != nil {
		return nil
	}
	n, err := im.Scanner.PageCount(ctx, data)
	if err != nil || n < 1 {
		return nil
	}
	doc := &app.Document{TextSource: app.SourceNone, Warnings: []string{app.ErrorMessage(readErr) + "; its pages are read by OCR instead"}}
	for i := 1; i <= min(n, 2000); i++ {
		doc.Pages = append(doc.Pages, app.PageText{Number: i, Source: app.SourceNone})
	}
	return doc
}

// ocr reads the pages without usable text by OCR, when there is a
// scanner. Tesseract missing is a warning, not a failure: the order is
// stored and marked as needing OCR. Only cancellation is an error.
func (im *Importer) ocr(ctx context.Context, path string, data []byte, doc *app.Document) error {
	var need []int
	for _, p := range doc.Pages {
		if p.Source == app.SourceNone {
			need = append(need, p.Number)
		}
	}
	if len(need) == 0 || im.Scanner == nil {
		return nil
	}
	if err := im.Scanner.Available(); err != nil {
		doc.Warnings = append(doc.Warnings, app.ErrorMessage(err))
		return nil
	}
	// partial is the document as read so far, for OnFields.
	partial := &app.Document{Pages: append([]app.PageText{}, doc.Pages...)}
	pages, warnings, err := im.Scanner.ReadPages(ctx, data, need, func(done, total int, p app.PageText) {
		if im.OnOCR != nil {
			im.OnOCR(path, done, total)
		}
		if im.OnFields != nil {
			for k := range partial.Pages {
				if partial.Pages[k].Number == p.Number {
					partial.Pages[k] = p
				}
			}
			partial.TextSource = app.SourceOf(partial.Pages)
			im.OnFields(path, im.Extractor.Extract(partial))
		}
	})
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		doc.Warnings = append(doc.Warnings, "OCR failed: "+app.ErrorMessage(err))
		return nil
	}
	byNumber := map[int]app.PageText{}
	for _, p := range pages {
		byNumber[p.Number] = p
	}
	for i, p := range doc.Pages {
		if o, ok := byNumber[p.Number]; ok {
			doc.Pages[i] = o
		}
	}
	doc.Warnings = append(doc.Warnings, warnings...)
	doc.TextSource = app.SourceOf(doc.Pages)
	return nil
}

// safeImport imports one file, turning a panic into that file's failure:
// one bad file must not end an import of hundreds, nor the app.
func (im *Importer) safeImport(ctx context.Context, path string) (o Outcome) {
	defer func() {
		if r := recover(); r != nil {
			o = Outcome{File: path, Err: &app.Error{Code: app.EINTERNAL, Message: fmt.Sprintf("internal error while importing: %v (please report it; nothing saved was lost)", r)}}
		}
	}()
	return im.Import(ctx, path)
}
