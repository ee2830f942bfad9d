package casework

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/warrantdesk/warrantdesk/app"
	"github.com/warrantdesk/warrantdesk/app/extract"
	"github.com/warrantdesk/warrantdesk/app/intake"
	"github.com/warrantdesk/warrantdesk/app/review"
	"github.com/warrantdesk/warrantdesk/app/sampleorders"
	"github.com/warrantdesk/warrantdesk/storage"
)

// storeWithOrders is a store of n generated orders of every kind, imported
// as a user imports them, and a service on it (the store itself, so the
// flags are kept in it).
func storeWithOrders(t *testing.T, n int) (*storage.DB, *Service) {
	t.Helper()
	db, err := storage.Open(t.TempDir(), testStore)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	s := serviceOn(db)
	orders, err := sampleorders.Generate(7, n)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	var files []string
	for _, o := range orders {
		f := filepath.Join(dir, o.Name+".pdf")
		os.WriteFile(f, o.PDF, 0o600)
		files = append(files, f)
	}
	for _, out := range s.Import(context.Background(), files, ImportOptions{}, nil) {
		if out.Err != nil {
			t.Fatalf("import: %+v", out)
		}
	}
	return db, s
}

// serviceOn is a service on db as another process (or a later launch)
// has it: nothing of the store's in memory yet.
func serviceOn(db app.Store) *Service {
	im := &intake.Importer{Reader: inProcess{}, Extractor: extract.New(), Now: func() time.Time { return now }}
	return New(Params{Store: db, Importer: im, Now: time.Now})
}

// flagsByDecoding is what the queue flagged before the flags were kept:
// every open case decoded and checked without its text, its critical
// findings kept.
func flagsByDecoding(t *testing.T, db *storage.DB) map[string][]app.Finding {
	t.Helper()
	ctx := context.Background()
	settings, err := db.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	cases, err := db.Cases(ctx)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]app.Finding{}
	for _, c := range cases {
		if c.Closed() {
			continue
		}
		var crit []app.Finding
		for _, f := range review.Check(review.Input{Case: c, Settings: settings, Now: time.Now()}) {
			if f.Severity == app.SeverityCritical {
				crit = append(crit, f)
			}
		}
		if len(crit) > 0 {
			out[c.ID] = crit
		}
	}
	return out
}

// counted counts the cases read whole through it.
type counted struct {
	*storage.DB
	read   int
	cancel func() // called after cancelAfter cases, if set
	after  int
	// started, if set, is closed as a scan begins, which then waits for
	// gate.
	started, gate chan struct{}
}

func (c *counted) EachCase(ctx context.Context, ids []string, fn func(*app.Case, error) error) error {
	if c.started != nil {
		close(c.started)
		c.started = nil
		<-c.gate
	}
	return c.DB.EachCase(ctx, ids, func(k *app.Case, err error) error {
		c.read++
		if c.cancel != nil && c.read == c.after {
			c.cancel()
		}
		return fn(k, err)
	})
}

func alertsOf(t *testing.T, s *Service) map[string][]app.Finding {
	t.Helper()
	got, err := s.OpenAlerts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func sameFlags(t *testing.T, what string, got, want map[string][]app.Finding) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s: flags differ from checking every case:\n got %d cases %v\nwant %d cases %v", what, len(got), got, len(want), want)
	}
}

// The flags kept with the store are the ones checking every open case
// gives — at the first launch, read back at the next, after a case changed
// behind the desk's back (another process), after a case was decided, and
// after the settings changed — and a later launch reads no case whole.
func TestAlerts_KeptFlagsAreTheChecksFlags(t *testing.T) {
	db, _ := storeWithOrders(t, 36)
	ctx := context.Background()
	want := flagsByDecoding(t, db)
	if len(want) == 0 {
		t.Fatal("no generated order is flagged: the test would prove nothing")
	}
	first := &counted{DB: db}
	sameFlags(t, "first launch", alertsOf(t, serviceOn(first)), want)
	if first.read == 0 {
		t.Error("the first launch read no case: nothing was checked")
	}
	again := &counted{DB: db}
	sameFlags(t, "next launch", alertsOf(t, serviceOn(again)), want)
	if again.read != 0 {
		t.Errorf("the next launch read %d cases whole; the flags were kept", again.read)
	}

	// Another process makes an open US case a subpoena for content: a
	// critical check now fires on it.
	desk := &counted{DB: db}
	deskService := serviceOn(desk)
	alertsOf(t, deskService)
	sums, _ := db.Summaries(ctx)
	var target string
	for _, sum := range sums {
		if !sum.Closed() && want[sum.ID] == nil && (sum.Jurisdiction == "" || strings.HasPrefix(sum.Jurisdiction, "US")) {
			target = sum.ID
			break
		}
	}
	if target == "" {
		t.Fatal("no open unflagged US case to change")
	}
	other := serviceOn(db)
	if _, err := other.Correct(ctx, target, app.Edit{Field: app.FieldProcessType, Value: string(app.Subpoena)}, "R"); err != nil {
		t.Fatal(err)
	}
	if _, err := other.Correct(ctx, target, app.Edit{Field: app.FieldDataCategories, List: []string{app.DataContent}}, "R"); err != nil {
		t.Fatal(err)
	}
	want = flagsByDecoding(t, db)
	if want[target] == nil {
		t.Fatalf("the changed case is not flagged by the checks: %v", want)
	}
	desk.read = 0
	sameFlags(t, "a case changed by another process", alertsOf(t, deskService), want)
	if desk.read != 1 {
		t.Errorf("%d cases read again for one changed", desk.read)
	}

	// Decided: no longer open, no longer flagged.
	var flagged string
	for id := range want {
		flagged = id
		break
	}
	if _, err := other.Decide(ctx, flagged, app.Decision{Outcome: app.Reject, Grounds: []string{app.GroundWarrant}, Reviewer: "R"}); err != nil {
		t.Fatal(err)
	}
	want = flagsByDecoding(t, db)
	sameFlags(t, "a flagged case decided", alertsOf(t, deskService), want)

	// An enterprise customer's domain in the settings flags its targets:
	// every case is checked again.
	var domain string
	for _, sum := range sums {
		for _, tg := range sum.Targets {
			if i := strings.LastIndex(tg, "@"); i > 0 && want[sum.ID] == nil && !sum.Closed() {
				domain = tg[i+1:]
			}
		}
	}
	if domain == "" {
		t.Fatal("no e-mail target to make an enterprise customer's")
	}
	settings, _ := db.Settings(ctx)
	settings.EnterpriseDomains = append(settings.EnterpriseDomains, domain)
	if _, err := other.SaveSettings(ctx, settings); err != nil {
		t.Fatal(err)
	}
	before := len(want)
	want = flagsByDecoding(t, db)
	if len(want) <= before {
		t.Fatalf("the enterprise domain %s flags nothing more", domain)
	}
	sameFlags(t, "the settings changed", alertsOf(t, deskService), want)
	sameFlags(t, "the settings changed, next launch", alertsOf(t, serviceOn(db)), want)

	// The flags are sealed with the rest: verify reads them back and finds
	// the store whole.
	rep, err := db.Verify(ctx, nil)
	if err != nil || len(rep.Damaged)+len(rep.Problems) > 0 {
		t.Errorf("verify: %v %+v %v", err, rep.Damaged, rep.Problems)
	}
	if data, _ := db.LoadIndex(ctx, alertsIndexName); len(data) == 0 {
		t.Error("no flags stored")
	}
}

// A first launch on a store that has no flags kept (written before they
// were) works them out behind the list, saving as it goes: closed early,
// the next launch carries on from where it stopped, and gives the same
// flags.
func TestAlerts_FillCutShortCarriesOn(t *testing.T) {
	db, _ := storeWithOrders(t, 30)
	want := flagsByDecoding(t, db)
	if err := db.SaveIndex(context.Background(), alertsIndexName, nil); err != nil {
		t.Fatal(err)
	}
	saveEvery := alertsSaveEveryFor(t, 4)
	ctx, cancel := context.WithCancel(context.Background())
	cut := &counted{DB: db, cancel: cancel, after: 3*saveEvery + 1}
	if _, err := serviceOn(cut).OpenAlerts(ctx); err == nil {
		t.Fatal("the cut-short fill reported no error")
	}
	resumed := &counted{DB: db}
	sameFlags(t, "carried on", alertsOf(t, serviceOn(resumed)), want)
	open := 0
	sums, _ := db.Summaries(context.Background())
	for _, s := range sums {
		if !s.Closed() {
			open++
		}
	}
	// Saved after 4 and 8 cases (then at 16): at least 8 kept.
	if resumed.read > open-2*saveEvery || resumed.read == 0 {
		t.Errorf("the second launch read %d of %d open cases; the first had saved %d", resumed.read, open, 2*saveEvery)
	}
}

// alertsSaveEveryFor sets how often a fill saves, for one test.
func alertsSaveEveryFor(t *testing.T, n int) int {
	was := alertsSaveEvery
	alertsSaveEvery = n
	t.Cleanup(func() { alertsSaveEvery = was })
	return n
}

// Stored flags do not age: every critical check gives the same findings
// whatever the time, so flags worked out yesterday are today's. A critical
// rule that read the clock would fail here rather than leave a stale ⛔.
func TestAlerts_CriticalFindingsDoNotAge(t *testing.T) {
	db, _ := storeWithOrders(t, 36)
	settings, _ := db.Settings(context.Background())
	settings.EnterpriseDomains = []string{"example.org", "example.com"}
	cases, err := db.Cases(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	base := time.Now()
	for _, c := range cases {
		want := criticalFindings(c, settings, base)
		for _, at := range []time.Time{base.AddDate(-3, 0, 0), base.Add(time.Hour), base.AddDate(0, 4, 0), base.AddDate(20, 0, 0)} {
			if got := criticalFindings(c, settings, at); !reflect.DeepEqual(got, want) {
				t.Errorf("case %s at %s: %v, at %s: %v", c.ID, at, got, base, want)
			}
		}
	}
}

// The stored form reads back as it was written, and one cut short, of
// another format or another fingerprint is not used.
func TestAlerts_StoredFormReadsBack(t *testing.T) {
	fp := [32]byte{1, 2, 3}
	entries := map[string]alertEntry{
		app.NewCaseID(): {stamp: 7},
	}
	e, err := newAlertEntry(1<<63, []app.Finding{{Rule: "enterprise-customer", Severity: app.SeverityCritical, Message: "m", Targets: []string{"a@b.c"}, Suggests: app.TargetRedirect, Resolution: &app.Resolution{Rule: "r", Reason: "why", At: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}}})
	if err != nil {
		t.Fatal(err)
	}
	entries[app.NewCaseID()] = e
	data, err := encodeAlerts(fp, entries)
	if err != nil {
		t.Fatal(err)
	}
	got, err := decodeAlerts(data, fp)
	if err != nil || !reflect.DeepEqual(got, entries) {
		t.Errorf("read back %v %v, want %v", got, err, entries)
	}
	for i := 0; i < len(data); i++ {
		if _, err := decodeAlerts(data[:i], fp); err == nil {
			t.Errorf("cut at %d of %d: read", i, len(data))
		}
	}
	if _, err := decodeAlerts(data, [32]byte{9}); err == nil {
		t.Error("another fingerprint's flags were used")
	}
}

// A reviewer's save never waits for the flags being worked out behind the
// list (the first launch on a large store takes minutes), and the case it
// changed is checked again at the next listing.
func TestAlerts_SaveDuringAFillDoesNotWait(t *testing.T) {
	db, _ := storeWithOrders(t, 12)
	ctx := context.Background()
	if err := db.SaveIndex(ctx, alertsIndexName, nil); err != nil {
		t.Fatal(err)
	}
	store := &counted{DB: db, started: make(chan struct{}), gate: make(chan struct{})}
	desk := serviceOn(store)
	started := store.started
	filled := make(chan error)
	go func() {
		_, err := desk.OpenAlerts(ctx)
		filled <- err
	}()
	<-started
	sums, _ := db.Summaries(ctx)
	var id string
	for _, s := range sums {
		if !s.Closed() {
			id = s.ID
			break
		}
	}
	// Would hang here if the save waited for the fill.
	if _, err := desk.Correct(ctx, id, app.Edit{Field: app.FieldDataCategories, List: []string{app.DataContent}}, "R"); err != nil {
		t.Fatal(err)
	}
	close(store.gate)
	if err := <-filled; err != nil {
		t.Fatal(err)
	}
	sameFlags(t, "after a save during the fill", alertsOf(t, desk), flagsByDecoding(t, db))
}
