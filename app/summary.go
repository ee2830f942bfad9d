package app

import (
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"
)

// Summary is the little of a case that the queue, its filters, its sort
// and search need: stored beside each case and read at launch, so a list
// of a hundred thousand cases never decodes a whole case. The full case
// (Store.Case) is read when one is opened.
type Summary struct {
	ID          string      `json:"id"`
	Status      Status      `json:"status"`
	ProcessType ProcessType `json:"process_type"`
	// CaseNumber and Deadline are as corrected, if they were.
	CaseNumber string `json:"case_number,omitempty"`
	Deadline   string `json:"deadline,omitempty"`
	// DueAt is when the case is due (Case.Due): a deadline's day's end,
	// or the moment a period counted in hours ends.
	DueAt        time.Time `json:"due_at,omitempty"`
	Emergency    bool      `json:"emergency,omitempty"`
	Authority    string    `json:"issuing_authority,omitempty"`
	Agency       string    `json:"agency,omitempty"`
	AgentName    string    `json:"agent_name,omitempty"`
	Jurisdiction string    `json:"jurisdiction,omitempty"`
	Targets      []string  `json:"targets,omitempty"`
	FileName     string    `json:"file_name"`
	// Matter is the matter the case was linked into ("" when none).
	Matter    string    `json:"matter,omitempty"`
	Pages     int       `json:"pages"`
	NeedsOCR  bool      `json:"needs_ocr,omitempty"`
	Gagged    bool      `json:"gagged,omitempty"`
	Outcome   Outcome   `json:"outcome,omitempty"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
	// SortKey orders cases most urgent first as plain bytes
	// (SortByUrgency's order), computed once when the case is written.
	SortKey string `json:"sort_key"`
}

// Summarize returns c's summary, as the reviewer corrected it.
func Summarize(c *Case) Summary {
	s := Summary{
		ID: c.ID, Status: c.Status, ProcessType: c.ProcessType(),
		CaseNumber: c.CaseNumber(), Emergency: c.Emergency(),
		Authority: c.Value(FieldIssuingAuthority), Agency: c.Value(FieldAgency), AgentName: c.Value(FieldAgentName),
		Jurisdiction: c.Value(FieldJurisdiction), FileName: c.Order.FileName, Pages: c.Order.Pages,
		NeedsOCR: c.Order.NeedsOCR, Gagged: c.Nondisclosure().Ordered,
		CreatedAt: c.CreatedAt, UpdatedAt: c.UpdatedAt, SortKey: UrgencyKey(c), Matter: c.Matter,
	}
	if d, ok := c.Deadline(); ok {
		s.Deadline = d.Format(time.DateOnly)
	}
	if d, ok := c.Due(); ok {
		s.DueAt = d.At
	}
	for _, t := range c.Targets() {
		s.Targets = append(s.Targets, t.Value)
	}
	if c.Decision != nil {
		s.Outcome = c.Decision.Outcome
	}
	return s
}

// UrgencyKey is a string whose byte order is SortByUrgency's: open before
// closed; among open cases emergencies first, then the nearest due time
// (Due), then those without one; ties to the case imported first, then by
// ID so the order never depends on how cases were read.
func UrgencyKey(c *Case) string {
	b := make([]byte, 0, 80)
	b = append(b, flag(c.Closed()), flag(!c.Emergency()))
	if d, ok := c.Due(); ok {
		b = append(b, '0')
		b = d.At.UTC().AppendFormat(b, "20060102150405")
	} else {
		b = append(b, "100000000000000"...)
	}
	b = c.CreatedAt.UTC().AppendFormat(b, "20060102150405.000000000")
	return string(append(b, c.ID...))
}

func flag(set bool) byte {
	if set {
		return '1'
	}
	return '0'
}

// Due is when the case is due, as Case.Due, for a summary stored before
// it held the moment (then a deadline's day's end).
func (s *Summary) Due() (time.Time, bool) {
	if !s.DueAt.IsZero() {
		return s.DueAt, true
	}
	return endOfDay(s.Deadline)
}

// Closed reports whether the case needs no more review (Case.Closed).
func (s *Summary) Closed() bool { return s.Status == StatusDecided || s.Status == StatusSplit }

// SortSummaries orders summaries most urgent first by their keys. It sorts
// their positions and then moves each summary once: sorting the summaries
// themselves moved 300-byte values at every step (at 100,000 cases, most
// of the launch's sort), and sorting a copy would hold the list twice.
func SortSummaries(s []Summary) {
	order := SortOrder(len(s), func(i int) string { return s[i].SortKey })
	// order[i] is the summary that belongs at i: follow each cycle of the
	// permutation, holding one summary aside.
	for i := range order {
		if order[i] == int32(i) {
			continue
		}
		held, j := s[i], i
		for {
			k := int(order[j])
			order[j] = int32(j)
			if k == i {
				s[j] = held
				break
			}
			s[j], j = s[k], k
		}
	}
}

// SortOrder returns the positions 0…n-1 in the byte order of key(i), a
// plain sort by key's order (keys are unique: UrgencyKey ends with the ID).
// Urgency keys share long prefixes (the flags, then the due time, which
// many cases share to the second), so comparing them byte by byte was most
// of a launch's sort; each key's first 32 bytes are compared as four
// integers first, and only keys equal that far are compared whole.
//
// Past a few thousand keys the positions are sorted in parts on every core
// and the parts merged (key must then be safe to call from several
// goroutines, as reading a slice is): at 1,000,000 cases the sort is a
// third of a second of the launch, which a laptop's cores divide.
func SortOrder(n int, key func(i int) string) []int32 {
	order := make([]int32, n)
	heads := make([][4]uint64, n)
	parts := min(runtime.GOMAXPROCS(0), n/sortPart)
	if parts < 2 {
		for i := range order {
			order[i] = int32(i)
			heads[i] = keyHead(key(i))
		}
		slices.SortFunc(order, byKey(heads, key))
		return order
	}
	// Each part a run of positions, headed and sorted by one goroutine;
	// then neighbouring runs merged two by two, each round's merges at
	// once, until one run is left.
	bounds := make([]int, parts+1)
	for p := range bounds {
		bounds[p] = p * n / parts
	}
	cmp := byKey(heads, key)
	var wg sync.WaitGroup
	for p := 0; p < parts; p++ {
		wg.Add(1)
		go func(from, to int) {
			defer wg.Done()
			for i := from; i < to; i++ {
				order[i] = int32(i)
				heads[i] = keyHead(key(i))
			}
			slices.SortFunc(order[from:to], cmp)
		}(bounds[p], bounds[p+1])
	}
	wg.Wait()
	src, dst := order, make([]int32, n)
	for len(bounds) > 2 {
		next := []int{0}
		for r := 0; r+1 < len(bounds); r += 2 {
			from, mid := bounds[r], bounds[r+1]
			if r+2 == len(bounds) { // an odd run out: carried over
				copy(dst[from:mid], src[from:mid])
				next = append(next, mid)
				break
			}
			to := bounds[r+2]
			wg.Add(1)
			go func() {
				defer wg.Done()
				mergeRuns(dst[from:to], src[from:mid], src[mid:to], cmp)
			}()
			next = append(next, to)
		}
		wg.Wait()
		src, dst, bounds = dst, src, next
	}
	return src
}

// sortPart is the fewest keys SortOrder sorts on a core of its own.
const sortPart = 1 << 14

// byKey compares two positions by their keys, their heads first.
func byKey(heads [][4]uint64, key func(i int) string) func(a, b int32) int {
	return func(a, b int32) int {
		ha, hb := &heads[a], &heads[b]
		for w := range ha {
			if ha[w] != hb[w] {
				if ha[w] < hb[w] {
					return -1
				}
				return 1
			}
		}
		return strings.Compare(key(int(a)), key(int(b)))
	}
}

// mergeRuns merges the sorted runs a and b into into (len(a)+len(b)).
func mergeRuns(into, a, b []int32, cmp func(a, b int32) int) {
	i, j, k := 0, 0, 0
	for i < len(a) && j < len(b) {
		if cmp(b[j], a[i]) < 0 {
			into[k], j = b[j], j+1
		} else {
			into[k], i = a[i], i+1
		}
		k++
	}
	k += copy(into[k:], a[i:])
	copy(into[k:], b[j:])
}

// keyHead is k's first 32 bytes as big-endian words, zero-padded: two keys'
// heads compare as the keys do, or are equal.
func keyHead(k string) [4]uint64 {
	var h [4]uint64
	for i := 0; i < len(k) && i < 32; i++ {
		h[i/8] |= uint64(k[i]) << (56 - 8*(i%8))
	}
	return h
}
