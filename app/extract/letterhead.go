package extract

import "strings"

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
