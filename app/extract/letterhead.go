package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// A letterhead stacks the bodies an order comes from, the widest first: a
// department over its component over the component's field office ("U.S.
// Department of Justice / Federal Bureau of Investigation / New Haven
// Division", "Department of Homeland Security / Immigration and Customs
// Enforcement / Homeland Security Investigations"). The department is the
// component's parent, not the issuer: a reviewer names the body that acts
// — the agency — with the office under it that says which of its offices
// it is. Where the stack holds no agency of its own (a department's
// divisions and offices: "U.S. Department of Justice / Criminal Division /
// Office of International Affairs") the department is the body that acts,
// and the stack is read whole.

// fromAgency cuts a letterhead's stacked organisations, joined by ", ", to
// the agency found and what the letterhead sets under it, when the agency
// is not the first of them.
func fromAgency(orgs, agency string) string {
	if agency == "" {
		return orgs
	}
	i := strings.Index(strings.ToLower(orgs), strings.ToLower(agency))
	if i <= 0 || !strings.HasSuffix(orgs[:i], ", ") {
		return orgs // the agency is first, or inside a part: nothing above it
	}
	return orgs[i:]
}

// nextLine is the first line after line i that holds something: a
// letterhead sets its unit under the agency with space between them.
func nextLine(lines []string, i int) string {
	for k := i + 1; k < len(lines) && k <= i+2; k++ {
		if t := strings.TrimSpace(lines[k]); t != "" {
			return t
		}
	}
	return ""
}

// fullerNames gives a candidate for a body the fuller name another
// candidate writes for it — the same words, then its unit or office
// ("Federal Judicial Police" in the text, "Federal Judicial Police
// Brussels - Regional Computer Crime Unit (RCCU)" on the contact line): a
// fuller name is the same body, so the two agree instead of competing.
func fullerNames(cands []cand) []cand {
	out := make([]cand, len(cands))
	copy(out, cands)
	for i, c := range cands {
		short := strings.ToLower(c.value)
		for _, d := range cands {
			long := strings.ToLower(d.value)
			if len(long) > len(out[i].value) && strings.HasPrefix(long, short) && !isWordChar(long[len(short)]) {
				out[i].value = d.value
			}
		}
	}
	return out
}

func isWordChar(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b >= 0x80
}

// wrappedValue is a label's value with the line it wraps onto: a form's
// box too narrow for a body's name goes on under it ("Issuing authority
// Åklagarmyndigheten, Riksenheten mot internationell och organiserad" /
// "brottslighet (RIO)"). The next line goes on the value when it begins in
// lower case and holds no label or column of its own.
func wrappedValue(p pair, text string) string {
	if p.below || p.inline || p.end >= len(text) || text[p.end] != '\n' {
		return p.value
	}
	next := text[p.end+1:]
	if i := strings.IndexByte(next, '\n'); i >= 0 {
		next = next[:i]
	}
	t := strings.TrimSpace(next)
	r, _ := utf8.DecodeRuneInString(t)
	if t == "" || !unicode.IsLower(r) || strings.Contains(t, "  ") || strings.Contains(t, ":") || len(t) > 80 || strings.HasSuffix(strings.TrimSpace(p.value), ".") {
		return p.value
	}
	return strings.TrimSpace(p.value) + " " + t
}
