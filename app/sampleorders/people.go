package sampleorders

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

var firstNames = []string{"Maria", "James", "Aisha", "Daniel", "Sofia", "Kenji", "Olivia", "Rahul", "Grace", "Mateo",
	"Hannah", "Samuel", "Leila", "Patrick", "Ingrid", "Tomás", "Chloe", "Victor", "Amara", "Noah"}
var lastNames = []string{"Alvarez", "Whitfield", "Okafor", "Brennan", "Lindqvist", "Takahashi", "Moreau", "Castellano",
	"Harrington", "Nakamura", "Delacroix", "Fairbanks", "Oyelaran", "Petrakis", "Sandoval", "Thornbury", "Vasquez", "Winslow"}

type district struct {
	name     string // "Eastern District of Virginia"
	division string
	code     string // docket office prefix digit
}

var districts = []district{
	{"Eastern District of Virginia", "Alexandria Division", "1"},
	{"Northern District of California", "San Francisco Division", "3"},
	{"Southern District of New York", "", "1"},
	{"District of Arizona", "Phoenix Division", "2"},
	{"Western District of Washington", "Seattle Division", "2"},
	{"Northern District of Illinois", "Eastern Division", "1"},
	{"Southern District of Texas", "Houston Division", "4"},
	{"District of Massachusetts", "", "1"},
	{"Middle District of Florida", "Tampa Division", "8"},
	{"District of Colorado", "", "1"},
}

type stateCourt struct {
	court  string // heading line
	county string
	state  string // jurisdiction code
}

var stateCourts = []stateCourt{
	{"SUPERIOR COURT OF THE STATE OF CALIFORNIA", "COUNTY OF SANTA CLARA", "US-CA"},
	{"DISTRICT COURT OF HARRIS COUNTY, TEXAS", "", "US-TX"},
	{"CIRCUIT COURT OF COOK COUNTY, ILLINOIS", "", "US-IL"},
	{"SUPREME COURT OF THE STATE OF NEW YORK", "COUNTY OF KINGS", "US-NY"},
	{"SUPERIOR COURT OF THE STATE OF WASHINGTON", "IN AND FOR KING COUNTY", "US-WA"},
}

type agency struct {
	name   string
	short  string
	domain string
}

var agencies = []agency{
	{"Federal Bureau of Investigation", "FBI", "fbi.gov"},
	{"Drug Enforcement Administration", "DEA", "dea.gov"},
	{"Homeland Security Investigations", "HSI", "ice.dhs.gov"},
	{"United States Secret Service", "USSS", "usss.dhs.gov"},
}

type provider struct{ name, domain string }

var providers = []provider{
	{"Example Mail Inc.", "example.com"},
	{"Northwind Social LLC", "example.net"},
	{"Bluefin Cloud Services Inc.", "example.org"},
	{"Quillon Messaging Ltd.", "example.com"},
	{"Harbor Video Platforms, Inc.", "example.net"},
}

func person(rng *rand.Rand) string {
	first := pick(rng, firstNames)
	last := pick(rng, lastNames)
	if rng.IntN(3) == 0 {
		return fmt.Sprintf("%s %c. %s", first, 'A'+rng.IntN(26), last)
	}
	return first + " " + last
}

func userName(rng *rand.Rand) string {
	return ascii(strings.ToLower(pick(rng, firstNames)[:1]+pick(rng, lastNames))) + fmt.Sprint(rng.IntN(900)+100)
}

func email(rng *rand.Rand, domain string) string {
	sep := pick(rng, []string{".", "_", ""})
	return ascii(strings.ToLower(pick(rng, firstNames)+sep+pick(rng, lastNames))) + fmt.Sprint(rng.IntN(90)+10) + "@" + domain
}

// ascii folds the accents of names for addresses: "tomás" → "tomas".
func ascii(s string) string {
	return strings.NewReplacer("á", "a", "é", "e", "í", "i", "ó", "o", "ú", "u", "ñ", "n", "ç", "c", "ö", "o", "ü", "u").Replace(s)
}

// intlPhone returns a fictional number of an EU country as printed in an EU
// form (+CC …) and in E.164.
func intlPhone(rng *rand.Rand, cc string) (printed, e164 string) {
	a, b, c := rng.IntN(90)+10, rng.IntN(900)+100, rng.IntN(9000)+1000
	return fmt.Sprintf("+%s %d %d %d", cc, a, b, c), fmt.Sprintf("+%s%d%d%d", cc, a, b, c)
}

// phone returns a fictional North American number (555-01xx) as printed and
// in E.164.
func phone(rng *rand.Rand) (printed, e164 string) {
	area := pick(rng, []string{"202", "415", "312", "713", "602", "206", "617", "813"})
	line := fmt.Sprintf("01%02d", rng.IntN(100))
	e164 = "+1" + area + "555" + line
	switch rng.IntN(4) {
	case 0:
		printed = fmt.Sprintf("(%s) 555-%s", area, line)
	case 1:
		printed = fmt.Sprintf("%s-555-%s", area, line)
	case 2:
		printed = fmt.Sprintf("+1 %s 555 %s", area, line)
	default:
		printed = fmt.Sprintf("%s.555.%s", area, line)
	}
	return printed, e164
}

func ipv4(rng *rand.Rand) string {
	return fmt.Sprintf("%s.%d", pick(rng, []string{"192.0.2", "198.51.100", "203.0.113"}), rng.IntN(254)+1)
}

func ipv6(rng *rand.Rand) string {
	return fmt.Sprintf("2001:db8:%x:%x::%x", rng.IntN(0xffff), rng.IntN(0xffff), rng.IntN(0xfff)+1)
}

func date(rng *rand.Rand) time.Time {
	return time.Date(2024+rng.IntN(3), time.Month(rng.IntN(12)+1), rng.IntN(28)+1, 0, 0, 0, 0, time.UTC)
}

func ordinal(n int) string {
	switch {
	case n%100 >= 11 && n%100 <= 13:
		return fmt.Sprintf("%dth", n)
	case n%10 == 1:
		return fmt.Sprintf("%dst", n)
	case n%10 == 2:
		return fmt.Sprintf("%dnd", n)
	case n%10 == 3:
		return fmt.Sprintf("%drd", n)
	}
	return fmt.Sprintf("%dth", n)
}

// usDate writes a date in one of the forms US orders use.
func usDate(rng *rand.Rand, t time.Time) string {
	switch rng.IntN(5) {
	case 0:
		return t.Format("January 2, 2006")
	case 1:
		return t.Format("01/02/2006")
	case 2:
		return t.Format("Jan. 2, 2006")
	case 3:
		return t.Format("2006-01-02")
	}
	return t.Format("January 2, 2006")
}

// euDate writes a date as EU forms do: day first.
func euDate(rng *rand.Rand, t time.Time) string {
	switch rng.IntN(3) {
	case 0:
		return t.Format("02/01/2006")
	case 1:
		return t.Format("2 January 2006")
	}
	return t.Format("02.01.2006")
}

func dayOf(t time.Time) string {
	return fmt.Sprintf("%s day of %s", ordinal(t.Day()), t.Format("January, 2006"))
}

func docket(rng *rand.Rand, d district, t time.Time, kind string) string {
	initials := string(rune('A'+rng.IntN(26))) + string(rune('A'+rng.IntN(26))) + string(rune('A'+rng.IntN(26)))
	n := fmt.Sprintf("%s:%02d-%s-%05d", d.code, t.Year()%100, kind, rng.IntN(99999)+1)
	if rng.IntN(2) == 0 {
		n += "-" + initials
	}
	return n
}
