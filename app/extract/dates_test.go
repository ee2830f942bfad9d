package extract

import "testing"

func TestParseDate(t *testing.T) {
	for _, tc := range []struct {
		in       string
		dayFirst bool
		want     string
	}{
		{"June 9, 2025", false, "2025-06-09"},
		{"Sept. 4 2012", false, "2012-09-04"},
		{"12th day of June, 2025", false, "2025-06-12"},
		{"3rd day of March 2025", false, "2025-03-03"},
		{"04/22/2025", false, "2025-04-22"},
		{"04/05/2025", false, "2025-04-05"},
		{"04/05/2025", true, "2025-05-04"},
		{"15/05/2025", false, "2025-05-15"}, // day first, whatever the hint: 15 is no month
		{"15.05.2025", false, "2025-05-15"},
		{"7 May 2025", false, "2025-05-07"},
		{"2025-06-09", false, "2025-06-09"},
		{"04/22/25", false, "2025-04-22"},
		{"7. Mai 2025", false, "2025-05-07"},
		{"25 de marzo de 2020", false, "2020-03-25"},
		{"1er janvier 2025", false, "2025-01-01"},
		{"25 марта 2020", false, "2020-03-25"},
		{"3 maja 2025", false, "2025-05-03"},
		{"Nov.6th,2019", false, "2019-11-06"},
		{"2019年11月6日", false, "2019-11-06"},
	} {
		got, ok := parseDate(tc.in, tc.dayFirst)
		if !ok || formatDate(got) != tc.want {
			t.Errorf("parseDate(%q, %v) = %s, %v; want %s", tc.in, tc.dayFirst, formatDate(got), ok, tc.want)
		}
		if !dateRe.MatchString(tc.in) {
			t.Errorf("DatePattern does not match %q", tc.in)
		}
	}
	for _, bad := range []string{"31 June 2025", "13/13/2025", "February 30, 2024"} {
		if _, ok := parseDate(bad, false); ok {
			t.Errorf("parseDate(%q) accepted an impossible date", bad)
		}
	}
}
