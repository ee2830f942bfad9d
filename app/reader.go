package app

import "context"

// TextReader reads the text of each page of a PDF. Implementations must
// survive hostile input: a PDF that cannot be read yields an EUNREADABLE
// error, never a crash of the caller.
type TextReader interface {
	ReadText(ctx context.Context, pdf []byte) (*Document, error)
}

// Extractor finds an order's fields in its text.
type Extractor interface {
	Extract(doc *Document) Extraction
	// Split returns the page ranges of the orders a file bundles: one
	// range for an ordinary file.
	Split(doc *Document) []PageRange
	// Read prepares doc's text once, tells apart the orders it bundles
	// and extracts each from that same text: one part for an ordinary
	// file. A cover letter, a fax cover sheet or an application goes with
	// the order it accompanies.
	Read(doc *Document) []OrderPart
	// Text is pages' text as the extractor reads it (cleaned, OCR's
	// confusions undone), so the review checks read the same text.
	Text(pages []PageText) string
}

// OrderPart is one order of a file and what was extracted from it.
type OrderPart struct {
	Pages      PageRange  `json:"page_range"`
	Extraction Extraction `json:"extraction"`
}

// PageReader reads pages that have no usable text, from their images (OCR).
type PageReader interface {
	// Available returns nil when it can run, else an error that says what
	// to install.
	Available() error
	// PageCount counts the pages of a PDF the text reader could not open.
	PageCount(ctx context.Context, pdf []byte) (int, error)
	// ReadPages reads the given pages (1-based), calling progress after
	// each. It returns the pages in the order asked and warnings about weak
	// ones.
	ReadPages(ctx context.Context, pdf []byte, pages []int, progress func(done, total int, p PageText)) ([]PageText, []string, error)
}
