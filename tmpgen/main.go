package main

import (
	"os"
	"path/filepath"
	"syscall"

	"github.com/warrantdesk/warrantdesk/app/crafted"
	"github.com/warrantdesk/warrantdesk/app/sampleorders"
)

func main() {
	dir := os.Args[1]
	os.MkdirAll(dir, 0o700)
	files := crafted.Parser()
	for n, d := range crafted.Renderer(250 << 20) {
		files[n] = d
	}
	files["encrypted"] = crafted.Encrypted()
	files["50,000 pages of text"] = crafted.LongText(50000)
	for n, d := range files {
		os.WriteFile(filepath.Join(dir, "crafted "+n+".pdf"), d, 0o600)
	}
	orders, _ := sampleorders.Generate(7, 3)
	for _, o := range orders {
		os.WriteFile(filepath.Join(dir, o.Name+".pdf"), o.PDF, 0o600)
	}
	syscall.Mkfifo(filepath.Join(dir, "x.pdf"), 0o600)
	os.Symlink("/etc/passwd", filepath.Join(dir, "order.pdf"))
	os.Mkdir(filepath.Join(dir, "folder.pdf"), 0o700)
}
