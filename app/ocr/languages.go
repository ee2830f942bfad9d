package ocr

import (
	"bytes"
	"os/exec"
	"slices"
	"strings"
	"unicode"
)

// Orders come in the languages of the states that send them, and read
// with English data alone their accented letters are lost ("München"
// comes out "Miinchen", "Okręgowa" "Okregowa") — in the names of courts,
// people and places a reviewer must read right. Tesseract reads a page
// with several languages' data at once ("deu+eng"), but each language
// added slows every page down and makes English read worse, so a page is
// read in English first and again only when its words are mostly of one
// other Latin-script language whose data is installed.

// stopWords are each language's commonest short words that survive an
// English reading (no accented letters), chosen to overlap little.
var stopWords = map[string][]string{
	"deu": {"der", "die", "das", "und", "nicht", "mit", "von", "den", "dem", "des", "ist", "auf", "im", "zu", "eine", "einer", "wird", "sind", "oder", "nach", "bei", "vom", "zur", "zum", "wurde", "auch", "gegen"},
	"fra": {"le", "les", "des", "et", "du", "une", "pour", "dans", "par", "est", "au", "aux", "sur", "qui", "que", "pas", "sont", "avec", "cette", "ce", "il", "ou"},
	"spa": {"el", "los", "las", "del", "que", "por", "con", "una", "para", "se", "al", "como", "su", "sus", "este", "esta", "lo", "y", "ha", "han"},
	"ita": {"il", "della", "di", "che", "per", "con", "del", "nel", "sono", "gli", "dei", "delle", "alla", "ai", "una", "questo", "presso", "dal", "nella", "ed"},
	"por": {"os", "da", "do", "das", "dos", "em", "para", "com", "uma", "ao", "pela", "pelo", "no", "na", "nos", "foi", "ser", "seu", "sua"},
	"nld": {"het", "een", "van", "niet", "voor", "met", "op", "zijn", "dat", "wordt", "bij", "naar", "ook", "uw", "deze", "aan", "heeft", "worden"},
	"pol": {"w", "z", "na", "nie", "do", "się", "sie", "jest", "oraz", "dla", "przez", "od", "jak", "tym", "lub", "ze", "po", "co"},
	"swe": {"och", "att", "det", "som", "med", "av", "till", "inte", "har", "den", "ett", "om", "vid", "eller", "samt", "enligt"},
}

// englishWords are English's own commonest words, to weigh against.
var englishWords = map[string]bool{"the": true, "and": true, "of": true, "to": true, "in": true, "is": true, "for": true,
	"that": true, "by": true, "this": true, "with": true, "be": true, "are": true, "from": true, "or": true, "as": true,
	"any": true, "you": true, "your": true, "on": true, "data": true, "shall": true, "which": true, "an": true, "a": true}

// countryLanguage gives the language of the states whose country
// domains and names a page shows: an English form filled in by a Polish
// court carries Polish names (its e-mail addresses end in .pl, its
// issuing state is Poland).
var countryLanguage = map[string]string{
	"de": "deu", "at": "deu", "germany": "deu", "deutschland": "deu", "austria": "deu", "österreich": "deu",
	"fr": "fra", "france": "fra", "lu": "fra", "luxembourg": "fra",
	"es": "spa", "spain": "spa", "españa": "spa", "espana": "spa", "mx": "spa", "ar": "spa",
	"it": "ita", "italy": "ita", "italia": "ita",
	"pt": "por", "portugal": "por", "br": "por", "brazil": "por", "brasil": "por",
	"nl": "nld", "netherlands": "nld", "nederland": "nld",
	"pl": "pol", "poland": "pol", "polska": "pol",
	"se": "swe", "sweden": "swe", "sverige": "swe",
	// A form's "Language(s) used to communicate: Polish, English".
	"german": "deu", "french": "fra", "spanish": "spa", "italian": "ita", "portuguese": "por", "dutch": "nld", "polish": "pol", "swedish": "swe",
}

// minCountry is how many of one language's country cues make it the page's.
const minCountry = 2

// Thresholds of the language test and of keeping a second reading.
const (
	minForeign  = 12  // stop words of the language, at least
	foreignEdge = 1.5 // more than the next language's and English's by this factor
	retryMargin = 3.0 // the second reading's mean confidence may fall this much
)

// otherLanguage names the language (Tesseract's code) the page's words are
// written in when it is not English and its data is installed; "" to keep
// the English reading.
func (t *Tesseract) otherLanguage(exe string, words []Word) string {
	best, n := guessLanguage(words)
	if best == "" || n < minForeign {
		return ""
	}
	t.langsOnce.Do(func() { t.langs = installedLanguages(exe) })
	if !t.langs[best] {
		return ""
	}
	return best
}

// guessLanguage counts each language's stop words among words and returns
// the language that clearly leads, English included ("" when English
// leads or none does), with its count.
func guessLanguage(words []Word) (string, int) {
	counts, hints, english := countLanguages(words)
	best, n, second := leader(counts)
	if best != "" && float64(n) >= foreignEdge*float64(second) && float64(n) >= foreignEdge*float64(english) {
		return best, n
	}
	// An English page from a state of another language: its names are
	// that language's.
	if lead, cues, next := leader(hints); cues >= minCountry && cues > next {
		return lead, minForeign
	}
	return "", n
}

// countLanguages counts each language's stop words, its countries' cues
// and English's words.
func countLanguages(words []Word) (counts, hints map[string]int, english int) {
	counts, hints = map[string]int{}, map[string]int{}
	for _, w := range words {
		lw := strings.ToLower(strings.TrimFunc(w.Text, func(r rune) bool { return !unicode.IsLetter(r) }))
		if lw == "" {
			continue
		}
		if lang := countryOf(w.Text); lang != "" {
			hints[lang]++
		}
		if englishWords[lw] {
			english++
		}
		for lang, list := range stopWords {
			if slices.Contains(list, lw) {
				counts[lang]++
			}
		}
	}
	return counts, hints, english
}

// leader is the language counted most (the first by name in a tie), its
// count and the next language's.
func leader(counts map[string]int) (best string, n, second int) {
	for lang, c := range counts {
		switch {
		case best == "" || c > n || c == n && lang < best:
			second = max(second, n)
			best, n = lang, c
		default:
			second = max(second, c)
		}
	}
	return best, n, second
}

// countryOf gives the language of the country a word names: a country's
// name, or the country domain of an e-mail or web address.
func countryOf(word string) string {
	lw := strings.TrimRight(strings.ToLower(strings.Trim(word, ",;:()[]<>\"'")), ".")
	if lang, ok := countryLanguage[strings.TrimLeft(lw, ".")]; ok && len(lw) > 2 {
		return lang
	}
	// An address, or a host name OCR cut from its "@" ("mp.example.pt",
	// ".gov.pl").
	host := lw
	switch {
	case strings.Contains(lw, "://"):
		host = lw[strings.Index(lw, "://")+3:]
	case strings.Contains(lw, "@"):
		host = lw[strings.LastIndexByte(lw, '@')+1:]
	case strings.HasPrefix(lw, "www.") || strings.Count(lw, ".") >= 2:
	default:
		return ""
	}
	if i := strings.IndexByte(host, '/'); i >= 0 {
		host = host[:i]
	}
	i := strings.LastIndexByte(host, '.')
	if i < 0 {
		return ""
	}
	return countryLanguage[host[i+1:]]
}

// installedLanguages lists the languages Tesseract has data for.
func installedLanguages(exe string) map[string]bool {
	cmd := exec.Command(exe, "--list-langs")
	noConsoleWindow(cmd)
	out, err := cmd.CombinedOutput()
	langs := map[string]bool{}
	if err != nil {
		return langs
	}
	for _, l := range bytes.Split(out, []byte("\n"))[1:] {
		if s := strings.TrimSpace(string(l)); s != "" {
			langs[s] = true
		}
	}
	return langs
}

// keepSymbols takes back from the English reading the "@" of e-mail
// addresses that another language's data reads as a letter
// ("beatriz.lobo O pj.example.pt", "name.surnameQexample.pl"): a word of
// the second reading that overlaps an English word holding an "@" it
// lacks is the English word.
func keepSymbols(eng, other *Result) *Result {
	var at []Word
	for _, w := range eng.Words {
		if strings.Contains(w.Text, "@") {
			at = append(at, w)
		}
	}
	if len(at) == 0 {
		return other
	}
	out := *other
	out.Words = append([]Word(nil), other.Words...)
	changed := false
	used := make([]bool, len(at))
	for i, w := range out.Words {
		if strings.Contains(w.Text, "@") {
			continue
		}
		for k, e := range at {
			if !used[k] && overlap(w, e) > 0.5 {
				out.Words[i].Text = e.Text
				used[k], changed = true, true
				break
			}
		}
	}
	if !changed {
		return other
	}
	out.Text = retext(other, out.Words)
	return &out
}

// retext writes r's text again with its words replaced by words, one for
// one: the text is the words in order, a blank or a line break between.
func retext(r *Result, words []Word) string {
	var b strings.Builder
	k := 0
	for _, f := range strings.SplitAfter(r.Text, "\n") {
		for j, tok := range strings.Fields(f) {
			if j > 0 {
				b.WriteByte(' ')
			}
			if k < len(words) && r.Words[k].Text == tok {
				tok = words[k].Text
			}
			k++
			b.WriteString(tok)
		}
		if strings.HasSuffix(f, "\n") {
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// overlap is the share of the larger of two word boxes that they share:
// high only for two readings of one word, not for a word and the "@"
// inside it.
func overlap(a, b Word) float64 {
	w := min(a.X+a.W, b.X+b.W) - max(a.X, b.X)
	h := min(a.Y+a.H, b.Y+b.H) - max(a.Y, b.Y)
	if w <= 0 || h <= 0 {
		return 0
	}
	large := max(a.W*a.H, b.W*b.H)
	if large <= 0 {
		return 0
	}
	return float64(w*h) / float64(large)
}
