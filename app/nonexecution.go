package app

import (
	"slices"
	"strings"
)

// NonExecutionReason is one of the reasons the Annex III form of
// Regulation (EU) 2023/1543 lets an addressee give for not executing an
// EPOC or EPOC-PR, in the form's own words, with the desk's grounds that
// amount to it.
type NonExecutionReason struct {
	Code  string
	Label string
	// Grounds are the checklist grounds (Grounds) that give this reason.
	Grounds []string
}

// NonExecutionReasons lists the form's reasons in its order (a new slice
// each time). A decision gives one by naming its code or label as a
// ground, or a checklist ground that amounts to it.
func NonExecutionReasons() []NonExecutionReason {
	return []NonExecutionReason{
		{"incomplete", "it is incomplete", []string{GroundSignature}},
		{"manifest_errors", "it contains manifest errors", []string{GroundEntity}},
		{"insufficient_information", "it does not contain sufficient information to execute it", []string{GroundIDs, GroundRange}},
		{"data_not_held", "the data requested is not stored by or on behalf of the service provider at the time of receipt", []string{GroundNoData}},
		{"de_facto_impossibility", "other reasons of de facto impossibility due to circumstances not attributable to the addressee or the service provider", nil},
		{"invalid_issuing_authority", "the order has not been issued or validated by an issuing authority as specified in Article 4", nil},
		{"offence_not_covered", "the order for traffic data (other than for identification) or content data was issued for an offence not provided for in Article 5(4)", nil},
		{"service_not_covered", "the service is not covered by the Regulation", nil},
		{"immunities_privileges", "the data requested is protected by immunities or privileges under the law of the enforcing State, or by rules on the freedom of the press and of expression", nil},
		{"third_country_conflict", "compliance would conflict with the applicable law of a third country (Article 17); see Section E", []string{GroundForeign}},
	}
}

// ReasonsFor returns the form's reasons a decision's grounds give, in the
// form's order.
func ReasonsFor(grounds []string) []NonExecutionReason {
	var out []NonExecutionReason
	for _, r := range NonExecutionReasons() {
		if slices.ContainsFunc(grounds, func(g string) bool {
			g = strings.TrimSpace(g)
			return strings.EqualFold(g, r.Code) || strings.EqualFold(g, r.Label) || strings.EqualFold(strings.TrimPrefix(g, "Annex III: "), r.Label) || slices.Contains(r.Grounds, g)
		}) {
			out = append(out, r)
		}
	}
	return out
}
