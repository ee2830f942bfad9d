package app

import "context"

// MatterStore is what matters need of the store beyond Store: files kept
// with a case (correspondence, the letters written), retention's purge,
// and the matter settings. Each method is one step: what it changes is
// all saved or none of it is.
type MatterStore interface {
	MatterSettingsStore
	// SaveCaseFile replaces the stored case with c and stores data as
	// the file with the given ID (a NewCaseID), together.
	SaveCaseFile(ctx context.Context, c *Case, fileID string, data []byte) error
	// CaseFile returns a file stored with a case, or ENOTFOUND.
	CaseFile(ctx context.Context, fileID string) ([]byte, error)
	// PurgeCase replaces the stored case with c and deletes its original,
	// its page text and the files named, together.
	PurgeCase(ctx context.Context, c *Case, files []string) error
}
