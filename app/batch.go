package app

import "context"

// NewCase is one case to create: the case, the original file's bytes and
// the text of its pages, as Store.CreateCase takes them.
type NewCase struct {
	Case     *Case
	Original []byte
	Pages    []PageText
}

// BatchCreator is a Store that can create several cases in one
// transaction: an import of a folder commits (and syncs to disk) once for
// the files ready at the same moment, instead of once per file.
type BatchCreator interface {
	// CreateCases creates each case as CreateCase would and returns one
	// error (or nil) per case, in order: a duplicate is that case's
	// error, never the others'. Either every case without an error is
	// stored, or, when the store itself fails, each is given that error.
	CreateCases(ctx context.Context, cases []NewCase) []error
}
