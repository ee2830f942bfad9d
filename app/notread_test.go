package app

import "testing"

func TestNotRead(t *testing.T) {
	for got, want := range map[string]string{
		NotRead(2001, 50000, "why"):            "pages 2,001–50,000 not read: why",
		NotRead(7, 7, "why"):                   "page 7 not read: why",
		PagesNotRead([]int{3, 7, 8, 9}, "why"): "pages 3, 7–9 not read: why",
		PagesNotRead([]int{1200}, "why"):       "page 1,200 not read: why",
		Thousands(1234567):                     "1,234,567",
		Thousands(999):                         "999",
	} {
		if got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	}
}

func TestPrintableName(t *testing.T) {
	for in, want := range map[string]string{
		"order.pdf":                   "order.pdf",
		"Müller – Beschluss.pdf":      "Müller – Beschluss.pdf",
		"x.pdf: stored\nevil.pdf: ok": `"x.pdf: stored\nevil.pdf: ok"`,
		"a\u202egnp.pdf":              `"a\u202egnp.pdf"`,
		"tab\there.pdf":               `"tab\there.pdf"`,
	} {
		if got := PrintableName(in); got != want {
			t.Errorf("PrintableName(%q) = %s, want %s", in, got, want)
		}
	}
}
