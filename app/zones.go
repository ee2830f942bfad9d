package app

import (
	"maps"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	// The zone database ships inside the binary: a reviewer's laptop may
	// have none (Windows), and deadlines must not depend on it.
	_ "time/tzdata"
)

// IssuerZone is the time zone the issuer keeps time in, and how it was
// told: from the US state or the country the order comes from (the state
// named in a federal court's district), else the zone a stated time
// gives, else UTC. A state or country that spans zones gets the one most
// of its people use.
func (c *Case) IssuerZone() (*time.Location, string) {
	j := c.Value(FieldJurisdiction)
	name, from := "", ""
	switch {
	case j == "US-federal":
		if st := stateIn(c.Value(FieldIssuingAuthority) + " " + c.Value(FieldJurisdiction)); st != "" {
			name, from = usStateZones[st], "the district's state ("+st+")"
		}
	case strings.HasPrefix(j, "US-"):
		st := strings.TrimPrefix(j, "US-")
		name, from = usStateZones[st], "the issuing state ("+st+")"
	case j != "":
		cc := strings.TrimPrefix(j, "EU-")
		name, from = countryZones[cc], "the issuing country ("+cc+")"
	}
	if name != "" {
		if loc, err := time.LoadLocation(name); err == nil {
			return loc, from
		}
	}
	for _, m := range c.Order.Extraction.Moments {
		if z, ok := zoneAbbreviations[strings.ToUpper(m.Zone)]; ok && z.iana != "" {
			if loc, err := time.LoadLocation(z.iana); err == nil {
				return loc, "the zone the order's times are written in (" + m.Zone + ")"
			}
		}
	}
	return time.UTC, "not stated: UTC"
}

// stateNameRe finds a US state named in a court's name ("Eastern District
// of Virginia", "Superior Court of California").
var stateNameRe = func() *regexp.Regexp {
	names := make([]string, 0, len(usStateNames))
	for n := range usStateNames {
		names = append(names, regexp.QuoteMeta(n))
	}
	// Longer names first: "West Virginia" before "Virginia".
	for i := range names {
		for j := i + 1; j < len(names); j++ {
			if len(names[j]) > len(names[i]) {
				names[i], names[j] = names[j], names[i]
			}
		}
	}
	return regexp.MustCompile(`(?i)\b(` + strings.Join(names, "|") + `)\b`)
}()

func stateIn(s string) string {
	if m := stateNameRe.FindStringSubmatch(s); m != nil {
		return usStateNames[strings.ToLower(strings.Join(strings.Fields(m[1]), " "))]
	}
	return ""
}

// USStates maps the names of the U.S. states, the District of Columbia
// and the territories with federal courts to their postal codes (a copy:
// callers may change it).
func USStates() map[string]string { return maps.Clone(usStateNames) }

var usStateNames = map[string]string{
	"alabama": "AL", "alaska": "AK", "arizona": "AZ", "arkansas": "AR", "california": "CA", "colorado": "CO",
	"connecticut": "CT", "delaware": "DE", "florida": "FL", "georgia": "GA", "hawaii": "HI", "idaho": "ID",
	"illinois": "IL", "indiana": "IN", "iowa": "IA", "kansas": "KS", "kentucky": "KY", "louisiana": "LA",
	"maine": "ME", "maryland": "MD", "massachusetts": "MA", "michigan": "MI", "minnesota": "MN",
	"mississippi": "MS", "missouri": "MO", "montana": "MT", "nebraska": "NE", "nevada": "NV",
	"new hampshire": "NH", "new jersey": "NJ", "new mexico": "NM", "new york": "NY", "north carolina": "NC",
	"north dakota": "ND", "ohio": "OH", "oklahoma": "OK", "oregon": "OR", "pennsylvania": "PA",
	"rhode island": "RI", "south carolina": "SC", "south dakota": "SD", "tennessee": "TN", "texas": "TX",
	"utah": "UT", "vermont": "VT", "virginia": "VA", "washington": "WA", "west virginia": "WV",
	"wisconsin": "WI", "wyoming": "WY", "district of columbia": "DC", "puerto rico": "PR", "guam": "GU",
}

// usStateZones gives each state's (main) zone.
var usStateZones = func() map[string]string {
	m := map[string]string{}
	for zone, states := range map[string]string{
		"America/New_York":             "CT DE DC FL GA KY ME MD MA MI NH NJ NY NC OH PA RI SC VT VA WV",
		"America/Indiana/Indianapolis": "IN",
		"America/Chicago":              "AL AR IL IA KS LA MN MS MO NE ND OK SD TN TX WI",
		"America/Denver":               "CO MT NM UT WY ID",
		"America/Phoenix":              "AZ",
		"America/Los_Angeles":          "CA NV OR WA",
		"America/Anchorage":            "AK",
		"Pacific/Honolulu":             "HI",
		"America/Puerto_Rico":          "PR VI",
		"Pacific/Guam":                 "GU MP",
		"Pacific/Pago_Pago":            "AS",
	} {
		for _, st := range strings.Fields(states) {
			m[st] = zone
		}
	}
	return m
}()

// countryZones gives each country's (main) zone, by the codes
// jurisdictions are written with (EU members without their "EU-").
var countryZones = map[string]string{
	"AT": "Europe/Vienna", "BE": "Europe/Brussels", "BG": "Europe/Sofia", "HR": "Europe/Zagreb", "CY": "Asia/Nicosia",
	"CZ": "Europe/Prague", "DK": "Europe/Copenhagen", "EE": "Europe/Tallinn", "FI": "Europe/Helsinki", "FR": "Europe/Paris",
	"DE": "Europe/Berlin", "GR": "Europe/Athens", "HU": "Europe/Budapest", "IE": "Europe/Dublin", "IT": "Europe/Rome",
	"LV": "Europe/Riga", "LT": "Europe/Vilnius", "LU": "Europe/Luxembourg", "MT": "Europe/Malta", "NL": "Europe/Amsterdam",
	"PL": "Europe/Warsaw", "PT": "Europe/Lisbon", "RO": "Europe/Bucharest", "SK": "Europe/Bratislava", "SI": "Europe/Ljubljana",
	"ES": "Europe/Madrid", "SE": "Europe/Stockholm", "UK": "Europe/London", "GB": "Europe/London", "CA": "America/Toronto",
	"AU": "Australia/Sydney", "NZ": "Pacific/Auckland", "IN": "Asia/Kolkata", "BR": "America/Sao_Paulo", "JP": "Asia/Tokyo",
	"KR": "Asia/Seoul", "SG": "Asia/Singapore", "HK": "Asia/Hong_Kong", "CN": "Asia/Shanghai", "RU": "Europe/Moscow",
	"TR": "Europe/Istanbul", "ZA": "Africa/Johannesburg", "CH": "Europe/Zurich", "NO": "Europe/Oslo", "IS": "Atlantic/Reykjavik",
	"MX": "America/Mexico_City", "IL": "Asia/Jerusalem", "AR": "America/Argentina/Buenos_Aires", "UA": "Europe/Kyiv",
}

// zoneAbbreviations are the zones orders write times in: the offset each
// names, and the IANA zone it most likely stands for.
var zoneAbbreviations = map[string]struct {
	offset int // seconds east of UTC
	iana   string
}{
	"UTC": {0, "UTC"}, "GMT": {0, "Europe/London"}, "Z": {0, "UTC"},
	"EST": {-5 * 3600, "America/New_York"}, "EDT": {-4 * 3600, "America/New_York"},
	"CST": {-6 * 3600, "America/Chicago"}, "CDT": {-5 * 3600, "America/Chicago"},
	"MST": {-7 * 3600, "America/Denver"}, "MDT": {-6 * 3600, "America/Denver"},
	"PST": {-8 * 3600, "America/Los_Angeles"}, "PDT": {-7 * 3600, "America/Los_Angeles"},
	"AKST": {-9 * 3600, "America/Anchorage"}, "AKDT": {-8 * 3600, "America/Anchorage"},
	"HST": {-10 * 3600, "Pacific/Honolulu"},
	"WET": {0, "Europe/Lisbon"}, "WEST": {3600, "Europe/Lisbon"}, "BST": {3600, "Europe/London"},
	"CET": {3600, "Europe/Berlin"}, "CEST": {2 * 3600, "Europe/Berlin"},
	"EET": {2 * 3600, "Europe/Athens"}, "EEST": {3 * 3600, "Europe/Athens"},
	"MSK": {3 * 3600, "Europe/Moscow"}, "JST": {9 * 3600, "Asia/Tokyo"}, "KST": {9 * 3600, "Asia/Seoul"},
	"SGT": {8 * 3600, "Asia/Singapore"}, "AEST": {10 * 3600, "Australia/Sydney"}, "AEDT": {11 * 3600, "Australia/Sydney"},
}

var offsetRe = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(?:UTC|GMT)?\s*([+\-−])\s*(\d{1,2})(?::?(\d{2}))?$`)
})

// StatedZone reads a zone as orders write it after a time: an
// abbreviation ("EST", "CET"), an offset ("+01:00", "-0500", "UTC+1"),
// or UTC/GMT/Z. The abbreviation's own offset is kept (a time written
// "EST" in July is read as EST, as written).
func StatedZone(s string) (*time.Location, bool) {
	s = strings.ToUpper(strings.TrimSpace(s))
	if z, ok := zoneAbbreviations[s]; ok {
		return time.FixedZone(s, z.offset), true
	}
	m := offsetRe().FindStringSubmatch(s)
	if m == nil {
		return nil, false
	}
	h, _ := strconv.Atoi(m[2])
	mins, _ := strconv.Atoi(m[3])
	if h > 14 || mins > 59 {
		return nil, false
	}
	off := h*3600 + mins*60
	if m[1] != "+" {
		off = -off
	}
	return time.FixedZone(s, off), true
}
