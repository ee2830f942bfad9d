package extract

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// monthNames lists month names in the languages orders come in, each
// language's twelve in order (genitive forms where dates use them:
// "25 марта 2020", "3 maja 2025").
var monthNames = [][]string{
	{"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"},
	{"jan", "feb", "mar", "apr", "", "jun", "jul", "aug", "sep", "oct", "nov", "dec"},
	{"", "", "", "", "", "", "", "", "sept", "", "", ""},
	{"januar", "februar", "märz", "", "mai", "juni", "juli", "", "", "oktober", "", "dezember"},
	{"janvier", "février", "mars", "avril", "", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"},
	{"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"},
	{"", "", "", "", "", "", "", "", "setiembre", "", "", ""},
	{"gennaio", "febbraio", "", "aprile", "maggio", "giugno", "luglio", "", "settembre", "ottobre", "", "dicembre"},
	{"januari", "februari", "maart", "", "mei", "", "", "augustus", "", "", "", ""},
	{"janeiro", "fevereiro", "março", "", "maio", "junho", "julho", "", "setembro", "outubro", "", "dezembro"},
	{"stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia", "września", "października", "listopada", "grudnia"},
	{"", "", "", "", "", "", "", "", "", "", "novembro", ""},
	// Swedish, Danish and Norwegian where they differ from the above
	{"", "", "", "", "maj", "", "", "augusti", "", "", "", "desember"},
	// Austrian, and French as OCR or a plain keyboard writes it
	{"jänner", "feber", "maerz", "", "", "", "", "", "", "", "", ""},
	{"", "fevrier", "", "", "", "", "", "aout", "", "", "", "decembre"},
	// abbreviations in the orders' languages
	{"janv", "févr", "", "avr", "", "", "juil", "", "", "okt", "", "dez"},
	{"ene", "", "", "", "", "", "", "ago", "", "", "", "dic"},
	{"января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"},
}

var months = func() map[string]time.Month {
	m := map[string]time.Month{}
	for _, lang := range monthNames {
		for i, name := range lang {
			if name != "" {
				m[name] = time.Month(i + 1)
			}
		}
	}
	return m
}()

// monthRe matches any month name above, longest first, with an optional
// abbreviation dot.
var monthRe = func() string {
	names := make([]string, 0, len(months))
	for n := range months {
		names = append(names, regexp.QuoteMeta(n))
	}
	sort.Slice(names, func(i, j int) bool {
		if len(names[i]) != len(names[j]) {
			return len(names[i]) > len(names[j])
		}
		return names[i] < names[j]
	})
	return `(?:` + strings.Join(names, "|") + `)\.?`
}()

// DatePattern matches one date in any of the formats seen in orders. Label
// rules embed it.
var DatePattern = `(?:` +
	// 12th day of June, 2025 / 3rd day of March 2025
	`\d{1,2}(?:st|nd|rd|th)?\s+day\s+of\s+` + monthRe + `,?\s+\d{4}` +
	// June 9, 2025 / Sept. 4 2012 / June 9th, 2025 / Nov.6th,2019
	`|` + monthRe + `\s*\d{1,2}(?:st|nd|rd|th)?(?:,\s*|\s+)\d{4}` +
	// 2019年11月6日, 令和8年7月21日 (Japanese era years)
	`|(?:\d{4}|(?:令和|平成)\s*(?:\d{1,2}|元))\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日` +
	// 2026. 9. 2. (Korean)
	`|\d{4}\.\s?\d{1,2}\.\s?\d{1,2}\.` +
	// 7 May 2025 / 7th May, 2025 / 7. Mai 2025 / 25 de marzo de 2020 / 1er janvier 2025 / 1° marzo 2026 / 1º de março de 2026
	`|\d{1,2}(?:st|nd|rd|th|er|\.|°|º)?\s+(?:de\s+)?` + monthRe + `,?\s+(?:de\s+)?\d{4}` +
	// 2025-06-09
	`|\d{4}-\d{2}-\d{2}` +
	// 04/22/2025, 15/05/2025, 15.05.2025, 4-22-2025, 04/22/25
	`|\d{1,2}[/.\-]\d{1,2}[/.\-](?:\d{4}|\d{2})\b` +
	`)`

var (
	dateRe        *regexp.Regexp
	numericDateRe *regexp.Regexp
	eraDateRe     *regexp.Regexp
	dayOfRe       *regexp.Regexp
	monthDayRe    *regexp.Regexp
	cjkRe         *regexp.Regexp
	ymdDotRe      *regexp.Regexp
	dayMonthRe    *regexp.Regexp
	isoRe         *regexp.Regexp
	numericRe     *regexp.Regexp
	spaceFolder   *regexp.Regexp
)

// parseDate reads one date string matched by DatePattern. dayFirst says how
// to read an ambiguous numeric date such as 04/05/2025: true in EU and UK
// documents. A dotted numeric date (15.05.2025) is always day first.
func parseDate(s string, dayFirst bool) (time.Time, bool) {
	s = strings.TrimSpace(spaceFolder.ReplaceAllString(s, " "))
	var y, d int
	var m time.Month
	if g := dayOfRe.FindStringSubmatch(s); g != nil {
		d, _ = strconv.Atoi(g[1])
		m = months[strings.ToLower(g[2])]
		y, _ = strconv.Atoi(g[3])
	} else if g := monthDayRe.FindStringSubmatch(s); g != nil && months[strings.ToLower(g[1])] != 0 {
		m = months[strings.ToLower(g[1])]
		d, _ = strconv.Atoi(g[2])
		y, _ = strconv.Atoi(g[3])
	} else if g := dayMonthRe.FindStringSubmatch(s); g != nil {
		d, _ = strconv.Atoi(g[1])
		m = months[strings.ToLower(g[2])]
		y, _ = strconv.Atoi(g[3])
	} else if g := cjkRe.FindStringSubmatch(s); g != nil {
		y = eraYear(g[1])
		mi, _ := strconv.Atoi(g[2])
		m = time.Month(mi)
		d, _ = strconv.Atoi(g[3])
	} else if g := ymdDotRe.FindStringSubmatch(s); g != nil {
		y, _ = strconv.Atoi(g[1])
		mi, _ := strconv.Atoi(g[2])
		m = time.Month(mi)
		d, _ = strconv.Atoi(g[3])
	} else if g := isoRe.FindStringSubmatch(s); g != nil {
		y, _ = strconv.Atoi(g[1])
		mi, _ := strconv.Atoi(g[2])
		m = time.Month(mi)
		d, _ = strconv.Atoi(g[3])
	} else if g := numericRe.FindStringSubmatch(s); g != nil {
		a, _ := strconv.Atoi(g[1])
		b, _ := strconv.Atoi(g[3])
		y, _ = strconv.Atoi(g[4])
		if len(g[4]) == 2 {
			y += 2000
			if y > time.Now().Year()+5 {
				y -= 100
			}
		}
		first := dayFirst || g[2] == "."
		switch {
		case a > 12 && b <= 12:
			first = true
		case b > 12 && a <= 12:
			first = false
		}
		if first {
			d, m = a, time.Month(b)
		} else {
			m, d = time.Month(a), b
		}
	} else {
		return time.Time{}, false
	}
	if m < 1 || m > 12 || d < 1 || d > 31 || y < 1900 || y > 2200 {
		return time.Time{}, false
	}
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d { // 31 June and the like
		return time.Time{}, false
	}
	return t, true
}

// eraYear reads a year written in the Gregorian calendar or in a Japanese
// era (Reiwa from 2019, Heisei from 1989; 元 is an era's first year).
func eraYear(s string) int {
	s = strings.ReplaceAll(s, " ", "")
	base := 0
	for era, first := range map[string]int{"令和": 2018, "平成": 1988} {
		if strings.HasPrefix(s, era) {
			base, s = first, strings.TrimPrefix(s, era)
		}
	}
	if s == "元" {
		return base + 1
	}
	n, _ := strconv.Atoi(s)
	return base + n
}

// firstDate finds the first date in s, returning it and its byte span.
func firstDate(s string, dayFirst bool) (time.Time, []int, bool) {
	if !strings.ContainsAny(s, "0123456789") {
		return time.Time{}, nil, false // every date holds a digit
	}
	for _, loc := range dateLocs(s) {
		if loc[0] > 0 && isWordByte(s[loc[0]-1]) {
			continue // inside a longer word or number
		}
		if t, ok := parseDate(s[loc[0]:loc[1]], dayFirst); ok {
			return t, loc, true
		}
	}
	return time.Time{}, nil, false
}

// dateLocs finds the spans of the dates in s, in order.
func dateLocs(s string) [][]int {
	// Only lines with a digit, and the line before each (a month may end
	// it: "January\n1, 2026"), can hold a date: the pattern, with its
	// month names in a dozen languages, is not run over the others.
	var locs [][]int
	starts := lineStarts(s)
	digit := digitLines(s, starts)
	for i := 0; i < len(starts); {
		if !digit[i] && !(i+1 < len(starts) && digit[i+1]) {
			i++
			continue
		}
		j := i
		for j+1 < len(starts) && (digit[j+1] || j+2 < len(starts) && digit[j+2]) {
			j++
		}
		from, to := starts[i], len(s)
		if j+1 < len(starts) {
			to = starts[j+1]
		}
		// Without a month's name, only the numeric forms can match: a
		// far smaller pattern.
		re := numericDateRe
		if hasMonthName(s[from:to]) {
			re = dateRe
		}
		for _, l := range findAllIndex(re, s[from:to]) {
			locs = append(locs, []int{from + l[0], from + l[1]})
		}
		i = j + 1
	}
	if strings.Contains(s, "令和") || strings.Contains(s, "平成") {
		locs = append(locs, eraDateRe.FindAllStringIndex(s, -1)...)
		sort.Slice(locs, func(i, j int) bool { return locs[i][0] < locs[j][0] })
	}
	return locs
}

// digitLines says of each line of s (starting at starts) whether it
// holds a digit.
func digitLines(s string, starts []int) []bool {
	digit := make([]bool, len(starts))
	for i, st := range starts {
		end := len(s)
		if i+1 < len(starts) {
			end = starts[i+1]
		}
		digit[i] = strings.ContainsAny(s[st:end], "0123456789")
	}
	return digit
}

// hasMonthName reports whether s holds a word that names a month.
func hasMonthName(s string) bool {
	start := -1
	for i, r := range s + " " {
		if unicode.IsLetter(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			if w := s[start:i]; len(w) >= 3 && months[strings.ToLower(w)] != 0 {
				return true
			}
			start = -1
		}
	}
	return false
}

func isWordByte(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_'
}

func formatDate(t time.Time) string { return t.Format(time.DateOnly) }

// dateOrder says how the order writes its numeric dates, from the dates
// that can be read one way only: "31/05/2026" is day first, "05/31/2026"
// month first. A paper keeps one convention throughout, so that settles
// "04/05/2026" beside them whatever the jurisdiction suggests (def); with
// no such date, or both kinds, def stands. Dotted dates are day first
// everywhere and say nothing of the slashed ones.
func (c *corpus) dateOrder(def bool) bool {
	dayFirst, monthFirst := 0, 0
	for _, p := range c.pages {
		d, m := dateOrderVotes(p.text)
		dayFirst, monthFirst = dayFirst+d, monthFirst+m
	}
	switch {
	case dayFirst > 0 && monthFirst == 0:
		return true
	case monthFirst > 0 && dayFirst == 0:
		return false
	}
	return def
}

// dateOrderVotes counts the slashed or dashed dates of text that can only
// be day first, and those that can only be month first.
func dateOrderVotes(text string) (dayFirst, monthFirst int) {
	if !strings.ContainsAny(text, "/-") {
		return 0, 0
	}
	for _, l := range findAllIndex(numericDateRe, text) {
		if l[0] > 0 && isWordByte(text[l[0]-1]) {
			continue
		}
		switch numericOrder(text[l[0]:l[1]]) {
		case 1:
			dayFirst++
		case -1:
			monthFirst++
		}
	}
	return dayFirst, monthFirst
}

// numericOrder says of a slashed or dashed date whether it can only be
// day first (1), only month first (-1), or either or no date at all (0).
func numericOrder(s string) int {
	g := numericRe.FindStringSubmatch(s)
	if g == nil || g[2] == "." {
		return 0
	}
	a, _ := strconv.Atoi(g[1])
	b, _ := strconv.Atoi(g[3])
	if y, _ := strconv.Atoi(g[4]); len(g[4]) == 4 && (y < 1900 || y > 2100) {
		return 0 // a number of that shape, no date ("26-12-1234")
	}
	switch {
	case a > 12 && a <= 31 && b >= 1 && b <= 12:
		return 1
	case b > 12 && b <= 31 && a >= 1 && a <= 12:
		return -1
	}
	return 0
}
