package render

import (
	"bytes"
	"errors"
	"image"
	"image/jpeg"
	"math"
	"strconv"
	"strings"

	"github.com/klippa-app/go-pdfium/enums"
	"github.com/klippa-app/go-pdfium/references"
	"github.com/klippa-app/go-pdfium/requests"
	"github.com/klippa-app/go-pdfium/structs"
)

// A scanned page is usually one image that covers the page: drawing it at
// 300 dpi means decoding the image and then resampling it into a page
// bitmap, in WebAssembly. For OCR the image itself is as good — it is what
// the scanner saw — so a page that is one image, drawn along the page's
// axes, is taken from its image at its own resolution: JPEG (DCT) decoded by Go
// from the stream's bytes, every other encoding (Flate, CCITT, JBIG2, JPX)
// decoded by PDFium without drawing the page. A page that is anything
// else — text or drawing beside the image, an image with a soft mask, one
// drawn at an angle, pixels that are not square, a colour space PDFium
// cannot turn into grey — is drawn as before. The image is placed on the
// page as drawing would place it (margins, quarter turns and flips of its
// matrix, the page's /Rotate), so word boxes land where they would on a
// drawn page. All of it runs in the render worker.

// Resolutions an image is brought to for OCR: Tesseract reads 300 dpi
// best, like the reference pipeline, and its time grows with the pixels
// (a page at 400 dpi takes it 1.3–1.6× as long, and reads no better). An
// image of more than maxNative dpi is reduced to 300 dpi (by a whole
// factor where it has one: a box filter, cheap and clean), one of less
// than minNative is enlarged to 300 dpi.
const (
	ocrDPI    = 300
	maxNative = 320
	minNative = 250
)

// errNotOneImage says a page is not one plain image (not an error of the
// file: the page is drawn instead).
var errNotOneImage = errors.New("not one image")

// scanImage returns page n (1-based) from its one image, in grey, at the
// image's own resolution brought into OCR's range; errNotOneImage when
// the page must be drawn instead.
func (e *engine) scanImage(n int, maxPixels int64) (Page, error) {
	lp, err := e.inst.FPDF_LoadPage(&requests.FPDF_LoadPage{Document: *e.doc, Index: n - 1})
	if err != nil {
		return Page{}, err
	}
	defer e.inst.FPDF_ClosePage(&requests.FPDF_ClosePage{Page: lp.Page})
	page := requests.Page{ByReference: &lp.Page}
	obj, err := e.onlyImage(page)
	if err != nil {
		return Page{}, err
	}
	box, err := e.inst.FPDF_GetPageBoundingBox(&requests.FPDF_GetPageBoundingBox{Page: page})
	if err != nil {
		return Page{}, err
	}
	meta, err := e.inst.FPDFImageObj_GetImageMetadata(&requests.FPDFImageObj_GetImageMetadata{ImageObject: obj, Page: page})
	if err != nil {
		return Page{}, err
	}
	w, h := int(meta.ImageMetadata.Width), int(meta.ImageMetadata.Height)
	m, err := e.inst.FPDFPageObj_GetMatrix(&requests.FPDFPageObj_GetMatrix{PageObject: obj})
	if err != nil {
		return Page{}, err
	}
	r := box.Rect
	pl := placement{w: w, h: h, m: m.Matrix, left: float64(r.Left), top: float64(r.Top),
		pw: float64(r.Right - r.Left), ph: float64(r.Top - r.Bottom)}
	dpi, ok := pl.dpi()
	if !ok || int64(w)*int64(h) > maxPixels || pl.canvasPixels(dpi) > maxPixels {
		return Page{}, errNotOneImage
	}
	img, err := e.decodeImage(obj, w, h)
	if err != nil {
		return Page{}, err
	}
	img = pl.place(img, dpi)
	rot, err := e.inst.FPDFPage_GetRotation(&requests.FPDFPage_GetRotation{Page: page})
	if err != nil {
		return Page{}, err
	}
	img = rotate(img, int(rot.PageRotation))
	pw, ph := pl.pw, pl.ph
	if rot.PageRotation == enums.FPDF_PAGE_ROTATION_90_CW || rot.PageRotation == enums.FPDF_PAGE_ROTATION_270_CW {
		pw, ph = ph, pw
	}
	img, d := forOCR(img, dpi, maxPixels)
	if img == nil {
		return Page{}, errNotOneImage
	}
	return Page{Image: img, DPI: d, Width: pw, Height: ph}, nil
}

// placement is where an image of w×h pixels lies on its page: its matrix
// (the unit square to page space) and the page's box.
type placement struct {
	w, h      int
	m         structs.FPDF_FS_MATRIX
	left, top float64
	pw, ph    float64 // the page box, points
}

// swapped reports an image turned a quarter: its rows run up or down the
// page.
func (pl placement) swapped() bool {
	return math.Abs(float64(pl.m.A)) < 1e-3 && math.Abs(float64(pl.m.D)) < 1e-3
}

// dpi is the image's resolution on the page; ok is false unless it is
// drawn along the page's axes (upright, flipped or turned by quarters)
// with square pixels.
func (pl placement) dpi() (float64, bool) {
	a, b, c, d := math.Abs(float64(pl.m.A)), math.Abs(float64(pl.m.B)), math.Abs(float64(pl.m.C)), math.Abs(float64(pl.m.D))
	var dx, dy float64
	switch {
	case b < 1e-3 && c < 1e-3 && a > 0 && d > 0:
		dx, dy = float64(pl.w)*72/a, float64(pl.h)*72/d
	case pl.swapped() && b > 0 && c > 0:
		dx, dy = float64(pl.h)*72/c, float64(pl.w)*72/b
	default:
		return 0, false
	}
	if math.Abs(dx-dy) > 0.02*dx || dx < 30 || dx > 2400 {
		return 0, false // not square pixels (drawing resamples them), or absurd
	}
	return (dx + dy) / 2, true
}

func (pl placement) canvasPixels(dpi float64) int64 {
	return int64(math.Round(pl.pw*dpi/72)) * int64(math.Round(pl.ph*dpi/72))
}

// place draws the image on a white page at dpi, one image pixel to one
// page pixel, turned and flipped as its matrix says and cut to the page:
// the page as a renderer would draw it at that resolution.
func (pl placement) place(src *image.Gray, dpi float64) *image.Gray {
	k := dpi / 72
	cw, ch := int(math.Round(pl.pw*k)), int(math.Round(pl.ph*k))
	out := image.NewGray(image.Rect(0, 0, cw, ch))
	for i := range out.Pix {
		out.Pix[i] = 255
	}
	m := pl.m
	// Where the centre of source pixel (i, j) lands, in page pixels.
	at := func(i, j float64) (float64, float64) {
		u, v := (i+0.5)/float64(pl.w), 1-(j+0.5)/float64(pl.h)
		x := float64(m.A)*u + float64(m.C)*v + float64(m.E)
		y := float64(m.B)*u + float64(m.D)*v + float64(m.F)
		return (x - pl.left) * k, (pl.top - y) * k
	}
	x0, y0 := at(0, 0)
	xi, yi := at(1, 0)
	xj, yj := at(0, 1)
	// One step along a source row or column is one page pixel along one
	// axis, up to rounding.
	six, siy := int(math.Round(xi-x0)), int(math.Round(yi-y0))
	sjx, sjy := int(math.Round(xj-x0)), int(math.Round(yj-y0))
	bx, by := int(math.Floor(x0)), int(math.Floor(y0))
	for j := 0; j < pl.h; j++ {
		row := src.Pix[j*src.Stride : j*src.Stride+pl.w]
		x, y := bx+j*sjx, by+j*sjy
		for _, v := range row {
			if x >= 0 && y >= 0 && x < cw && y < ch {
				out.Pix[y*out.Stride+x] = v
			}
			x += six
			y += siy
		}
	}
	return out
}

// onlyImage returns the page's one object when it is an image, opaque.
func (e *engine) onlyImage(page requests.Page) (references.FPDF_PAGEOBJECT, error) {
	var none references.FPDF_PAGEOBJECT
	count, err := e.inst.FPDFPage_CountObjects(&requests.FPDFPage_CountObjects{Page: page})
	if err != nil {
		return none, err
	}
	if count.Count != 1 {
		return none, errNotOneImage
	}
	o, err := e.inst.FPDFPage_GetObject(&requests.FPDFPage_GetObject{Page: page, Index: 0})
	if err != nil {
		return none, err
	}
	obj := o.PageObject
	typ, err := e.inst.FPDFPageObj_GetType(&requests.FPDFPageObj_GetType{PageObject: obj})
	if err != nil || typ.Type != enums.FPDF_PAGEOBJ_IMAGE {
		return none, errNotOneImage
	}
	if tr, err := e.inst.FPDFPageObj_HasTransparency(&requests.FPDFPageObj_HasTransparency{PageObject: obj}); err != nil || tr.HasTransparency {
		return none, errNotOneImage
	}
	if e.mayMask && !e.opaque(page, obj) {
		return none, errNotOneImage
	}
	return obj, nil
}

// opaque reports whether the image shows whole where it is drawn. PDFium's
// transparency test reads the graphics state, not the image: an image's own
// soft mask (/SMask) or colour-key or stencil mask (/Mask) can hide part of
// it, and OCR must read only what the reviewer sees on the drawn page. The
// image is drawn with its masks at its size on the page in points (72 dpi:
// a tenth of a second or so) and every pixel inside its edge must be
// opaque. Scanning software often adds a soft mask that hides nothing;
// such a page is still taken from its image.
func (e *engine) opaque(page requests.Page, obj references.FPDF_PAGEOBJECT) bool {
	bm, err := e.inst.FPDFImageObj_GetRenderedBitmap(&requests.FPDFImageObj_GetRenderedBitmap{Document: *e.doc, Page: page, ImageObject: obj})
	if err != nil {
		return false
	}
	defer e.inst.FPDFBitmap_Destroy(&requests.FPDFBitmap_Destroy{Bitmap: bm.Bitmap})
	px, err := e.bitmapPixels(bm.Bitmap)
	if err != nil {
		return false
	}
	if px.format != enums.FPDF_BITMAP_FORMAT_BGRA {
		return true // no alpha to hide anything with
	}
	w, h, s := px.w, px.h, px.stride
	if w < 1 || h < 1 || s < 4*w || len(px.buf) < s*(h-1)+4*w {
		return false
	}
	// The outermost pixels may be only partly covered by the image.
	for y := 1; y < h-1; y++ {
		row := px.buf[y*s : y*s+4*w]
		for x := 1; x < w-1; x++ {
			if row[4*x+3] != 255 {
				return false
			}
		}
	}
	return true
}

// mayHaveImageMasks reports whether pdf may hold an image with a mask of
// its own. An image is a stream, and a stream's dictionary is never inside
// an object stream (PDF 32000-1 7.5.7), nor are names encrypted, so an
// image's /SMask or /Mask key is in the file's bytes as written (perhaps
// with #xx escapes): a file without such a name has no masked image, and
// its pages need no check.
func mayHaveImageMasks(pdf []byte) bool {
	var name [9]byte
	for i := 0; ; i++ {
		j := bytes.IndexByte(pdf[i:], '/')
		if j < 0 {
			return false
		}
		i += j
		if n := string(nameAt(&name, pdf[i+1:])); n == "SMask" || n == "Mask" {
			return true
		}
	}
}

// nameAt decodes the PDF name at the start of b (after its slash) into
// out, #xx escapes included, up to a delimiter or whitespace; empty past 8
// letters, more than any name looked for.
func nameAt(out *[9]byte, b []byte) []byte {
	n := 0
	for i := 0; i < len(b) && n < len(out); i++ {
		c := b[i]
		switch {
		case c <= ' ' || strings.IndexByte("/[]()<>{}%", c) >= 0:
			return out[:n]
		case c == '#' && i+2 < len(b):
			v, err := strconv.ParseUint(string(b[i+1:i+3]), 16, 8)
			if err != nil {
				return nil
			}
			out[n] = byte(v)
			i += 2
		default:
			out[n] = c
		}
		n++
	}
	if n == len(out) {
		return nil
	}
	return out[:n]
}

// decodeImage decodes an image object to grey at its own size w×h.
func (e *engine) decodeImage(obj references.FPDF_PAGEOBJECT, w, h int) (*image.Gray, error) {
	if e.onlyFilter(obj) == "DCTDecode" {
		raw, err := e.inst.FPDFImageObj_GetImageDataRaw(&requests.FPDFImageObj_GetImageDataRaw{ImageObject: obj})
		if err == nil {
			if g := decodeJPEG(raw.Data, w, h); g != nil {
				return g, nil
			}
		}
	}
	bm, err := e.inst.FPDFImageObj_GetBitmap(&requests.FPDFImageObj_GetBitmap{ImageObject: obj})
	if err != nil {
		return nil, errNotOneImage
	}
	defer e.inst.FPDFBitmap_Destroy(&requests.FPDFBitmap_Destroy{Bitmap: bm.Bitmap})
	return e.bitmapGray(bm.Bitmap, w, h)
}

// onlyFilter is the image's one filter, "" when it has none or several.
func (e *engine) onlyFilter(obj references.FPDF_PAGEOBJECT) string {
	n, err := e.inst.FPDFImageObj_GetImageFilterCount(&requests.FPDFImageObj_GetImageFilterCount{ImageObject: obj})
	if err != nil || n.Count != 1 {
		return ""
	}
	f, err := e.inst.FPDFImageObj_GetImageFilter(&requests.FPDFImageObj_GetImageFilter{ImageObject: obj, Index: 0})
	if err != nil {
		return ""
	}
	return f.ImageFilter
}

// decodeJPEG decodes a JPEG of w×h pixels to grey (its luma, for colour
// ones); nil for anything else — CMYK, another size, a broken stream —
// which PDFium then decodes.
func decodeJPEG(data []byte, w, h int) *image.Gray {
	cfg, err := jpeg.DecodeConfig(bytes.NewReader(data))
	if err != nil || cfg.Width != w || cfg.Height != h {
		return nil
	}
	img, err := jpeg.Decode(bytes.NewReader(data))
	if err != nil {
		return nil
	}
	switch m := img.(type) {
	case *image.Gray:
		return m
	case *image.YCbCr:
		// Y is the grey a grey rendering gives, to within rounding.
		g := image.NewGray(image.Rect(0, 0, w, h))
		for y := 0; y < h; y++ {
			copy(g.Pix[y*w:(y+1)*w], m.Y[y*m.YStride:y*m.YStride+w])
		}
		return g
	}
	return nil
}

// bitmapGray copies a PDFium bitmap of w×h pixels out as grey.
func (e *engine) bitmapGray(bm references.FPDF_BITMAP, w, h int) (*image.Gray, error) {
	px, err := e.bitmapPixels(bm)
	if err != nil {
		return nil, err
	}
	if px.w != w || px.h != h {
		return nil, errNotOneImage
	}
	bpp := bytesPerPixel(px.format)
	if bpp == 0 || px.stride < w*bpp || len(px.buf) < px.stride*(h-1)+w*bpp {
		return nil, errNotOneImage
	}
	return toGray(px.buf, w, h, px.stride, bpp), nil
}

// bitmapPixels is a PDFium bitmap's pixels as PDFium lays them out.
type bitmapPixels struct {
	buf    []byte
	w, h   int
	stride int
	format enums.FPDF_BITMAP_FORMAT
}

func (e *engine) bitmapPixels(bm references.FPDF_BITMAP) (bitmapPixels, error) {
	format, err := e.inst.FPDFBitmap_GetFormat(&requests.FPDFBitmap_GetFormat{Bitmap: bm})
	if err != nil {
		return bitmapPixels{}, err
	}
	bw, err := e.inst.FPDFBitmap_GetWidth(&requests.FPDFBitmap_GetWidth{Bitmap: bm})
	if err != nil {
		return bitmapPixels{}, err
	}
	bh, err := e.inst.FPDFBitmap_GetHeight(&requests.FPDFBitmap_GetHeight{Bitmap: bm})
	if err != nil {
		return bitmapPixels{}, err
	}
	stride, err := e.inst.FPDFBitmap_GetStride(&requests.FPDFBitmap_GetStride{Bitmap: bm})
	if err != nil {
		return bitmapPixels{}, err
	}
	buf, err := e.inst.FPDFBitmap_GetBuffer(&requests.FPDFBitmap_GetBuffer{Bitmap: bm})
	if err != nil {
		return bitmapPixels{}, err
	}
	return bitmapPixels{buf: buf.Buffer, w: bw.Width, h: bh.Height, stride: stride.Stride, format: format.Format}, nil
}

// bytesPerPixel is a PDFium bitmap format's, 0 for one not handled.
func bytesPerPixel(f enums.FPDF_BITMAP_FORMAT) int {
	switch f {
	case enums.FPDF_BITMAP_FORMAT_GRAY:
		return 1
	case enums.FPDF_BITMAP_FORMAT_BGR:
		return 3
	case enums.FPDF_BITMAP_FORMAT_BGRX, enums.FPDF_BITMAP_FORMAT_BGRA:
		return 4
	}
	return 0
}

// toGray copies w×h pixels of bpp bytes (grey, or B, G, R first) at stride
// s out as grey.
func toGray(pix []byte, w, h, s, bpp int) *image.Gray {
	g := image.NewGray(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		row := pix[y*s : y*s+w*bpp]
		out := g.Pix[y*w : (y+1)*w]
		if bpp == 1 {
			copy(out, row)
			continue
		}
		for x := range out {
			p := row[x*bpp:]
			// BT.601 luma of B, G, R, as a grey rendering weighs them.
			out[x] = uint8((114*uint32(p[0]) + 587*uint32(p[1]) + 299*uint32(p[2]) + 500) / 1000)
		}
	}
	return g
}

// rotate turns an image clockwise by r quarter turns (a page's /Rotate).
func rotate(src *image.Gray, r int) *image.Gray {
	r = ((r % 4) + 4) % 4
	if r == 0 {
		return src
	}
	w, h := src.Rect.Dx(), src.Rect.Dy()
	ow, oh := w, h
	if r != 2 {
		ow, oh = h, w
	}
	out := image.NewGray(image.Rect(0, 0, ow, oh))
	for y := 0; y < h; y++ {
		row := src.Pix[y*src.Stride : y*src.Stride+w]
		for x, v := range row {
			var ox, oy int
			switch r {
			case 1: // 90° clockwise
				ox, oy = h-1-y, x
			case 2:
				ox, oy = w-1-x, h-1-y
			case 3:
				ox, oy = y, w-1-x
			}
			out.Pix[oy*out.Stride+ox] = v
		}
	}
	return out
}

// forOCR brings an image of dpi into OCR's range: reduced to ocrDPI above
// maxNative, enlarged to ocrDPI below minNative (nil if that would pass
// maxPixels), kept otherwise. It returns the resolution it ends at.
func forOCR(img *image.Gray, dpi float64, maxPixels int64) (*image.Gray, int) {
	switch {
	case dpi > maxNative:
		if k := math.Round(dpi / ocrDPI); math.Abs(dpi-k*ocrDPI) < dpi/100 {
			return shrink(img, int(k)), int(math.Round(dpi / k))
		}
		w := int(math.Round(float64(img.Rect.Dx()) * ocrDPI / dpi))
		h := int(math.Round(float64(img.Rect.Dy()) * ocrDPI / dpi))
		return reduce(img, w, h), ocrDPI
	case dpi < minNative:
		f := ocrDPI / dpi
		w := int(math.Round(float64(img.Rect.Dx()) * f))
		h := int(math.Round(float64(img.Rect.Dy()) * f))
		if int64(w)*int64(h) > maxPixels {
			return nil, 0
		}
		return enlarge(img, w, h), ocrDPI
	}
	return img, int(math.Round(dpi))
}

// shrink averages k×k blocks.
func shrink(src *image.Gray, k int) *image.Gray {
	w, h := src.Rect.Dx()/k, src.Rect.Dy()/k
	out := image.NewGray(image.Rect(0, 0, w, h))
	sums := make([]uint32, w)
	for oy := 0; oy < h; oy++ {
		clear(sums)
		for y := oy * k; y < oy*k+k; y++ {
			row := src.Pix[y*src.Stride:]
			for ox := 0; ox < w; ox++ {
				for _, v := range row[ox*k : ox*k+k] {
					sums[ox] += uint32(v)
				}
			}
		}
		n := uint32(k * k)
		for ox, s := range sums {
			out.Pix[oy*out.Stride+ox] = uint8((s + n/2) / n)
		}
	}
	return out
}

// reduce resamples src down to w×h pixels (no larger than src), each the
// mean of the source area it covers: a box filter of fractional width,
// which keeps thin strokes as grey where point sampling would drop them.
func reduce(src *image.Gray, w, h int) *image.Gray {
	cols, rows := spans(src.Rect.Dx(), w), spans(src.Rect.Dy(), h)
	out := image.NewGray(image.Rect(0, 0, w, h))
	acc := make([]float32, w)
	for oy, r := range rows {
		clear(acc)
		for j, wy := range r.weights {
			row := src.Pix[(r.first+j)*src.Stride:]
			for ox, c := range cols {
				var v float32
				for i, wx := range c.weights {
					v += wx * float32(row[c.first+i])
				}
				acc[ox] += wy * v
			}
		}
		dst := out.Pix[oy*out.Stride : oy*out.Stride+w]
		for ox, v := range acc {
			dst[ox] = uint8(min(v+0.5, 255))
		}
	}
	return out
}

// span is the source pixels one reduced pixel covers: from first on, each
// with the share of it that lies inside (the weights sum to 1).
type span struct {
	first   int
	weights []float32
}

// spans divides n source pixels among m (m <= n).
func spans(n, m int) []span {
	out := make([]span, m)
	s := float64(n) / float64(m)
	for i := range out {
		a, b := float64(i)*s, float64(i+1)*s
		first, end := int(a), min(int(math.Ceil(b)), n)
		ws := make([]float32, end-first)
		for j := range ws {
			p := float64(first + j)
			ws[j] = float32((math.Min(b, p+1) - math.Max(a, p)) / s)
		}
		out[i] = span{first, ws}
	}
	return out
}

// enlarge resamples src to w×h bilinearly (as a renderer smooths an image
// drawn larger than it is).
func enlarge(src *image.Gray, w, h int) *image.Gray {
	sw, sh := src.Rect.Dx(), src.Rect.Dy()
	out := image.NewGray(image.Rect(0, 0, w, h))
	// Fixed point, 8 fractional bits: x0 and the weight per column.
	xs := make([]int32, w)
	for x := range xs {
		xs[x] = int32(math.Max(0, (float64(x)+0.5)*float64(sw)/float64(w)-0.5) * 256)
	}
	for y := 0; y < h; y++ {
		fy := math.Max(0, (float64(y)+0.5)*float64(sh)/float64(h)-0.5)
		y0 := min(int(fy), sh-1)
		y1 := min(y0+1, sh-1)
		wy := uint32((fy - float64(y0)) * 256)
		r0 := src.Pix[y0*src.Stride:]
		r1 := src.Pix[y1*src.Stride:]
		dst := out.Pix[y*out.Stride : y*out.Stride+w]
		for x := range dst {
			x0 := min(int(xs[x]>>8), sw-1)
			x1 := min(x0+1, sw-1)
			wx := uint32(xs[x] & 255)
			top := uint32(r0[x0])*(256-wx) + uint32(r0[x1])*wx
			bot := uint32(r1[x0])*(256-wx) + uint32(r1[x1])*wx
			dst[x] = uint8((top*(256-wy) + bot*wy + 1<<15) >> 16)
		}
	}
	return out
}
