package app

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// NotRead says which pages of a file were not read and why, in the one
// wording every reader uses, so a reviewer finds cut pages the same way
// whatever cut them: "pages 2,001–50,000 not read: …".
func NotRead(from, to int, why string) string {
	if from >= to {
		return fmt.Sprintf("page %s not read: %s", Thousands(from), why)
	}
	return fmt.Sprintf("pages %s–%s not read: %s", Thousands(from), Thousands(to), why)
}

// PagesNotRead is NotRead for pages that need not follow each other.
func PagesNotRead(pages []int, why string) string {
	noun := "pages"
	if len(pages) == 1 {
		noun = "page"
	}
	return fmt.Sprintf("%s %s not read: %s", noun, PageList(pages), why)
}

// PageList writes sorted page numbers as ranges: "3, 7–9, 2,001–50,000".
func PageList(pages []int) string {
	var parts []string
	for i := 0; i < len(pages); {
		j := i
		for j+1 < len(pages) && pages[j+1] == pages[j]+1 {
			j++
		}
		if j == i {
			parts = append(parts, Thousands(pages[i]))
		} else {
			parts = append(parts, Thousands(pages[i])+"–"+Thousands(pages[j]))
		}
		i = j + 1
	}
	return strings.Join(parts, ", ")
}

// Thousands writes n with thousands separators: 50,000.
func Thousands(n int) string {
	if n < 0 {
		return "-" + Thousands(-n)
	}
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// PrintableName returns a file name as it may be printed on one line of a
// report ("FILE: reason"): as it is, or quoted with Go escapes when it
// holds a line break, a control or an invisible formatting character, so
// a name cannot forge a line of its own.
func PrintableName(s string) string {
	for _, r := range s {
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || r == '\u2028' || r == '\u2029' || r == unicode.ReplacementChar {
			return strconv.Quote(s)
		}
	}
	return s
}

// FormatDuration writes a time limit as a reviewer reads it: "15 min",
// "10 s", "2.5 s", and "300ms" for the short limits of tests.
func FormatDuration(d time.Duration) string {
	switch {
	case d < time.Second:
		return d.String()
	case d >= time.Minute && d%time.Minute == 0:
		return fmt.Sprintf("%d min", int(d/time.Minute))
	}
	d = d.Round(100 * time.Millisecond)
	if d%time.Second == 0 {
		return fmt.Sprintf("%d s", int(d/time.Second))
	}
	return fmt.Sprintf("%.1f s", d.Seconds())
}
