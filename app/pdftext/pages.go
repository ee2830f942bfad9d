package pdftext

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/ledongthuc/pdf"
	"github.com/warrantdesk/warrantdesk/app"
)

// Limits that keep one hostile file from producing unbounded output.
const (
	MaxPages     = 2000    // pages read from one file, by default
	maxPageText  = 1 << 20 // bytes of text kept per page
	maxTotalText = 8 << 20 // bytes of text kept per file
	maxTreeNodes = 100000  // page-tree nodes visited, against cyclic trees
	maxTreeDepth = 64
)

// ErrEncrypted says the PDF is encrypted with a password WarrantDesk does not
// have.
var ErrEncrypted = errors.New("the PDF is encrypted with a password")

// ReadPages reads the text of each page of pdfBytes in this process, up to
// MaxPages. A panic in the parser comes back as an error; a fatal error
// (stack overflow, out of memory) or a hang does not, which is why Isolated
// runs this in a worker.
func ReadPages(pdfBytes []byte) (*app.Document, error) {
	c := &collector{doc: &app.Document{}}
	if err := readPages(pdfBytes, MaxPages, c); err != nil {
		return nil, err
	}
	c.doc.TextSource = app.SourceOf(c.doc.Pages)
	return c.doc, nil
}

// sink receives a file's pages as they are read: first how many will be
// read and how many the file has, then each page, with warnings between.
type sink interface {
	open(read, total int) error
	page(p app.PageText) error
	warn(msg string) error
}

type collector struct{ doc *app.Document }

func (c *collector) open(read, total int) error { return nil }
func (c *collector) page(p app.PageText) error {
	c.doc.Pages = append(c.doc.Pages, p)
	return nil
}
func (c *collector) warn(msg string) error {
	c.doc.Warnings = append(c.doc.Warnings, msg)
	return nil
}

// readPages reads up to maxPages pages into s, page by page, so a reader
// stopped at its deadline still has every page before. Pages it does not
// read (past maxPages, or past the text cap) are said in one warning and
// never handed on: they are not OCR'd either.
func readPages(pdfBytes []byte, maxPages int, s sink) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("malformed PDF: %v", r)
		}
	}()
	if maxPages < 1 {
		maxPages = MaxPages
	}
	data := normaliseHeader(pdfBytes)
	r, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		if errors.Is(err, pdf.ErrInvalidPassword) || strings.Contains(err.Error(), "encrypt") {
			return fmt.Errorf("%w (%v)", ErrEncrypted, err)
		}
		return err
	}
	pages, total, loop := pageTree(r, maxPages)
	if err := s.open(len(pages), total); err != nil {
		return err
	}
	if loop {
		if err := s.warn("the file's page tree loops back on itself; the pages it leads to again were not read twice"); err != nil {
			return err
		}
	}
	if len(pages) < total {
		if err := s.warn(app.NotRead(len(pages)+1, total, fmt.Sprintf("WarrantDesk reads the first %s pages of a file", app.Thousands(maxPages)))); err != nil {
			return err
		}
	}
	size := 0
	fonts := map[string]*pdf.Font{}
	for i, p := range pages {
		text, words, layer, warn := pageText(p, fonts)
		var warnings []string
		if backwards(text) {
			warnings = append(warnings, fmt.Sprintf("page %d: its text layer reads backwards (an upside-down scan?) and is not used", i+1))
		}
		if warn != "" {
			warnings = append(warnings, fmt.Sprintf("page %d: %s", i+1, warn))
		}
		if len(text) > maxPageText {
			text = truncateUTF8(text, maxPageText)
			warnings = append(warnings, fmt.Sprintf("page %d: text cut at %d bytes", i+1, maxPageText))
		}
		if size+len(text) > maxTotalText {
			return s.warn(app.NotRead(i+1, len(pages), fmt.Sprintf("the file holds more than %d MB of text", maxTotalText>>20)))
		}
		size += len(text)
		for _, w := range warnings {
			if err := s.warn(w); err != nil {
				return err
			}
		}
		src := app.SourceText
		if !Usable(text) {
			src = app.SourceNone
		}
		pt := app.PageText{Number: i + 1, Text: text, Source: src, OCRLayer: layer}
		if words != nil {
			pt.Words, pt.DPI = words, 72
		}
		if err := s.page(pt); err != nil {
			return err
		}
	}
	return nil
}

// truncateUTF8 cuts s to at most n bytes without splitting a character.
func truncateUTF8(s string, n int) string {
	for n > 0 && n < len(s) && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// normaliseHeader lets the parser, which accepts only "%PDF-1.0" to
// "%PDF-1.7" at byte 0, read PDF 2.0 files and files with bytes before the
// header or after the last %%EOF, all common in the wild.
func normaliseHeader(b []byte) []byte {
	if i := bytes.Index(b, []byte("%PDF-")); i > 0 && i < 1024 {
		b = b[i:]
	}
	if j := bytes.LastIndex(b, []byte("%%EOF")); j > 0 {
		b = b[:j+5]
	}
	if len(b) >= 9 && bytes.HasPrefix(b, []byte("%PDF-")) {
		ok := b[5] == '1' && b[6] == '.' && b[7] >= '0' && b[7] <= '7' && (b[8] == '\n' || b[8] == '\r')
		if !ok {
			// Rewrite "%PDF-x.y" followed by anything to "%PDF-1.7\n": the
			// version does not change how the parser reads objects.
			c := make([]byte, len(b))
			copy(c, b)
			copy(c, "%PDF-1.7\n")
			b = c
		}
	}
	return b
}

// pageTree walks the page tree itself rather than calling Reader.Page for
// each number, which restarts from the root every time and loops forever on
// a tree whose /Kids point back at an ancestor. It keeps the first max
// pages and counts the rest, as far as maxTreeNodes nodes.
//
// What a page inherits (resources, media box, rotation) is handed down as
// the walk descends: the parser resolves an object anew on every lookup,
// so looking it up the /Parent chain from each page re-reads a /Kids array
// of 50,000 entries 50,000 times.
//
// A /Kids array that leads back to an ancestor is skipped (loop reports
// it): without object identities, an ancestor is known by its own
// dictionary, whose references print unresolved.
func pageTree(r *pdf.Reader, max int) (pages []page, total int, loop bool) {
	visited := 0
	var path []string
	var walk func(node pdf.Value, inh attrs, depth int)
	add := func(node pdf.Value, inh attrs) {
		total++
		if len(pages) < max {
			pages = append(pages, page{Page: pdf.Page{V: node}, inh: inh})
		}
	}
	walk = func(node pdf.Value, inh attrs, depth int) {
		if depth > maxTreeDepth || visited >= maxTreeNodes {
			return
		}
		visited++
		if node.Key("Type").Name() == "Page" {
			add(node, inh)
			return
		}
		kids := node.Key("Kids")
		if kids.Kind() != pdf.Array {
			// A page object without /Type is still a page when it has
			// contents; some producers omit the type.
			if node.Key("Contents").Kind() != pdf.Null {
				add(node, inh)
			}
			return
		}
		self := node.String()
		for _, a := range path {
			if a == self {
				loop = true
				return
			}
		}
		path = append(path, self)
		inh = inh.from(node)
		for i := 0; i < kids.Len() && visited < maxTreeNodes; i++ {
			walk(kids.Index(i), inh, depth+1)
		}
		path = path[:len(path)-1]
	}
	walk(r.Trailer().Key("Root").Key("Pages"), attrs{}, 0)
	return pages, total, loop
}

// inheritable are the page attributes a page tree node passes down.
var inheritable = [...]string{"Resources", "MediaBox", "Rotate"}

// attrs are a page's inherited attributes, in inheritable's order.
type attrs [len(inheritable)]pdf.Value

// from is a with node's own attributes taking their place.
func (a attrs) from(node pdf.Value) attrs {
	for i, k := range inheritable {
		if v := node.Key(k); v.Kind() != pdf.Null {
			a[i] = v
		}
	}
	return a
}

// page is a page with what it inherits.
type page struct {
	pdf.Page
	inh attrs
}

// attr is the page's own value for key, else the one it inherits.
func (p page) attr(key string) pdf.Value {
	if v := p.V.Key(key); v.Kind() != pdf.Null {
		return v
	}
	for i, k := range inheritable {
		if k == key {
			return p.inh[i]
		}
	}
	return pdf.Value{}
}

// pageText returns the text of one page, rebuilt from the positioned runs
// of our own content walk (fonts.go, content.go). The parser's plain text
// is the fallback when the walk fails or finds clearly less.
//
// When the rebuilt text is used, words holds its word boxes (runWords).
func pageText(p page, fonts map[string]*pdf.Font) (text string, words []app.Word, ocrLayer bool, warning string) {
	runs, cut, rebuildErr := pageRunsSafe(p)
	if errors.Is(rebuildErr, errCutOff) {
		// The parser's own walk would hang on it too.
		return rebuild(runs), nil, false, errCutOff.Error()
	}
	rebuilt := rebuild(runs)
	ocrLayer = invisibleShare(runs) > 0.5
	if cut {
		return rebuilt, nil, ocrLayer, fmt.Sprintf("its content is longer than %s operators; only the text before that was read", app.Thousands(maxOps))
	}
	if rebuildErr == nil && letters(rebuilt) >= 20 && !strings.ContainsRune(rebuilt, unicode.ReplacementChar) {
		return rebuilt, runWordsSafe(p, runs), ocrLayer, ""
	}
	plain, plainErr := plainText(p, fonts)
	switch {
	case plainErr != nil && rebuildErr != nil:
		return "", nil, false, "text could not be read: " + rebuildErr.Error()
	case rebuildErr != nil:
		return plain, nil, false, ""
	case plainErr != nil:
		return rebuilt, runWordsSafe(p, runs), ocrLayer, ""
	}
	if letters(plain) > letters(rebuilt)*11/10 && wordlike(plain) >= wordlike(rebuilt) {
		return plain, nil, ocrLayer, ""
	}
	return rebuilt, runWordsSafe(p, runs), ocrLayer, ""
}

// runWordsSafe is runWords with the parser's panics on malformed boxes
// turned into no boxes: they are a convenience, never worth a failed read.
func runWordsSafe(p page, runs []run) (words []app.Word) {
	defer func() {
		if recover() != nil {
			words = nil
		}
	}()
	return runWords(p, runs)
}

func plainText(p page, fonts map[string]*pdf.Font) (s string, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r)
		}
	}()
	for name, f := range fontCache(p) {
		if _, ok := fonts[name]; !ok {
			fonts[name] = f
		}
	}
	s, err = p.GetPlainText(fonts)
	return strings.TrimSpace(s), err
}

// fontCache mirrors the parser's unexported per-page font cache.
func fontCache(p page) map[string]*pdf.Font {
	m := map[string]*pdf.Font{}
	for _, name := range p.Fonts() {
		f := p.Font(name)
		m[name] = &f
	}
	return m
}

func pageRunsSafe(p page) (runs []run, cut bool, err error) {
	defer func() {
		if r := recover(); r != nil {
			if e, ok := r.(error); ok && errors.Is(e, errCutOff) {
				err = errCutOff
				return
			}
			err = fmt.Errorf("%v", r)
		}
	}()
	runs, cut = pageRuns(p)
	return runs, cut, nil
}

func letters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			n++
		}
	}
	return n
}

// wordlike is the share of whitespace-separated tokens that look like words
// or numbers: 1–24 runes, mostly letters or digits, no replacement
// characters. Text run together or decoded through the wrong font scores low.
func wordlike(s string) float64 {
	tokens := strings.Fields(s)
	if len(tokens) == 0 {
		return 0
	}
	good := 0
	for _, t := range tokens {
		t = strings.Trim(t, ".,;:()[]\"'“”‘’-–—/§*")
		n := len([]rune(t))
		if n == 0 || n > 24 || strings.ContainsRune(t, unicode.ReplacementChar) {
			continue
		}
		if letters(t)*3 >= n*2 {
			good++
		}
	}
	return float64(good) / float64(len(tokens))
}

// Quality scores how much a text reads like language, 0 to 1: the share of
// word-like tokens times the share of pronounceable words. OCR of an
// upside-down or noisy image scores low whatever its confidence.
func Quality(text string) float64 {
	if backwards(text) {
		return 0
	}
	return wordlike(text) * dictionaryShare(text)
}

// Usable reports whether a page's text is worth extracting from: enough
// letters, and mostly words rather than the noise of a bad OCR layer or a
// font without a Unicode map.
func Usable(text string) bool {
	if letters(text) < 20 {
		return false
	}
	bad := strings.Count(text, "\uFFFD")
	if bad*10 > len([]rune(text)) {
		return false
	}
	return wordlike(text) >= 0.5 && dictionaryShare(text) >= 0.15 && !backwards(text)
}

// dictionaryShare is the share of alphabetic tokens of three letters or more
// that contain a vowel and no more than four consonants in a row — a cheap,
// language-light check that separates words from the noise an upside-down
// scan's OCR layer produces.
func dictionaryShare(s string) float64 {
	total, good := 0, 0
	for _, t := range strings.Fields(s) {
		t = strings.ToLower(strings.Trim(t, ".,;:()[]\"'“”‘’-–—/§*"))
		if len([]rune(t)) < 3 {
			continue
		}
		alpha := true
		for _, r := range t {
			if !unicode.IsLetter(r) {
				alpha = false
				break
			}
		}
		if !alpha {
			continue
		}
		total++
		if pronounceable(t) {
			good++
		}
	}
	if total == 0 {
		return 1 // numbers and short tokens only: let the letter count decide
	}
	return float64(good) / float64(total)
}

func pronounceable(t string) bool {
	vowel, run := false, 0
	for _, r := range t {
		if r > unicode.MaxASCII {
			return true // non-Latin scripts: no opinion
		}
		if strings.ContainsRune("aeiouy", r) {
			vowel = true
			run = 0
			continue
		}
		run++
		if run > 4 {
			return false
		}
	}
	return vowel
}
