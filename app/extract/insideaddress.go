package extract

import (
	"regexp"
	"strings"
)

// A letter names its addressee in an inside address: the block of short
// lines that stands between the letter's date (or letterhead) and its
// "Re:" line or salutation, and begins with the company's name —
//
//	Example Chat Inc.
//	Legal Process Team
//	500 Market St, San Francisco, CA 94105
//	(415) 555-0123
//
//	RE: Request for records …
//
// with no "To:" before it. Its telephone, mailbox and street are the
// provider's, not a target's and not the sender's.

// insideAddress gives the lines of such a block the provider's part.
func insideAddress(lines []string, parts []linePart) {
	r := whoseRules()
	for i, l := range lines {
		t := strings.TrimSpace(l)
		if t == "" || !r.addressEnd.MatchString(l) {
			continue
		}
		// Up over at most one blank line, then the block's lines.
		k := i - 1
		if k >= 0 && strings.TrimSpace(lines[k]) == "" {
			k--
		}
		end := k
		for k >= 0 && end-k < 7 {
			s := strings.TrimSpace(lines[k])
			if s == "" || proseLine(s) || parts[k] == partTargets {
				break
			}
			k--
		}
		first := k + 1
		if first > end || !startsWithCompany(lines[first]) {
			continue
		}
		for j := first; j <= end; j++ {
			if parts[j] == partBody {
				parts[j] = partProvider
			}
		}
	}
}

// startsWithCompany reports whether a line opens with a company's name and
// its legal form ("Example Chat Inc.", "Tessellate Networks Ireland
// Limited, Legal Department").
func startsWithCompany(line string) bool {
	t := strings.TrimSpace(line)
	m := companyOnly.FindStringIndex(t)
	return m != nil && m[0] == 0
}

// wrappedProseRe is a line that carries on a wrapped sentence with a bare
// preposition and a lower-case word ("to seize the following data for
// the account(s) identified as:", "a provider of …"): no "To" label of an
// addressee, so the lines under it are not the provider's address.
var wrappedProseRe *regexp.Regexp

// opensAddress reports whether line l opens an address block: a "To:",
// "Attn:", "Via e-mail" line, not running text that merely starts with
// the same word.
func opensAddress(l string) bool {
	return whoseRules().addressStart.MatchString(l) && !wrappedProseRe.MatchString(l)
}

// compileInsideAddress compiles this file's patterns (called by compileAll).
func compileInsideAddress() {
	wrappedProseRe = regexp.MustCompile(`^\s*(?:to|an|à|a|para|aan)\s+\p{Ll}`)
}
