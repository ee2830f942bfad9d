// Package search finds cases by case number, issuing authority, agency,
// agent and targets, fuzzily (github.com/sahilm/fuzzy), as a reviewer types.
package search

import (
	"sort"
	"strings"

	"github.com/sahilm/fuzzy"
	"github.com/warrantdesk/warrantdesk/app"
)

// Index holds the searchable text of a set of cases. Build it once per
// change of the case list; Find is then cheap enough to run per keystroke.
type Index struct {
	cases   []*app.Case
	entries []entry
}

type entry struct {
	caseIdx int
	field   string
	text    string
}

// Match is one case found, with the field that matched best and the byte
// positions of the matched characters in that field's text.
type Match struct {
	Case    *app.Case
	Field   string
	Text    string
	Matched []int
	Score   int
}

// NewIndex indexes cases.
func NewIndex(cases []*app.Case) *Index {
	ix := &Index{cases: cases}
	for i, c := range cases {
		ex := &c.Order.Extraction
		add := func(field, text string) {
			if text = strings.TrimSpace(text); text != "" {
				ix.entries = append(ix.entries, entry{i, field, text})
			}
		}
		add(app.FieldCaseNumber, c.Value(app.FieldCaseNumber))
		add(app.FieldIssuingAuthority, c.Value(app.FieldIssuingAuthority))
		add(app.FieldAgency, c.Value(app.FieldAgency))
		add(app.FieldAgentName, c.Value(app.FieldAgentName))
		add(app.FieldJudge, c.Value(app.FieldJudge))
		add(app.FieldRecipient, c.Value(app.FieldRecipient))
		for _, t := range ex.Targets {
			add("target", t.Value)
		}
		add("file", c.Order.FileName)
	}
	ix.addMatters()
	return ix
}

func (ix *Index) String(i int) string { return ix.entries[i].text }
func (ix *Index) Len() int            { return len(ix.entries) }

// Find returns the cases matching query, best first, one match per case.
// An empty query matches nothing.
func (ix *Index) Find(query string) []Match {
	query = strings.TrimSpace(query)
	if query == "" {
		return nil
	}
	best := map[int]Match{}
	for _, m := range fuzzy.FindFrom(query, ix) {
		e := ix.entries[m.Index]
		// A match that covers the whole query in one run beats a scattered
		// one of the same fuzzy score: boost exact substrings.
		score := m.Score
		if strings.Contains(strings.ToLower(e.text), strings.ToLower(query)) {
			score += 1000
		}
		if cur, ok := best[e.caseIdx]; !ok || score > cur.Score {
			best[e.caseIdx] = Match{Case: ix.cases[e.caseIdx], Field: e.field, Text: e.text, Matched: m.MatchedIndexes, Score: score}
		}
	}
	out := make([]Match, 0, len(best))
	for _, m := range best {
		out = append(out, m)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Score != out[j].Score {
			return out[i].Score > out[j].Score
		}
		// A case that names the text itself comes before one found
		// through its matter.
		if mi, mj := out[i].Field == FieldMatter, out[j].Field == FieldMatter; mi != mj {
			return mj
		}
		return out[i].Case.CreatedAt.Before(out[j].Case.CreatedAt)
	})
	return out
}
