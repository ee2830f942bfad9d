package search

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/warrantdesk/warrantdesk/app"
)

func mk(number, authority string, targets ...string) *app.Case {
	c := &app.Case{ID: number, CreatedAt: time.Now(), Order: app.Order{FileName: number + ".pdf", Extraction: app.Extraction{
		Fields: map[string]app.Field{app.FieldCaseNumber: {Value: number}, app.FieldIssuingAuthority: {Value: authority}}}}}
	for _, t := range targets {
		c.Order.Extraction.Targets = append(c.Order.Extraction.Targets, app.Target{Kind: app.TargetEmail, Value: t})
	}
	return c
}

func TestIndex_Find(t *testing.T) {
	ix := NewIndex([]*app.Case{
		mk("2:25-mj-01234", "United States District Court for the District of Arizona", "jane.doe@example.com"),
		mk("NSL-25-000001", "Federal Bureau of Investigation", "mallory@example.net"),
		mk("1:25-ec-00077", "United States District Court for the Eastern District of Virginia"),
	})
	got := ix.Find("jane.doe")
	if len(got) == 0 || got[0].ID != "2:25-mj-01234" || got[0].Field != "target" {
		t.Fatalf("target search: %+v", got)
	}
	if len(got[0].Matched) != len("jane.doe") {
		t.Errorf("matched positions %v", got[0].Matched)
	}
	got = ix.Find("virginia")
	if len(got) == 0 || got[0].ID != "1:25-ec-00077" {
		t.Errorf("authority search: %+v", got)
	}
	got = ix.Find("25mj1234") // fuzzy: the characters in order
	if len(got) == 0 || got[0].ID != "2:25-mj-01234" {
		t.Errorf("fuzzy case number: %+v", got)
	}
	if ix.Find("   ") != nil {
		t.Error("an empty query matched")
	}
	for _, m := range ix.Find("e") {
		if m.ID == "" {
			t.Fatal("no case")
		}
	}
}

func TestIndex_OneMatchPerCase(t *testing.T) {
	ix := NewIndex([]*app.Case{mk("A-1", "Court", "a1@example.com", "a2@example.com", "a3@example.com")})
	if got := ix.Find("example"); len(got) != 1 {
		t.Errorf("%d matches for one case", len(got))
	}
}

func BenchmarkIndex_Find10000(b *testing.B)  { benchFind(b, 10000) }
func BenchmarkIndex_Find100000(b *testing.B) { benchFind(b, 100000) }

// benchFind measures one keystroke's search over n cases.
func benchFind(b *testing.B, n int) {
	var cases []*app.Case
	for i := 0; i < n; i++ {
		cases = append(cases, mk(fmt.Sprintf("2:25-mj-%05d", i), "United States District Court", fmt.Sprintf("user%d@example.com", i)))
	}
	ix := NewIndex(cases)
	ix.Prepare()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ix.FindTop(context.Background(), "user42", Page)
	}
}

// A matter's cases are found by the matter's ID and by each other's
// numbers.
func TestIndex_FindsMatters(t *testing.T) {
	pres := &app.Case{ID: "aaaa0000000000000000000000000001", Order: app.Order{Extraction: app.Extraction{Fields: map[string]app.Field{app.FieldCaseNumber: {Value: "2026-FBI-000123"}}}}}
	warrant := &app.Case{ID: "bbbb0000000000000000000000000002", Order: app.Order{Extraction: app.Extraction{Fields: map[string]app.Field{app.FieldCaseNumber: {Value: "1:26-mj-00042"}}}}}
	other := &app.Case{ID: "cccc0000000000000000000000000003", Order: app.Order{Extraction: app.Extraction{Fields: map[string]app.Field{app.FieldCaseNumber: {Value: "2026-DEA-9"}}}}}
	warrant.Matter = pres.ID
	ix := NewIndex([]*app.Case{pres, warrant, other})
	got := ix.Find("2026-FBI-000123")
	if len(got) < 2 || got[0].ID != pres.ID || got[1].ID != warrant.ID || got[1].Field != FieldMatter {
		t.Fatalf("found %+v", got)
	}
	if got := ix.Find(pres.ID); len(got) != 2 {
		t.Errorf("by the matter's ID: %+v", got)
	}
}

// BenchmarkIndex_Typed100000 types "user4217@ex" one key at a time over
// 100,000 cases: each keystroke narrows the one before.
func BenchmarkIndex_Typed100000(b *testing.B) {
	var cases []*app.Case
	for i := 0; i < 100000; i++ {
		cases = append(cases, mk(fmt.Sprintf("2:25-mj-%05d", i), "United States District Court", fmt.Sprintf("user%d@example.com", i)))
	}
	ix := NewIndex(cases)
	ix.Prepare()
	const word = "user4217@ex"
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for k := 1; k <= len(word); k++ {
			ix.FindTop(context.Background(), word[:k], Page)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N*len(word)), "ms/keystroke")
}

func TestIndex_HighlightsTheWordsTyped(t *testing.T) {
	ix := NewIndex([]*app.Case{mk("NSL-25-000001", "Federal Bureau of Investigation", "mallory.smith@example.net")})
	got := ix.Find("smith")
	if len(got) != 1 {
		t.Fatalf("%+v", got)
	}
	m := got[0]
	start := m.Matched[0]
	for i, p := range m.Matched {
		if p != start+i {
			t.Fatalf("scattered highlight %v in %q", m.Matched, m.Text)
		}
	}
	if m.Text[start:start+len("smith")] != "smith" {
		t.Errorf("highlighted %q", m.Text[start:m.Matched[len(m.Matched)-1]+1])
	}
	// Two words typed: each is highlighted where it stands.
	got = NewIndex([]*app.Case{mk("1", "United States District Court for the District of Arizona")}).Find("court arizona")
	if len(got) != 1 || len(got[0].Matched) != len("court")+len("arizona") {
		t.Errorf("words %+v", got)
	}
}

func TestFindText_FindsWordsOfTheOrdersText(t *testing.T) {
	a, b, c := mk("A", "court"), mk("B", "court"), mk("C", "court")
	ix := NewIndexOf([]Doc{
		DocOf(a, []app.PageText{{Text: "all subscriber records and IP logs for the account"}}),
		DocOf(b, []app.PageText{{Text: "content of communications"}}),
		DocOf(c, nil),
	})
	find := func(q string) map[string][]string {
		got, err := ix.FindText(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	got := find("Subscr  IP")
	if w := got[a.ID]; len(got) != 1 || len(w) != 2 || w[0] != "subscriber" || w[1] != "ip" {
		t.Fatalf("%+v", got)
	}
	if len(find("records warrant")) != 0 || find(" ,, ") != nil {
		t.Error("a word that is not there matched")
	}
	// Typed on, each query narrowing the last: the same as afresh.
	for _, q := range []string{"c", "co", "con", "cont", "content o"} {
		narrowed := find(q)
		ix.forget()
		if afresh := find(q); len(narrowed) != len(afresh) {
			t.Errorf("%q: narrowed %v, afresh %v", q, narrowed, afresh)
		}
	}
	// Text changed (read again by OCR): found by what it says now.
	ix.Put(DocOf(b, []app.PageText{{Text: "subscriber information"}}))
	if got := find("subscriber"); len(got) != 2 {
		t.Errorf("after b's text changed: %v", got)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := ix.FindText(ctx, "zz"); err == nil {
		t.Error("a cancelled text search ran")
	}
}
