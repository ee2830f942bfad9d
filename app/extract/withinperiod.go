package extract

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// A deadline counted in days is written the same way in every language
// orders come in: a word for "within" ("within", "no later than", "you
// have",
// "binnen", "innerhalb von", "innert", "dans un délai de", "sous",
// "entro", "en el plazo de", "no prazo de", "inom", "w terminie"), a
// number in digits or in words, often both ("fourteen (14)", "10 (dez)"),
// and a unit — calendar or business days, hours, weeks. What it counts
// from follows (or, in some languages, precedes) it: the order's own date,
// or its service or receipt, which the order cannot date.

// periodNumbers are the numbers orders write in words before a period,
// in the languages orders come in.
var periodNumbers = map[string]int{
	// English
	"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
	"nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fourteen": 14, "fifteen": 15,
	"twenty": 20, "twenty-one": 21, "twenty one": 21, "thirty": 30, "forty-five": 45, "sixty": 60,
	"forty-eight": 48, "fortyeight": 48, "forty eight": 48,
	"seventy-two": 72, "seventytwo": 72, "seventy two": 72, "ninety": 90,
	// German
	"zwei": 2, "drei": 3, "fünf": 5, "sechs": 6, "sieben": 7, "neun": 9, "zehn": 10,
	"elf": 11, "zwölf": 12, "vierzehn": 14, "fünfzehn": 15, "zwanzig": 20, "dreißig": 30, "dreissig": 30,
	"achtundvierzig": 48,
	// French
	"deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "sept": 7, "huit": 8, "neuf": 9, "dix": 10,
	"quatorze": 14, "quinze": 15, "vingt": 20, "trente": 30, "quarante-huit": 48,
	// Italian
	"due": 2, "tre": 3, "cinque": 5, "sei": 6, "sette": 7, "otto": 8, "dieci": 10,
	"quattordici": 14, "quindici": 15, "venti": 20, "trenta": 30, "quarantotto": 48,
	// Spanish and Portuguese
	"dos": 2, "tres": 3, "três": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "sete": 7,
	"ocho": 8, "oito": 8, "diez": 10, "dez": 10, "catorce": 14, "catorze": 14, "quince": 15,
	"veinte": 20, "vinte": 20, "treinta": 30, "trinta": 30,
	"cuarenta y ocho": 48, "quarenta e oito": 48,
	// Dutch and Swedish
	"twee": 2, "drie": 3, "vijf": 5, "zeven": 7, "tien": 10, "veertien": 14, "dertig": 30,
	"två": 2, "fem": 5, "sju": 7, "tio": 10, "fjorton": 14, "trettio": 30,
	// German and Dutch alike
	"vier": 4, "acht": 8,
	// one week, one month: "innerhalb einer Woche", "binnen eines Monats",
	// "entro un mese", "inom en månad"
	"einer": 1, "eines": 1, "une": 1, "un": 1, "una": 1, "um": 1, "uma": 1, "en": 1, "ett": 1,
	// Polish (the genitive a period takes: "w terminie siedmiu dni")
	"trzech": 3, "pięciu": 5, "siedmiu": 7, "dziesięciu": 10, "czternastu": 14, "trzydziestu": 30,
}

var withinRe = sync.OnceValue(func() *regexp.Regexp {
	words := make([]string, 0, len(periodNumbers))
	for w := range periodNumbers {
		words = append(words, strings.ReplaceAll(regexp.QuoteMeta(w), " ", `\s+`))
	}
	sort.Slice(words, func(i, j int) bool {
		if len(words[i]) != len(words[j]) {
			return len(words[i]) > len(words[j])
		}
		return words[i] < words[j]
	})
	within := `within|(?:by\s+)?no\s+later\s+than|not\s+later\s+than|not\s+more\s+than|you\s+(?:have|are\s+given)|` +
		`binnen(?:\s+einer\s+frist\s+von)?|innerhalb(?:\s+einer\s+frist)?(?:\s+von)?|innert|` +
		`dans\s+(?:un|le)\s+d[ée]lai\s+(?:maximum\s+|maximal\s+)?de|dans\s+un\s+d[ée]lai|dans\s+les|sous(?:\s+un\s+d[ée]lai\s+de)?|` +
		`entro(?:\s+e\s+non\s+oltre|\s+il\s+termine\s+(?:massimo\s+)?di)?|nel\s+termine\s+(?:massimo\s+)?di|` +
		`en\s+(?:el|un)\s+(?:plazo|t[ée]rmino)\s+(?:m[áa]ximo\s+|improrrogable\s+)?de|dentro\s+(?:de\s+)?(?:los|del\s+plazo\s+de)|` +
		`n?o\s+prazo\s+(?:m[áa]ximo\s+|improrrog[áa]vel\s+)?de|em\s+at[ée]|` +
		`inom|w\s+terminie(?:\s+do)?|w\s+ci[ąa]gu`
	unit := `business\s+days?|working\s+days?|calendar\s+days?|days?|hours?|weeks?|` +
		`werktage?n?|arbeitstage?n?|kalendertage?n?|tage?n?|stunden?|wochen?|` +
		`jours?\s+ouvr(?:ables?|[ée]s?)|jours?\s+francs|jours?|heures|semaines|` +
		`giorni\s+(?:lavorativi|feriali)|giorni|ore|settimane|` +
		`d[íi]as\s+h[áa]biles|d[íi]as\s+naturales|d[íi]as\s+[úu]teis|d[íi]as\s+corridos|d[íi]as|horas|semanas|` +
		`werkdagen|dagen|uur|weken|arbetsdagar|dagar|timmar|veckor|` +
		`dni\s+robocz(?:ych|e)|dni|godzin(?:y)?|tygodni(?:e)?|` +
		`months?|monate?n?|monats|mois|mes[ei]|meses|mês|maanden?|månader?|månad|miesięcy|miesiąca`
	return regexp.MustCompile(`(?i)\b(?:` + within + `)(?:\s+|\s+d')(\d{1,3}|` + strings.Join(words, "|") + `)\s*(?:\((?:\d{1,3}|\p{L}+)\)\s*)?(` + unit + `)\b`)
})

// periodCount reads a period's number, in digits or in words.
func periodCount(s string) int {
	if n, err := strconv.Atoi(s); err == nil {
		return n
	}
	return periodNumbers[strings.Join(strings.Fields(strings.ToLower(s)), " ")]
}

// periodUnit is the unit a period's word names: "business" (working days,
// jours ouvrables, días hábiles…), "hours", "weeks" or "days".
func periodUnit(s string) string {
	u := strings.ToLower(s)
	for _, w := range []string{"business", "working", "werk", "arbeits", "ouvr", "lavorativ", "feriali", "hábil", "habil", "úteis", "uteis", "arbets", "robocz"} {
		if strings.Contains(u, w) {
			return "business days"
		}
	}
	for _, w := range []string{"hour", "stunden", "heure", "ore", "hora", "uur", "timmar", "godzin"} {
		if strings.HasPrefix(u, w) {
			return "hours"
		}
	}
	for _, w := range []string{"week", "woche", "semaine", "settiman", "semana", "weken", "veckor", "tygodni"} {
		if strings.HasPrefix(u, w) {
			return "weeks"
		}
	}
	for _, w := range []string{"month", "monat", "mois", "mese", "mesi", "meses", "mês", "maand", "månad", "miesi"} {
		if strings.HasPrefix(u, w) {
			return "months"
		}
	}
	return "days"
}

// addPeriod counts n units on from t.
func addPeriod(t time.Time, n int, unit string) time.Time {
	switch unit {
	case "hours":
		return t.Add(time.Duration(n) * time.Hour)
	case "weeks":
		return t.AddDate(0, 0, 7*n)
	case "business days":
		return addBusinessDays(t, n)
	case "months":
		return t.AddDate(0, n, 0)
	}
	return t.AddDate(0, 0, n)
}
