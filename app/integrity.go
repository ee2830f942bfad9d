package app

import "context"

// Integrity is what a check of the stored data found (warrantdesk check).
type Integrity struct {
	File  string `json:"file"`
	Cases int    `json:"cases"` // case records that read back whole
	// Encrypted says whether the store is sealed under a passphrase.
	Encrypted bool `json:"encrypted"`
	// AuditEntries and AuditHead are the audit trail's length and head
	// (SIZE:HASH) as verified.
	AuditEntries int64           `json:"audit_entries"`
	AuditHead    string          `json:"audit_head"`
	Damaged      []DamagedRecord `json:"damaged"`
	// Problems are faults of the file's own structure and of its indexes,
	// each in words.
	Problems []string `json:"problems"`
}

// OK reports whether nothing was found wrong.
func (i Integrity) OK() bool { return len(i.Damaged) == 0 && len(i.Problems) == 0 }

// DamagedRecord is one stored value that does not read back.
type DamagedRecord struct {
	Case   string `json:"case"`
	What   string `json:"what"` // "case", "summary", "pages" or "original"
	Reason string `json:"reason"`
}

// Checker is a store that can check itself.
type Checker interface {
	Check(ctx context.Context) (Integrity, error)
}
