package extract

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"testing"

	"github.com/warrantdesk/warrantdesk/app"
	"github.com/warrantdesk/warrantdesk/app/pdftext"
)

// The agent's patterns found from their titles find exactly what the
// patterns find over the whole page: on generated orders, on the dev set's
// when it is beside this checkout, and on texts that sit on the edges
// (a title at the text's start, after a letter or an accented capital,
// a "/s/" lines above the name, a title without case, the letters that
// fold to ASCII ones).
func TestFindAll_TitledIsThePattern(t *testing.T) {
	compileRules()
	texts := append([]string(nil), leadEdgeTexts...)
	perKind, devFiles := 3, 1000
	if raceEnabled {
		perKind, devFiles = 1, 2
	}
	docs := generatedDocs(t, 7, perKind)
	for _, set := range []string{"us", "intl"} {
		files, _ := filepath.Glob(filepath.Join("..", "..", "..", "shared", "devset", set, "orders", "*.pdf"))
		files = files[:min(len(files), devFiles)]
		for _, f := range files {
			if data, err := os.ReadFile(f); err == nil {
				if d, err := pdftext.ReadPages(data); err == nil {
					docs = append(docs, d)
				}
			}
		}
	}
	for _, d := range docs {
		for _, p := range prepare(d).pages {
			texts = append(texts, p.text)
		}
	}
	// Every pattern the rules match over a page, as reading these
	// documents asks for them.
	x := New()
	for _, d := range docs {
		x.Read(d)
	}
	for _, text := range texts {
		x.Read(&app.Document{TextSource: app.SourceText, Pages: []app.PageText{{Number: 1, Text: text, Source: app.SourceText}}})
	}
	r := agentRules2()
	patterns := []*regexp.Regexp{r.before, r.after}
	for _, re := range patterns {
		if titledRules()[re] == nil {
			t.Fatalf("%.40s… is not found from its titles", re)
		}
	}
	leadCache.Range(func(k, v any) bool {
		if v.(*titled) != nil {
			patterns = append(patterns, k.(*regexp.Regexp))
		}
		return true
	})
	if len(patterns) < 20 {
		t.Fatalf("only %d patterns are found from what they begin with", len(patterns))
	}
	for _, re := range patterns {
		for _, text := range texts {
			compareLeads(t, re, text)
		}
	}
}

// compareLeads fails t when re's matches found from its leads are not the
// matcher's own over text.
func compareLeads(t *testing.T, re *regexp.Regexp, text string) {
	t.Helper()
	want := re.FindAllStringSubmatchIndex(text, -1)
	if got := findAll(re, text); !slices.EqualFunc(got, want, slices.Equal[[]int]) {
		t.Errorf("%.40s… in %.60q: found %v, the pattern finds %v", re, text, got, want)
	}
	if first := findFirst(re, text); !slices.Equal(first, re.FindStringSubmatchIndex(text)) {
		t.Errorf("%.40s… first in %.60q: %v", re, text, first)
	}
}

// FuzzFindAll_LeadsAreThePattern compares, on any text, every pattern that
// reading the edge texts and generated orders reaches, found from its
// leads, with the matcher over the text
// (go test -run '^$' -fuzz FuzzFindAll_LeadsAreThePattern ./app/extract/).
func FuzzFindAll_LeadsAreThePattern(f *testing.F) {
	x := New()
	for _, d := range generatedDocs(f, 7, 1) {
		x.Read(d)
	}
	for _, text := range leadEdgeTexts {
		x.Read(&app.Document{TextSource: app.SourceText, Pages: []app.PageText{{Number: 1, Text: text, Source: app.SourceText}}})
		f.Add(text)
	}
	var patterns []*regexp.Regexp
	for re := range titledRules() {
		patterns = append(patterns, re)
	}
	leadCache.Range(func(k, v any) bool {
		if v.(*titled) != nil {
			patterns = append(patterns, k.(*regexp.Regexp))
		}
		return true
	})
	f.Fuzz(func(t *testing.T, text string) {
		for _, re := range patterns {
			compareLeads(t, re, text)
		}
	})
}

var leadEdgeTexts = []string{
	"SA Dana Whit\nSpecial Agent Jo Roe",
	"XSA Dana Whit, ÉSA Jo Roe §SA Lee Park",
	"/s/\n\nAnnika F. Lowenthal\nAUSA\n/s/ Mo Li, AUSA",
	"Saoirse M. Haverford, Counsel for the petitioner\nJOHN DOE,\tCOUNSEL",
	"Dana Whit, counſel\nKim Lee, \u212Aommission counsel",
	"Dana Whit,\nSpecial Agent, Officer Jo Roe, Agent Lee Park\nDI Ann Smith, DS",
	"Kriminalhauptkommissarin Anna Groß\nInspetora Maria Souza, Delegada\nPolisinspektör Erik Lund",
	"Det. Sgt. Ann Smith Det. Jo Roe Det. 4411 Jo Roe",
	"",
	"SA",
	"ORDERED that the provider shall not disclose\nIt is hereby ordered: shall NOT notify",
	"xshall not disclose; _shall not disclose, éshall not disclose",
	"18 U.S.C. § 2703(d); x18 USC 2703, 2018 U.S.C. 2705(b)\n21 U.S.C. 876 №123/2026 N°-44 Nr. 12",
	"Именем Российской Федерации, РОССИЙСКОЙ; Дата: 1 сентября 2026 г., СЕНТЯБРЯ; Username: ユーザー名 x; SPÄTESTENS am 3. Mai 2026",
	"  Date of issue: May 1, 2026\nDated:  June 2, 2026  Issued: 3 July 2026\n\nTo: Example Corp\n  To:  Other Ltd\n",
}
