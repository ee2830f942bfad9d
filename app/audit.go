package app

import (
	"context"
	"fmt"
	"time"
)

// AuditEntry is one line of the audit trail: who did what, when, to which
// case, and the SHA-256 of the value the change stored. The store appends
// one in the same transaction as every change it makes, and chains each to
// the log before it (Prev: the Merkle tree hash of the entries before it,
// in the style of RFC 6962), so an entry removed, changed or moved is
// found by Verify.
type AuditEntry struct {
	Seq    int64     `json:"seq"`
	At     time.Time `json:"at"`
	Actor  string    `json:"actor"`
	Action string    `json:"action"`
	Case   string    `json:"case,omitempty"`
	Detail string    `json:"detail,omitempty"`
	// ValueSHA256 is the SHA-256 of the value stored by the change (the
	// case record, the settings, a memo written), in hex; "" when it
	// stored none.
	ValueSHA256 string `json:"value_sha256,omitempty"`
	// OutputSHA256 is the SHA-256 of a file handed out (a memo, the
	// log, the audit trail), in hex, so that file can later be matched
	// to its entry.
	OutputSHA256 string `json:"output_sha256,omitempty"`
	// Prev is the tree hash of the entries before this one, in hex.
	Prev string `json:"prev"`
}

// Audit actions: what an entry records.
const (
	AuditImport = "import"
	// A case's change is recorded as the actions its history gained
	// ("decided", "corrected", …); these two when it gained none.
	AuditChange         = "changed"
	AuditDraft          = "draft saved" // a decision being written was kept
	AuditSettings       = "settings"    // the settings were saved
	AuditMemoExport     = "memo export"
	AuditLogExport      = "log export"
	AuditTrailExport    = "audit export"
	AuditLock           = "lock"
	AuditUnlock         = "unlock"
	AuditBackup         = "backup"
	AuditRestore        = "restore"
	AuditPassphrase     = "passphrase change"
	AuditEncrypt        = "encrypt"
	AuditCompact        = "compact"
	AuditMigrate        = "migrate"
	AuditBeforeTrail    = "held before the audit trail"
	AuditRecoveryUnlock = "unlock with the recovery key"
)

// AuditHead names the audit trail at one moment: how many entries it held
// and the Merkle tree hash over them. A memo prints the head it was
// exported at, so the trail can later be shown to extend it unchanged
// (Verify with that head).
type AuditHead struct {
	Size int64  `json:"size"`
	Hash string `json:"hash"` // hex
}

// String is the head as memos print it and verify --head reads it:
// SIZE:HASH.
func (h AuditHead) String() string { return fmt.Sprintf("%d:%s", h.Size, h.Hash) }

// ParseAuditHead reads a head written by AuditHead.String.
func ParseAuditHead(s string) (AuditHead, error) {
	var h AuditHead
	if _, err := fmt.Sscanf(s, "%d:%s", &h.Size, &h.Hash); err != nil || h.Size < 0 || len(h.Hash) != 64 {
		return AuditHead{}, Errorf(EINVALID, "%q is not an audit head: it is written SIZE:HASH, as a memo prints it", s)
	}
	return h, nil
}

// AuditTrail is a store that keeps an audit trail.
type AuditTrail interface {
	// Record appends an entry for something that stores no value of its
	// own (an export, a lock, a backup).
	Record(ctx context.Context, e AuditEntry) error
	// AuditHead is the trail's current head.
	AuditHead(ctx context.Context) (AuditHead, error)
	// EachAudit calls fn with every entry, oldest first.
	EachAudit(ctx context.Context, fn func(AuditEntry) error) error
}

type actorKey struct{}

// WithActor returns ctx carrying who is acting: the store names them in
// the audit entries of the changes made with ctx.
func WithActor(ctx context.Context, actor string) context.Context {
	return context.WithValue(ctx, actorKey{}, actor)
}

// ActorFrom returns who WithActor says is acting, or "".
func ActorFrom(ctx context.Context) string {
	s, _ := ctx.Value(actorKey{}).(string)
	return s
}
