package extract

import (
	"fmt"
	"sort"

	"github.com/warrantdesk/warrantdesk/app"
)

// A field's value is chosen among candidates. Every rule that can read the
// field — a label pair, a pattern of the value's own shape, a place on the
// page (heading, letterhead, signature block) — proposes values, each with
// the confidence its kind of evidence has earned on orders written by
// others (docs/extraction.md, "Confidence"). Candidates with the same value
// add up; the best value wins, and the next different one becomes the
// runner-up the desk can offer. Two values that rank alike make both
// uncertain: the confidence drops and a warning names both.

// cand is one proposed value for a field.
type cand struct {
	value string
	h     hit     // where it was read (its span is the evidence)
	conf  float64 // how sure the evidence is, if this candidate wins
	rank  float64 // what orders candidates: conf and place
	rule  string  // which rule proposed it (tests and calibration)
}

// Adjustments to a candidate's rank and confidence.
const (
	agreeBonus   = 0.03 // another rule or page reads the same value
	closeMargin  = 0.05 // a runner-up this close makes the choice uncertain
	closePenalty = 0.2  // what such a tie costs in confidence
	ocrPenalty   = 0.05 // read from OCR text, with OCR's errors
)

// group is the candidates for one value.
type group struct {
	value string
	best  cand
	rules map[string]bool
	pages map[int]bool
	n     int
}

// choose picks the value for field name among cands, sets the field with
// its runner-up, and notes a conflict when two values tie. norm says when
// two values are the same (nil: case and spacing folded). It returns the
// winning candidate.
func (x *run) choose(name string, cands []cand, norm func(string) string) (cand, bool) {
	if len(cands) == 0 {
		return cand{}, false
	}
	if norm == nil {
		norm = normValue
	}
	var groups []*group
	byKey := map[string]*group{}
	for _, c := range cands {
		if c.value == "" {
			continue
		}
		if c.h.page != 0 && x.recognisedPage(c.h.page) {
			c.conf -= ocrPenalty
		}
		k := norm(c.value)
		g := byKey[k]
		if g == nil {
			g = &group{value: c.value, best: c, rules: map[string]bool{}, pages: map[int]bool{}}
			byKey[k] = g
			groups = append(groups, g)
		} else if c.rank > g.best.rank {
			g.best = c
		}
		g.rules[c.rule] = true
		g.pages[c.h.page] = true
		g.n++
	}
	if len(groups) == 0 {
		return cand{}, false
	}
	score := func(g *group) float64 {
		s := g.best.rank
		if len(g.rules) > 1 || len(g.pages) > 1 {
			s += agreeBonus
		}
		return s + 0.001*float64(min(g.n, 5)) // repeated values break ties (OCR misreads one copy)
	}
	sort.SliceStable(groups, func(i, j int) bool { return score(groups[i]) > score(groups[j]) })
	win := groups[0]
	conf := win.best.conf
	if len(win.rules) > 1 || len(win.pages) > 1 {
		conf += agreeBonus
	}
	f := app.Field{Value: win.best.value, Page: win.best.h.page, Snippet: win.best.h.snippet()}
	if len(groups) > 1 {
		run := groups[1]
		if score(win)-score(run) < closeMargin {
			conf -= closePenalty
			x.conflicts = append(x.conflicts, fmt.Sprintf("%s: found %q (page %d) and %q (page %d); check which is right", name, win.best.value, win.best.h.page, run.best.value, run.best.h.page))
		}
		for _, g := range groups[1:min(len(groups), 3)] {
			f.Alternatives = append(f.Alternatives, app.Alternative{Value: g.best.value, Page: g.best.h.page, Snippet: g.best.h.snippet(), Confidence: round2(min(g.best.conf, conf-0.01))})
		}
	}
	f.Confidence = round2(min(conf, 0.99))
	x.ex.Fields[name] = f
	w := win.best
	w.conf = f.Confidence
	return w, true
}

// recognisedPage reports whether page n's text came from OCR.
func (x *run) recognisedPage(n int) bool {
	for _, p := range x.c.pages {
		if p.num == n {
			return p.recognised
		}
	}
	return false
}

// place says where on the order a hit stands, for ranking: the order's
// own heading, its first page, a later page, or a paper that comes with
// it (cover letter, application).
func (x *run) place(h hit) float64 {
	for k, p := range x.c.pages {
		if p.num != h.page {
			continue
		}
		switch {
		case p.role != roleOrder:
			return -0.15
		case k == x.c.lead && lineIndex(h.text, h.start) < headingLines:
			return 0.03
		case k == x.c.lead:
			return 0
		}
		return -0.02
	}
	return 0
}

// pairHit makes a hit of a pair's value.
func (x *run) pairHit(p pair) hit {
	for _, pg := range x.c.pages {
		if pg.num == p.page {
			return hit{page: p.page, start: p.start, end: p.end, text: pg.text, groups: []string{p.value}}
		}
	}
	return hit{page: p.page, groups: []string{p.value}}
}

// labelled returns the pairs whose label a field's label rules accept,
// with the confidence each gives.
func (x *run) labelled(rules []labelClass) []struct {
	p    pair
	conf float64
	rule string
} {
	var out []struct {
		p    pair
		conf float64
		rule string
	}
	for _, p := range x.c.allPairs() {
		for _, lc := range rules {
			if classNames(lc.re, p.label) {
				if lc.conf > 0 {
					out = append(out, struct {
						p    pair
						conf float64
						rule string
					}{p, lc.conf, lc.name})
				}
				break // the first class that names the label decides, a refusal too
			}
		}
	}
	return out
}

// labelClass is a kind of label for a field: which labels (a pattern on
// the folded label), and how sure a value under such a label is. A class
// with confidence 0 refuses the label ("your reference" is the
// provider's, not the case's).
type labelClass struct {
	name string
	conf float64
	re   interface{ MatchString(string) bool }
}
