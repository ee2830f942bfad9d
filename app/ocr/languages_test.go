package ocr

import (
	"strings"
	"testing"
)

func wordsOf(s string) []Word {
	var out []Word
	for _, w := range strings.Fields(s) {
		out = append(out, Word{Text: w})
	}
	return out
}

func TestGuessLanguage_ThePagesOwnLanguage(t *testing.T) {
	for _, tc := range []struct{ name, text, want string }{
		{"German order read in English", strings.Repeat("Die Herausgabe der Daten wird nach dem Gesetz angeordnet und ist nicht anfechtbar, auch von der Staatsanwaltschaft zu den Akten. ", 3), "deu"},
		{"Italian letter", strings.Repeat("La Procura della Repubblica presso il Tribunale chiede che i dati del titolare siano trasmessi per le indagini con urgenza nel procedimento. ", 3), "ita"},
		{"English warrant", strings.Repeat("The provider shall disclose to the government the records of the account described in Attachment A for the period stated. ", 3), ""},
		{"English form of a Polish court", "Issuing State Poland (PL) Language(s) used to communicate Polish, English Tel./E-mail +48 12 000 00 00 / sad@sad.example.gov.pl The addressee shall produce the data", "pol"},
		{"English form naming one foreign country", "The user is believed to live in Germany. The provider shall disclose the records of the account.", ""},
	} {
		if got, _ := guessLanguage(wordsOf(tc.text)); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestCountryOf_NamesAndCountryDomains(t *testing.T) {
	for word, want := range map[string]string{
		"j.silva@pj.example.pt": "por", "mp.example.pt": "por", ".gov.pl": "pol", "(Sweden)": "swe",
		"https://politie.example.nl/x": "nld", "lers@example.com": "", "U.S.C.": "", "es": "", "e.g.": "",
	} {
		if got := countryOf(word); got != want {
			t.Errorf("%q: %q, want %q", word, got, want)
		}
	}
}

func TestKeepSymbols_TheEnglishReadingsAt(t *testing.T) {
	eng := &Result{Text: "Kontakt: Tomasz Zurawski,\njan.kowalski@policja.example.pl @ x", Words: []Word{
		{Text: "Kontakt:", X: 0, Y: 0, W: 80, H: 20}, {Text: "Tomasz", X: 90, Y: 0, W: 60, H: 20}, {Text: "Zurawski,", X: 160, Y: 0, W: 90, H: 20},
		{Text: "jan.kowalski@policja.example.pl", X: 0, Y: 30, W: 300, H: 20}, {Text: "@", X: 310, Y: 30, W: 15, H: 20}, {Text: "x", X: 330, Y: 30, W: 10, H: 20},
	}}
	pol := &Result{Text: "Kontakt: Tomasz Żurawski,\njan.kowalskiQpolicja.example.pl O x", Words: []Word{
		{Text: "Kontakt:", X: 0, Y: 0, W: 80, H: 20}, {Text: "Tomasz", X: 90, Y: 0, W: 60, H: 20}, {Text: "Żurawski,", X: 160, Y: 0, W: 90, H: 20},
		{Text: "jan.kowalskiQpolicja.example.pl", X: 0, Y: 30, W: 300, H: 20}, {Text: "O", X: 311, Y: 31, W: 14, H: 19}, {Text: "x", X: 330, Y: 30, W: 10, H: 20},
	}}
	got := keepSymbols(eng, pol)
	if want := "Kontakt: Tomasz Żurawski,\njan.kowalski@policja.example.pl @ x"; got.Text != want {
		t.Errorf("text %q, want %q", got.Text, want)
	}
	if got.Words[4].Text != "@" || pol.Words[4].Text != "O" {
		t.Errorf("words %q, the second reading's changed: %v", got.Words[4].Text, pol.Words[4].Text)
	}
}

func TestKeepSymbols_AWordIsNotTheAtInsideIt(t *testing.T) {
	eng := &Result{Text: "a @ b", Words: []Word{{Text: "a", X: 0, Y: 0, W: 10, H: 20}, {Text: "@", X: 300, Y: 0, W: 15, H: 20}, {Text: "b", X: 600, Y: 0, W: 10, H: 20}}}
	other := &Result{Text: "a tejo.cripto.invest@example.pt b", Words: []Word{{Text: "a", X: 0, Y: 0, W: 10, H: 20}, {Text: "tejo.cripto.invest@example.pt", X: 100, Y: 0, W: 400, H: 20}, {Text: "b", X: 600, Y: 0, W: 10, H: 20}}}
	if got := keepSymbols(eng, other); got.Text != other.Text {
		t.Errorf("%q", got.Text)
	}
	other.Words[1].Text, other.Text = "tejo.cripto.investOexample.pt", "a tejo.cripto.investOexample.pt b"
	if got := keepSymbols(eng, other); got.Text != other.Text {
		t.Errorf("a long word took a short word's place: %q", got.Text)
	}
}
