// Package search finds cases as a reviewer types: by case number, issuing
// authority, agency, agent and targets, fuzzily (github.com/sahilm/fuzzy),
// and by the words of the orders' text, through the word index the store
// keeps of each case's text (app.IndexWords).
package search

import (
	"sort"
	"strings"
	"unicode/utf8"

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
		for _, t := range c.Targets() {
			add("target", t.Value)
		}
		add("file", c.Order.FileName)
	}
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
			matched := m.MatchedIndexes
			if run := contiguous(e.text, query); run != nil {
				matched = run
			}
			best[e.caseIdx] = Match{Case: ix.cases[e.caseIdx], Field: e.field, Text: e.text, Matched: matched, Score: score}
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
		return out[i].Case.CreatedAt.Before(out[j].Case.CreatedAt)
	})
	return out
}

// contiguous returns the byte positions of the first place text holds
// query (any case), or of each of its words, so what is highlighted reads
// as the words typed rather than letters scattered along the text; nil
// when they are not there as such.
func contiguous(text, query string) []int {
	var out []int
	for _, w := range append([]string{query}, strings.Fields(query)...) {
		at := indexFold(text, w)
		if at < 0 {
			continue
		}
		for i := range text[at : at+foldLen(text[at:], w)] {
			out = append(out, at+i)
		}
		if w == query {
			return out
		}
	}
	if len(out) == 0 {
		return nil
	}
	sort.Ints(out)
	return out
}

// indexFold is the byte offset of the first s[i:] that starts with sub
// under Unicode case folding, or -1.
func indexFold(s, sub string) int {
	for i := range s {
		if foldLen(s[i:], sub) > 0 {
			return i
		}
	}
	return -1
}

// foldLen is how many bytes of s match sub under case folding from its
// start, or 0 when s does not start with sub.
func foldLen(s, sub string) int {
	n := 0
	for _, r := range sub {
		if n >= len(s) {
			return 0
		}
		c, size := utf8.DecodeRuneInString(s[n:])
		if !strings.EqualFold(string(c), string(r)) {
			return 0
		}
		n += size
	}
	return n
}

// TextMatch is a case whose order's text holds every word searched for.
type TextMatch struct {
	Case *app.Case
	// Words are the words of the index that matched, one per word
	// searched for.
	Words []string
}

// Text returns the cases, in the order given, whose text holds every word
// of query: each word of the query is the start of a word of the text
// (letters and digits compared, any case: app.WordKey), so "subscr" finds
// "subscriber". It reads only the word index of each case's text
// (app.IndexWords), given by case ID.
func Text(cases []*app.Case, index map[string]string, query string) []TextMatch {
	words := app.WordKeys(query)
	if len(words) == 0 {
		return nil
	}
	var out []TextMatch
	for _, c := range cases {
		ix := index[c.ID]
		if ix == "" {
			continue
		}
		var hit []string
		for _, w := range words {
			at := strings.Index(ix, " "+w)
			if at < 0 {
				hit = nil
				break
			}
			end := strings.IndexByte(ix[at+1:], ' ')
			hit = append(hit, ix[at+1:at+1+end])
		}
		if hit != nil {
			out = append(out, TextMatch{Case: c, Words: hit})
		}
	}
	return out
}
