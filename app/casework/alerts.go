package casework

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"log/slog"
	"strconv"
	"sync"
	"time"

	"github.com/warrantdesk/warrantdesk/app"
	"github.com/warrantdesk/warrantdesk/app/review"
	"github.com/warrantdesk/warrantdesk/app/version"
)

// The queue's ⛔ flags are the critical findings of the checks that need
// no text. Working them out means decoding every open case (57 s at
// 100,000 cases, three quarters of it JSON), so they are kept with the
// store as derived data, like the search index: per open case the
// findings and a stamp of the summary they were worked out against, under
// a fingerprint of what else they depend on (the settings, the rules, the
// build). A launch reads them back and works out only the cases whose
// summary changed since (every change to a case moves its UpdatedAt), or
// all of them when the settings or the build changed. A store written
// before this has none stored: the first launch works every case out
// behind the list, as before, saving as it goes, so one cut short (the
// desk closed) carries on where it stopped.
//
// Only critical findings are kept: they are what the queue flags, and
// none of them depends on the time of day (TestAlerts_CriticalFindingsDoNotAge
// holds that, so a rule that would break it fails a test rather than
// leaving a stale flag).

// alertsIndexName is the flags' name in the index seam.
const alertsIndexName = "alerts"

// alertsFormat heads the stored form; another is rebuilt.
const alertsFormat = "warrantdesk alerts 1\n"

// alertsSaveEvery is how many cases a fill works out before it first
// saves (then it saves each time the count doubles), so a launch that is
// closed early loses at most about half of what it did.
var alertsSaveEvery = 8192

// alertEntry is one open case's flags: the stamp of the summary they were
// worked out against and its critical findings (none: nil).
type alertEntry struct {
	stamp    uint64
	findings []app.Finding
	// raw is findings as stored (JSON; nil for none), made once: a fill
	// saves every entry again each time it saves.
	raw []byte
}

// alertCache is the service's copy of the stored flags.
type alertCache struct {
	mu          sync.Mutex // one bring-up-to-date at a time
	loaded      bool
	fingerprint [32]byte
	entries     map[string]alertEntry
	// forgotten are the cases changed through the service since, under
	// their own lock: a save must never wait for a fill of the flags.
	forgetMu  sync.Mutex
	forgotten map[string]bool
}

// OpenAlerts returns the critical findings of the checks that need no
// text, per open case (cases with none are left out): what the queue flags
// (an enterprise customer's account, content without a warrant) before a
// case is opened. Damaged cases are left out (the queue names them).
func (s *Service) OpenAlerts(ctx context.Context) (map[string][]app.Finding, error) {
	sums, err := s.Summaries(ctx)
	if _, damaged := app.Damaged(err); err != nil && !damaged {
		return nil, err
	}
	return s.OpenAlertsOf(ctx, sums)
}

// OpenAlertsOf is OpenAlerts for the cases sums lists (every stored case's
// summary, as Summaries returns them): the flags kept with the store,
// brought up to date.
func (s *Service) OpenAlertsOf(ctx context.Context, sums []app.Summary) (map[string][]app.Finding, error) {
	settings, err := s.store.Settings(ctx)
	if err != nil {
		return nil, err
	}
	fp, err := alertsFingerprint(settings)
	if err != nil {
		return nil, err
	}
	a := &s.alerts
	a.mu.Lock()
	defer a.mu.Unlock()
	if !a.loaded || a.fingerprint != fp {
		a.entries = s.loadAlerts(ctx, fp)
		a.fingerprint, a.loaded = fp, true
	}
	out, open, behind, dirty := a.sortOut(sums)
	now := s.now()
	done, saveAt := 0, alertsSaveEvery
	err = s.eachOf(ctx, behind, func(c *app.Case) error {
		if err := ctx.Err(); err != nil {
			return err // the desk closed or listed again: what was saved is kept
		}
		e, err := newAlertEntry(open[c.ID], criticalFindings(c, settings, now))
		if err != nil {
			return err
		}
		a.entries[c.ID] = e
		if len(e.findings) > 0 {
			out[c.ID] = e.findings
		}
		dirty = true
		// Saved after alertsSaveEvery cases, then each time the count
		// doubles: a fill cut short keeps at least half of what it did,
		// and writes the flags a few times, not once per batch.
		if done++; done == saveAt {
			s.saveAlerts(ctx, a)
			dirty, saveAt = false, 2*saveAt
		}
		return nil
	})
	if dirty && !errors.Is(err, context.Canceled) {
		s.saveAlerts(ctx, a)
	}
	return out, err
}

// sortOut returns the flags kept for the open cases sums lists that are up
// to date, the stamps of every open case, and the open cases whose flags
// are missing or behind their summary; the flags of cases no longer open
// are dropped (dirty: some were).
func (a *alertCache) sortOut(sums []app.Summary) (out map[string][]app.Finding, open map[string]uint64, behind []string, dirty bool) {
	a.forgetMu.Lock()
	for id := range a.forgotten {
		delete(a.entries, id)
	}
	a.forgotten = nil
	a.forgetMu.Unlock()
	out, open = map[string][]app.Finding{}, make(map[string]uint64, len(sums))
	for i := range sums {
		if sums[i].Closed() {
			continue
		}
		st := alertStamp(&sums[i])
		open[sums[i].ID] = st
		if e, ok := a.entries[sums[i].ID]; ok && e.stamp == st {
			if len(e.findings) > 0 {
				out[sums[i].ID] = e.findings
			}
			continue
		}
		behind = append(behind, sums[i].ID)
	}
	for id := range a.entries {
		if _, ok := open[id]; !ok {
			delete(a.entries, id)
			dirty = true
		}
	}
	return out, open, behind, dirty
}

// newAlertEntry is the entry of findings fs worked out against the summary
// stamped st.
func newAlertEntry(st uint64, fs []app.Finding) (alertEntry, error) {
	e := alertEntry{stamp: st, findings: fs}
	if len(fs) > 0 {
		var err error
		if e.raw, err = json.Marshal(fs); err != nil {
			return e, fmt.Errorf("the queue's flags: %w", err)
		}
	}
	return e, nil
}

// criticalFindings are the critical findings of the checks that need no
// text, most serious first as review.Check lists them.
func criticalFindings(c *app.Case, settings app.Settings, now time.Time) []app.Finding {
	var out []app.Finding
	for _, f := range review.Check(review.Input{Case: c, Settings: settings, Now: now}) {
		if f.Severity == app.SeverityCritical {
			out = append(out, f)
		}
	}
	return out
}

// forgetAlerts drops case id's flags from the service's copy: a change
// made through the service is worked out again at the next OpenAlerts
// even when the clock gave it the UpdatedAt it had.
func (s *Service) forgetAlerts(id string) {
	a := &s.alerts
	a.forgetMu.Lock()
	if a.forgotten == nil {
		a.forgotten = map[string]bool{}
	}
	a.forgotten[id] = true
	a.forgetMu.Unlock()
}

// alertStamp identifies the summary a case's flags were worked out
// against: its update time and every value it holds that a change moves.
func alertStamp(sum *app.Summary) uint64 {
	h := fnv.New64a()
	var b [8]byte
	for _, t := range []int64{sum.UpdatedAt.UnixNano(), sum.CreatedAt.UnixNano(), sum.DueAt.UnixNano(), int64(sum.Pages)} {
		binary.LittleEndian.PutUint64(b[:], uint64(t))
		h.Write(b[:])
	}
	// Each value and a NUL, the three flags as "true false false"; written
	// into one buffer, as a launch stamps every open case.
	buf := make([]byte, 0, 512)
	for _, v := range [...]string{sum.SortKey, string(sum.Status), string(sum.ProcessType), sum.CaseNumber, sum.Deadline,
		sum.Authority, sum.Agency, sum.AgentName, sum.Jurisdiction, sum.FileName, sum.Matter, string(sum.Outcome)} {
		buf = append(append(buf, v...), 0)
	}
	buf = strconv.AppendBool(buf, sum.Emergency)
	buf = strconv.AppendBool(append(buf, ' '), sum.NeedsOCR)
	buf = strconv.AppendBool(append(buf, ' '), sum.Gagged)
	buf = append(buf, 0)
	for _, v := range sum.Targets {
		buf = append(append(buf, v...), 0)
	}
	h.Write(buf)
	return h.Sum64()
}

// alertsFingerprint is what the stored flags depend on besides the cases:
// the settings, the rules and the build that ran them.
func alertsFingerprint(settings app.Settings) ([32]byte, error) {
	h := sha256.New()
	raw, err := json.Marshal(settings)
	if err != nil {
		return [32]byte{}, fmt.Errorf("the settings for the queue's flags: %w", err)
	}
	h.Write(raw)
	for _, r := range review.Rules() {
		fmt.Fprintf(h, "\x00%s\x00%s\x00%s\x00%s\x00%s\x00%s", r.ID, r.Severity, r.Basis, r.Ground, r.Blocks, r.Suggests)
	}
	h.Write([]byte("\x00" + version.String()))
	var fp [32]byte
	h.Sum(fp[:0])
	return fp, nil
}

// loadAlerts reads the stored flags worked out under fingerprint fp; none
// when there are none, they were worked out under another, or they do not
// read back (derived data: they are worked out again).
func (s *Service) loadAlerts(ctx context.Context, fp [32]byte) map[string]alertEntry {
	st, ok := s.store.(indexStore)
	if !ok {
		return map[string]alertEntry{}
	}
	data, err := st.LoadIndex(ctx, alertsIndexName)
	if err != nil || data == nil {
		if err != nil {
			slog.Warn("the stored flags are not read; they are worked out from the cases", "err", err)
		}
		return map[string]alertEntry{}
	}
	entries, err := decodeAlerts(data, fp)
	if err != nil {
		slog.Info("the stored flags are not used; they are worked out from the cases", "why", err)
		return map[string]alertEntry{}
	}
	return entries
}

// saveAlerts writes the flags back. Not writing them loses nothing (they
// are worked out again), so a failure — a read-only store, a full disk —
// is logged.
func (s *Service) saveAlerts(ctx context.Context, a *alertCache) {
	st, ok := s.store.(indexStore)
	if !ok {
		return
	}
	data, err := encodeAlerts(a.fingerprint, a.entries)
	if err == nil {
		err = st.SaveIndex(ctx, alertsIndexName, data)
	}
	if err != nil {
		slog.Info("the queue's flags were not saved; they are worked out again at the next launch", "err", err)
	}
}

// encodeAlerts is the stored form: the format line, the fingerprint, the
// number of entries, then per entry the case ID (16 bytes), the stamp (8)
// and its findings as JSON behind their length (0: none).
func encodeAlerts(fp [32]byte, entries map[string]alertEntry) ([]byte, error) {
	n := len(alertsFormat) + len(fp) + binary.MaxVarintLen64
	for _, e := range entries {
		n += 24 + binary.MaxVarintLen32 + len(e.raw)
	}
	b := append(append(make([]byte, 0, n), alertsFormat...), fp[:]...)
	b = binary.AppendUvarint(b, uint64(len(entries)))
	for id, e := range entries {
		raw, err := hex.DecodeString(id)
		if err != nil || len(raw) != 16 {
			return nil, fmt.Errorf("the flags of case %q: not a case ID", id)
		}
		b = append(b, raw...)
		b = binary.LittleEndian.AppendUint64(b, e.stamp)
		b = binary.AppendUvarint(b, uint64(len(e.raw)))
		b = append(b, e.raw...)
	}
	return b, nil
}

var errAlertsForm = errors.New("the stored flags are cut short or in another form")

// decodeAlerts reads encodeAlerts' form; an error when it is another, or
// was worked out under another fingerprint than fp.
func decodeAlerts(data []byte, fp [32]byte) (map[string]alertEntry, error) {
	head := len(alertsFormat) + len(fp)
	if len(data) < head || string(data[:len(alertsFormat)]) != alertsFormat {
		return nil, errAlertsForm
	}
	if [32]byte(data[len(alertsFormat):head]) != fp {
		return nil, errors.New("the settings, the rules or WarrantDesk changed since they were worked out")
	}
	data = data[head:]
	n, w := binary.Uvarint(data)
	if w <= 0 || n > uint64(len(data)) {
		return nil, errAlertsForm
	}
	data = data[w:]
	out := make(map[string]alertEntry, n)
	for ; n > 0; n-- {
		if len(data) < 24 {
			return nil, errAlertsForm
		}
		id, stamp := hex.EncodeToString(data[:16]), binary.LittleEndian.Uint64(data[16:24])
		data = data[24:]
		l, w := binary.Uvarint(data)
		if w <= 0 || l > uint64(len(data)-w) {
			return nil, errAlertsForm
		}
		e := alertEntry{stamp: stamp}
		if l > 0 {
			e.raw = data[w : w+int(l) : w+int(l)]
			if err := json.Unmarshal(e.raw, &e.findings); err != nil {
				return nil, fmt.Errorf("%w: %w", errAlertsForm, err)
			}
		}
		data = data[w+int(l):]
		out[id] = e
	}
	if len(data) != 0 {
		return nil, errAlertsForm
	}
	return out, nil
}
