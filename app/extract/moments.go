package extract

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/warrantdesk/warrantdesk/app"
)

// Deadlines run from moments the order gives for itself: an e-mail's
// "Sent:" line, a portal's "Date and time of receipt", a warrant's "Date
// and time issued". moments finds the first of each kind that states a
// time of day as well as a date; a date alone says too little for a clock
// counted in hours.

// momentLabels name each kind of moment; a moment is a label, then a date
// and a time (in either order) within momentWindow bytes.
var momentLabels []struct {
	kind string
	re   *regexp.Regexp
}

const momentWindow = 90

// clockRe matches a time of day with an optional zone: "2:15 pm",
// "14:05:09 -0500", "09.14 CET", "14h05", "10:30 (UTC+1)".
var clockRe *regexp.Regexp

// moments records the order's moments, one of each kind, in the order
// found.
func (x *run) moments() {
	seen := map[string]bool{}
	for _, l := range momentLabels {
		if seen[l.kind] {
			continue
		}
		for _, h := range x.c.all(l.re) {
			if m, ok := x.momentAfter(h); ok {
				m.Kind = l.kind
				x.ex.Moments = append(x.ex.Moments, m)
				seen[l.kind] = true
				break
			}
		}
	}
}

// momentAfter reads the date and time that follow a label.
func (x *run) momentAfter(h hit) (app.Moment, bool) {
	end := min(len(h.text), h.end+momentWindow)
	window := h.text[h.end:end]
	date, dloc, ok := firstDate(window, x.dayFirst)
	if !ok || dloc[0] > 40 {
		return app.Moment{}, false
	}
	// The time stands right after the date, or right before it, on its
	// line.
	for _, m := range clockRe.FindAllStringSubmatchIndex(window, -1) {
		if !nextTo(window, m, dloc) {
			continue
		}
		hh, mm, ss, ok := timeOfDay(window, m)
		if !ok {
			continue
		}
		return app.Moment{
			Wall:    fmt.Sprintf("%sT%02d:%02d:%02d", formatDate(date), hh, mm, ss),
			Zone:    statedZone(window, m),
			Page:    h.page,
			Snippet: snippetAt(h.text, h.start, h.end+m[1]),
		}, true
	}
	return app.Moment{}, false
}

// nextTo reports whether the time match m stands within a few characters
// of the date at d, on the same line, without overlapping it.
func nextTo(s string, m, d []int) bool {
	switch {
	case overlaps(m, d):
		return false
	case m[0] >= d[1]:
		return m[0]-d[1] <= 25 && !strings.Contains(s[d[1]:m[0]], "\n")
	}
	return m[1] <= d[0] && d[0]-m[1] <= 25 && !strings.Contains(s[m[1]:d[0]], "\n")
}

// timeOfDay reads the hours, minutes and seconds of a clockRe match, on a
// 24-hour clock; false for "14:05 pm".
func timeOfDay(s string, m []int) (hh, mm, ss int, ok bool) {
	hh, _ = strconv.Atoi(s[m[2]:m[3]])
	mm, _ = strconv.Atoi(s[m[4]:m[5]])
	if m[6] >= 0 {
		ss, _ = strconv.Atoi(s[m[6]:m[7]])
	}
	if m[8] < 0 {
		return hh, mm, ss, true
	}
	if hh > 12 || hh == 0 {
		return 0, 0, 0, false
	}
	pm := strings.EqualFold(s[m[8]:m[9]], "p")
	switch {
	case pm && hh != 12:
		hh += 12
	case !pm && hh == 12:
		hh = 0
	}
	return hh, mm, ss, true
}

// statedZone is the zone written after the time, if it is one.
func statedZone(s string, m []int) string {
	if m[10] < 0 {
		return ""
	}
	zone := strings.Join(strings.Fields(s[m[10]:m[11]]), "")
	if _, known := app.StatedZone(zone); !known {
		return "" // a word that only looks like a zone ("THE")
	}
	return zone
}

func overlaps(a, b []int) bool { return a[0] < b[1] && b[0] < a[1] }

// Prior process: an order that follows a preservation says so ("preserved
// pursuant to 18 U.S.C. § 2703(f) on …", "further to our EPOC-PR of 2 May
// 2026, ref. …"), and one that follows an earlier request cites it ("your
// reference", "our previous request"). Each mention keeps the reference
// numbers around it, which the desk matches against the cases it holds.
var (
	preservationCueRe *regexp.Regexp
	requestCueRe      *regexp.Regexp
	refNumberRe       *regexp.Regexp
	// Forms name the relationship in a heading and offer it as a box to
	// tick; neither says there was one, and neither does a denial.
	formHeadingRe *regexp.Regexp
	uncheckedRe   *regexp.Regexp
	deniedRe      *regexp.Regexp
)

// maxPrior bounds the mentions kept: enough for any cover letter.
const maxPrior = 10

// priorRefs records where the order speaks of earlier process. A
// preservation's own request to preserve is not a prior one; its mention
// of an extension or an earlier request is.
func (x *run) priorRefs() {
	own := normValue(x.ex.Fields[app.FieldCaseNumber].Value)
	hold := x.ex.ProcessType == app.Preservation2703f || x.ex.ProcessType == app.EPOCPR
	cues := []struct {
		kind string
		re   *regexp.Regexp
	}{{app.PriorPreservation, preservationCueRe}, {app.PriorRequest, requestCueRe}}
	done := map[string]bool{}
	for _, cue := range cues {
		if hold && cue.kind == app.PriorPreservation {
			continue
		}
		for _, h := range x.c.all(cue.re) {
			window := priorWindow(h.text, h.start)
			if done[window] || len(x.ex.Prior) >= maxPrior || !mentionsPrior(h) {
				continue
			}
			done[window] = true
			x.ex.Prior = append(x.ex.Prior, app.PriorRef{Kind: cue.kind, Numbers: refNumbers(window, own, x.dayFirst), Page: h.page, Snippet: snippetAt(h.text, h.start, h.end)})
		}
	}
}

// mentionsPrior reports whether a cue says there was earlier process: not
// a form's heading, an unticked box or a denial.
func mentionsPrior(h hit) bool {
	line := lineOf(h.text, h.start)
	return !formHeadingRe.MatchString(line) && !uncheckedRe.MatchString(line) && !deniedRe.MatchString(sentenceAround(h.text, h.start))
}

// priorWindow is the sentence holding offset i and the rest of its line
// and the next: a reference number often follows on its own line
// ("Reference No.:\n2025-FBI-000123").
func priorWindow(text string, i int) string {
	start, end := sentenceBounds(text, i)
	for n := 0; n < 2 && end < len(text); n++ {
		nl := strings.IndexByte(text[end+1:], '\n')
		if nl < 0 {
			end = len(text)
			break
		}
		end += 1 + nl
	}
	return text[start:min(end, start+800)]
}

// refNumbers are the tokens in s that may be a reference number: five
// characters or more with a digit, not a date and not the order's own
// number.
func refNumbers(s, own string, dayFirst bool) []string {
	// A renewal or an extension often cites the earlier request by the
	// reference both share, which is also read as this order's own number:
	// that one is kept when it is the only number the passage gives.
	var out, mine []string
	for _, loc := range refNumberRe.FindAllStringIndex(s, -1) {
		tok := strings.Trim(s[loc[0]:loc[1]], ".:-/")
		if len(tok) < 5 {
			continue
		}
		if _, ok := parseDate(tok, dayFirst); ok {
			continue
		}
		switch {
		case normValue(tok) == own:
			if !containsFold(mine, tok) {
				mine = append(mine, tok)
			}
		case !containsFold(out, tok):
			out = append(out, tok)
		}
	}
	if len(out) == 0 {
		return mine
	}
	return out
}

func containsFold(list []string, s string) bool {
	for _, l := range list {
		if strings.EqualFold(l, s) {
			return true
		}
	}
	return false
}

// compileMoments compiles this file's patterns (called by compileAll).
func compileMoments() {
	momentLabels = []struct {
		kind string
		re   *regexp.Regexp
	}{
		{app.MomentSent, regexp.MustCompile(`(?i)\b(?:date\s*(?:and|/|&)\s*time\s+(?:sent|of\s+(?:the\s+)?(?:request|transmission|sending))|(?:date|time)\s+(?:sent|of\s+(?:the\s+)?request)|sent(?:\s+on|\s+at)?|transmitted(?:\s+on|\s+at)?)\s*[:\-]`)},
		{app.MomentReceived, regexp.MustCompile(`(?i)\b(?:date\s*(?:and|/|&)\s*time\s+(?:of\s+)?(?:receipt|received)|(?:date|time)\s+(?:of\s+)?(?:receipt|received)|received(?:\s+on|\s+at)?)\s*[:\-]`)},
		{app.MomentServed, regexp.MustCompile(`(?i)\b(?:date\s*(?:and|/|&)\s*time\s+(?:of\s+)?service|(?:date|time)\s+of\s+service|served(?:\s+on|\s+at)?)\s*[:\-]`)},
		{app.MomentIssued, regexp.MustCompile(`(?i)\b(?:date\s*(?:and|/|&)\s*time\s+(?:of\s+)?(?:issue|issued|issuance)|(?:date|time)\s+of\s+issue|issued(?:\s+on|\s+at)?)\s*[:\-]`)},
		// An e-mail's own header: "Date: Tue, 3 Mar 2026 14:05:09 -0500".
		{app.MomentSent, regexp.MustCompile(`(?im)^date\s*:`)},
	}
	clockRe = regexp.MustCompile(`(?i)\b([01]?\d|2[0-3])[:.h]([0-5]\d)(?:[:.]([0-5]\d))?(?:\s*([ap])\.?\s?m\b\.?)?(?:\s*(?:hrs|hours|uhr|h)\b)?(?:\s*\(?\s*((?:UTC|GMT)\s*[+\-]\s*\d{1,2}(?::?\d{2})?|[+\-]\d{2}:?\d{2}|UTC|GMT|Z\b|[A-Z]{3,4}\b)\)?)?`)
	preservationCueRe = regexp.MustCompile(`(?i)\b(?:2703\s*\(\s*f\s*\)|preservation\s+(?:request|letter|order|notice|demand|reference|number|no\b|ref\b)|preserv(?:ed|ation)\s+(?:pursuant|under|on|at\s+the\s+request)|(?:requested|asked)\s+(?:\w+\s+){0,3}to\s+preserve|epoc-pr|european\s+preservation\s+order)`)
	requestCueRe = regexp.MustCompile(`(?i)\b(?:(?:previous|prior|earlier|initial|original)\s+(?:request|order|letter|subpoena|warrant|epoc|demand|notice|preservation)|(?:your|our)\s+(?:ref(?:erence)?\b\.?|file\s+(?:no\b\.?|number))|(?:extension|renewal)\s+of\s+(?:the\s+)?preservation|(?:extend|renew)\s+(?:the\s+)?preservation)`)
	refNumberRe = regexp.MustCompile(`\b[A-Za-z0-9][A-Za-z0-9/\-.:]*\d[A-Za-z0-9/\-.:]*[A-Za-z0-9]\b`)
	formHeadingRe = regexp.MustCompile(`(?i)^\s*(?:section|part)\s+[a-z0-9]{1,2}\b\s*[:.\-]`)
	uncheckedRe = regexp.MustCompile(`^\s*(?:\[\s*\]|\(\s*\)|☐|□)`)
	deniedRe = regexp.MustCompile(`(?i)\b(?:not|never)\s+(?:been\s+|yet\s+)?preserved|\bno\s+(?:prior\s+|earlier\s+|previous\s+)?(?:preservation|request)\b|\bwithout\s+(?:a\s+|any\s+)?(?:prior\s+)?preservation|\bnot\s+(?:related|linked)\s+to\b`)
}
