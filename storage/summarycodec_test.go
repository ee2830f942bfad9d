package storage

import (
	"context"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/warrantdesk/warrantdesk/app"
	bolt "go.etcd.io/bbolt"
)

// everyField is a summary with every field set, so a field added to
// app.Summary and not to the binary form fails the round trip.
func everyField(t *testing.T, zone *time.Location) app.Summary {
	var s app.Summary
	v := reflect.ValueOf(&s).Elem()
	at := time.Date(2026, 3, 29, 1, 30, 0, 123456789, zone)
	for i := 0; i < v.NumField(); i++ {
		f := v.Field(i)
		switch f.Kind() {
		case reflect.String:
			f.SetString(fmt.Sprintf("%s value ✓ %d", v.Type().Field(i).Name, i))
		case reflect.Bool:
			f.SetBool(true)
		case reflect.Int:
			f.SetInt(int64(1000 + i))
		case reflect.Slice:
			f.Set(reflect.ValueOf([]string{"a@example.com", "", "+1 555 0100"}))
		case reflect.Struct:
			f.Set(reflect.ValueOf(at.Add(time.Duration(i) * time.Hour)))
		default:
			t.Fatalf("app.Summary has a %s field (%s) the test does not fill", f.Kind(), v.Type().Field(i).Name)
		}
	}
	return s
}

// The binary form gives back what the JSON form gave: the same values,
// times at the same instant in the zone JSON would have read them in.
func TestSummaryCodec_GivesWhatJSONGave(t *testing.T) {
	for _, zone := range []*time.Location{time.UTC, time.Local, time.FixedZone("EST", -5*3600), time.FixedZone("", 5*3600+1800)} {
		s := everyField(t, zone)
		data, _ := json.Marshal(s)
		var want app.Summary
		if err := json.Unmarshal(data, &want); err != nil {
			t.Fatal(err)
		}
		var r summaryReader
		got, err := r.summaryOf(encodeSummary(s))
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("zone %s:\n got %+v\nwant %+v", zone, got, want)
		}
		fromJSON, err := r.summaryOf(data)
		if err != nil || !reflect.DeepEqual(fromJSON, want) {
			t.Errorf("the JSON form (schema 2) reads %+v, %v", fromJSON, err)
		}
	}
	var r summaryReader
	if got, err := r.summaryOf(encodeSummary(app.Summary{ID: "x"})); err != nil || !reflect.DeepEqual(got, app.Summary{ID: "x"}) {
		t.Errorf("an empty summary reads %+v, %v", got, err)
	}
}

// Every cut, and every value that is not a summary, is an error, never a
// panic or a summary made up.
func TestSummaryCodec_CutOrForeignIsAnError(t *testing.T) {
	data := encodeSummary(everyField(t, time.UTC))
	var r summaryReader
	for n := 0; n < len(data); n++ {
		if _, err := r.summaryOf(data[:n]); err == nil {
			t.Fatalf("cut to %d of %d bytes, it read", n, len(data))
		}
	}
	for _, v := range []string{"", "\x02", "\x01\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff", "{not json", string(data) + "x"} {
		if _, err := r.summaryOf([]byte(v)); err == nil {
			t.Errorf("%q read as a summary", v)
		}
	}
}

// variedCases stores cases unlike each other — corrected, decided, an
// emergency, one without a deadline — and returns them as stored.
func variedCases(t *testing.T, db *DB, n int) []*app.Case {
	t.Helper()
	ctx := context.Background()
	var out []*app.Case
	for i := 0; i < n; i++ {
		pdf := []byte(fmt.Sprintf("%%PDF-1.4 order %d %s", i, app.NewCaseID()))
		c := newCase(pdf, fmt.Sprintf("2:26-mj-%05d", i))
		f := c.Order.Extraction.Fields
		f[app.FieldIssuingAuthority] = app.Field{Value: "U.S. District Court, District of Oregon"}
		f[app.FieldAgency] = app.Field{Value: fmt.Sprintf("FBI field office %d", i%3)}
		if i%4 != 3 {
			f[app.FieldDeadline] = app.Field{Value: time.Date(2026, 1, 1+i, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)}
		}
		if i%5 == 1 {
			c.Order.Extraction.ProcessType = app.EmergencyRequest
		}
		c.Order.Extraction.Targets = append(c.Order.Extraction.Targets, app.Target{Kind: app.TargetPhone, Value: fmt.Sprintf("+1 503 555 %04d", i)})
		c.Order.NeedsOCR = i%2 == 0
		c.Order.FileName = fmt.Sprintf("order-%d.pdf", i)
		c.CreatedAt = c.CreatedAt.Add(time.Duration(i) * time.Minute).In(time.FixedZone("", -7*3600))
		if err := db.CreateCase(ctx, c, pdf, []app.PageText{{Number: 1, Text: "text", Source: app.SourceText}}); err != nil {
			t.Fatal(err)
		}
		if i%3 == 2 {
			c.Corrections = map[string]app.Correction{app.FieldCaseNumber: {Value: "corrected " + c.CaseNumber(), Extracted: c.CaseNumber(), By: "rev"}}
			c.Status = app.StatusDecided
			c.Decision = &app.Decision{Outcome: app.Reject, Reviewer: "rev"}
			c.UpdatedAt = c.UpdatedAt.Add(time.Hour)
			if err := db.UpdateCase(ctx, c); err != nil {
				t.Fatal(err)
			}
		}
		out = append(out, c)
	}
	return out
}

// checkSummaries says whether the store's summaries are its cases' fields
// (app.Summarize of each stored case), one for every case.
func checkSummaries(t *testing.T, db *DB, cases []*app.Case) {
	t.Helper()
	sums, err := db.Summaries(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(sums) != len(cases) {
		t.Fatalf("%d summaries for %d cases", len(sums), len(cases))
	}
	byID := map[string]app.Summary{}
	for _, s := range sums {
		byID[s.ID] = s
	}
	for _, c := range cases {
		stored, err := db.Case(context.Background(), c.ID)
		if err != nil {
			t.Fatal(err)
		}
		want, got := app.Summarize(stored), byID[c.ID]
		for _, p := range [][2]*time.Time{{&want.DueAt, &got.DueAt}, {&want.CreatedAt, &got.CreatedAt}, {&want.UpdatedAt, &got.UpdatedAt}} {
			if !p[0].Equal(*p[1]) {
				t.Errorf("case %s: time %v, want %v", c.ID, *p[1], *p[0])
			}
			*p[0], *p[1] = time.Time{}, time.Time{}
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("case %s:\n got %+v\nwant %+v", c.ID, got, want)
		}
	}
}

func TestSummaries_AreTheCasesFields(t *testing.T) {
	db := mustOpen(t, t.TempDir())
	cases := variedCases(t, db, 12)
	checkSummaries(t, db, cases)
}

// asSchema2 turns a store into what schema 2 wrote: a summary a case, as
// JSON.
func asSchema2(t *testing.T, db *DB) {
	t.Helper()
	withBolt(t, db, func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketSummaries)
		var r summaryReader
		var groups, keys, values [][]byte
		b.ForEach(func(k, _ []byte) error {
			entries, err := readGroup(tx, db.codec, k)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range entries {
				s, err := r.summaryOf(e)
				if err != nil {
					t.Fatal(err)
				}
				data, _ := json.Marshal(s)
				key, _ := hex.DecodeString(s.ID)
				keys, values = append(keys, key), append(values, data)
			}
			groups = append(groups, append([]byte{}, k...))
			return nil
		})
		for _, g := range groups {
			b.Delete(g)
		}
		for i := range keys {
			if err := putSealed(tx, db.codec, bucketSummaries, keys[i], values[i]); err != nil {
				return err
			}
		}
		return tx.Bucket(bucketMeta).Put(keySchema, []byte("2"))
	})
}

// summaryForms counts the store's summaries in groups and one a case, and
// says whether the store is marked schema 3 with no move pending.
func summaryForms(t *testing.T, db *DB) (grouped, single int, current bool) {
	t.Helper()
	err := db.rawView(func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		current = string(meta.Get(keySchema)) == fmt.Sprint(SchemaVersion) && meta.Get(keySummariesPending) == nil
		return tx.Bucket(bucketSummaries).ForEach(func(k, v []byte) error {
			if len(k) != 1 {
				single++
				return nil
			}
			entries, err := readGroup(tx, db.codec, k)
			if err != nil {
				t.Fatal(err)
			}
			grouped += len(entries)
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return grouped, single, current
}

func migrations(t *testing.T, db *DB) int {
	t.Helper()
	n := 0
	err := db.EachAudit(context.Background(), func(e app.AuditEntry) error {
		if e.Action == app.AuditMigrate && strings.Contains(e.Detail, "summaries") {
			n++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// A schema-2 store, opened by a reader, has its summaries moved to the
// binary form: the same fields, schema 3, the move recorded once, the
// store verifying clean.
func TestMigrate_Schema2SummariesMoveOver(t *testing.T) {
	dir := t.TempDir()
	db := mustOpen(t, dir)
	cases := variedCases(t, db, 9)
	asSchema2(t, db)
	var before []app.Summary
	db.rawView(func(tx *bolt.Tx) error {
		before, _, _ = readSummaries(context.Background(), tx, db.codec)
		return nil
	})
	db.Close()

	ro, err := Open(dir, testOptions(true))
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	checkSummaries(t, ro, cases)
	// What the queue and list --json show comes in the same order, with
	// the same fields, as from schema 2's summaries.
	after, _ := ro.Summaries(context.Background())
	app.SortSummaries(before)
	app.SortSummaries(after)
	if len(before) != len(cases) || !reflect.DeepEqual(before, after) {
		t.Errorf("schema 2 listed\n%+v\nschema 3 lists\n%+v", before, after)
	}
	if grouped, single, current := summaryForms(t, ro); grouped != len(cases) || single != 0 || !current {
		t.Errorf("after the move: %d grouped, %d one a case, current %v", grouped, single, current)
	}
	if n := migrations(t, ro); n != 1 {
		t.Errorf("%d migration entries, want 1", n)
	}
	rep, err := ro.Verify(context.Background(), nil)
	if err != nil || !rep.OK() {
		t.Errorf("verify after the move: %v, %s", err, findings(rep))
	}
}

// A move cut short after its first batch (what a crash between two
// transactions leaves) is a store that reads — schema 3, so an older
// WarrantDesk refuses it rather than read the binary form as damaged —
// and whose next use finishes the move.
func TestMigrate_Schema2MoveCutShortIsFinished(t *testing.T) {
	dir := t.TempDir()
	db := mustOpen(t, dir)
	cases := variedCases(t, db, 10)
	asSchema2(t, db)
	defer func(n int) { summaryBatch = n }(summaryBatch)
	summaryBatch = 4
	withBolt(t, db, func(tx *bolt.Tx) error {
		// The first transaction of upgradeSummaries, and no more.
		meta := tx.Bucket(bucketMeta)
		meta.Put(keySchema, []byte(fmt.Sprint(SchemaVersion)))
		meta.Put(keySummariesPending, []byte("1"))
		_, done, err := moveSummaries(tx, db.codec, 0)
		if done {
			t.Error("the first batch moved every summary")
		}
		return err
	})
	if grouped, single, _ := summaryForms(t, db); grouped < 4 || single == 0 || grouped+single != len(cases) {
		t.Fatalf("cut short: %d grouped, %d one a case", grouped, single)
	}
	checkSummaries(t, db, cases) // a store cut short lists every case
	db.Close()

	db = mustOpen(t, dir)
	checkSummaries(t, db, cases)
	if grouped, single, current := summaryForms(t, db); grouped != len(cases) || single != 0 || !current {
		t.Errorf("after the next open: %d grouped, %d one a case, current %v", grouped, single, current)
	}
	if n := migrations(t, db); n != 1 {
		t.Errorf("%d migration entries, want 1", n)
	}
}

// A summary that does not read back stays as it is through the move:
// damaged, named, not lost and not made up.
func TestMigrate_DamagedSummaryStaysDamaged(t *testing.T) {
	dir := t.TempDir()
	db := mustOpen(t, dir)
	cases := variedCases(t, db, 3)
	asSchema2(t, db)
	spoil(t, db, bucketSummaries, cases[1].ID, func(v []byte) []byte { v[len(v)-1] ^= 1; return v })
	db.Close()

	db = mustOpen(t, dir)
	sums, err := db.Summaries(context.Background())
	d, ok := app.Damaged(err)
	if !ok || len(d.Cases) != 1 || d.Cases[0] != cases[1].ID || len(sums) != 2 {
		t.Errorf("after the move: %d summaries, %v", len(sums), err)
	}
	if _, _, current := summaryForms(t, db); !current {
		t.Error("the move did not finish")
	}
}

// A group of summaries that does not read back hides no case: the list
// is made from the cases themselves, and the next save of any case of the
// group writes it whole again.
func TestSummaries_DamagedGroupIsMadeFromItsCases(t *testing.T) {
	db := mustOpen(t, t.TempDir())
	cases := variedCases(t, db, 6)
	id, _ := hex.DecodeString(cases[2].ID)
	gk := groupKey(id)
	spoilKey(t, db, bucketSummaries, gk, func(v []byte) []byte { v[len(v)-1] ^= 1; return v })
	checkSummaries(t, db, cases)
	rep, _ := db.Verify(context.Background(), nil)
	if !strings.Contains(findings(rep), "do not read back") {
		t.Errorf("verify does not name the damaged group: %s", findings(rep))
	}
	cases[2].UpdatedAt = cases[2].UpdatedAt.Add(time.Minute)
	cases[2].Status = app.StatusInReview
	if err := db.UpdateCase(context.Background(), cases[2]); err != nil {
		t.Fatal(err)
	}
	withBolt(t, db, func(tx *bolt.Tx) error {
		if _, err := readGroup(tx, db.codec, gk); err != nil {
			t.Errorf("the group was not written again: %v", err)
		}
		return nil
	})
	checkSummaries(t, db, cases)
}

// While an older desk holds the folder, a reader cannot move a schema-2
// store over: it lists the summaries in their old form, and the move waits
// for the next writer.
func TestMigrate_Schema2ReadBesideAnOlderDesk(t *testing.T) {
	dir := t.TempDir()
	db := mustOpen(t, dir)
	cases := variedCases(t, db, 4)
	asSchema2(t, db)
	db.Close()
	older, err := lockInstance(filepath.Join(dir, "warrantdesk.lock"), time.Second)
	if err != nil {
		t.Fatal(err)
	}
	opts := testOptions(true)
	opts.LockTimeout = 50 * time.Millisecond
	ro, err := Open(dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	checkSummaries(t, ro, cases)
	if grouped, single, current := summaryForms(t, ro); grouped != 0 || single != len(cases) || current {
		t.Errorf("beside the older desk: %d grouped, %d one a case, current %v", grouped, single, current)
	}
	ro.Close()
	older.release()

	db = mustOpen(t, dir)
	checkSummaries(t, db, cases)
	if grouped, _, current := summaryForms(t, db); grouped != len(cases) || !current {
		t.Errorf("the next writer did not move the store over: %d grouped, current %v", grouped, current)
	}
}

// A batch writes each group once, merged with what the group held: every
// case of the store, old and new, has its summary, and those refused (a
// duplicate) have none.
func TestSummaries_BatchMergedIntoGroups(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t, t.TempDir())
	cases := variedCases(t, db, 5)
	var batch []app.NewCase
	for i := 0; i < 300; i++ { // more than 256: groups get several
		pdf := []byte(fmt.Sprintf("%%PDF-1.4 batch order %d", i))
		c := newCase(pdf, fmt.Sprintf("3:26-cr-%05d", i))
		batch = append(batch, app.NewCase{Case: c, Original: pdf})
	}
	dup := newCase(batch[7].Original, "3:26-cr-dup")
	batch = append(batch, app.NewCase{Case: dup, Original: batch[7].Original})
	errs := db.CreateCases(ctx, batch)
	for i, err := range errs[:300] {
		if err != nil {
			t.Fatalf("case %d: %v", i, err)
		}
		cases = append(cases, batch[i].Case)
	}
	if app.ErrorCode(errs[300]) != app.ECONFLICT {
		t.Fatalf("the duplicate: %v", errs[300])
	}
	checkSummaries(t, db, cases)
}

// FuzzSummaryOf: whatever a summary or a group holds, decoding it returns
// an error or a summary, never panics; a summary that decodes encodes to
// what decodes to the same summary.
func FuzzSummaryOf(f *testing.F) {
	f.Add(encodeSummary(app.Summary{ID: "0123456789abcdef0123456789abcdef", Targets: []string{"a"}, CreatedAt: time.Unix(1e9, 5)}))
	f.Add(joinEntries([][]byte{encodeSummary(app.Summary{ID: "x"})}))
	f.Add([]byte(`{"id":"x"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var r summaryReader
		s, err := r.summaryOf(data)
		if err == nil && len(data) > 0 && data[0] == summaryBinary {
			again, err := r.summaryOf(encodeSummary(s))
			if err != nil || !reflect.DeepEqual(again, s) {
				t.Errorf("%+v encodes to what reads %+v, %v", s, again, err)
			}
		}
		countEntries(string(data))
		groupEntries(data)
		r.groupSummaries(nil, storedGroup{key: 1, text: string(data)})
	})
}

// uvarint reads what reading a byte at a time read — the value, the rest
// of the string, an error for a cut or endless varint — for every varint
// the codec writes (binary.AppendUvarint) and for random bytes.
func TestSummaryDecoder_UvarintIsByteAtATime(t *testing.T) {
	byteAtATime := func(d *summaryDecoder) uint64 {
		var x uint64
		for shift := uint(0); shift < 64; shift += 7 {
			b := d.byte()
			if d.err != nil {
				return 0
			}
			x |= uint64(b&0x7f) << shift
			if b < 0x80 {
				return x
			}
		}
		d.err = errSummaryForm
		return 0
	}
	r := rand.New(rand.NewPCG(7, 8))
	var inputs []string
	for _, v := range []uint64{0, 1, 127, 128, 300, 1 << 32, 1<<63 + 5, math.MaxUint64} {
		inputs = append(inputs, string(binary.AppendUvarint(nil, v)), string(binary.AppendUvarint(nil, v))+"rest")
	}
	for i := 0; i < 5000; i++ {
		b := make([]byte, r.IntN(13))
		for j := range b {
			b[j] = byte(r.IntN(256)) | byte(r.IntN(2))<<7
		}
		inputs = append(inputs, string(b))
	}
	for _, in := range inputs {
		got, want := summaryDecoder{str: in}, summaryDecoder{str: in}
		gv, wv := got.uvarint(), byteAtATime(&want)
		if gv != wv || (got.err == nil) != (want.err == nil) || got.err == nil && got.str != want.str {
			t.Fatalf("%q: %d, %q, %v; byte at a time %d, %q, %v", in, gv, got.str, got.err, wv, want.str, want.err)
		}
	}
}
