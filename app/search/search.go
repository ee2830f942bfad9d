// Package search finds cases as a reviewer types: by case number, issuing
// authority, agency, agent and targets, fuzzily (github.com/sahilm/fuzzy),
// and by the words of the orders' text (app.IndexWords), through one index
// of every case that holds both, kept by the service with the store.
//
// The fuzzy matcher is the judge of what matches and how well, but it
// does not read every entry on every keystroke. Each entry carries a
// signature of the letters and digits it holds (one bit each, case
// folded): an entry can match a query only if it holds every letter and
// digit the query has, so one AND per entry leaves the fuzzy matcher the
// few that can. A query that extends the previous one (the reviewer typed
// one more character) is matched only against the entries the previous
// one matched: a fuzzy match of "abc" is a fuzzy match of "ab". A search
// stops as soon as its context is cancelled (a newer keystroke). What is
// found, and its order, are what the matcher alone would give.
package search

import (
	"encoding/binary"
	"hash/fnv"
	"math"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/warrantdesk/warrantdesk/app"
)

// Index holds the searchable text of a set of cases, one Doc each, by
// case ID: it holds no case, so a queue of summaries can search without
// any whole case in memory. It is built once (NewIndex, Load) and then
// kept up to date case by case (Put, Remove); Stale says which cases a
// list of summaries shows that the index holds as they no longer are.
// Safe for concurrent use.
type Index struct {
	// rw guards everything but mu's: searches read, Put and Remove
	// change.
	rw      sync.RWMutex
	docs    []doc
	byID    map[string]int32
	entries []entry
	dead    int // entries no longer any case's

	// texts are the distinct texts of the entries, by number (textID);
	// post lists them by gram once Prepare built it (grams.go).
	texts     []text
	sigs      []uint64 // signature of each text, read apart from the texts
	textID    textTable
	textBytes textBytes // the texts' and read IDs' bytes
	post      *postings
	gen       uint64 // changes with every Put and Remove

	// members are the docs linked into each matter, keys the matter each
	// is linked into (matters.go).
	members map[string][]int32
	keys    map[int32]string

	// fieldNames are the entries' field names, by number: a handful.
	fieldNames []string
	// words are the words of the orders' text (words.go).
	words wordIndex

	mu       sync.Mutex
	last     narrowing // the latest query that ran to its end
	lastText narrowing // the latest text search, by doc

	// crowds are the texts many cases share, their cases in order
	// (crowds.go).
	crowds crowds
}

// doc is one case in the index; its entries are entries[from:to].
type doc struct {
	id       string
	stamp    uint64
	created  int64 // Unix nanoseconds: the tie-break of equal scores
	from, to int32
	gone     bool
	// wfrom, wto are where its words are in words.data (words.go).
	wfrom, wto int32
}

// entry is one text of a doc (docs[i].from to .to): which doc is never
// asked of an entry, its text's users say.
type entry struct {
	text  int32  // its number in texts
	field uint16 // its name's number in fieldNames
}

// narrowing is a finished query and what it matched.
type narrowing struct {
	query string
	hits  []int32 // docs, for a text search
	// held are the texts that hold the query as it stands (ascending;
	// nil when not kept), spread the others the matcher matched
	// (scattered: when it was run, fuzzy says so).
	held, spread []int32
	fuzzy        bool
}

// Match is one case found, with the field that matched best and the byte
// positions of the matched characters in that field's text.
type Match struct {
	ID      string
	Field   string
	Text    string
	Matched []int
	Score   int
}

// Doc is what the index holds of one case: what a search looks in.
type Doc struct {
	ID string
	// Stamp tells whether the doc is still the case's: StampOf the
	// case's summary when the doc was made.
	Stamp   uint64
	Created time.Time
	Entries []Entry
	// Words is the word index of the order's text (app.IndexWords of
	// its pages), searched by FindText.
	Words string
	// Matter is the matter the case was linked into ("" when it heads
	// its own): Find brings a matter's other cases with a match.
	Matter string
}

// Entry is one searchable text of a case and the field it is from
// (app.Field* names, "target", "file").
type Entry struct{ Field, Text string }

// DocOf is what the index holds of c: its case number, authority,
// agency, agent, judge, addressee, targets and file name, as corrected,
// and the words of its order's pages (nil: no text searched).
func DocOf(c *app.Case, pages []app.PageText) Doc {
	d := Doc{ID: c.ID, Stamp: StampOf(app.Summarize(c)), Created: c.CreatedAt, Matter: c.Matter}
	add := func(field, text string) {
		if text = strings.TrimSpace(text); text != "" {
			d.Entries = append(d.Entries, Entry{field, text})
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
	d.Words = app.IndexWords(pages)
	return d
}

// SummaryDoc is what the index can hold of a case from its summary alone:
// its details without the judge, the addressee or the text.
func SummaryDoc(s app.Summary) Doc {
	d := Doc{ID: s.ID, Stamp: StampOf(s), Created: s.CreatedAt, Matter: s.Matter}
	add := func(field, text string) {
		if text = strings.TrimSpace(text); text != "" {
			d.Entries = append(d.Entries, Entry{field, text})
		}
	}
	add(app.FieldCaseNumber, s.CaseNumber)
	add(app.FieldIssuingAuthority, s.Authority)
	add(app.FieldAgency, s.Agency)
	add(app.FieldAgentName, s.AgentName)
	for _, t := range s.Targets {
		add("target", t)
	}
	add("file", s.FileName)
	return d
}

// StampOf fingerprints a case's summary: when it was last changed and
// what of it a search finds. A change of the case (a correction, a
// decision, a new reading) changes its stamp.
func StampOf(s app.Summary) uint64 {
	h := fnv.New64a()
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], uint64(s.UpdatedAt.UnixNano()))
	h.Write(b[:])
	for _, v := range append([]string{s.SortKey, s.CaseNumber, s.Authority, s.Agency, s.AgentName, s.FileName, s.Matter}, s.Targets...) {
		h.Write([]byte(v))
		h.Write([]byte{0})
	}
	return h.Sum64()
}

// NewIndex indexes cases, without their text.
func NewIndex(cases []*app.Case) *Index {
	docs := make([]Doc, len(cases))
	for i, c := range cases {
		docs[i] = DocOf(c, nil)
	}
	return NewIndexOf(docs)
}

// NewIndexOf indexes docs; for docs of the same ID the last is kept.
func NewIndexOf(docs []Doc) *Index {
	ix := newIndex(len(docs))
	n := 0
	for _, d := range docs {
		n += len(d.Entries)
	}
	ix.entries = make([]entry, 0, n)
	for _, d := range docs {
		ix.put(d)
	}
	return ix
}

func newIndex(docs int) *Index {
	return &Index{byID: make(map[string]int32, docs)}
}

// Put indexes d, in place of what the index held of the same case: a new
// case, or one that changed (a corrected case number, agency or target),
// found from then on by what it says now.
func (ix *Index) Put(d Doc) {
	ix.rw.Lock()
	defer ix.rw.Unlock()
	ix.put(d)
	ix.forget()
}

func (ix *Index) put(d Doc) {
	ix.gen++
	i, ok := ix.byID[d.ID]
	if ok {
		ix.drop(i)
	} else {
		i = int32(len(ix.docs))
		ix.docs = append(ix.docs, doc{})
		ix.byID[d.ID] = i
	}
	from := int32(len(ix.entries))
	for _, e := range d.Entries {
		if e.Text = strings.TrimSpace(e.Text); e.Text != "" {
			ix.addEntry(i, e.Field, e.Text)
		}
	}
	if d.Matter != "" {
		ix.addEntry(i, FieldMatter, d.Matter)
	}
	ix.docs[i] = doc{id: d.ID, stamp: d.Stamp, created: d.Created.UnixNano(), from: from, to: int32(len(ix.entries))}
	ix.setWords(i, d.Words)
	ix.join(i, d.Matter)
	if ix.post != nil {
		ix.post.mark(ix, i)
	}
}

// addEntry adds an entry of doc i.
func (ix *Index) addEntry(i int32, field, s string) {
	e := int32(len(ix.entries))
	t := ix.intern(s)
	ix.entries = append(ix.entries, entry{text: t, field: ix.fieldNumber(field)})
	ix.texts[t].users = append(ix.texts[t].users, user{doc: i, entry: e})
	ix.unsettle(t)
}

// fieldNumber is the number of the field name f, added when new.
func (ix *Index) fieldNumber(f string) uint16 {
	if i := slices.Index(ix.fieldNames, f); i >= 0 {
		return uint16(i)
	}
	if len(ix.fieldNames) > math.MaxUint16 {
		// Only a damaged index names so many: the last name stands for
		// the rest.
		return math.MaxUint16
	}
	ix.fieldNames = append(ix.fieldNames, strings.Clone(f))
	return uint16(len(ix.fieldNames) - 1)
}

// field is entry e's field name.
func (ix *Index) field(e int32) string { return ix.fieldNames[ix.entries[e].field] }

// text is entry e's text.
func (ix *Index) text(e int32) string { return ix.texts[ix.entries[e].text].s }

// drop takes doc i's entries out of searches.
func (ix *Index) drop(i int32) {
	dc := &ix.docs[i]
	for e := dc.from; e < dc.to; e++ {
		ix.release(e)
	}
	ix.dead += int(dc.to - dc.from)
	dc.from, dc.to, dc.wfrom, dc.wto = 0, 0, 0, 0
}

// Remove takes the case with the given ID out of the index (a case
// purged); an ID the index does not hold is left alone.
func (ix *Index) Remove(id string) {
	ix.rw.Lock()
	defer ix.rw.Unlock()
	i, ok := ix.byID[id]
	if !ok {
		return
	}
	ix.gen++
	ix.drop(i)
	ix.leave(i)
	ix.docs[i].gone = true
	if ix.post != nil {
		ix.post.mark(ix, i)
	}
	delete(ix.byID, id)
	ix.forget()
}

// forget drops the last search's matches, which a change may alter.
func (ix *Index) forget() {
	ix.mu.Lock()
	ix.last, ix.lastText = narrowing{}, narrowing{}
	ix.mu.Unlock()
}

// Stale compares the index with the summaries of every stored case:
// changed are the cases it does not hold, or holds as they no longer are
// (their stamp differs); gone are those it holds that are not stored.
func (ix *Index) Stale(sums []app.Summary) (changed, gone []string) {
	ix.rw.RLock()
	defer ix.rw.RUnlock()
	seen := make([]bool, len(ix.docs))
	for _, s := range sums {
		i, ok := ix.byID[s.ID]
		if !ok || ix.docs[i].stamp != StampOf(s) {
			changed = append(changed, s.ID)
		}
		if ok {
			seen[i] = true
		}
	}
	for i, d := range ix.docs {
		if !d.gone && !seen[i] {
			gone = append(gone, d.id)
		}
	}
	return changed, gone
}

// Words is the word index of the text of the case with the given ID, as
// indexed ("" if none).
func (ix *Index) Words(id string) string {
	ix.rw.RLock()
	defer ix.rw.RUnlock()
	if i, ok := ix.byID[id]; ok {
		return ix.wordsOf(i)
	}
	return ""
}

// Len is the number of entries indexed.
func (ix *Index) Len() int {
	ix.rw.RLock()
	defer ix.rw.RUnlock()
	return len(ix.entries) - ix.dead
}

// Cases is the number of cases indexed.
func (ix *Index) Cases() int {
	ix.rw.RLock()
	defer ix.rw.RUnlock()
	return len(ix.byID)
}

// A signature's last bits say what of its text's shape the matcher and
// the bound on its score (heldCeiling) ask, and a text was read again
// for on every keystroke: nonASCII, that it is not ASCII (the matcher's
// fast path, the case-blind scan); hasNUL, that it holds a NUL (the
// matcher reads only to it); humped, that it holds a lower-case ASCII
// letter followed by a capital (where the matcher's camel-case bonus can
// fall). shapeBits are the three, never asked of a query.
const (
	nonASCII  = 1 << 63
	hasNUL    = 1 << 62
	humped    = 1 << 61
	shapeBits = nonASCII | hasNUL | humped
)

// signature has a bit for each ASCII letter (either case) and digit s
// holds, counting the letters a non-ASCII character folds to (the Kelvin
// sign is a k to the matcher), and its shape's bits.
func signature(s string) uint64 {
	var sig uint64
	var last rune
	for _, r := range s {
		switch {
		case r >= utf8.RuneSelf:
			sig |= nonASCII
			for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
				sig |= bit(f)
			}
		case r == 0:
			sig |= hasNUL
		case 'a' <= last && last <= 'z' && 'A' <= r && r <= 'Z':
			sig |= humped | bit(r)
		default:
			sig |= bit(r)
		}
		last = r
	}
	return sig
}

// shapeOf is the shape bits of s's signature.
func shapeOf(s string) uint64 { return signature(s) & shapeBits }

func bit(r rune) uint64 {
	switch {
	case r >= 'a' && r <= 'z':
		return 1 << (r - 'a')
	case r >= 'A' && r <= 'Z':
		return 1 << (r - 'A')
	case r >= '0' && r <= '9':
		return 1 << (26 + r - '0')
	}
	return 0
}

// ascii reports whether text t is ASCII.
func (ix *Index) ascii(t int32) bool { return ix.sigs[t]&nonASCII == 0 }

// shape is text t's shape bits.
func (ix *Index) shape(t int32) uint64 { return ix.sigs[t] & shapeBits }

// containsFold reports whether s holds lower (already lower-cased), case
// folded as strings.ToLower does, without a copy of s for ASCII text.
func containsFold(s, lower string) bool { return holdsFold(s, isASCII(s), lower) }

// holdsFold is containsFold of a text whose ASCII-ness is known.
func holdsFold(s string, ascii bool, lower string) bool {
	if !ascii {
		return strings.Contains(strings.ToLower(s), lower)
	}
	n := len(lower)
outer:
	for i := 0; i+n <= len(s); i++ {
		for j := 0; j < n; j++ {
			c := s[i+j]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c != lower[j] {
				continue outer
			}
		}
		return true
	}
	return false
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
	slices.Sort(out)
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
