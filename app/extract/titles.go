package extract

import (
	"regexp"
	"regexp/syntax"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// The agent's names are read beside a title ("Special Agent Dana Whit",
// "Annika F. Lowenthal, AUSA"). As one pattern over the page, the matcher
// tries the hundred titles (or a name before them) at every byte, and that
// was the most costly pattern of the extractor. Titles are words an order
// spells out, though: they are found first, with plain string search, and
// the pattern is tried only where a match that holds such a title can
// start — the title's own place for a title before the name, the capitals
// on the name's line for a name before it. Every other pattern is found
// the same way from what its own matches begin with (leadsFor). What is
// found is exactly what the pattern finds over the whole page
// (titles_test.go compares the two).

// titled is a pattern and where its matches can start on a page.
type titled struct {
	anchored *regexp.Regexp // the pattern, matched only at its text's start
	after    *regexp.Regexp // the same after one character, in group 1
	starts   func(text string) []int
	fold     bool // some titles are matched without case
}

// titledRules are the agent's patterns found from their titles, keyed by
// the pattern they stand for; nil when a title's first letters cannot be
// told (the patterns are then matched over the whole page).
var titledRules = sync.OnceValue(func() map[*regexp.Regexp]*titled {
	r := agentRules2()
	before := titleStarts(agentTitles)
	after := titleStarts(agentTitles + "|" + agentCounselTitles)
	// Where a match can start is read from the patterns' shape as written
	// here: a pattern of another shape is matched over the whole page.
	const nameOnLine = `((?:(?:\p{Lu}\.|\p{Lu}[\p{L}'\-]+) ){0,3}\p{Lu}[\p{L}'\-]+)`
	if before == nil || after == nil ||
		!strings.HasPrefix(r.before.String(), `(?:^|[^\p{L}])(?:`+agentTitles+`)`) ||
		!strings.HasPrefix(r.after.String(), `(?:/s/\s*)?`+nameOnLine+`[ \t]*(?:,[ \t]*|\n[ \t]*)(?:`+agentTitles+`|`+agentCounselTitles+`)`) {
		return nil
	}
	return map[*regexp.Regexp]*titled{
		r.before: anchored(r.before, func(text string) []int { return titleFirst(text, before) }, false),
		r.after:  anchored(r.after, func(text string) []int { return nameFirst(text, after) }, true),
	}
})

func anchored(re *regexp.Regexp, starts func(string) []int, fold bool) *titled {
	return &titled{
		anchored: regexp.MustCompile(`^(?:` + re.String() + `)`),
		after:    regexp.MustCompile(`^(?s:.)(` + re.String() + `)`),
		starts:   starts,
		fold:     fold,
	}
}

// leadCache holds, for every other pattern matched over a page, where its
// matches can start (patternLeads); nil when it has no leads.
var leadCache sync.Map // *regexp.Regexp → *titled

// leadsFor returns how re's matches are found from what they begin with,
// or nil when they are found by the matcher over the whole text.
func leadsFor(re *regexp.Regexp) *titled {
	if t := titledRules()[re]; t != nil {
		return t
	}
	if v, ok := leadCache.Load(re); ok {
		return v.(*titled)
	}
	var t *titled
	if leads := patternLeads(re); leads != nil {
		fold := false
		for _, l := range leads {
			fold = fold || l.fold
		}
		t = anchored(re, func(text string) []int { return titlesIn(text, leads) }, fold)
	}
	leadCache.Store(re, t)
	return t
}

// patternLeads returns what every match of re begins with once past an
// assertion (\b, ^) — literals, a line's start, a digit — or nil when that
// cannot be told or would be found nearly everywhere.
func patternLeads(re *regexp.Regexp) []titleLead {
	tree, err := syntax.Parse(re.String(), syntax.Perl)
	if err != nil {
		return nil
	}
	leads := leadsOf(tree)
	if !selective(leads) {
		return nil
	}
	return leads
}

// selective reports whether leads are rare enough to look for: literals
// of two bytes or more, or places.
func selective(leads []titleLead) bool {
	for _, l := range leads {
		// A single letter is rare enough where it begins a word ("i
		// order").
		if l.lit != "" && len(l.lit) < 2 && !l.boundary || l.lit == "" && !l.line && !l.start && !l.digit {
			return false
		}
	}
	return leads != nil
}

// findAll is re.FindAllStringSubmatchIndex(text, -1).
func findAll(re *regexp.Regexp, text string) [][]int { return findN(re, text, -1) }

// findN is findAll up to the first n matches (n < 0: all of them); past
// the n-th the rest of the text is not tried.
func findN(re *regexp.Regexp, text string, n int) [][]int {
	t := leadsFor(re)
	if t == nil || t.fold && foldsToASCII(text) {
		return re.FindAllStringSubmatchIndex(text, n)
	}
	// What the matcher does over the whole text, leftmost match first and
	// the next one after it, tried only where a match can start.
	var out [][]int
	pos := 0
	for _, w := range t.starts(text) {
		if w < pos {
			continue
		}
		m, ok := t.matchAt(text, w)
		if !ok {
			return re.FindAllStringSubmatchIndex(text, n) // text the matcher reads otherwise
		}
		if m == nil {
			continue
		}
		if m[1] == m[0] {
			return re.FindAllStringSubmatchIndex(text, n) // an empty match: the matcher's own rules for those
		}
		out = append(out, m)
		if len(out) == n {
			break
		}
		pos = m[1]
	}
	return out
}

// matchAt returns the match that starts at w, as the matcher over the
// whole text would find it there: the pattern is anchored at the character
// before w, which it steps over, so that a \b, a ^ or a (?:^|[^\p{L}]) at
// the start sees what stands before the match. ok is false when that
// character is not one the matcher would read as such.
func (t *titled) matchAt(text string, w int) (m []int, ok bool) {
	if w == 0 {
		m = t.anchored.FindStringSubmatchIndex(text)
		return m, true
	}
	_, size := utf8.DecodeLastRuneInString(text[:w])
	if _, fwd := utf8.DecodeRuneInString(text[w-size:]); fwd != size {
		return nil, false
	}
	m = t.after.FindStringSubmatchIndex(text[w-size:])
	if m == nil {
		return nil, true
	}
	m = m[2:]
	for i := range m {
		if m[i] >= 0 {
			m[i] += w - size
		}
	}
	return m, true
}

// findFirst is re.FindStringSubmatchIndex(text).
func findFirst(re *regexp.Regexp, text string) []int {
	if leadsFor(re) == nil {
		return re.FindStringSubmatchIndex(text)
	}
	if first := findN(re, text, 1); len(first) > 0 {
		return first[0]
	}
	return nil
}

// foldsToASCII reports whether text holds one of the two letters outside
// ASCII that a pattern without case matches as an ASCII one (ſ as s, the
// Kelvin sign as k): the titles matched without case are then not found
// by a search of the text with ASCII letters lowered.
func foldsToASCII(text string) bool {
	return strings.ContainsRune(text, 'ſ') || strings.ContainsRune(text, '\u212A')
}

// titleLead is what a title begins with: its first letters, and whether
// they are matched without case.
type titleLead struct {
	lit     string
	fold    bool
	partial bool // the literal's start only (cut before a letter outside ASCII)
	// Or no literal but a place: a line's start, the text's start, a
	// digit (after a \b: one that begins a word).
	line, start, digit bool
	boundary           bool
}

// titleStarts returns what each of alternation's titles begins with, or
// nil when one of them begins with something else than letters spelled
// out.
func titleStarts(alternation string) []titleLead {
	var out []titleLead
	for _, alt := range topLevel(alternation) {
		tree, err := syntax.Parse(alt, syntax.Perl)
		if err != nil {
			return nil
		}
		leads := leadsOf(tree)
		if leads == nil {
			return nil
		}
		out = append(out, leads...)
	}
	return out
}

// topLevel splits a pattern at its top-level bars: one title each.
func topLevel(p string) []string {
	var out []string
	depth, from := 0, 0
	for i := 0; i < len(p); i++ {
		switch p[i] {
		case '\\':
			i++
		case '(', '[':
			depth++
		case ')', ']':
			depth--
		case '|':
			if depth == 0 {
				out = append(out, p[from:i])
				from = i + 1
			}
		}
	}
	return append(out, p[from:])
}

// leadsOf returns the literals one of which every match of re begins
// with, or nil.
func leadsOf(re *syntax.Regexp) []titleLead {
	switch re.Op {
	case syntax.OpLiteral:
		return literalLead(re)
	case syntax.OpCharClass:
		return classLeads(re)
	case syntax.OpBeginLine:
		return []titleLead{{line: true}}
	case syntax.OpBeginText:
		return []titleLead{{start: true}}
	case syntax.OpCapture, syntax.OpPlus:
		return leadsOf(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return leadsOf(re.Sub[0])
		}
	case syntax.OpAlternate:
		return eachOf(re.Sub, leadsOf)
	case syntax.OpConcat:
		return concatLeads(re.Sub)
	}
	return nil
}

func concatLeads(subs []*syntax.Regexp) []titleLead {
	if len(subs) == 0 {
		return nil
	}
	first, rest := subs[0], &syntax.Regexp{Op: syntax.OpConcat, Sub: subs[1:]}
	switch first.Op {
	case syntax.OpBeginText:
		return []titleLead{{start: true}} // the text's start is the only place
	case syntax.OpBeginLine:
		// A line's start, or better what must follow it.
		if leads := leadsOf(rest); selective(leads) {
			return leads
		}
		return []titleLead{{line: true}}
	case syntax.OpWordBoundary:
		leads := leadsOf(rest)
		for i := range leads {
			leads[i].boundary = true
		}
		return leads
	case syntax.OpEmptyMatch:
		return leadsOf(rest)
	case syntax.OpQuest, syntax.OpStar, syntax.OpRepeat:
		if first.Op != syntax.OpRepeat || first.Min == 0 {
			return optionalLeads(first.Sub[0], rest)
		}
	}
	leads := leadsOf(first)
	if len(leads) == 1 && first.Op == syntax.OpLiteral && len(subs) > 1 {
		// A prefix the parser split off an alternation ("pr" of
		// "prohibited|prior"): what follows it makes the literals rarer.
		return joinLeads(leads[0], leadsOf(rest), leads)
	}
	return leads
}

// optionalLeads are the leads of a match that begins with an optional
// part: what the part begins with, and what follows it.
func optionalLeads(opt, rest *syntax.Regexp) []titleLead {
	a, b := leadsOf(opt), leadsOf(rest)
	if a == nil || b == nil {
		return nil
	}
	return append(a, b...)
}

// literalLead is a literal's lead. Without case it is searched for in
// the text with ASCII letters lowered, so it is lowered too and cut before
// its first letter outside ASCII that has other cases ("spätestens" is
// found by "sp"); a literal beginning with such a letter is found by that
// letter in each of its cases.
func literalLead(re *syntax.Regexp) []titleLead {
	if re.Flags&syntax.FoldCase == 0 {
		return []titleLead{{lit: string(re.Rune)}}
	}
	var b strings.Builder
	for i, r := range re.Rune {
		switch {
		case r < utf8.RuneSelf:
			b.WriteRune(unicode.ToLower(r))
		case unicode.SimpleFold(r) == r:
			b.WriteRune(r) // no other case: the same bytes in the lowered text
		case i == 0:
			var out []titleLead
			for v := r; ; {
				lit := string(v)
				if v < utf8.RuneSelf {
					lit = strings.ToLower(lit) // the text's ASCII letters are lowered
				}
				out = append(out, titleLead{lit: lit, fold: true, partial: true})
				if v = unicode.SimpleFold(v); v == r {
					break
				}
			}
			return out
		default:
			return []titleLead{{lit: b.String(), fold: true, partial: true}}
		}
	}
	return []titleLead{{lit: b.String(), fold: true}}
}

// classLeads are a character class's leads: any digit for a class of
// digits, each character of a small class.
func classLeads(re *syntax.Regexp) []titleLead {
	digits, n := true, 0
	for i := 0; i < len(re.Rune); i += 2 {
		lo, hi := re.Rune[i], re.Rune[i+1]
		digits = digits && lo >= '0' && hi <= '9'
		n += int(hi-lo) + 1
	}
	if digits {
		return []titleLead{{digit: true}}
	}
	if n > 8 {
		return nil
	}
	var out []titleLead
	for i := 0; i < len(re.Rune); i += 2 {
		for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
			out = append(out, titleLead{lit: string(r)})
		}
	}
	return out
}

// eachOf is what every alternative gives, joined: nil when one gives
// nothing (a match could then begin anywhere).
func eachOf[T any](alts []*syntax.Regexp, of func(*syntax.Regexp) []T) []T {
	var all []T
	for _, sub := range alts {
		s := of(sub)
		if s == nil {
			return nil
		}
		all = append(all, s...)
	}
	return all
}

// joinLeads returns head followed by each of rest when all are matched
// alike (with or without case), else alone.
func joinLeads(head titleLead, rest, alone []titleLead) []titleLead {
	if rest == nil || head.partial {
		return alone
	}
	out := make([]titleLead, 0, len(rest))
	for _, r := range rest {
		if r.fold != head.fold || r.lit == "" || r.boundary {
			return alone
		}
		out = append(out, titleLead{lit: head.lit + r.lit, fold: head.fold})
	}
	return out
}

// titlesIn returns every offset of text where one of the titles begins,
// in order, each once.
func titlesIn(text string, leads []titleLead) []int {
	var lower string
	var at []int
	for _, l := range leads {
		if l.lit == "" {
			at = placesOf(text, l, at)
			continue
		}
		s := text
		if l.fold {
			if lower == "" {
				lower = lowerASCII(text)
			}
			s = lower
		}
		at = literalIn(s, l, at)
	}
	sort.Ints(at)
	return compactInts(at)
}

// literalIn appends to at every offset of s where l's literal stands
// (after a \b, only where a word begins or ends).
func literalIn(s string, l titleLead, at []int) []int {
	for i := 0; ; i++ {
		j := strings.Index(s[i:], l.lit)
		if j < 0 {
			return at
		}
		i += j
		if !l.boundary || (i > 0 && isWordByte(s[i-1])) != isWordByte(s[i]) {
			at = append(at, i)
		}
	}
}

// placesOf appends to at the places a lead without a literal names: the
// text's start, every line's, or every digit (one that begins a word
// after a \b).
func placesOf(text string, l titleLead, at []int) []int {
	at = append(at, 0)
	if l.start {
		return at
	}
	for i := 0; i < len(text); i++ {
		switch {
		case l.line && text[i] == '\n':
			at = append(at, i+1)
		case l.digit && '0' <= text[i] && text[i] <= '9' && (!l.boundary || i == 0 || !isWordByte(text[i-1])):
			at = append(at, i)
		}
	}
	return at
}

// lowerASCII lowers text's ASCII letters only: its offsets stay the text's.
func lowerASCII(text string) string {
	b := []byte(text)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

func compactInts(s []int) []int {
	out := s[:0]
	for i, v := range s {
		if i == 0 || v != s[i-1] {
			out = append(out, v)
		}
	}
	return out
}

// titleFirst is where a match of a title before a name can start: the
// title's own place at the text's start, or the character before it when
// that is no letter (the pattern begins (?:^|[^\p{L}])).
func titleFirst(text string, leads []titleLead) []int {
	var out []int
	for _, t := range titlesIn(text, leads) {
		if t == 0 {
			out = append(out, 0)
			continue
		}
		r, size := utf8.DecodeLastRuneInString(text[:t])
		if !unicode.IsLetter(r) {
			out = append(out, t-size)
		}
	}
	return compactInts(out)
}

// nameFirst is where a match of a name before a title can start: a "/s/"
// anywhere, or a capital on the line of a name that ends, a comma or a
// line break and blanks apart, where a title begins.
func nameFirst(text string, leads []titleLead) []int {
	var out []int
	for i := 0; ; i++ {
		j := strings.Index(text[i:], "/s/")
		if j < 0 {
			break
		}
		i += j
		out = append(out, i)
	}
	for _, t := range titlesIn(text, leads) {
		j := t
		for j > 0 && (text[j-1] == ' ' || text[j-1] == '\t') {
			j--
		}
		if j == 0 || text[j-1] != ',' && text[j-1] != '\n' {
			continue
		}
		end := j - 1
		for end > 0 && (text[end-1] == ' ' || text[end-1] == '\t') {
			end--
		}
		for k := strings.LastIndexByte(text[:end], '\n') + 1; k < end; {
			r, size := utf8.DecodeRuneInString(text[k:])
			if unicode.IsUpper(r) {
				out = append(out, k)
			}
			k += size
		}
	}
	sort.Ints(out)
	return compactInts(out)
}

// findAllIndex is re.FindAllStringIndex(text, -1).
func findAllIndex(re *regexp.Regexp, text string) [][]int {
	if leadsFor(re) == nil {
		return re.FindAllStringIndex(text, -1)
	}
	all := findAll(re, text)
	for i, m := range all {
		all[i] = m[:2]
	}
	return all
}
