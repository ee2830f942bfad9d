package storage

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"runtime"
	"strings"
	"sync"

	"github.com/warrantdesk/warrantdesk/app"
	bolt "go.etcd.io/bbolt"
)

// dupKey is what the duplicate index looks an order up by: the SHA-256 of
// its file; for one order of a bundle imported split, SHA-256 of (that
// hash ‖ "#from-to").
func dupKey(c *app.Case) ([]byte, error) {
	sha, err := hex.DecodeString(c.Order.SHA256)
	if err != nil || len(sha) != 32 {
		return nil, app.Errorf(app.EINVALID, "case %s has no valid SHA-256", c.ID)
	}
	if p := c.Order.Part; p != nil {
		k := sha256.Sum256(fmt.Appendf(sha, "#%d-%d", p.From, p.To))
		sha = k[:]
	}
	return sha, nil
}

// CreateCase stores c with its original PDF, page texts and summary, and
// appends the import to the audit trail, in one transaction — unless the
// same bytes are stored already.
func (db *DB) CreateCase(ctx context.Context, c *app.Case, original []byte, pages []app.PageText) error {
	nc, err := encodeNew(app.NewCase{Case: c, Original: original, Pages: pages})
	if err != nil {
		return err
	}
	return db.update("save the new case", func(tx *bolt.Tx, codec Codec) error {
		return db.createIn(ctx, tx, codec, nc, nil)
	})
}

// newRecord is a new case as it will be written, encoded before the
// transaction so the write lock is held for writing only.
type newRecord struct {
	app.NewCase
	id, dup, record, pages []byte
}

func encodeNew(nc app.NewCase) (*newRecord, error) {
	c := nc.Case
	r := &newRecord{NewCase: nc}
	var err error
	if r.id, err = idKey(c.ID); err != nil {
		return nil, err
	}
	if r.dup, err = dupKey(c); err != nil {
		return nil, err
	}
	if r.record, err = json.Marshal(c); err != nil {
		return nil, err
	}
	if r.pages, err = json.Marshal(nc.Pages); err != nil {
		return nil, err
	}
	return r, nil
}

// createIn stores one new case in tx (CreateCase, CreateCases). Its
// summary goes to later when given (a batch writes each group once), else
// into its group at once.
func (db *DB) createIn(ctx context.Context, tx *bolt.Tx, codec Codec, r *newRecord, later *summaryWrites) error {
	c, id := r.Case, r.id
	index := codec.IndexKey(r.dup)
	if existing := tx.Bucket(bucketSHA256).Get(index); existing != nil {
		other, err := codec.Open(valueAD(bucketSHA256, index), existing)
		if err != nil {
			return damagedRecord("?", "duplicate index entry", err)
		}
		return &app.Error{Code: app.ECONFLICT, Message: "already imported as case " + hex.EncodeToString(other), Err: &app.DuplicateError{CaseID: hex.EncodeToString(other)}}
	}
	if tx.Bucket(bucketCases).Get(id) != nil {
		return app.Errorf(app.ECONFLICT, "case %s exists already", c.ID)
	}
	if later != nil {
		if err := putSealed(tx, codec, bucketCases, id, r.record); err != nil {
			return err
		}
		later.add(id, app.Summarize(c))
	} else if err := db.putCase(tx, codec, id, c, r.record); err != nil {
		return err
	}
	if err := putSealed(tx, codec, bucketOriginals, id, r.Original); err != nil {
		return err
	}
	if err := putSealed(tx, codec, bucketPages, id, r.pages); err != nil {
		return err
	}
	if err := putSealed(tx, codec, bucketSHA256, index, id); err != nil {
		return err
	}
	actor := app.ActorFrom(ctx)
	if actor == "" && len(c.History) > 0 {
		actor = c.History[0].Actor
	}
	sum := sha256.Sum256(r.Original)
	return appendAudit(tx, codec, app.AuditEntry{At: c.CreatedAt, Actor: actor, Action: app.AuditImport, Case: c.ID,
		Detail: fmt.Sprintf("%s (%d bytes, SHA-256 %s)", c.Order.FileName, len(r.Original), hex.EncodeToString(sum[:]))}, r.record)
}

// putCase stores a case record and its summary.
func (db *DB) putCase(tx *bolt.Tx, codec Codec, id []byte, c *app.Case, record []byte) error {
	if err := putSealed(tx, codec, bucketCases, id, record); err != nil {
		return err
	}
	return putSummary(tx, codec, id, app.Summarize(c))
}

// getCase reads and decodes one case record in tx.
func getCase(tx *bolt.Tx, codec Codec, key []byte) (*app.Case, []byte, error) {
	v := tx.Bucket(bucketCases).Get(key)
	if v == nil {
		return nil, nil, app.Errorf(app.ENOTFOUND, "no case %s", hex.EncodeToString(key))
	}
	return openCase(codec, key, v)
}

// openCase opens and decodes the case record v stored under key.
func openCase(codec Codec, key, v []byte) (*app.Case, []byte, error) {
	data, err := codec.Open(valueAD(bucketCases, key), v)
	if err != nil {
		return nil, nil, err
	}
	var c app.Case
	if err := json.Unmarshal(data, &c); err != nil {
		return nil, nil, err
	}
	if c.ID != hex.EncodeToString(key) {
		return nil, nil, fmt.Errorf("the record says it is case %q", c.ID)
	}
	return &c, data, nil
}

// Case returns one case by its full ID.
func (db *DB) Case(ctx context.Context, id string) (*app.Case, error) {
	key, err := idKey(id)
	if err != nil {
		return nil, err
	}
	var c *app.Case
	err = db.view(func(tx *bolt.Tx, codec Codec) error {
		var err error
		c, _, err = getCase(tx, codec, key)
		if err != nil && app.ErrorCode(err) != app.ENOTFOUND {
			return damagedRecord(id, "case", err)
		}
		return err
	})
	return c, err
}

// Cases returns every case that reads back; those that do not are named
// in an EDAMAGED error returned beside the others.
func (db *DB) Cases(ctx context.Context) ([]*app.Case, error) {
	var out []*app.Case
	var damaged []string
	err := db.view(func(tx *bolt.Tx, codec Codec) error {
		return tx.Bucket(bucketCases).ForEach(func(k, _ []byte) error {
			if err := ctx.Err(); err != nil {
				return err
			}
			c, _, err := getCase(tx, codec, k)
			if err != nil {
				damaged = append(damaged, hex.EncodeToString(k))
				return nil
			}
			out = append(out, c)
			return nil
		})
	})
	if err != nil {
		return nil, err
	}
	return out, damagedCases(damaged)
}

func damagedCases(ids []string) error {
	if len(ids) == 0 {
		return nil
	}
	return &app.Error{Code: app.EDAMAGED, Message: fmt.Sprintf("%d case(s) could not be read and were left out: %s; 'warrantdesk verify' says more", len(ids), strings.Join(ids, ", ")), Err: &app.DamagedError{Cases: ids}}
}

// Summaries returns the summary of every case, in no particular order;
// cases whose summary does not read back are named in an EDAMAGED error
// returned beside the others.
func (db *DB) Summaries(ctx context.Context) ([]app.Summary, error) {
	var out []app.Summary
	var damaged []string
	err := db.view(func(tx *bolt.Tx, codec Codec) error {
		var err error
		out, damaged, err = readSummaries(ctx, tx, codec)
		// The summaries are copied out of the file: its pages they
		// were read from need not stay the desk's memory.
		dropPages(tx)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, damagedCases(damaged)
}

// storedGroup is one group's plaintext, as the string its summaries'
// strings are cut from.
type storedGroup struct {
	key  byte
	text string
	n    int
}

// readSummaries reads every summary in tx: the groups first, each opened
// once into a buffer and kept as one string, so the list is made at its
// size; each summary's strings are then moved out of it (summaryKeeper),
// so the list kept does not hold every group's plaintext. A group that
// does not read back is made again from its cases (in memory: a reader
// cannot write); the cases that do not read back either are damaged.
func readSummaries(ctx context.Context, tx *bolt.Tx, codec Codec) ([]app.Summary, []string, error) {
	sc := summaryScan{codec: codec}
	// Each group is copied out as it is read: its pages stop counting as
	// this process's memory a few groups at a time (pagedrop.go).
	drops := pageDropper{tx: tx, every: dropEvery}
	err := tx.Bucket(bucketSummaries).ForEach(func(k, v []byte) error {
		sc.add(k, v)
		drops.read()
		return ctx.Err()
	})
	if err != nil {
		return nil, nil, err
	}
	out, bad := decodeGroups(sc.groups, sc.total, len(sc.singles))
	sc.bad = append(sc.bad, bad...)
	var damaged []string
	r := summaryReader{keeper: &summaryKeeper{}}
	for _, s := range sc.singles {
		sum, ok := r.single(s[0], s[1])
		if !ok {
			damaged = append(damaged, hex.EncodeToString(s[0]))
			continue
		}
		out = append(out, sum)
	}
	damaged = append(damaged, summariesFromCases(tx, codec, sc.bad, func(s app.Summary) { out = append(out, s) })...)
	return out, damaged, ctx.Err()
}

// decodeGroups decodes the summaries of groups, moved out of their
// plaintext (summaryKeeper), into one list of room for total+spare, on
// every core: at 1,000,000 cases decoding and keeping them is about half
// a second of the launch's CPU, which a laptop's cores divide. Each
// worker takes every few groups, with a reader and keeper of its own, and
// writes their summaries where the group's count puts them; the keys of
// the groups that do not decode are returned, and their places closed up.
func decodeGroups(groups []storedGroup, total, spare int) ([]app.Summary, [][]byte) {
	out := make([]app.Summary, total, total+spare)
	at := make([]int, len(groups)+1) // where each group's summaries go
	for i, g := range groups {
		at[i+1] = at[i] + g.n
	}
	ok := make([]bool, len(groups))
	workers := min(runtime.GOMAXPROCS(0), len(groups))
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := summaryReader{keeper: &summaryKeeper{}}
			for i := w; i < len(groups); i += workers {
				got, good := r.groupSummaries(out[at[i]:at[i]:at[i+1]], groups[i])
				ok[i] = good && len(got) == groups[i].n
			}
		}()
	}
	wg.Wait()
	var bad [][]byte
	kept := 0
	for i, g := range groups {
		if !ok[i] {
			bad = append(bad, []byte{g.key})
			continue
		}
		if kept != at[i] { // a group before did not decode
			copy(out[kept:], out[at[i]:at[i+1]])
		}
		kept += g.n
	}
	clear(out[kept:])
	return out[:kept], bad
}

// single is a schema 2 summary, stored alone under its case's key k, from
// its plaintext (nil: it did not open); false if it does not read back as
// that case's.
func (r *summaryReader) single(k, plain []byte) (app.Summary, bool) {
	if plain == nil {
		return app.Summary{}, false
	}
	s, err := r.summaryOf(plain)
	return s, err == nil && s.ID == hex.EncodeToString(k)
}

// summariesFromCases calls add with the summary of every case of the
// groups bad, whose stored summaries do not read back, made again from the
// case itself; it returns the IDs of the cases that do not read back either.
func summariesFromCases(tx *bolt.Tx, codec Codec, bad [][]byte, add func(app.Summary)) []string {
	var damaged []string
	for _, gk := range bad {
		groupCases(tx, gk, func(k []byte) error {
			if c, _, err := getCase(tx, codec, k); err == nil {
				add(app.Summarize(c))
			} else {
				damaged = append(damaged, hex.EncodeToString(k))
			}
			return nil
		})
	}
	return damaged
}

// summaryScan sorts the values of the summaries bucket as they are read:
// groups (kept as their plaintext), schema 2's one-a-case summaries, and
// groups that do not read back.
type summaryScan struct {
	codec     Codec
	groups    []storedGroup
	singles   [][2][]byte // key, plaintext (nil: it does not open)
	bad       [][]byte
	plain, ad []byte
	total     int
}

func (sc *summaryScan) add(k, v []byte) {
	sc.ad = append(append(append(sc.ad[:0], bucketSummaries...), 0), k...)
	data, err := openInto(sc.codec, sc.plain, sc.ad, v)
	if err == nil {
		sc.plain = data
	}
	if len(k) == 1 {
		g := storedGroup{key: k[0]}
		if err == nil {
			g.text = string(data)
			g.n, err = countEntries(g.text)
		}
		if err != nil {
			sc.bad = append(sc.bad, []byte{k[0]})
			return
		}
		sc.groups, sc.total = append(sc.groups, g), sc.total+g.n
		return
	}
	var plain []byte
	if err == nil {
		plain = append([]byte{}, data...)
	}
	sc.singles = append(sc.singles, [2][]byte{append([]byte{}, k...), plain})
}

// countEntries is how many summaries a group's plaintext holds.
func countEntries(text string) (int, error) {
	d := summaryDecoder{str: text}
	n := 0
	for d.str != "" && d.err == nil {
		d.string()
		n++
	}
	return n, d.err
}

// groupSummaries appends group g's summaries to out; false (and out as it
// was) if one does not decode or does not belong to the group.
func (r *summaryReader) groupSummaries(out []app.Summary, g storedGroup) ([]app.Summary, bool) {
	start := len(out)
	d := summaryDecoder{str: g.text}
	for d.str != "" {
		e := d.string()
		s, err := r.summaryIn(e)
		if d.err != nil || err != nil || len(s.ID) != 32 || hexByte([]byte(s.ID[:2])) != int(g.key) {
			return out[:start], false
		}
		if r.keeper != nil {
			r.keeper.keep(&s)
		}
		out = append(out, s)
	}
	return out, true
}

// eachCaseBatch is how many cases EachCase reads in one transaction: short
// transactions, so a long export never holds the file against a writer.
const eachCaseBatch = 256

// EachCase calls fn with each of the cases ids names, in that order, a few
// at a time, so a caller can stream them with flat memory. A case that does
// not read back is passed as its EDAMAGED error. Each batch's records are
// copied out of the file and decrypted and decoded on every core, in one
// transaction (decoding JSON is most of a scan's time).
func (db *DB) EachCase(ctx context.Context, ids []string, fn func(c *app.Case, err error) error) error {
	for start := 0; start < len(ids); start += eachCaseBatch {
		batch := ids[start:min(start+eachCaseBatch, len(ids))]
		read := make([]storedCase, len(batch))
		dropped := false
		err := db.view(func(tx *bolt.Tx, codec Codec) error {
			b := tx.Bucket(bucketCases)
			for i, id := range batch {
				read[i].id = id
				if read[i].key, read[i].err = idKey(id); read[i].err == nil {
					// Copied here: only this goroutine turns a fault
					// reading a cut-short file into an error (rawView).
					if v := b.Get(read[i].key); v != nil {
						read[i].sealed = append([]byte{}, v...)
					}
				}
			}
			// The pages the batch's records were read from stop counting
			// as this process's memory (pagedrop.go): at most a batch's
			// pages, and what the kernel mapped around them, are held at
			// once, where 1,024 cases between drops made `list --json` at
			// 300,000 cases 238 MB or 744–828 MB as the page cache happened
			// to be. A drop is not free (the kernel walks the page tables of
			// the whole mapping, and the next reads fault the tree's branch
			// pages in again): at 300,000 cases a drop every 32 or 64
			// records cost 4–10 s more CPU of ~24, so it is once a batch
			// (every 32: 172 MB at 100,000; once a batch: 200 MB).
			dropped = dropPages(tx)
			decodeCases(codec, read)
			return ctx.Err()
		})
		if err != nil {
			return err
		}
		if !dropped && (start/eachCaseBatch)%unmapEvery == unmapEvery-1 {
			db.releasePages()
		}
		for _, g := range read {
			if err := fn(g.c, g.err); err != nil {
				return err
			}
		}
	}
	return nil
}

// storedCase is one record of an EachCase batch, copied out of the file,
// and then what it decodes to.
type storedCase struct {
	id          string
	key, sealed []byte
	c           *app.Case
	err         error
}

// decodeCases opens and decodes each record of read, spread over the
// cores.
func decodeCases(codec Codec, read []storedCase) {
	workers := min(runtime.GOMAXPROCS(0), len(read))
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(read); i += workers {
				r := &read[i]
				switch {
				case r.err != nil:
				case r.sealed == nil:
					r.err = app.Errorf(app.ENOTFOUND, "no case %s", r.id)
				default:
					if r.c, _, r.err = openCase(codec, r.key, r.sealed); r.err != nil {
						r.err = damagedRecord(r.id, "case", r.err)
					}
				}
				r.sealed = nil
			}
		}()
	}
	wg.Wait()
}

// unmapEvery is how many batches EachCase reads between two unmaps where
// the pages cannot be dropped from within a transaction (pages_other.go):
// a scan of every case that kept the file mapped grew with the store
// (1.2 GB for `list --json` at 100,000 cases).
const unmapEvery = 4

// damagedRecord is the error for one stored value that does not read back.
// caseToReplace reads the stored case a write replaces: ENOTFOUND when
// there is none, a damaged-record error when it does not open.
func caseToReplace(tx *bolt.Tx, codec Codec, key []byte, id string) (*app.Case, []byte, error) {
	old, data, err := getCase(tx, codec, key)
	if err != nil && app.ErrorCode(err) != app.ENOTFOUND {
		return nil, nil, damagedRecord(id, "case", err)
	}
	return old, data, err
}

func damagedRecord(id, what string, err error) error {
	return &app.Error{Code: app.EDAMAGED, Message: fmt.Sprintf("the stored %s of case %s is damaged and cannot be read (%v): restore the data folder from a backup, or re-import the order; 'warrantdesk verify' lists every damaged record", what, id, err), Err: &app.DamagedError{Cases: []string{id}}}
}

// UpdateCase replaces a stored case and its summary, and appends to the
// audit trail what changed — the actions the case's history gained, by
// whom — with the new record's hash, in one transaction.
func (db *DB) UpdateCase(ctx context.Context, c *app.Case) error {
	key, err := idKey(c.ID)
	if err != nil {
		return err
	}
	record, err := json.Marshal(c)
	if err != nil {
		return err
	}
	return db.update("save the case", func(tx *bolt.Tx, codec Codec) error {
		old, oldData, err := caseToReplace(tx, codec, key, c.ID)
		if err != nil {
			return err
		}
		if bytes.Equal(oldData, record) {
			return nil
		}
		if err := db.putCase(tx, codec, key, c, record); err != nil {
			return err
		}
		return appendAudit(tx, codec, changeEntry(ctx, old, c), record)
	})
}

// changeEntry says what changed between two versions of a case: the events
// its history gained (their actions, by whom), else a draft kept.
func changeEntry(ctx context.Context, old, c *app.Case) app.AuditEntry {
	e := app.AuditEntry{Case: c.ID, Actor: app.ActorFrom(ctx), At: c.UpdatedAt, Action: app.AuditChange}
	draft := c.Draft != nil && (old.Draft == nil || !draftEqual(old.Draft, c.Draft))
	if len(c.History) <= len(old.History) {
		if draft {
			e.Action = app.AuditDraft
		}
		return e
	}
	var actions, details []string
	for _, ev := range c.History[len(old.History):] {
		actions = append(actions, ev.Action)
		if ev.Detail != "" {
			details = append(details, ev.Detail)
		}
		if ev.Actor != "" {
			e.Actor = ev.Actor
		}
		e.At = ev.At
	}
	if draft {
		actions = append(actions, app.AuditDraft)
	}
	e.Action, e.Detail = strings.Join(actions, ", "), strings.Join(details, "; ")
	return e
}

func draftEqual(a, b *app.Decision) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return bytes.Equal(x, y)
}

// Original returns the PDF a case was imported from, byte for byte.
func (db *DB) Original(ctx context.Context, id string) ([]byte, error) {
	return db.caseValue(id, bucketOriginals, "original", "no original PDF for case %s")
}

// Pages returns the page texts of a case's order.
func (db *DB) Pages(ctx context.Context, id string) ([]app.PageText, error) {
	data, err := db.caseValue(id, bucketPages, "pages", "no page text for case %s")
	if err != nil {
		return nil, err
	}
	var out []app.PageText
	if err := json.Unmarshal(data, &out); err != nil {
		return nil, damagedRecord(id, "pages", err)
	}
	return out, nil
}

func (db *DB) caseValue(id string, bucket []byte, what, missing string) ([]byte, error) {
	key, err := idKey(id)
	if err != nil {
		return nil, err
	}
	var out []byte
	err = db.view(func(tx *bolt.Tx, codec Codec) error {
		v := tx.Bucket(bucket).Get(key)
		if v == nil {
			return app.Errorf(app.ENOTFOUND, missing, id)
		}
		var err error
		if out, err = codec.Open(valueAD(bucket, key), v); err != nil {
			return damagedRecord(id, what, err)
		}
		return nil
	})
	return out, err
}

func idKey(id string) ([]byte, error) {
	b, err := hex.DecodeString(id)
	if err != nil || len(b) != 16 {
		return nil, app.Errorf(app.EINVALID, "%q is not a case ID", id)
	}
	return b, nil
}

// Settings returns the stored settings (empty ones before any are saved).
func (db *DB) Settings(ctx context.Context) (app.Settings, error) {
	var s app.Settings
	err := db.readSettings(keySettings, "settings", &s)
	return s, err
}

// SaveSettings replaces the stored settings, recording the change in the
// audit trail.
func (db *DB) SaveSettings(ctx context.Context, s app.Settings) error {
	return db.saveSettings(ctx, keySettings, app.AuditSettings, "settings", s)
}

// readSettings decodes the settings stored under key into v (left as it is
// when none are stored).
func (db *DB) readSettings(key []byte, what string, v any) error {
	return db.view(func(tx *bolt.Tx, codec Codec) error {
		raw := tx.Bucket(bucketSettings).Get(key)
		if raw == nil {
			return nil
		}
		data, err := codec.Open(valueAD(bucketSettings, key), raw)
		if err == nil {
			err = json.Unmarshal(data, v)
		}
		if err != nil {
			return &app.Error{Code: app.EDAMAGED, Message: fmt.Sprintf("the stored %s are damaged and cannot be read (%v): set them again with 'warrantdesk settings'", what, err), Err: err}
		}
		return nil
	})
}

// saveSettings stores v under key with its audit entry (action).
func (db *DB) saveSettings(ctx context.Context, key []byte, action, what string, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return db.update("save the "+what, func(tx *bolt.Tx, codec Codec) error {
		if err := putSealed(tx, codec, bucketSettings, key, data); err != nil {
			return err
		}
		return appendAudit(tx, codec, app.AuditEntry{Actor: app.ActorFrom(ctx), Action: action}, data)
	})
}

// LoadIndex returns the index stored under name (nil if none): the seam for
// a persisted search index, sealed like every other value. An index is
// derived from the cases, so it is not audited; a damaged one is EDAMAGED
// and can be rebuilt.
func (db *DB) LoadIndex(ctx context.Context, name string) ([]byte, error) {
	var out []byte
	err := db.view(func(tx *bolt.Tx, codec Codec) error {
		v := tx.Bucket(bucketIndex).Get([]byte(name))
		if v == nil {
			return nil
		}
		var err error
		if out, err = codec.Open(valueAD(bucketIndex, []byte(name)), v); err != nil {
			return &app.Error{Code: app.EDAMAGED, Message: fmt.Sprintf("the stored %s index is damaged: it will be rebuilt", name), Err: err}
		}
		return nil
	})
	return out, err
}

// SaveIndex stores an index under name.
func (db *DB) SaveIndex(ctx context.Context, name string, data []byte) error {
	return db.update("save the "+name+" index", func(tx *bolt.Tx, codec Codec) error {
		return putSealed(tx, codec, bucketIndex, []byte(name), data)
	})
}
