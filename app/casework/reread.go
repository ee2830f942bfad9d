package casework

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/warrantdesk/warrantdesk/app"
)

// RunOCR reads by OCR the pages of case id that have no usable text (a
// case imported without Tesseract, or with OCR off), extracts the order
// again from the whole text, and stores the new text and extraction; the
// reviewer's corrections stay beside it. progress is told of each page
// (not concurrently). A case with every page read is EINVALID; without
// Tesseract the error says what to install.
func (s *Service) RunOCR(ctx context.Context, id string, progress func(done, total int)) (*app.Case, error) {
	if s.importer == nil || s.importer.Scanner == nil || s.importer.Extractor == nil {
		return nil, app.Errorf(app.EINVALID, "OCR is off in this WarrantDesk (started with --no-ocr): start it without, then run OCR again")
	}
	if err := s.importer.Scanner.Available(); err != nil {
		return nil, err
	}
	// Reading takes minutes: it runs outside the lock, and the result is
	// applied to the case as it is stored then.
	pages, read, warnings, err := s.readByOCR(ctx, id, progress)
	if err != nil {
		return nil, err
	}
	doc := &app.Document{Pages: pages, TextSource: app.SourceOf(pages)}
	ex := s.importer.Extractor.Extract(doc)
	left := 0
	for _, p := range pages {
		if p.Source == app.SourceNone {
			left++
		}
	}
	if left > 0 {
		ex.Warnings = append([]string{fmt.Sprintf("%d of %d pages still have no usable text", left, len(pages))}, ex.Warnings...)
	}
	ex.Warnings = append(ex.Warnings, warnings...)
	return s.apply(ctx, id, func(c *app.Case) (bool, []app.PageText, error) {
		if c.Decided() {
			return false, nil, app.Errorf(app.ECONFLICT, "the case was decided while OCR ran: reopen it, then run OCR again")
		}
		c.Order.Extraction, c.Order.TextSource, c.Order.NeedsOCR = ex, doc.TextSource, left > 0
		c.History = append(slices.Clone(c.History), app.Event{At: s.now(), Actor: "warrantdesk", Action: "read by OCR",
			Detail: fmt.Sprintf("%s read; the extraction was made again", app.Plural(read, "page"))})
		c.UpdatedAt = s.now()
		return true, pages, nil
	}, nil)
}

// readByOCR reads case id's pages without text by OCR and returns all its
// pages with them in place, how many were read, and OCR's warnings.
func (s *Service) readByOCR(ctx context.Context, id string, progress func(done, total int)) ([]app.PageText, int, []string, error) {
	if _, err := s.store.Case(ctx, id); err != nil {
		return nil, 0, nil, err
	}
	pages, err := s.store.Pages(ctx, id)
	if err != nil {
		return nil, 0, nil, err
	}
	var need []int
	for _, p := range pages {
		if p.Source == app.SourceNone {
			need = append(need, p.Number)
		}
	}
	if len(need) == 0 {
		return nil, 0, nil, app.Errorf(app.EINVALID, "every page of this order has text already: there is nothing for OCR to read")
	}
	pdf, err := s.store.Original(ctx, id)
	if err != nil {
		return nil, 0, nil, err
	}
	read, warnings, err := s.importer.Scanner.ReadPages(ctx, pdf, need, func(done, total int, _ app.PageText) {
		if progress != nil {
			progress(done, total)
		}
	})
	if err != nil {
		return nil, 0, nil, err
	}
	pages = slices.Clone(pages)
	byNumber := map[int]app.PageText{}
	for _, p := range read {
		byNumber[p.Number] = p
	}
	for i, p := range pages {
		if o, ok := byNumber[p.Number]; ok {
			pages[i] = o
		}
	}
	return pages, len(read), warnings, nil
}

// SplitBundle makes a case of each order in case id's file, when the file
// bundles several (a letter and the order it covers, two NSLs in one
// scan), and marks case id as split into them (app.StatusSplit); the new
// cases keep the original and its pages, and each order's own extraction.
// It returns the new cases' IDs in page order. A case that holds one order
// is EINVALID.
func (s *Service) SplitBundle(ctx context.Context, id string) ([]string, error) {
	if s.importer == nil || s.importer.Extractor == nil {
		return nil, app.Errorf(app.EINTERNAL, "splitting is not available here")
	}
	ctx = s.acting(ctx)
	c, err := s.store.Case(ctx, id)
	if err != nil {
		return nil, err
	}
	switch {
	case c.Order.Part != nil || c.SplitFrom != "":
		return nil, app.Errorf(app.EINVALID, "this case is already one order of a split file")
	case c.Status == app.StatusSplit:
		return nil, app.Errorf(app.EINVALID, "this file was split already, into %s", app.Plural(len(c.SplitInto), "case"))
	case c.Decided():
		return nil, app.Errorf(app.ECONFLICT, "the case is decided: reopen it before splitting its file")
	}
	pages, err := s.store.Pages(ctx, id)
	if err != nil {
		return nil, err
	}
	doc := &app.Document{Pages: pages, TextSource: app.SourceOf(pages)}
	ranges := s.importer.Extractor.Split(doc)
	if len(ranges) < 2 {
		return nil, app.Errorf(app.EINVALID, "WarrantDesk finds one order in this file: there is nothing to split")
	}
	pdf, err := s.store.Original(ctx, id)
	if err != nil {
		return nil, err
	}
	now := s.now()
	var ids []string
	for _, r := range ranges {
		sub := doc.Sub(r)
		part := r
		k := &app.Case{
			ID: app.NewCaseID(), Status: app.StatusNew, SplitFrom: c.ID,
			Order: app.Order{
				FileName: c.Order.FileName, SHA256: c.Order.SHA256, Part: &part, Size: c.Order.Size,
				Pages: len(sub.Pages), TextSource: sub.TextSource, NeedsOCR: c.Order.NeedsOCR && sub.TextSource != app.SourceText,
				ImportedAt: c.Order.ImportedAt, Extraction: s.importer.Extractor.Extract(sub),
			},
			History:   []app.Event{{At: now, Actor: "warrantdesk", Action: "split", Detail: fmt.Sprintf("pages %d–%d of case %s", r.From, r.To, c.ShortID())}},
			CreatedAt: now, UpdatedAt: now,
		}
		if err := s.store.CreateCase(ctx, k, pdf, sub.Pages); err != nil {
			// An order imported split before already has its case.
			var dup *app.DuplicateError
			if errors.As(err, &dup) {
				ids = append(ids, dup.CaseID)
				continue
			}
			return ids, err
		}
		ids = append(ids, k.ID)
	}
	_, err = s.change(ctx, id, func(c *app.Case) (bool, error) {
		c.Status, c.SplitInto = app.StatusSplit, ids
		c.Draft = nil
		c.History = append(slices.Clone(c.History), app.Event{At: now, Actor: "warrantdesk", Action: "split", Detail: fmt.Sprintf("into %s", app.Plural(len(ids), "case"))})
		c.UpdatedAt = now
		return true, nil
	})
	return ids, err
}

// BundleParts returns the page ranges of the orders case id's file holds:
// one for an ordinary order, several for a bundle the desk can split.
func (s *Service) BundleParts(ctx context.Context, id string) ([]app.PageRange, error) {
	if s.importer == nil || s.importer.Extractor == nil {
		return nil, nil
	}
	pages, err := s.store.Pages(ctx, id)
	if err != nil {
		return nil, err
	}
	return s.importer.Extractor.Split(&app.Document{Pages: pages, TextSource: app.SourceOf(pages)}), nil
}
