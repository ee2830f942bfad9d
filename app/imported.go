package app

// ImportOutcome is what became of one file brought in: the cases it made,
// the case that already held its bytes, or why it failed. The importer
// gives one per file, and both front ends show it as they see fit.
type ImportOutcome struct {
	File string
	// CaseIDs are the new cases: one, or one per order of a bundle split
	// on import, in page order. With Duplicate, the case that already
	// holds the file (its first order's, for a split bundle).
	CaseIDs   []string
	Duplicate bool
	// NeedsOCR is set when some page of the order has no usable text.
	NeedsOCR bool
	// OCRMissing, with NeedsOCR, is why those pages were not read: the OCR
	// program is not installed (its message has the install command for
	// the OS). Nil when OCR ran or was turned off.
	OCRMissing error
	Err        error
}

// Created returns the IDs of the cases the import made (none when the file
// was a duplicate or failed).
func (o ImportOutcome) Created() []string {
	if o.Err != nil || o.Duplicate {
		return nil
	}
	return o.CaseIDs
}
