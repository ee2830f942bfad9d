package pdftext

import (
	"errors"
	"math"
	"strings"

	"github.com/ledongthuc/pdf"
)

// Limits of one page's content walk.
const (
	maxFormDepth = 8       // nested Form XObjects
	maxOps       = 2000000 // operators per page, against content bombs
	maxRunes     = 1 << 20 // text per page
)

// run is one string shown on the page, placed in device space: its start,
// its advance, and the font size it is drawn at.
type run struct {
	X, Y, W, Size float64
	S             string
	Invisible     bool // drawn in render mode 3, as scanners draw OCR layers
}

type matrix [6]float64 // a b c d e f

var identity = matrix{1, 0, 0, 1, 0, 0}

func (m matrix) mul(n matrix) matrix {
	return matrix{
		m[0]*n[0] + m[1]*n[2], m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2], m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4], m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

type gstate struct {
	ctm                    matrix
	tc, tw, th, tl, fs, ts float64
	mode                   int // text render mode
	font                   *font
}

// walker turns a page's content streams into runs.
type walker struct {
	runs  []run
	ops   int
	runes int
	fonts map[string]*font // by resource dictionary and name
}

// errTooLong stops a walk at maxOps operators.
var errTooLong = errors.New("page content is too long")

// pageRuns walks a page's content, following Form XObjects. A page past
// maxOps operators keeps the runs found so far and says it was cut: a
// content bomb must not then be read again by the parser's own, unbounded
// text walk.
func pageRuns(p page) (runs []run, cut bool) {
	w := &walker{fonts: map[string]*font{}}
	defer func() {
		if r := recover(); r != nil {
			if r != errTooLong {
				panic(r)
			}
			runs, cut = w.runs, true
		}
	}()
	w.walk(p.V.Key("Contents"), p.attr("Resources"), identity, 0, "p")
	return w.runs, false
}

func (w *walker) walk(strm pdf.Value, res pdf.Value, ctm matrix, depth int, scope string) {
	if depth > maxFormDepth || strm.Kind() == pdf.Null {
		return
	}
	refuseCutOff(strm)
	g := gstate{ctm: ctm, th: 1}
	var stack []gstate
	var tm, tlm matrix = identity, identity
	show := func(raw string) {
		if g.font == nil || w.runes > maxRunes {
			return
		}
		// Ghostscript writes word gaps as character spacing ("2.5 Tc
		// (Tf) Tj" for "T f"): when the spacing is that wide, each glyph
		// becomes a run of its own so the rebuild sees the gaps.
		split := g.tc > 0.15*g.fs
		trm := matrix{g.fs * g.th, 0, 0, g.fs, 0, g.ts}.mul(tm).mul(g.ctm)
		size := math.Hypot(trm[2], trm[3])
		scaleX := math.Hypot(trm[0], trm[1]) / math.Max(g.fs*g.th, 1e-9)
		var b strings.Builder
		var adv, start float64
		flush := func() {
			if s := b.String(); s != "" {
				p := matrix{g.fs * g.th, 0, 0, g.fs, start, g.ts}.mul(tm).mul(g.ctm)
				w.runes += len(s)
				w.runs = append(w.runs, run{X: p[4], Y: p[5], W: (adv - start) * scaleX, Size: size, S: s, Invisible: g.mode == 3})
			}
			b.Reset()
			start = adv
		}
		for _, gl := range g.font.decode(raw) {
			b.WriteString(gl.text)
			gw := gl.width / 1000 * g.fs * g.th
			adv += gw
			if split {
				// The run ends at the glyph; the spacing is the gap.
				flush()
			}
			tx := g.tc
			if !g.font.twoByte && gl.code == 32 {
				tx += g.tw
			}
			adv += tx * g.th
			if split {
				start = adv
			}
		}
		flush()
		tm = matrix{1, 0, 0, 1, adv, 0}.mul(tm)
	}
	nextLine := func() {
		tlm = matrix{1, 0, 0, 1, 0, -g.tl}.mul(tlm)
		tm = tlm
	}
	pdf.Interpret(strm, func(stk *pdf.Stack, op string) {
		w.ops++
		if w.ops > maxOps {
			panic(errTooLong)
		}
		args := make([]pdf.Value, stk.Len())
		for i := len(args) - 1; i >= 0; i-- {
			args[i] = stk.Pop()
		}
		num := func(i int) float64 {
			if i < len(args) {
				return args[i].Float64()
			}
			return 0
		}
		switch op {
		case "q":
			if len(stack) < 256 {
				stack = append(stack, g)
			}
		case "Q":
			if n := len(stack); n > 0 {
				g = stack[n-1]
				stack = stack[:n-1]
			}
		case "cm":
			if len(args) == 6 {
				g.ctm = matrix{num(0), num(1), num(2), num(3), num(4), num(5)}.mul(g.ctm)
			}
		case "BT":
			tm, tlm = identity, identity
		case "Tf":
			if len(args) == 2 {
				g.fs = num(1)
				g.font = w.font(res, args[0].Name(), scope)
			}
		case "Tc":
			g.tc = num(0)
		case "Tw":
			g.tw = num(0)
		case "Tz":
			g.th = num(0) / 100
		case "TL":
			g.tl = num(0)
		case "Ts":
			g.ts = num(0)
		case "Tr":
			g.mode = int(num(0))
		case "Td", "TD":
			if op == "TD" {
				g.tl = -num(1)
			}
			tlm = matrix{1, 0, 0, 1, num(0), num(1)}.mul(tlm)
			tm = tlm
		case "Tm":
			if len(args) == 6 {
				tlm = matrix{num(0), num(1), num(2), num(3), num(4), num(5)}
				tm = tlm
			}
		case "T*":
			nextLine()
		case "Tj":
			if len(args) == 1 {
				show(args[0].RawString())
			}
		case "'":
			if len(args) == 1 {
				nextLine()
				show(args[0].RawString())
			}
		case "\"":
			if len(args) == 3 {
				g.tw, g.tc = num(0), num(1)
				nextLine()
				show(args[2].RawString())
			}
		case "TJ":
			if len(args) != 1 {
				return
			}
			a := args[0]
			for i := 0; i < a.Len(); i++ {
				x := a.Index(i)
				if x.Kind() == pdf.String {
					show(x.RawString())
					continue
				}
				tx := -x.Float64() / 1000 * g.fs * g.th
				tm = matrix{1, 0, 0, 1, tx, 0}.mul(tm)
			}
		case "Do":
			if len(args) != 1 {
				return
			}
			xo := res.Key("XObject").Key(args[0].Name())
			if xo.Key("Subtype").Name() != "Form" {
				return
			}
			m := identity
			if mv := xo.Key("Matrix"); mv.Kind() == pdf.Array && mv.Len() == 6 {
				m = matrix{mv.Index(0).Float64(), mv.Index(1).Float64(), mv.Index(2).Float64(), mv.Index(3).Float64(), mv.Index(4).Float64(), mv.Index(5).Float64()}
			}
			formRes := xo.Key("Resources")
			if formRes.Kind() == pdf.Null {
				formRes = res
			}
			w.walk(xo, formRes, m.mul(g.ctm), depth+1, scope+"/"+args[0].Name())
		}
	})
}

// font returns the decoder for a font resource, loading it once per
// resource scope (a form's /F1 need not be the page's /F1).
func (w *walker) font(res pdf.Value, name, scope string) *font {
	key := scope + "\x00" + name
	if f, ok := w.fonts[key]; ok {
		return f
	}
	v := res.Key("Font").Key(name)
	var f *font
	if v.Kind() == pdf.Dict {
		f = loadFont(v, fontFor(v))
	}
	w.fonts[key] = f
	return f
}

// fontFor wraps a font dictionary as the parser's Font, whose decoder knows
// the standard encodings and the Adobe glyph list.
func fontFor(v pdf.Value) pdf.Font {
	return pdf.Font{V: v}
}

// invisibleShare is the share of a page's text drawn invisibly.
func invisibleShare(runs []run) float64 {
	var all, inv int
	for _, r := range runs {
		all += len(r.S)
		if r.Invisible {
			inv += len(r.S)
		}
	}
	if all == 0 {
		return 0
	}
	return float64(inv) / float64(all)
}
