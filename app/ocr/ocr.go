// Package ocr reads page images with Tesseract (5.x), the standard offline
// OCR engine, run as a separate process: found on PATH or at a configured
// location, one process per page with OMP_THREAD_LIMIT=1 (2.1 s a page
// instead of 8.8 s with its default threading, measured here), TSV output
// for word boxes and confidences, and orientation detection (--psm 1) on
// request so an upside-down scan reads the right way round.
package ocr

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/color"
	"io"
	"os"
	"os/exec"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/warrantdesk/warrantdesk/app"
	"github.com/warrantdesk/warrantdesk/app/sandbox"
)

// Defaults for one page's recognition.
const (
	DefaultTimeout = 2 * time.Minute
	// DefaultMemory caps Tesseract's address space: a letter page at
	// 300 dpi peaks at about 210 MB, the largest page the renderer draws
	// (40 million pixels) at about 280 MB.
	DefaultMemory = 1 << 30
)

// Tesseract runs the tesseract command.
type Tesseract struct {
	// Path is the tesseract executable; "" looks it up on PATH and in the
	// usual install folders.
	Path string
	// Languages is Tesseract's -l argument. Empty reads in English, then
	// reads a page again with its own language added when its words show
	// another language whose data is installed (languages.go).
	Languages string
	Timeout   time.Duration
	// Memory caps each Tesseract process (DefaultMemory if zero): its
	// address space on Linux, its committed memory on Windows.
	Memory int64
	// Budget is shared with the other workers (sandbox.Default() if nil).
	Budget *sandbox.Budget

	osdOnce sync.Once
	osd     bool
	// langs are the languages Tesseract has data for (--list-langs).
	langsOnce sync.Once
	langs     map[string]bool
}

// ErrMissing says Tesseract is not installed. Its message tells the user how
// to install it on their OS.
var ErrMissing = errors.New("tesseract not found")

// InstallHint says how to install Tesseract on this OS.
func InstallHint() string {
	switch runtime.GOOS {
	case "darwin":
		return "OCR needs Tesseract; install it with: brew install tesseract (or set WARRANTDESK_TESSERACT to its path)"
	case "windows":
		return "OCR needs Tesseract; install it from https://github.com/UB-Mannheim/tesseract/wiki (or set WARRANTDESK_TESSERACT to tesseract.exe)"
	}
	return "OCR needs Tesseract; install it with: sudo apt-get install tesseract-ocr tesseract-ocr-osd (or set WARRANTDESK_TESSERACT to its path)"
}

// Find returns the tesseract executable, or an EINVALID error with the
// install hint.
func (t *Tesseract) Find() (string, error) {
	if t.Path != "" {
		if _, err := os.Stat(t.Path); err == nil {
			return t.Path, nil
		}
		return "", &app.Error{Code: app.EINVALID, Message: fmt.Sprintf("Tesseract is not at %s. %s", t.Path, InstallHint()), Err: ErrMissing}
	}
	if p, err := exec.LookPath("tesseract"); err == nil {
		return p, nil
	}
	for _, p := range installedAt(runtime.GOOS, os.Getenv, os.Executable) {
		if _, err := os.Stat(p); err == nil {
			return p, nil
		}
	}
	return "", &app.Error{Code: app.EINVALID, Message: InstallHint(), Err: ErrMissing}
}

// Word is one recognised word with its box in image pixels.
type Word = app.Word

// Result is one page read by OCR.
type Result struct {
	Text       string
	Words      []Word
	Confidence float64 // mean word confidence, 0–100
	// lines[i] is where Words[i] stands in Tesseract's layout; lang is
	// the -l the page was read with. Reread needs both.
	lines []lineKey
	lang  string
}

// Recognize reads one page image.
func (t *Tesseract) Recognize(ctx context.Context, img image.Image) (*Result, error) {
	return t.RecognizeAt(ctx, img, 0)
}

// RecognizeAt reads one page image drawn at dpi (0 when unknown: Tesseract
// then estimates it from the text), turned the right way first when
// Tesseract detects it lies otherwise (--psm 1). The image goes to
// Tesseract as raw grey pixels (binary PGM): nothing to compress here or
// to inflate there.
func (t *Tesseract) RecognizeAt(ctx context.Context, img image.Image, dpi int) (*Result, error) {
	return t.read(ctx, img, dpi, true)
}

// RecognizeUpright reads one page image as it stands, without Tesseract's
// orientation detection (--psm 3). On an upright page the reading is the
// one RecognizeAt gives, for about a quarter less CPU: detection sorts the
// page's shapes in four orientations with a model of its own before the
// page is read. A page that is not upright reads as weak nonsense
// (confidence around 40), so a caller that tests the reading's strength
// can read such a page again with RecognizeAt.
func (t *Tesseract) RecognizeUpright(ctx context.Context, img image.Image, dpi int) (*Result, error) {
	return t.read(ctx, img, dpi, false)
}

// CanOrient reports whether RecognizeAt detects a page's orientation:
// Tesseract is found and has its orientation data.
func (t *Tesseract) CanOrient() bool {
	exe, err := t.Find()
	if err != nil {
		return false
	}
	t.osdOnce.Do(func() { t.osd = hasOSD(exe) })
	return t.osd
}

// read runs Tesseract on a page, detecting its orientation when orient is
// set and the orientation data is installed.
func (t *Tesseract) read(ctx context.Context, img image.Image, dpi int, orient bool) (*Result, error) {
	exe, err := t.Find()
	if err != nil {
		return nil, err
	}
	timeout := t.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	lang := t.Languages
	if lang == "" {
		lang = "eng"
	}
	psm := "3" // fully automatic page segmentation, as the page stands
	if orient && t.CanOrient() {
		psm = "1" // the same after orientation and script detection
	}
	pgm := PGM(img)
	res, err := t.recognize(ctx, exe, pgm, lang, psm, dpi, timeout)
	if err != nil || t.Languages != "" {
		return res, err
	}
	// Read in English first; a page in another language that Tesseract
	// has the data for is read again with it, for its accented letters.
	if other := t.otherLanguage(exe, res.Words); other != "" {
		again, err := t.recognize(ctx, exe, pgm, other+"+eng", psm, dpi, timeout)
		if err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			return res, nil // the English reading stands
		}
		if again.Confidence >= res.Confidence-retryMargin {
			return keepSymbols(res, again), nil
		}
	}
	return res, nil
}

// recognize runs Tesseract once on a PGM image with the languages lang.
func (t *Tesseract) recognize(ctx context.Context, exe string, pgm []byte, lang, psm string, dpi int, timeout time.Duration) (*Result, error) {
	in := bytes.NewReader(pgm)
	mem := t.PageMemory()
	budget := t.Budget
	if budget == nil {
		budget = sandbox.Default()
	}
	cctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	p, err := sandbox.Start(cctx, sandbox.Spec{
		Path: exe, Args: args(lang, psm, dpi),
		Env:   append(os.Environ(), "OMP_THREAD_LIMIT=1"),
		Stdin: in, Memory: mem, Budget: budget,
	})
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, &app.Error{Code: app.EINTERNAL, Message: "could not start Tesseract", Err: err}
	}
	// The TSV of a page is tens of kilobytes; 16 MB is far past any page.
	out, readErr := io.ReadAll(io.LimitReader(p.Stdout, maxTSV+1))
	if len(out) > maxTSV {
		p.Kill()
	}
	waitErr := p.Wait()
	switch {
	case ctx.Err() != nil:
		return nil, ctx.Err()
	case cctx.Err() != nil:
		return nil, &app.Error{Code: app.EUNREADABLE, Message: fmt.Sprintf("Tesseract gave up after %s", timeout)}
	case len(out) > maxTSV:
		return nil, &app.Error{Code: app.EUNREADABLE, Message: "Tesseract's output was too long"}
	case waitErr != nil || readErr != nil:
		return nil, &app.Error{Code: app.EUNREADABLE, Message: tesseractDied(p.Stderr(), mem), Err: errors.Join(waitErr, readErr)}
	}
	res, err := parseTSV(bytes.NewReader(out))
	if res != nil {
		res.lang = lang
	}
	return res, err
}

// args is Tesseract's command line: the image on stdin, TSV on stdout.
func args(lang, psm string, dpi int) []string {
	a := []string{"stdin", "stdout", "-l", lang, "--psm", psm}
	if dpi > 0 {
		// A PGM carries no resolution; told it, Tesseract does not
		// guess it from the letters' height.
		a = append(a, "--dpi", strconv.Itoa(dpi))
	}
	return append(a, "tsv")
}

// PGM encodes img as a binary PGM (P5): a short header and its grey
// pixels, row by row.
func PGM(img image.Image) []byte {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	head := fmt.Sprintf("P5\n%d %d\n255\n", w, h)
	out := make([]byte, len(head), len(head)+w*h)
	copy(out, head)
	if g, ok := img.(*image.Gray); ok {
		for y := 0; y < h; y++ {
			i := (y+b.Min.Y-g.Rect.Min.Y)*g.Stride + (b.Min.X - g.Rect.Min.X)
			out = append(out, g.Pix[i:i+w]...)
		}
		return out
	}
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			out = append(out, color.GrayModel.Convert(img.At(x, y)).(color.Gray).Y)
		}
	}
	return out
}

// PageMemory is what one Tesseract run may use, in bytes.
func (t *Tesseract) PageMemory() int64 {
	if t.Memory > 0 {
		return t.Memory
	}
	return DefaultMemory
}

// maxTSV caps what is read from one Tesseract run.
const maxTSV = 16 << 20

// tesseractDied says why Tesseract stopped, from its own last words.
func tesseractDied(stderr string, mem int64) string {
	low := strings.ToLower(stderr)
	// We wrote the image ourselves, so a page image Tesseract cannot load
	// ("pix not read") is one it had no memory for.
	if strings.Contains(low, "bad_alloc") || strings.Contains(low, "out of memory") || strings.Contains(low, "cannot allocate") || strings.Contains(low, "pix not read") {
		return fmt.Sprintf("Tesseract needs more than %d MB of memory for this page", mem>>20)
	}
	return "Tesseract stopped: " + firstLine(stderr)
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	if s == "" {
		return "tesseract ended with an error"
	}
	return s
}

// hasOSD reports whether Tesseract's orientation data is installed beside
// it; --psm 1 needs it.
func hasOSD(exe string) bool {
	cmd := exec.Command(exe, "--list-langs")
	noConsoleWindow(cmd)
	out, err := cmd.CombinedOutput()
	return err == nil && bytes.Contains(out, []byte("\nosd"))
}

// parseTSV rebuilds text from Tesseract's TSV: words grouped into lines,
// lines into paragraphs (a blank line between), with boxes kept.
func parseTSV(r io.Reader) (*Result, error) {
	// Tesseract's TSV is not quoted: a recognised '"' is just a character,
	// so the CSV reader, which would take it for a quote, is not used.
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("reading tesseract's output: %w", err)
	}
	var rows [][]string
	for _, line := range strings.Split(strings.TrimRight(string(data), "\n"), "\n") {
		rows = append(rows, strings.SplitN(strings.TrimRight(line, "\r"), "\t", 12))
	}
	var res Result
	var confSum float64
	for i, row := range rows {
		if i == 0 || len(row) < 12 || row[0] != "5" {
			continue
		}
		n := func(j int) int { v, _ := strconv.Atoi(row[j]); return v }
		text := strings.TrimSpace(row[11])
		if text == "" {
			continue
		}
		conf, _ := strconv.ParseFloat(row[10], 64)
		res.Words = append(res.Words, Word{Text: text, X: n(6), Y: n(7), W: n(8), H: n(9), Confidence: conf})
		res.lines = append(res.lines, lineKey{n(2), n(3), n(4)})
		confSum += conf
	}
	res.Text = textOf(res.Words, res.lines)
	if len(res.Words) > 0 {
		res.Confidence = confSum / float64(len(res.Words))
	}
	return &res, nil
}

// lineKey is where Tesseract put a word: its block, paragraph and line.
type lineKey struct{ block, par, line int }

// textOf is the text of words, lines[i] being where words[i] stands:
// the words of a line joined by blanks, lines by line breaks, a blank line
// between paragraphs.
func textOf(words []Word, lines []lineKey) string {
	byLine := map[lineKey][]Word{}
	var order []lineKey
	for i, w := range words {
		k := lines[i]
		if _, ok := byLine[k]; !ok {
			order = append(order, k)
		}
		byLine[k] = append(byLine[k], w)
	}
	sort.SliceStable(order, func(i, j int) bool {
		a, b := order[i], order[j]
		if a.block != b.block {
			return a.block < b.block
		}
		if a.par != b.par {
			return a.par < b.par
		}
		return a.line < b.line
	})
	var b strings.Builder
	var prev lineKey
	for i, k := range order {
		if i > 0 {
			if k.block != prev.block || k.par != prev.par {
				b.WriteString("\n\n")
			} else {
				b.WriteByte('\n')
			}
		}
		for j, w := range byLine[k] {
			if j > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(w.Text)
		}
		prev = k
	}
	return b.String()
}

// Available reports whether Tesseract can be found, for a start-up check.
func (t *Tesseract) Available() bool {
	_, err := t.Find()
	return err == nil
}
