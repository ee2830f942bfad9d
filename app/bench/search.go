package bench

import (
	"context"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/warrantdesk/warrantdesk/app"
	"github.com/warrantdesk/warrantdesk/app/search"
)

// Keystrokes is what a reviewer types, one query per key: a case number,
// part of an e-mail address, an agency's name, an agent's surname, and a
// query that matches nothing, each typed from its first character.
func Keystrokes(cases []*app.Case, seed uint64) []string {
	rng := rand.New(rand.NewPCG(seed, 1))
	pick := func(get func(*app.Case) string) string {
		for tries := 0; tries < 1000 && len(cases) > 0; tries++ {
			if v := get(cases[rng.IntN(len(cases))]); len(v) >= 4 {
				return v
			}
		}
		return ""
	}
	words := []string{
		pick(func(c *app.Case) string { return c.Value(app.FieldCaseNumber) }),
		pick(func(c *app.Case) string {
			for _, t := range c.Order.Extraction.Targets {
				if t.Kind == app.TargetEmail {
					return t.Value[:min(len(t.Value), 12)]
				}
			}
			return ""
		}),
		pick(func(c *app.Case) string { return c.Value(app.FieldAgency) }),
		pick(func(c *app.Case) string {
			f := strings.Fields(c.Value(app.FieldAgentName))
			if len(f) == 0 {
				return ""
			}
			return f[len(f)-1]
		}),
		"qzxv warrant",
	}
	var keys []string
	for _, w := range words {
		w = w[:min(len(w), 16)]
		for k := 1; k <= len(w); k++ {
			keys = append(keys, w[:k])
		}
	}
	return keys
}

// Searcher is one way to answer a keystroke: the desk's index or the
// reference.
type Searcher interface {
	// Matches returns how many cases the query finds.
	Matches(query string) int
}

// DeskSearch is the desk's own search (app/search).
type DeskSearch struct{ Index *search.Index }

// Matches runs one keystroke's search as the queue does: a page of cases
// ranked, the rest counted.
func (d DeskSearch) Matches(q string) int {
	r, _ := d.Index.FindTop(context.Background(), q, search.Page)
	if r == nil {
		return 0
	}
	return r.Total
}

// TimeKeys runs each keystroke once and returns the time each took.
func TimeKeys(s Searcher, keys []string) []time.Duration {
	out := make([]time.Duration, len(keys))
	for i, k := range keys {
		start := time.Now()
		s.Matches(k)
		out[i] = time.Since(start)
	}
	return out
}

// Trigram is the reference: a plain trigram index over the same entries
// (case number, authority, agency, agent, judge, recipient, targets, file
// name), lower-cased; a query of three characters or more is the
// intersection of its trigrams' postings, checked by substring; a shorter
// one scans every entry. It ranks nothing: it is the floor an index can
// reach, not a search a reviewer would want.
type Trigram struct {
	entries []string
	owner   []int32 // case of each entry
	post    map[string][]int32
}

// NewTrigram indexes cases.
func NewTrigram(cases []*app.Case) *Trigram {
	t := &Trigram{post: map[string][]int32{}}
	for i, c := range cases {
		t.add(int32(i), c)
	}
	return t
}

// add indexes case number i.
func (t *Trigram) add(i int32, c *app.Case) {
	for _, v := range entries(c) {
		e := int32(len(t.entries))
		v = strings.ToLower(v)
		t.entries = append(t.entries, v)
		t.owner = append(t.owner, i)
		for k := 0; k+3 <= len(v); k++ {
			g := v[k : k+3]
			if p := t.post[g]; len(p) == 0 || p[len(p)-1] != e {
				t.post[g] = append(p, e)
			}
		}
	}
}

func entries(c *app.Case) []string {
	var out []string
	for _, f := range []string{app.FieldCaseNumber, app.FieldIssuingAuthority, app.FieldAgency, app.FieldAgentName, app.FieldJudge, app.FieldRecipient} {
		if v := c.Value(f); v != "" {
			out = append(out, v)
		}
	}
	for _, t := range c.Order.Extraction.Targets {
		out = append(out, t.Value)
	}
	return append(out, c.Order.FileName)
}

// Matches counts the cases with an entry holding q.
func (t *Trigram) Matches(q string) int {
	q = strings.ToLower(strings.TrimSpace(q))
	if q == "" {
		return 0
	}
	seen := map[int32]bool{}
	if len(q) < 3 {
		for i, e := range t.entries {
			if strings.Contains(e, q) {
				seen[t.owner[i]] = true
			}
		}
		return len(seen)
	}
	var cand []int32
	for k := 0; k+3 <= len(q); k++ {
		p := t.post[q[k:k+3]]
		if k == 0 {
			cand = slices.Clone(p)
		} else {
			cand = intersect(cand, p)
		}
		if len(cand) == 0 {
			return 0
		}
	}
	for _, e := range cand {
		if strings.Contains(t.entries[e], q) {
			seen[t.owner[e]] = true
		}
	}
	return len(seen)
}

func intersect(a, b []int32) []int32 {
	out := a[:0]
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			out = append(out, a[i])
			i++
			j++
		}
	}
	return out
}

// Percentiles are the p50 and p99 of a set of durations, in milliseconds.
type Percentiles struct {
	P50 float64 `json:"p50"`
	P99 float64 `json:"p99"`
	Max float64 `json:"max"`
	N   int     `json:"keystrokes"`
}

// Percentile summarises ds.
func Percentile(ds []time.Duration) Percentiles {
	if len(ds) == 0 {
		return Percentiles{}
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	at := func(p float64) float64 {
		i := int(p*float64(len(s))+0.5) - 1
		return ms(s[max(0, min(i, len(s)-1))])
	}
	return Percentiles{P50: at(0.50), P99: at(0.99), Max: ms(s[len(s)-1]), N: len(s)}
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
