package extract

import (
	"regexp"
	"strings"
	"sync"
)

// Portuguese and Brazilian orders write the date they are given in words
// too: "Lisboa, aos vinte e dois dias do mês de setembro de dois mil e
// vinte e seis", "São Paulo, em três de março de dois mil e vinte e seis".
// Read as the Spanish ones are (datewords.go): the day and the year from
// their words, the month by its name.

var portugueseUnits = map[string]int{
	"um": 1, "uma": 1, "primeiro": 1, "dois": 2, "duas": 2, "tres": 3, "quatro": 4, "cinco": 5, "seis": 6,
	"sete": 7, "oito": 8, "nove": 9, "dez": 10, "onze": 11, "doze": 12, "treze": 13, "catorze": 14,
	"quatorze": 14, "quinze": 15, "dezesseis": 16, "dezasseis": 16, "dezessete": 17, "dezassete": 17,
	"dezoito": 18, "dezenove": 19, "dezanove": 19, "vinte": 20, "trinta": 30, "quarenta": 40,
	"cinquenta": 50, "sessenta": 60, "setenta": 70, "oitenta": 80, "noventa": 90,
}

var portugueseDateRe = sync.OnceValue(func() *regexp.Regexp {
	word := `[a-záéíóúâêôãõç]+`
	num := word + `(?:\s+e\s+` + word + `)?`
	return regexp.MustCompile(`(?i)\b(?:aos\s+|em\s+)?(` + num + `)\s+(?:dias?\s+)?(?:do\s+m[êe]s\s+)?de\s+(janeiro|fevereiro|março|marco|abril|maio|junho|julho|agosto|setembro|outubro|novembro|dezembro)\s+(?:de\s+|do\s+ano\s+de\s+)(dois\s+mil(?:\s+e\s+` + num + `)?)\b`)
})

// portugueseNumber reads a number under a hundred written in words
// ("vinte e seis").
func portugueseNumber(s string) (int, bool) { return wordsNumber(s, portugueseUnits, "e") }

// portugueseWordDates finds the dates text writes in Portuguese words,
// with their spans.
func portugueseWordDates(text string) []wordDate {
	return readWordDates(text, portugueseDateRe(), portugueseNumber, func(m string) string {
		return strings.Replace(m, "marco", "março", 1)
	})
}

var portuguesePlacedRe = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^\s*(?:(?i:dado\s+e\s+passado\s+em|feito\s+em|assinado\s+em)\s+)?\p{Lu}[\p{L}.'\-]*(?:[ \t]+(?:(?:de|do|da|dos|das)[ \t]+)?\p{Lu}[\p{L}.'\-]*){0,3},?\s*$`)
})
