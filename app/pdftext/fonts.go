package pdftext

import (
	"strconv"
	"strings"
	"sync"
	"unicode/utf16"

	"github.com/go-pdf/fpdf"
	"github.com/ledongthuc/pdf"
)

// font decodes the codes of a text-showing string into text and widths.
// The parser's own decoding ignores /ToUnicode whenever an /Encoding
// dictionary is present (so pdfTeX output reads as symbols), knows no
// glyph widths for the base-14 fonts, and maps glyph names it does not know
// to their raw byte; this fills those gaps and leans on the parser for the
// rest (its Adobe glyph list and standard encodings).
type font struct {
	twoByte bool
	toUni   map[int]string // from /ToUnicode: wins over everything
	table   [256]string    // simple fonts: code → text
	widths  map[int]float64
	dw      float64 // default width, in thousandths of the font size
	scale   float64 // Type3 fonts measure in their own units
}

type glyph struct {
	text  string
	code  int
	width float64 // thousandths of the font size
}

func (f *font) decode(raw string) []glyph {
	n := len(raw)
	if f.twoByte {
		n /= 2
	}
	out := make([]glyph, 0, n)
	if f.twoByte {
		for i := 0; i+1 < len(raw); i += 2 {
			code := int(raw[i])<<8 | int(raw[i+1])
			out = append(out, glyph{f.text(code), code, f.width(code)})
		}
		return out
	}
	for i := 0; i < len(raw); i++ {
		code := int(raw[i])
		out = append(out, glyph{f.text(code), code, f.width(code)})
	}
	return out
}

func (f *font) text(code int) string {
	if s, ok := f.toUni[code]; ok {
		return s
	}
	if !f.twoByte && code < 256 {
		return f.table[code]
	}
	return ""
}

func (f *font) width(code int) float64 {
	if w, ok := f.widths[code]; ok {
		return w * f.scale
	}
	return f.dw * f.scale
}

// loadFont reads a font dictionary. name is its resource name, used to ask
// the parser for its decoding of simple fonts.
func loadFont(v pdf.Value, parserFont pdf.Font) *font {
	f := &font{widths: map[int]float64{}, dw: 500, scale: 1}
	subtype := v.Key("Subtype").Name()
	if tu := v.Key("ToUnicode"); tu.Kind() == pdf.Stream {
		f.toUni = readToUnicode(tu, v)
	}
	if subtype == "Type0" {
		f.twoByte = true
		f.dw = 1000
		if d := v.Key("DescendantFonts").Index(0); d.Kind() == pdf.Dict {
			if dw := d.Key("DW"); dw.Kind() == pdf.Integer || dw.Kind() == pdf.Real {
				f.dw = dw.Float64()
			}
			readCIDWidths(d.Key("W"), f.widths)
		}
		return f
	}
	// Simple fonts: the parser's decoding, code by code.
	enc := parserFont.Encoder()
	for c := 0; c < 256; c++ {
		f.table[c] = safeDecode(enc, c)
	}
	if d := v.Key("Encoding").Key("Differences"); d.Kind() == pdf.Array {
		applyDifferences(d, &f.table)
	}
	first := int(v.Key("FirstChar").Int64())
	if w := v.Key("Widths"); w.Kind() == pdf.Array && w.Len() > 0 {
		for i := 0; i < w.Len() && i < 65536; i++ {
			f.widths[first+i] = w.Index(i).Float64()
		}
		if mw := v.Key("FontDescriptor").Key("MissingWidth"); mw.Kind() == pdf.Integer || mw.Kind() == pdf.Real {
			f.dw = mw.Float64()
		}
	} else if std := standardWidths(v.Key("BaseFont").Name()); std != nil {
		for c, w := range std {
			f.widths[c] = w
		}
	}
	if subtype == "Type3" {
		// Widths are in glyph space; FontMatrix maps it to text space.
		if m := v.Key("FontMatrix"); m.Kind() == pdf.Array && m.Len() == 6 && m.Index(0).Float64() != 0 {
			f.scale = m.Index(0).Float64() * 1000
		}
	}
	return f
}

// safeDecode asks the parser's encoder for one code; it panics on some
// malformed fonts.
func safeDecode(enc pdf.TextEncoding, code int) (s string) {
	defer func() {
		if recover() != nil {
			s = ""
		}
	}()
	if enc == nil {
		return string(rune(code))
	}
	return enc.Decode(string([]byte{byte(code)}))
}

// applyDifferences fixes the glyph names the parser's list lacks:
// uniXXXX, uXXXX, ligatures written f_f_i, and names ending in .suffix.
func applyDifferences(d pdf.Value, table *[256]string) {
	code := -1
	for i := 0; i < d.Len() && i < 4096; i++ {
		x := d.Index(i)
		switch x.Kind() {
		case pdf.Integer:
			code = int(x.Int64())
		case pdf.Name:
			if code >= 0 && code < 256 {
				if s, ok := glyphName(x.Name()); ok {
					table[code] = s
				}
			}
			code++
		}
	}
}

func glyphName(name string) (string, bool) {
	base, _, _ := strings.Cut(name, ".")
	switch {
	case strings.HasPrefix(base, "uni") && len(base) >= 7:
		var rs []rune
		for i := 3; i+4 <= len(base); i += 4 {
			n, err := strconv.ParseUint(base[i:i+4], 16, 32)
			if err != nil {
				return "", false
			}
			rs = append(rs, rune(n))
		}
		return string(utf16.Decode(toUint16(rs))), true
	case strings.HasPrefix(base, "u") && len(base) >= 5 && len(base) <= 7:
		if n, err := strconv.ParseUint(base[1:], 16, 32); err == nil {
			return string(rune(n)), true
		}
	case strings.Contains(base, "_"):
		var b strings.Builder
		for _, part := range strings.Split(base, "_") {
			s, ok := ligatureParts[part]
			if !ok {
				if len(part) != 1 {
					return "", false
				}
				s = part
			}
			b.WriteString(s)
		}
		return b.String(), true
	}
	if s, ok := ligatureParts[base]; ok {
		return s, true
	}
	return "", false
}

var ligatureParts = map[string]string{"fi": "fi", "fl": "fl", "ff": "ff", "ffi": "ffi", "ffl": "ffl", "f": "f", "i": "i", "l": "l", "t": "t", "s": "s"}

func toUint16(rs []rune) []uint16 {
	out := make([]uint16, len(rs))
	for i, r := range rs {
		out[i] = uint16(r)
	}
	return out
}

// readCIDWidths reads a CIDFont's /W array: "c [w1 w2 …]" and "c1 c2 w".
func readCIDWidths(w pdf.Value, into map[int]float64) {
	n := w.Len()
	for i := 0; i < n && len(into) < 65536; {
		first := w.Index(i)
		if i+1 >= n {
			return
		}
		second := w.Index(i + 1)
		if second.Kind() == pdf.Array {
			c := int(first.Int64())
			for j := 0; j < second.Len() && j < 65536; j++ {
				into[c+j] = second.Index(j).Float64()
			}
			i += 2
			continue
		}
		if i+2 >= n {
			return
		}
		lo, hi, width := int(first.Int64()), int(second.Int64()), w.Index(i+2).Float64()
		for c := lo; c <= hi && c-lo < 65536; c++ {
			into[c] = width
		}
		i += 3
	}
}

// readToUnicode parses a ToUnicode CMap's bfchar and bfrange sections.
// dict is any dictionary value: the CMap's "findresource … begin" needs one
// on the stack, and the parser offers no way to make an empty one.
func readToUnicode(cm pdf.Value, dict pdf.Value) (m map[int]string) {
	m = map[int]string{}
	defer func() {
		if recover() != nil && len(m) == 0 {
			m = nil
		}
	}()
	n := 0
	pdf.Interpret(cm, func(stk *pdf.Stack, op string) {
		switch op {
		case "findresource":
			stk.Pop()
			stk.Pop()
			stk.Push(dict)
		case "begincmap":
			stk.Push(dict)
		case "endcmap":
			stk.Pop()
		case "defineresource":
			stk.Pop()
			v := stk.Pop()
			stk.Pop()
			stk.Push(v)
		case "beginbfchar", "beginbfrange", "begincodespacerange":
			n = int(stk.Pop().Int64())
		case "endbfchar":
			for i := 0; i < n && stk.Len() >= 2; i++ {
				dst, src := stk.Pop(), stk.Pop().RawString()
				m[codeOf(src)] = utf16BE(dst.RawString())
			}
		case "endbfrange":
			for i := 0; i < n && stk.Len() >= 3; i++ {
				dst, hi, lo := stk.Pop(), codeOf(stk.Pop().RawString()), codeOf(stk.Pop().RawString())
				for c := lo; c <= hi && c-lo < 65536; c++ {
					if dst.Kind() == pdf.Array {
						m[c] = utf16BE(dst.Index(c - lo).RawString())
						continue
					}
					s := []byte(dst.RawString())
					if len(s) == 0 {
						continue
					}
					s[len(s)-1] += byte(c - lo)
					m[c] = utf16BE(string(s))
				}
			}
		case "endcodespacerange":
			for i := 0; i < 2*n && stk.Len() > 0; i++ {
				stk.Pop()
			}
		}
	})
	return m
}

func codeOf(s string) int {
	c := 0
	for i := 0; i < len(s) && i < 4; i++ {
		c = c<<8 | int(s[i])
	}
	return c
}

func utf16BE(s string) string {
	if len(s)%2 == 1 {
		return s
	}
	u := make([]uint16, len(s)/2)
	for i := range u {
		u[i] = uint16(s[2*i])<<8 | uint16(s[2*i+1])
	}
	return string(utf16.Decode(u))
}

var (
	stdOnce   sync.Once
	stdWidths map[string]map[int]float64
)

// standardWidths returns the widths of one of the 14 standard fonts, which
// PDFs may use without /Widths. They come from fpdf's core font metrics,
// in Windows-1252 code order, which matches the standard fonts' common
// codes.
func standardWidths(baseFont string) map[int]float64 {
	stdOnce.Do(func() {
		stdWidths = map[string]map[int]float64{}
		f := fpdf.New("P", "pt", "A4", "")
		for _, fam := range []string{"Helvetica", "Times", "Courier"} {
			for _, style := range []string{"", "B", "I", "BI"} {
				f.SetFont(fam, style, 1000)
				m := map[int]float64{}
				for c := 32; c < 256; c++ {
					m[c] = float64(f.GetStringSymbolWidth(string([]byte{byte(c)})))
				}
				stdWidths[fam+style] = m
			}
		}
	})
	b := strings.ToLower(baseFont)
	if i := strings.IndexByte(b, '+'); i >= 0 {
		b = b[i+1:]
	}
	fam := ""
	switch {
	case strings.HasPrefix(b, "helvetica"), strings.HasPrefix(b, "arial"):
		fam = "Helvetica"
	case strings.HasPrefix(b, "times"):
		fam = "Times"
	case strings.HasPrefix(b, "courier"):
		fam = "Courier"
	default:
		return nil
	}
	style := ""
	if strings.Contains(b, "bold") {
		style += "B"
	}
	if strings.Contains(b, "italic") || strings.Contains(b, "oblique") {
		style += "I"
	}
	return stdWidths[fam+style]
}
