package app

// Grounds a reviewer commonly gives, offered as a checklist in the decision
// pane; free text can add others. Review checks (app/review) name the
// ground they suggest, so the checklist and the checks speak the same
// words.
const (
	GroundValid      = "Valid process, properly served"
	GroundAuthority  = "Within the issuer's authority and jurisdiction"
	GroundNarrowed   = "Request narrowed to what the process can compel"
	GroundWarrant    = "Content requires a search warrant"
	GroundRange      = "Overbroad or missing date range"
	GroundIDs        = "Identifiers missing, wrong or inconsistent"
	GroundEnterprise = "Enterprise customer's data: redirect to the customer"
	GroundForeign    = "Foreign authority: use MLAT, CLOUD Act agreement or EU/UK process"
	GroundExpired    = "Process expired or deadline passed"
	GroundNDO        = "Non-disclosure order without end or longer than a year"
	GroundEmergency  = "Emergency: danger of death or serious physical injury stated"
	GroundNoData     = "No account or no data found"
	GroundSignature  = "Missing signature or seal"
	GroundEntity     = "Addressed to another entity"
	GroundGenuine    = "Request not shown to be genuine: sender or requester not verified"
	GroundConflict   = "Conflict of laws: complying would breach another law that binds us"
)

// Grounds lists the checklist in the order the decision pane shows it (a
// new slice each time).
func Grounds() []string {
	return []string{
		GroundValid, GroundAuthority, GroundNarrowed, GroundWarrant, GroundRange, GroundIDs, GroundEnterprise,
		GroundForeign, GroundExpired, GroundNDO, GroundEmergency, GroundNoData, GroundSignature, GroundEntity,
		GroundGenuine, GroundConflict,
	}
}
