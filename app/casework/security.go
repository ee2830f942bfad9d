package casework

import (
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"fmt"
	"hash"
	"io"
	"os"
	"time"

	"github.com/warrantdesk/warrantdesk/app"
	"github.com/warrantdesk/warrantdesk/app/backup"
	"github.com/warrantdesk/warrantdesk/app/outfile"
	"github.com/warrantdesk/warrantdesk/app/report"
)

// What the store may do besides app.Store: storage.DB does all of it; a
// test's store may not.
type (
	verifier interface {
		Verify(ctx context.Context, head *app.AuditHead) (app.Integrity, error)
	}
	backupper interface {
		Backup(ctx context.Context, w io.Writer, detail string) (int64, error)
	}
	restorer interface {
		Restore(r io.Reader) error
	}
	compactor interface {
		Compact(ctx context.Context) (before, after int64, err error)
	}
)

func unsupported(what string) error {
	return app.Errorf(app.EINTERNAL, "this store cannot %s", what)
}

func (s *Service) vault() (app.Vault, error) {
	v, ok := s.store.(app.Vault)
	if !ok {
		return nil, unsupported("be sealed with a passphrase")
	}
	return v, nil
}

func (s *Service) trail() (app.AuditTrail, bool) {
	t, ok := s.store.(app.AuditTrail)
	return t, ok
}

// LockState is where the store stands with its passphrase (StateOpen for
// a store that keeps none: there is nothing to unlock).
func (s *Service) LockState() app.LockState {
	if v, err := s.vault(); err == nil {
		return v.LockState()
	}
	return app.StateOpen
}

// CreateStore makes the new store encrypted under passphrase, or encrypts
// a plain one (migrating it, crash-safe), and returns the recovery key to
// show once.
func (s *Service) CreateStore(ctx context.Context, passphrase string) (string, error) {
	v, err := s.vault()
	if err != nil {
		return "", err
	}
	return v.Create(s.acting(ctx), passphrase)
}

// Unlock opens the store for the command line (not recorded: every
// command unlocks).
func (s *Service) Unlock(ctx context.Context, passphrase string) error {
	v, err := s.vault()
	if err != nil {
		return err
	}
	return v.Unlock(passphrase)
}

// UnlockWithRecoveryKey opens the store with its recovery key.
func (s *Service) UnlockWithRecoveryKey(ctx context.Context, key string) error {
	v, err := s.vault()
	if err != nil {
		return err
	}
	return v.UnlockWithRecoveryKey(key)
}

// UnlockSession opens the store for a session at the desk — with the
// passphrase, or with the recovery key when recovery is set — and records
// it in the audit trail.
func (s *Service) UnlockSession(ctx context.Context, secret string, recovery bool) error {
	var err error
	action := app.AuditUnlock
	if recovery {
		action = app.AuditRecoveryUnlock
		err = s.UnlockWithRecoveryKey(ctx, secret)
	} else {
		err = s.Unlock(ctx, secret)
	}
	if err != nil {
		return err
	}
	return s.record(ctx, app.AuditEntry{Action: action, Detail: "desk"})
}

// LockSession records the lock (why: "on demand", "idle for 10 min") and
// locks the store: nothing reads until it is unlocked again.
func (s *Service) LockSession(ctx context.Context, why string) error {
	v, err := s.vault()
	if err != nil {
		return err
	}
	if v.LockState() != app.StateOpen {
		return v.Lock()
	}
	rerr := s.record(ctx, app.AuditEntry{Action: app.AuditLock, Detail: why})
	// Locking matters more than its record: a full disk must not keep
	// the data open.
	if err := v.Lock(); err != nil {
		return err
	}
	return rerr
}

// ChangePassphrase wraps the store's key under a new passphrase.
func (s *Service) ChangePassphrase(ctx context.Context, passphrase string) error {
	v, err := s.vault()
	if err != nil {
		return err
	}
	return v.ChangePassphrase(passphrase)
}

// ReplacePassphrase changes the passphrase once the current one is given
// again: the desk, which may have been left open, asks for it.
func (s *Service) ReplacePassphrase(ctx context.Context, current, passphrase string) error {
	if err := s.CheckPassphrase(ctx, current); err != nil {
		return err
	}
	return s.ChangePassphrase(ctx, passphrase)
}

// CheckPassphrase says whether passphrase is the store's (EPASSPHRASE if
// not).
func (s *Service) CheckPassphrase(ctx context.Context, passphrase string) error {
	c, ok := s.store.(interface{ CheckPassphrase(string) error })
	if !ok {
		return unsupported("check a passphrase")
	}
	return c.CheckPassphrase(passphrase)
}

// record appends e to the audit trail, stamped now by the service's
// clock and naming its actor; a store without a trail records nothing.
func (s *Service) record(ctx context.Context, e app.AuditEntry) error {
	t, ok := s.trail()
	if !ok {
		return nil
	}
	if e.At.IsZero() {
		e.At = s.now()
	}
	return t.Record(s.acting(ctx), e)
}

// AuditHead is the audit trail's head now ("" when the store keeps none).
func (s *Service) AuditHead(ctx context.Context) (string, error) {
	t, ok := s.trail()
	if !ok {
		return "", nil
	}
	h, err := t.AuditHead(ctx)
	if err != nil {
		return "", err
	}
	return h.String(), nil
}

// Verify checks everything stored (storage.DB.Verify), and with head that
// the audit trail still extends the head a memo printed.
func (s *Service) Verify(ctx context.Context, head *app.AuditHead) (app.Integrity, error) {
	v, ok := s.store.(verifier)
	if !ok {
		return s.Check(ctx)
	}
	return v.Verify(ctx, head)
}

// AuditFilter chooses the entries of an audit export: one case's, and
// those from From to To (days, inclusive; zero times are unbounded).
type AuditFilter struct {
	Case     string
	From, To time.Time
}

func (f AuditFilter) keep(e app.AuditEntry) bool {
	if f.Case != "" && e.Case != f.Case {
		return false
	}
	return report.InPeriod(e.At, f.From, f.To)
}

// AuditColumns are the audit export's CSV columns, in order (JSON keys are
// the same).
func AuditColumns() []string {
	return []string{"seq", "at", "actor", "action", "case", "detail", "value_sha256", "output_sha256", "prev"}
}

// ExportAudit writes the audit trail's entries f keeps to path as CSV or
// JSON ("" takes the format from path, CSV without an extension), records
// the export (with the file's hash) and returns how many entries it wrote.
// f.Case may be any reference Find takes.
func (s *Service) ExportAudit(ctx context.Context, path, format string, f AuditFilter, force bool) (int, error) {
	t, ok := s.trail()
	if !ok {
		return 0, unsupported("keep an audit trail")
	}
	kind, err := LogFormat(path, format)
	if err != nil {
		return 0, err
	}
	if f.Case != "" {
		c, err := s.Find(ctx, f.Case)
		if err != nil {
			return 0, err
		}
		f.Case = c.ID
	}
	n := 0
	err = s.writeRecorded(ctx, path, force, app.AuditEntry{Action: app.AuditTrailExport, Case: f.Case}, func(w io.Writer) error {
		var add func(e app.AuditEntry) error
		var done func() error
		if kind == "json" {
			a := report.NewJSONArray(w)
			add, done = func(e app.AuditEntry) error { return a.Add(e) }, a.Close
		} else {
			cw := csv.NewWriter(w)
			if err := cw.Write(AuditColumns()); err != nil {
				return err
			}
			add = func(e app.AuditEntry) error {
				return cw.Write([]string{fmt.Sprint(e.Seq), e.At.UTC().Format(time.RFC3339Nano), report.SafeCell(e.Actor), e.Action, e.Case,
					report.SafeCell(e.Detail), e.ValueSHA256, e.OutputSHA256, e.Prev})
			}
			done = func() error { cw.Flush(); return cw.Error() }
		}
		if err := t.EachAudit(ctx, func(e app.AuditEntry) error {
			if !f.keep(e) {
				return nil
			}
			n++
			return add(e)
		}); err != nil {
			return err
		}
		return done()
	})
	return n, err
}

// writeRecorded writes a file handed out (app/outfile: never into the data
// folder, atomically) and records it in the audit trail with the file's
// SHA-256 before it is moved into place: no memo or log is handed out
// that the trail does not hold.
func (s *Service) writeRecorded(ctx context.Context, path string, force bool, e app.AuditEntry, write func(w io.Writer) error) error {
	return outfile.WriteStream(path, s.outOptions(force), func(w io.Writer) error {
		h := sha256.New()
		if err := write(io.MultiWriter(w, h)); err != nil {
			return err
		}
		e.OutputSHA256 = sumHex(h)
		return s.record(ctx, e)
	})
}

func sumHex(h hash.Hash) string { return hex.EncodeToString(h.Sum(nil)) }

// BackupOptions say whom a backup is sealed for: Recipients (age public
// keys) if set, else Passphrase (the store's, normally).
type BackupOptions struct {
	Passphrase string
	Recipients string
}

// Backup writes a hot, consistent copy of the store to path (never into
// the data folder, atomically), sealed with age, and returns its size
// before sealing. The backup is recorded in the audit trail, and the copy
// holds that entry.
func (s *Service) Backup(ctx context.Context, path string, opts BackupOptions, force bool) (int64, error) {
	b, ok := s.store.(backupper)
	if !ok {
		return 0, unsupported("be backed up")
	}
	if err := outfile.Check(path, s.outOptions(force)); err != nil {
		return 0, err
	}
	detail := "sealed for the store's passphrase"
	if opts.Recipients != "" {
		detail = "sealed for " + opts.Recipients
	}
	var n int64
	err := outfile.WriteStream(path, s.outOptions(force), func(w io.Writer) error {
		sw, err := backup.Seal(w, opts.Passphrase, opts.Recipients)
		if err != nil {
			return err
		}
		if n, err = b.Backup(s.acting(ctx), sw, detail); err != nil {
			return err
		}
		return sw.Close()
	})
	return n, err
}

// Restore puts the backup in file into this service's data folder, which
// must hold no store yet, opening the backup with identities (an age
// identity file's text) or else passphrase; then unlocks the restored store
// with passphrase (if it is encrypted and one is given), records the
// restore and verifies everything.
func (s *Service) Restore(ctx context.Context, file, passphrase, identities string) (app.Integrity, error) {
	rs, ok := s.store.(restorer)
	if !ok {
		return app.Integrity{}, unsupported("be restored into")
	}
	f, err := os.Open(file)
	if err != nil {
		return app.Integrity{}, &app.Error{Code: app.EINVALID, Message: fmt.Sprintf("cannot open the backup %s: %v", app.PrintableName(file), err), Err: err}
	}
	defer f.Close()
	r, err := backup.Open(f, passphrase, identities)
	if err != nil {
		return app.Integrity{}, err
	}
	if err := rs.Restore(r); err != nil {
		return app.Integrity{}, err
	}
	if s.LockState() == app.StateLocked {
		if err := s.Unlock(ctx, passphrase); err != nil {
			return app.Integrity{}, err
		}
	}
	if err := s.record(ctx, app.AuditEntry{Action: app.AuditRestore, Detail: app.PrintableName(file)}); err != nil {
		return app.Integrity{}, err
	}
	return s.Verify(ctx, nil)
}

// Compact rewrites the database without its freed pages (which may still
// hold what was deleted) and returns the file's size before and after.
func (s *Service) Compact(ctx context.Context) (before, after int64, err error) {
	c, ok := s.store.(compactor)
	if !ok {
		return 0, 0, unsupported("be compacted")
	}
	return c.Compact(s.acting(ctx))
}
