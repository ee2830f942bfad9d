package extract

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

var months = map[string]time.Month{
	"jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
	"may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
	"september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}

const monthRe = `(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?`

// DatePattern matches one date in any of the formats seen in orders. It is
// exported as a pattern string so label rules can embed it.
const DatePattern = `(?:` +
	// 12th day of June, 2025 / 3rd day of March 2025
	`\d{1,2}(?:st|nd|rd|th)?\s+day\s+of\s+` + monthRe + `,?\s+\d{4}` +
	// June 9, 2025 / Sept. 4 2012 / June 9th, 2025
	`|` + monthRe + `\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}` +
	// 7 May 2025 / 7th May, 2025
	`|\d{1,2}(?:st|nd|rd|th)?\s+` + monthRe + `,?\s+\d{4}` +
	// 2025-06-09
	`|\d{4}-\d{2}-\d{2}` +
	// 04/22/2025, 15/05/2025, 15.05.2025, 4-22-2025, 04/22/25
	`|\d{1,2}[/.\-]\d{1,2}[/.\-](?:\d{4}|\d{2})\b` +
	`)`

var (
	dateRe      = regexp.MustCompile(`(?i)\b` + DatePattern)
	dayOfRe     = regexp.MustCompile(`(?i)^(\d{1,2})(?:st|nd|rd|th)?\s+day\s+of\s+([a-z]+)\.?,?\s+(\d{4})$`)
	monthDayRe  = regexp.MustCompile(`(?i)^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$`)
	dayMonthRe  = regexp.MustCompile(`(?i)^(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{4})$`)
	isoRe       = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})$`)
	numericRe   = regexp.MustCompile(`^(\d{1,2})([/.\-])(\d{1,2})[/.\-](\d{4}|\d{2})$`)
	spaceFolder = regexp.MustCompile(`\s+`)
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

// firstDate finds the first date in s, returning it and its byte span.
func firstDate(s string, dayFirst bool) (time.Time, []int, bool) {
	for _, loc := range dateRe.FindAllStringIndex(s, -1) {
		if t, ok := parseDate(s[loc[0]:loc[1]], dayFirst); ok {
			return t, loc, true
		}
	}
	return time.Time{}, nil, false
}

func formatDate(t time.Time) string { return t.Format(time.DateOnly) }
