package extract

import (
	"regexp"
	"strings"
	"sync"
	"time"
)

// Spanish court orders write the date they are given in words: "En
// Valencia, a veintidós de septiembre de dos mil veintiséis". The day and
// the year are read from their words; the month by its name.

var spanishUnits = map[string]int{
	"un": 1, "uno": 1, "una": 1, "primero": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7,
	"ocho": 8, "nueve": 9, "diez": 10, "once": 11, "doce": 12, "trece": 13, "catorce": 14, "quince": 15,
	"dieciseis": 16, "diecisiete": 17, "dieciocho": 18, "diecinueve": 19, "veinte": 20, "veintiun": 21,
	"veintiuno": 21, "veintidos": 22, "veintitres": 23, "veinticuatro": 24, "veinticinco": 25, "veintiseis": 26,
	"veintisiete": 27, "veintiocho": 28, "veintinueve": 29, "treinta": 30, "cuarenta": 40, "cincuenta": 50,
	"sesenta": 60, "setenta": 70, "ochenta": 80, "noventa": 90,
}

var spanishDateRe = sync.OnceValue(func() *regexp.Regexp {
	word := `[a-záéíóúñ]+`
	return regexp.MustCompile(`(?i)\b(` + word + `(?:\s+y\s+` + word + `)?)\s+de\s+(enero|febrero|marzo|abril|mayo|junio|julio|agosto|se(?:p)?tiembre|octubre|noviembre|diciembre)\s+(?:de\s+|del\s+(?:año\s+)?)(dos\s+mil(?:\s+` + word + `(?:\s+y\s+` + word + `)?)?)\b`)
})

// spanishNumber reads a number under a hundred written in words ("treinta
// y uno", "veintiséis").
func spanishNumber(s string) (int, bool) { return wordsNumber(s, spanishUnits, "y") }

// wordsNumber reads a number written in words as the sum of units' values,
// "and" joining them ("treinta y uno", "vinte e seis").
func wordsNumber(s string, units map[string]int, and string) (int, bool) {
	n := 0
	for _, w := range strings.Fields(foldAccents(strings.ToLower(s))) {
		if w == and {
			continue
		}
		v, ok := units[w]
		if !ok {
			return 0, false
		}
		n += v
	}
	return n, n > 0
}

// spanishWordDates finds the dates text writes in Spanish words, with
// their spans.
func spanishWordDates(text string) []wordDate {
	return readWordDates(text, spanishDateRe(), spanishNumber, func(m string) string {
		return strings.Replace(m, "setiembre", "septiembre", 1)
	})
}

// readWordDates reads the dates re finds in text: group 1 the day in
// words, group 2 the month's name, group 3 the year from "two thousand"
// on ("dos mil veintiséis", "dois mil e vinte e seis"); number reads
// words as a number, month spells the month as months knows it.
func readWordDates(text string, re *regexp.Regexp, number func(string) (int, bool), month func(string) string) []wordDate {
	var out []wordDate
	for _, m := range re.FindAllStringSubmatchIndex(text, -1) {
		day, ok := number(text[m[2]:m[3]])
		if !ok || day > 31 {
			continue
		}
		year := 2000
		if rest := strings.Fields(text[m[6]:m[7]])[2:]; len(rest) > 0 { // past "two thousand"
			y, ok := number(strings.Join(rest, " "))
			if !ok {
				continue
			}
			year += y
		}
		mo := months[strings.ToLower(month(text[m[4]:m[5]]))]
		t := time.Date(year, mo, day, 0, 0, 0, 0, time.UTC)
		if mo == 0 || t.Day() != day {
			continue // no such day
		}
		out = append(out, wordDate{t, m[0], m[1]})
	}
	return out
}

// wordDate is a date written in words, with its span.
type wordDate struct {
	t          time.Time
	start, end int
}

var spanishPlacedRe = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)^\s*(?:en|dado\s+en|hecho\s+en|firmado\s+en)\s+\p{Lu}[\p{L} .'\-]{1,40},?\s+(?:a|el\s+d[ií]a)\s*$`)
})

// wordDateCands proposes the issued date an order writes in words where it
// is given ("En Valencia, a …"), or beside its signature.
func (x *run) wordDateCands() []cand {
	var out []cand
	for _, p := range x.c.pages {
		var dates []wordDate
		if strings.Contains(p.lower, "dos mil") { // every year of this century is "dos mil …"
			dates = spanishWordDates(p.text)
		}
		if strings.Contains(p.lower, "dois mil") {
			dates = append(dates, portugueseWordDates(p.text)...)
		}
		for _, d := range dates {
			ls := strings.LastIndexByte(p.text[:d.start], '\n') + 1
			conf := 0.0
			switch {
			case spanishPlacedRe().MatchString(p.text[ls:d.start]) || portuguesePlacedRe().MatchString(p.text[ls:d.start]):
				conf = 0.8
			case x.nearSigning(p.text, d.start):
				conf = 0.7
			default:
				continue // a date of something else, told in words
			}
			h := hit{page: p.num, start: d.start, end: d.end, text: p.text, groups: []string{p.text[d.start:d.end]}}
			out = append(out, cand{value: formatDate(d.t), h: h, conf: conf, rank: conf + x.place(h), rule: "words"})
		}
	}
	return out
}
