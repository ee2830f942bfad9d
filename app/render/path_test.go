package render

import "github.com/klippa-app/go-pdfium/requests"

func openByPath(p string) *requests.OpenDocument { return &requests.OpenDocument{FilePath: &p} }
