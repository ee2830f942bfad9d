package app

// Grounds a reviewer commonly gives, offered as a checklist in the decision
// pane; free text can add others. Review checks (findings) name the ground
// they suggest, so the checklist and the checks speak the same words.
var Grounds = []string{
	"Valid process, properly served",
	"Within the issuer's authority and jurisdiction",
	"Request narrowed to what the process can compel",
	"Content requires a search warrant",
	"Overbroad or missing date range",
	"Identifiers missing, wrong or inconsistent",
	"Enterprise customer's data: redirect to the customer",
	"Foreign authority: use MLAT, CLOUD Act agreement or EU/UK process",
	"Process expired or deadline passed",
	"Non-disclosure order without end or longer than a year",
	"Emergency: danger of death or serious physical injury stated",
	"No account or no data found",
	"Missing signature or seal",
}
