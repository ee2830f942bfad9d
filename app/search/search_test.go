package search

import (
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
	if len(got) == 0 || got[0].Case.ID != "2:25-mj-01234" || got[0].Field != "target" {
		t.Fatalf("target search: %+v", got)
	}
	if len(got[0].Matched) != len("jane.doe") {
		t.Errorf("matched positions %v", got[0].Matched)
	}
	got = ix.Find("virginia")
	if len(got) == 0 || got[0].Case.ID != "1:25-ec-00077" {
		t.Errorf("authority search: %+v", got)
	}
	got = ix.Find("25mj1234") // fuzzy: the characters in order
	if len(got) == 0 || got[0].Case.ID != "2:25-mj-01234" {
		t.Errorf("fuzzy case number: %+v", got)
	}
	if ix.Find("   ") != nil {
		t.Error("an empty query matched")
	}
	for _, m := range ix.Find("e") {
		if m.Case == nil {
			t.Fatal("nil case")
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
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ix.Find("user42")
	}
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

func TestText_FindsWordsOfTheOrdersText(t *testing.T) {
	a, b := mk("A", "court"), mk("B", "court")
	index := map[string]string{
		a.ID: app.IndexWords([]app.PageText{{Text: "all subscriber records and IP logs for the account"}}),
		b.ID: app.IndexWords([]app.PageText{{Text: "content of communications"}}),
	}
	got := Text([]*app.Case{a, b}, index, "Subscr  IP")
	if len(got) != 1 || got[0].Case != a || got[0].Words[0] != "subscriber" || got[0].Words[1] != "ip" {
		t.Fatalf("%+v", got)
	}
	if Text([]*app.Case{a, b}, index, "records warrant") != nil || Text([]*app.Case{a}, index, " ,, ") != nil {
		t.Error("a word that is not there matched")
	}
}
