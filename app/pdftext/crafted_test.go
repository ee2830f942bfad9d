package pdftext

import "github.com/warrantdesk/warrantdesk/app/crafted"

// The crafted files live in app/crafted, shared with the renderer's, the
// import's and the command line's tests.
var (
	craft  = crafted.Craft
	stream = crafted.Stream
)

// hostile returns the crafted files the parser was seen to hang on or die
// from, and those made against the renderer, by name.
func hostile() map[string][]byte {
	files := crafted.Parser()
	for name, data := range crafted.Renderer(4 << 20) {
		files[name] = data
	}
	files["encrypted"] = crafted.Encrypted()
	files["50,000 pages of text"] = crafted.LongText(50000)
	return files
}
