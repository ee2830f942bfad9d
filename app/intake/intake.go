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

	"golang.org/x/sync/semaphore"

	"github.com/warrantdesk/warrantdesk/app"
)

// MaxFileSize is the largest PDF accepted. Real orders, even long scans, are
// a few tens of megabytes.
const MaxFileSize = 256 << 20

// The per-file budget for pages without text, by default.
const (
	// DefaultMaxPages is how many pages of a file the text reader could
	// not open are kept for OCR, as the text reader keeps of the others.
	DefaultMaxPages = 2000
	// DefaultOCRPages is how many pages of one file are OCR'd: a scan
	// of that length takes about 8 minutes on two cores.
	DefaultOCRPages = 300
	// DefaultOCRTime is how long the OCR of one file may take.
	DefaultOCRTime = 15 * time.Minute
	// InFlight caps the bytes of the files being read at once, so the
	// app's own memory stays bounded however large the files of a folder
	// are: one file of MaxFileSize, or many small ones.
	InFlight = MaxFileSize
)

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
	// bounds its own workers too, and InFlight the bytes.
	Parallel int
	// MaxPages, OCRPages and OCRTime are the per-file budget for pages
	// without text (the Default… values if zero). What they cut is said
	// in a warning on the case, and the pages cut stay marked as needing
	// OCR.
	MaxPages int
	OCRPages int
	OCRTime  time.Duration
}

// inflight holds the bytes of the files being read in this process: one
// for every importer, as the memory it guards is the process's.
var inflight = semaphore.NewWeighted(InFlight)

func (im *Importer) budget() (maxPages, ocrPages int, ocrTime time.Duration) {
	maxPages, ocrPages, ocrTime = im.MaxPages, im.OCRPages, im.OCRTime
	if maxPages <= 0 {
		maxPages = DefaultMaxPages
	}
	if ocrPages <= 0 {
		ocrPages = DefaultOCRPages
	}
	if ocrTime <= 0 {
		ocrTime = DefaultOCRTime
	}
	return
}

// hold waits for room for path's bytes among the files in flight and
// returns what gives it back. Files are held in the order they are
// dispatched, so the earliest always gets its room and nothing deadlocks.
func (im *Importer) hold(ctx context.Context, path string) (func(), error) {
	n := int64(0)
	if st, err := os.Stat(path); err == nil && st.Mode().IsRegular() {
		n = min(st.Size(), InFlight)
	}
	if err := inflight.Acquire(ctx, n); err != nil {
		return nil, err
	}
	var once sync.Once
	return func() { once.Do(func() { inflight.Release(n) }) }, nil
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
		bundle := fmt.Sprintf("this file bundles %d orders (%s); the fields above are the first's — import it split to make a case of each order", len(orders), strings.Join(names, ", "))
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

// readFile reads a file named directly or found in a folder. It refuses
// what is not a regular file (a named pipe, a device, a socket: reading
// them blocks forever or never ends) and what is larger than MaxFileSize,
// looking at the file it opened, not at the name, so nothing can be
// swapped in between.
func readFile(path string) ([]byte, error) {
	f, err := openFile(path)
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
	if !st.Mode().IsRegular() {
		return nil, app.Errorf(app.EINVALID, "is %s, not a regular file: not read", kindOf(st.Mode()))
	}
	if st.Size() > MaxFileSize {
		return nil, app.Errorf(app.EINVALID, "the file is %d MB; WarrantDesk reads PDFs up to %d MB (split it, or ask for a smaller copy)", st.Size()>>20, MaxFileSize>>20)
	}
	// Read into a buffer of the file's size: growing one by doubling, as
	// io.ReadAll does, holds two or three times a large file at once.
	// The size may have grown since Stat: never read past the cap.
	buf := bytes.NewBuffer(make([]byte, 0, st.Size()+bytes.MinRead))
	if _, err := buf.ReadFrom(io.LimitReader(f, MaxFileSize+1)); err != nil {
		return nil, &app.Error{Code: app.EINVALID, Message: "cannot read the file", Err: err}
	}
	data := buf.Bytes()
	if len(data) > MaxFileSize {
		return nil, app.Errorf(app.EINVALID, "the file grew past %d MB while it was read", MaxFileSize>>20)
	}
	return data, nil
}

// kindOf names a file type that is not a regular file.
func kindOf(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	case m.IsDir():
		return "a folder"
	}
	return "a special file"
}

// Outcome is what became of one file (the domain's ImportOutcome, named
// here for the importer's callers).
type Outcome = app.ImportOutcome

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
				first.CaseIDs = append(first.CaseIDs, o.CaseIDs...)
				first.NeedsOCR = first.NeedsOCR || o.NeedsOCR
				if first.OCRMissing == nil {
					first.OCRMissing = o.OCRMissing
				}
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
		return Outcome{File: path, CaseIDs: []string{dup.CaseID}, Duplicate: true}
	}
	if err != nil {
		return Outcome{File: path, Err: err}
	}
	o := Outcome{File: path, CaseIDs: []string{c.ID}, NeedsOCR: c.Order.NeedsOCR}
	if o.NeedsOCR && im.Scanner != nil {
		o.OCRMissing = im.Scanner.Available()
	}
	return o
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
	im.dispatch(ctx, files, func(_ int, f string, release func()) {
		defer release()
		if ctx.Err() != nil {
			record(Outcome{File: f, Err: cancelled()})
			return
		}
		record(im.safeImport(ctx, f))
	})
	return out
}

func cancelled() error { return app.Errorf(app.EINVALID, "cancelled before it was read") }

// dispatch runs work on every file, im.Parallel at once, each holding its
// room among the files in flight (hold) until it calls release. Files are
// held in order, on this goroutine. A file never started because ctx ended
// is still given to work, with a release that does nothing.
func (im *Importer) dispatch(ctx context.Context, files []string, work func(i int, f string, release func())) {
	n := max(im.Parallel, 1)
	type job struct {
		i       int
		f       string
		release func()
	}
	jobs := make(chan job)
	var wg sync.WaitGroup
	for w := 0; w < n; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				work(j.i, j.f, j.release)
			}
		}()
	}
	for i, f := range files {
		release, err := im.hold(ctx, f)
		if err != nil {
			release = func() {}
		}
		jobs <- job{i, f, release}
	}
	close(jobs)
	wg.Wait()
}

// ReadAll reads and extracts files several at once, as extract does, and
// calls each for every file in the order given, one at a time. A file's
// bytes are let go once each has returned, and no more files are read
// ahead than the room in flight allows.
func (im *Importer) ReadAll(ctx context.Context, files []string, each func(file string, r *Read, err error)) {
	type result struct {
		r       *Read
		err     error
		release func()
	}
	results := make([]chan result, len(files))
	for i := range results {
		results[i] = make(chan result, 1)
	}
	go im.dispatch(ctx, files, func(i int, f string, release func()) {
		if ctx.Err() != nil {
			results[i] <- result{nil, cancelled(), release}
			return
		}
		r, err := im.safeRead(ctx, f)
		results[i] <- result{r, err, release}
	})
	for i, f := range files {
		res := <-results[i]
		each(f, res.r, res.err)
		res.release()
	}
}

// safeRead is Read with a panic turned into that file's failure.
func (im *Importer) safeRead(ctx context.Context, path string) (r *Read, err error) {
	defer func() {
		if p := recover(); p != nil {
			r, err = nil, &app.Error{Code: app.EINTERNAL, Message: fmt.Sprintf("internal error while reading: %v (please report it)", p)}
		}
	}()
	return im.Read(ctx, path)
}

// Expand turns files and folders into a sorted list of files: folders are
// walked for *.pdf (any case); files named directly are kept whatever their
// extension, so the reader can say what is wrong with them. A folder walk
// takes regular files only, and reports (as outcomes with an error) what
// it leaves: named pipes, devices and sockets named *.pdf, folders named
// *.pdf (not walked: an import takes what it was shown), and links that
// lead out of the folder or to a folder. A link to a file inside the folder
// is taken as that file.
func Expand(paths []string) ([]string, []Outcome) {
	var files []string
	var errs []Outcome
	seen := map[string]bool{}
	add := func(list *[]string, shown, real string) {
		if !seen[real] {
			seen[real] = true
			*list = append(*list, shown)
		}
	}
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			errs = append(errs, Outcome{File: p, Err: app.Errorf(app.EINVALID, "no such file or folder")})
			continue
		}
		if !st.IsDir() {
			add(&files, p, realPath(p))
			continue
		}
		root := realPath(p)
		var found []string
		walkErr := filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				errs = append(errs, Outcome{File: path, Err: app.Errorf(app.EINVALID, "cannot read this folder: %v", err)})
				return nil
			}
			if path == p || !strings.EqualFold(filepath.Ext(path), ".pdf") {
				return nil
			}
			refuse := func(format string, args ...any) {
				errs = append(errs, Outcome{File: path, Err: app.Errorf(app.EINVALID, format, args...)})
			}
			switch t := d.Type(); {
			case d.IsDir():
				refuse("is a folder named like a PDF: not imported (name it on its own to import the files in it)")
				return fs.SkipDir
			case t&fs.ModeSymlink != 0:
				target, err := filepath.EvalSymlinks(path)
				if err != nil {
					refuse("is a link to nothing: not imported")
					return nil
				}
				if !inside(root, target) {
					refuse("is a link to %s, outside the folder: not imported (import that file by name if it is wanted)", target)
					return nil
				}
				tst, err := os.Stat(target)
				switch {
				case err != nil:
					refuse("is a link that cannot be followed: not imported")
				case tst.IsDir():
					refuse("is a link to a folder: not followed")
				case !tst.Mode().IsRegular():
					refuse("is a link to %s: not imported", kindOf(tst.Mode()))
				default:
					add(&found, path, target)
				}
			case !t.IsRegular():
				refuse("is %s, not a regular file: not imported", kindOf(t))
			default:
				add(&found, path, realPath(path))
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

// realPath is path with every link resolved, absolute, or path itself when
// that fails.
func realPath(path string) string {
	if r, err := filepath.EvalSymlinks(path); err == nil {
		if a, err := filepath.Abs(r); err == nil {
			return a
		}
	}
	if a, err := filepath.Abs(path); err == nil {
		return a
	}
	return path
}

// inside reports whether target lies in the folder root (both resolved).
func inside(root, target string) bool {
	t, err := filepath.Abs(target)
	if err != nil {
		return false
	}
	rel, err := filepath.Rel(root, t)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
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
	if im.Scanner == nil || app.ErrorCode(readErr) != app.EUNREADABLE || im.Scanner.Available() != nil {
		return nil
	}
	n, err := im.Scanner.PageCount(ctx, data)
	if err != nil || n < 1 {
		return nil
	}
	maxPages, _, _ := im.budget()
	doc := &app.Document{TextSource: app.SourceNone, Warnings: []string{app.ErrorMessage(readErr) + "; its pages are read by OCR instead"}}
	if n > maxPages {
		doc.Warnings = append(doc.Warnings, app.NotRead(maxPages+1, n, fmt.Sprintf("WarrantDesk reads the first %s pages of a file", app.Thousands(maxPages))))
	}
	for i := 1; i <= min(n, maxPages); i++ {
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
	_, ocrPages, ocrTime := im.budget()
	if len(need) > ocrPages {
		doc.Warnings = append(doc.Warnings, app.PagesNotRead(need[ocrPages:], fmt.Sprintf("WarrantDesk OCRs %s pages of a file at most; they stay marked as needing OCR", app.Thousands(ocrPages))))
		need = need[:ocrPages]
	}
	octx, cancel := context.WithTimeout(ctx, ocrTime)
	defer cancel()
	// partial is the document as read so far, for OnFields.
	partial := &app.Document{Pages: append([]app.PageText{}, doc.Pages...)}
	pages, warnings, err := im.Scanner.ReadPages(octx, data, need, func(done, total int, p app.PageText) {
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
	switch {
	case ctx.Err() != nil:
		return ctx.Err()
	case errors.Is(err, context.DeadlineExceeded):
		// Out of time: keep what was read, name what was not.
		read := map[int]bool{}
		for _, p := range pages {
			read[p.Number] = true
		}
		var left []int
		for _, n := range need {
			if !read[n] {
				left = append(left, n)
			}
		}
		if len(left) > 0 {
			warnings = append(warnings, app.PagesNotRead(left, fmt.Sprintf("the file's OCR ran past its %s; they stay marked as needing OCR", app.FormatDuration(ocrTime)+" time budget")))
		}
	case err != nil:
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
