package extract

import (
	"regexp"
	"slices"
	"strings"
	"testing"
)

func TestNeeds(t *testing.T) {
	for _, tc := range []struct {
		pattern string
		want    []string
	}{
		{`(?i)national\s+security\s+letter`, []string{"national"}},
		{`(?i)pen\s+register|trap\s+and\s+trace`, []string{"register", "trace"}},
		{`\b\d{1,2}:\d{2}`, nil},
		{`(?i)a|bcd`, nil}, // "a" is too short to filter on
		{`(?i)(?:foo)?barbaz`, []string{"barbaz"}},
	} {
		got := needs(regexp.MustCompile(tc.pattern))
		slices.Sort(got)
		if !slices.Equal(got, tc.want) {
			t.Errorf("needs(%q) = %q, want %q", tc.pattern, got, tc.want)
		}
	}
}

// Every rule must still find what it found without the prefilter: check
// that each rule's required literals are present wherever it matches.
func TestNeeds_NeverHidesAMatch(t *testing.T) {
	texts := []string{
		"NATIONAL SECURITY LETTER issued under 18 U.S.C. § 2709",
		"Pen Register and Trap and Trace order, 18 USC 3123",
		"Date and time issued: 04/22/2025 2:15 pm. ENTERED this 3rd day of March, 2025.",
		"Questions may be directed to Special Agent Jane Roe at (202) 555-0100, e-mail: jroe@fbi.gov",
	}
	var all []*regexp.Regexp
	for _, c := range typeCues() {
		all = append(all, c.re)
	}
	for _, rs := range [][]labelRule{caseNumberRules, issuedRules, deadlineRules, judgeRules, agentRules, recipientRules} {
		for _, r := range rs {
			all = append(all, r.re)
		}
	}
	all = append(all, contactCueRe, targetSectionRe, emergencyRe, legalBasisRe, ndoOrdered, ndoRequested, rangeRules().intro)
	for _, re := range all {
		for _, text := range texts {
			if re.MatchString(text) && !mayMatch(re, strings.ToLower(text)) {
				t.Errorf("prefilter hides a match of %s in %q", re, text)
			}
		}
	}
}
