package main

import (
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/warrantdesk/warrantdesk/app"
	"github.com/warrantdesk/warrantdesk/app/extract"
	"github.com/warrantdesk/warrantdesk/app/pdftext"
	"github.com/warrantdesk/warrantdesk/app/report"
	"github.com/warrantdesk/warrantdesk/app/sampleorders"
	"github.com/warrantdesk/warrantdesk/storage"
)

// A real order from the corpus is imported, checked, decided, and its memo
// written as PDF, DOCX and Markdown; a changed original refuses to export.
func TestCLI_FindingsAndMemoForARealOrder(t *testing.T) {
	file := corpusFile(t, "subpoena-2016-edva-grand-jury-open-whisper-systems.pdf")
	data := t.TempDir()
	outDir := t.TempDir() // memos are never written into the data folder
	if r := run(t, data, "import", file); r.code != 0 {
		t.Fatalf("import: %d %s", r.code, r.stderr)
	}
	if r := run(t, data, "settings", "--add-provider-name", "Example Mail Inc."); r.code != 0 {
		t.Fatalf("settings: %d %s", r.code, r.stderr)
	}
	var shown struct {
		ID       string        `json:"id"`
		Findings []app.Finding `json:"findings"`
	}
	r := run(t, data, "list", "--json")
	var list []map[string]any
	json.Unmarshal([]byte(r.stdout), &list)
	id := list[0]["id"].(string)
	r = run(t, data, "show", "--json", id)
	if err := json.Unmarshal([]byte(r.stdout), &shown); err != nil || shown.ID != id {
		t.Fatalf("show --json: %v\n%s", err, r.stdout)
	}
	rules := map[string]bool{}
	for _, f := range shown.Findings {
		rules[f.Rule] = true
		if f.Severity == "" || f.Message == "" || f.Basis == "" {
			t.Errorf("incomplete finding %+v", f)
		}
	}
	// The subpoena is served on Open Whisper Systems, not on us.
	if !rules["wrong-entity"] {
		t.Errorf("findings %+v lack wrong-entity", shown.Findings)
	}
	if r := run(t, data, "memo", id, "--out", filepath.Join(outDir, "x.pdf")); r.code != 2 || !strings.Contains(r.stderr, "no decision yet") {
		t.Errorf("memo before deciding: exit %d %s", r.code, r.stderr)
	}
	run(t, data, "decide", id, "--decision", "reject", "--ground", app.GroundEntity, "--note", "Served on another provider; returned to the sender.", "--reviewer", "Zoë Åström")
	for _, f := range []string{"pdf", "docx", "md"} {
		out := filepath.Join(outDir, "memo."+f)
		if r := run(t, data, "memo", id, "--out", out); r.code != 0 {
			t.Fatalf("memo %s: %d %s", f, r.code, r.stderr)
		}
		b, err := os.ReadFile(out)
		if err != nil || len(b) < 500 {
			t.Fatalf("memo %s: %d bytes, %v", f, len(b), err)
		}
		if f == "md" && (!strings.Contains(string(b), "Zoë Åström") || !strings.Contains(string(b), "wrong entity") && !strings.Contains(string(b), "right entity")) {
			t.Errorf("markdown memo:\n%s", b)
		}
	}
	// Batch: every decided case of the period.
	if r := run(t, data, "memo", "--all", "--out", filepath.Join(outDir, "memos"), "--format", "md", "--from", time.Now().AddDate(0, 0, -1).Format(time.DateOnly)); r.code != 0 || !strings.HasPrefix(r.stdout, "1 memos written") {
		t.Errorf("batch memos: %d %s %s", r.code, r.stdout, r.stderr)
	}
	// Change the stored original behind the app's back: export refuses.
	db, err := bolt.Open(filepath.Join(data, "warrantdesk.db"), 0o600, &bolt.Options{Timeout: 2 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	key, _ := hex.DecodeString(id)
	err = db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket([]byte("originals"))
		v := append([]byte{}, b.Get(key)...)
		v[len(v)-2] ^= 0xff
		return b.Put(key, v)
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	// Encrypted, a changed byte does not decrypt: the original is damaged.
	if r := run(t, data, "memo", id, "--out", filepath.Join(outDir, "tampered.pdf")); r.code == 0 || !strings.Contains(r.stderr, "original of case "+id+" is damaged") {
		t.Errorf("memo of a changed original: exit %d %s", r.code, r.stderr)
	}
	if _, err := os.Stat(filepath.Join(outDir, "tampered.pdf")); err == nil {
		t.Error("a memo was written for a changed original")
	}
}

// The decision log and the statistics add up over a few thousand cases.
func TestCLI_LogAndStatsAddUp(t *testing.T) {
	if testing.Short() {
		t.Skip("stores 2,000 cases")
	}
	const n = 2000
	data := t.TempDir()
	outDir := t.TempDir()
	orders, err := sampleorders.Generate(23, 19)
	if err != nil {
		t.Fatal(err)
	}
	var exs []app.Extraction
	var pages [][]app.PageText
	for _, o := range orders {
		doc, err := pdftext.ReadPages(o.PDF)
		if err != nil {
			t.Fatal(err)
		}
		exs, pages = append(exs, extract.New().Extract(doc)), append(pages, doc.Pages)
	}
	db, err := storage.Open(data, e2eStore)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var cases []*app.Case
	for i := 0; i < n; i++ {
		k := i % len(orders)
		pdf := fmt.Appendf(append([]byte{}, orders[k].PDF...), "\n%% %d\n", i)
		sum := sha256.Sum256(pdf)
		at := start.Add(time.Duration(rng.IntN(300*24)) * time.Hour)
		c := &app.Case{ID: app.NewCaseID(), Status: app.StatusNew, CreatedAt: at, Order: app.Order{
			FileName: fmt.Sprintf("%d.pdf", i), SHA256: hex.EncodeToString(sum[:]), Pages: len(pages[k]), ImportedAt: at, Extraction: exs[k]}}
		if rng.IntN(10) < 8 {
			d := app.Decision{Outcome: app.Outcomes()[rng.IntN(len(app.Outcomes()))], Reviewer: "R", DecidedAt: at.Add(time.Duration(rng.IntN(72)) * time.Hour)}
			for j, t := range c.Order.Extraction.Targets {
				d.Targets = append(d.Targets, app.TargetDecision{Target: t.Value, Produce: j%2 == 0 && rng.IntN(2) == 0})
			}
			c.Decide(d)
		}
		if err := db.CreateCase(context.Background(), c, pdf, pages[k]); err != nil {
			t.Fatal(err)
		}
		cases = append(cases, c)
	}
	db.Close()

	csvFile := filepath.Join(outDir, "log.csv")
	if r := run(t, data, "export", "--out", csvFile); r.code != 0 {
		t.Fatalf("export: %d %s", r.code, r.stderr)
	}
	f, _ := os.Open(csvFile)
	recs, err := csv.NewReader(f).ReadAll()
	f.Close()
	if err != nil || len(recs) != n+1 || strings.Join(recs[0], ",") != strings.Join(report.Columns(), ",") {
		t.Fatalf("CSV: %d rows, %v", len(recs), err)
	}
	col := map[string]int{}
	for i, c := range recs[0] {
		col[c] = i
	}
	decidedInCSV, byDecision := 0, map[string]int{}
	for _, r := range recs[1:] {
		if r[col["decision"]] != "" {
			decidedInCSV++
			byDecision[r[col["decision"]]]++
		}
	}
	jsonFile := filepath.Join(outDir, "log.json")
	if r := run(t, data, "export", "--out", jsonFile); r.code != 0 {
		t.Fatalf("export json: %d %s", r.code, r.stderr)
	}
	var rows []map[string]string
	b, _ := os.ReadFile(jsonFile)
	if err := json.Unmarshal(b, &rows); err != nil || len(rows) != n {
		t.Fatalf("JSON log: %d rows, %v", len(rows), err)
	}

	var s report.Stats
	r := run(t, data, "stats", "--json")
	if err := json.Unmarshal([]byte(r.stdout), &s); err != nil {
		t.Fatalf("stats: %v\n%s", err, r.stdout)
	}
	if s.Decided != decidedInCSV || s.Decided+s.Open != n {
		t.Errorf("stats: %d decided, %d open; the log has %d decided of %d", s.Decided, s.Open, decidedInCSV, n)
	}
	for name, m := range map[string]map[string]int{"category": s.ByCategory, "type": s.ByType, "jurisdiction": s.ByJurisdiction, "decision": s.ByDecision} {
		total := 0
		for _, v := range m {
			total += v
		}
		if total != s.Decided {
			t.Errorf("by %s adds up to %d, not %d", name, total, s.Decided)
		}
	}
	for k, v := range byDecision {
		if s.ByDecision[k] != v {
			t.Errorf("decision %s: stats %d, log %d", k, s.ByDecision[k], v)
		}
	}
	// A period counts exactly the cases decided in it.
	from, to := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 5, 31, 0, 0, 0, 0, time.UTC)
	want := 0
	for _, c := range cases {
		if c.Decision != nil && !c.Decision.DecidedAt.Before(from) && c.Decision.DecidedAt.Before(to.AddDate(0, 0, 1)) {
			want++
		}
	}
	r = run(t, data, "stats", "--json", "--from", "2026-03-01", "--to", "2026-05-31")
	json.Unmarshal([]byte(r.stdout), &s)
	if s.Decided != want || want == 0 {
		t.Errorf("period: %d decided, want %d", s.Decided, want)
	}
	if r := run(t, data, "stats", "--from", "2026-05-31", "--to", "2026-03-01"); r.code != 2 {
		t.Errorf("a backwards period: exit %d", r.code)
	}
}
