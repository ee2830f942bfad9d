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
}
