package app

import (
	"strconv"
	"strings"
)

// What a display name names: the kinds of code the table below holds.
const (
	NameProcessType   = "process_type"
	NameOutcome       = "outcome"
	NameTargetOutcome = "target_outcome"
	NameNotice        = "notice"
	NameStatus        = "status"
	NameField         = "field"
	NameTargetKind    = "target_kind"
	NameData          = "data_category"
	NameSeverity      = "severity"
)

type nameKey struct{ kind, code string }

// displayNames is the one table of the words a reviewer reads for the codes
// the data and the JSON contract use: the desk, the memo, the CLI's text
// output and the history all say a code this way. Lower case, so each front
// end can start a sentence or a label as it needs.
var displayNames = map[nameKey]string{
	{NameProcessType, string(SearchWarrant)}:           "search warrant",
	{NameProcessType, string(GrandJurySubpoena)}:       "grand jury subpoena",
	{NameProcessType, string(AdministrativeSubpoena)}:  "administrative subpoena",
	{NameProcessType, string(CivilSubpoena)}:           "civil subpoena",
	{NameProcessType, string(Subpoena)}:                "subpoena",
	{NameProcessType, string(CourtOrder2703d)}:         "§ 2703(d) order",
	{NameProcessType, string(PenRegister)}:             "pen register order",
	{NameProcessType, string(WiretapOrder)}:            "wiretap order",
	{NameProcessType, string(NondisclosureOrder)}:      "non-disclosure order",
	{NameProcessType, string(Preservation2703f)}:       "§ 2703(f) preservation request",
	{NameProcessType, string(EmergencyRequest)}:        "emergency request",
	{NameProcessType, string(NSL)}:                     "NSL",
	{NameProcessType, string(EPOC)}:                    "EPOC",
	{NameProcessType, string(EPOCPR)}:                  "EPOC-PR",
	{NameProcessType, string(OverseasProductionOrder)}: "UK overseas production order",
	{NameProcessType, string(ProductionOrder)}:         "production order",
	{NameProcessType, string(MLATRequest)}:             "MLAT request",
	{NameProcessType, string(InformalRequest)}:         "informal request",
	{NameProcessType, string(OtherProcess)}:            "other process",
	{NameProcessType, ""}:                              "unknown process",

	{NameOutcome, string(Comply)}:    "comply",
	{NameOutcome, string(Narrow)}:    "comply in part (narrowed)",
	{NameOutcome, string(Reject)}:    "reject",
	{NameOutcome, string(Redirect)}:  "redirect to the enterprise customer",
	{NameOutcome, string(Preserve)}:  "preserve only",
	{NameOutcome, string(NoData)}:    "no data",
	{NameOutcome, string(Clarify)}:   "ask for clarification",
	{NameOutcome, string(Challenge)}: "challenge",

	{NameTargetOutcome, string(TargetProduce)}:  "produce",
	{NameTargetOutcome, string(TargetWithhold)}: "do not produce",
	{NameTargetOutcome, string(TargetRedirect)}: "redirect to the customer",
	{NameTargetOutcome, string(TargetNoData)}:   "no data",
	{NameTargetOutcome, string(TargetPreserve)}: "preserve only",

	{NameNotice, string(NoticeNotify)}:  "notify the user",
	{NameNotice, string(NoticeDelayed)}: "delayed by a non-disclosure order",
	{NameNotice, string(NoticeNone)}:    "not notified",

	{NameStatus, string(StatusNew)}:              "new",
	{NameStatus, string(StatusInReview)}:         "in review",
	{NameStatus, string(StatusDecided)}:          "decided",
	{NameStatus, string(StatusAwaitingApproval)}: "awaiting approval",
	{NameStatus, string(StatusSplit)}:            "split into its orders",

	{NameField, FieldCaseNumber}:       "case number",
	{NameField, FieldIssuedDate}:       "issued",
	{NameField, FieldDeadline}:         "deadline",
	{NameField, FieldIssuingAuthority}: "issued by",
	{NameField, FieldJudge}:            "judge",
	{NameField, FieldAgency}:           "agency",
	{NameField, FieldAgentName}:        "agent",
	{NameField, FieldAgentEmail}:       "agent e-mail",
	{NameField, FieldAgentPhone}:       "agent phone",
	{NameField, FieldRecipient}:        "addressed to",
	{NameField, FieldDateRangeStart}:   "data from",
	{NameField, FieldDateRangeEnd}:     "data to",
	{NameField, FieldJurisdiction}:     "jurisdiction",
	{NameField, FieldProcessType}:      "process type",
	{NameField, FieldTargets}:          "targets",
	{NameField, FieldDataCategories}:   "data requested",
	{NameField, FieldLegalBasis}:       "legal basis",
	{NameField, FieldNondisclosure}:    "non-disclosure",

	{NameTargetKind, string(TargetEmail)}:     "e-mail",
	{NameTargetKind, string(TargetPhone)}:     "phone",
	{NameTargetKind, string(TargetUsername)}:  "user name",
	{NameTargetKind, string(TargetAccountID)}: "account ID",
	{NameTargetKind, string(TargetIP)}:        "IP address",
	{NameTargetKind, string(TargetDevice)}:    "device",
	{NameTargetKind, string(TargetURL)}:       "URL",
	{NameTargetKind, string(TargetOther)}:     "other identifier",

	{NameData, DataSubscriber}:   "subscriber records",
	{NameData, DataNonContent}:   "non-content records",
	{NameData, DataContent}:      "content",
	{NameData, DataPreservation}: "preservation",

	{NameSeverity, SeverityCritical}: "critical",
	{NameSeverity, SeverityWarning}:  "warning",
	{NameSeverity, SeverityInfo}:     "note",
}

// DisplayName is what a reviewer reads for a code of the given kind
// (NameProcessType …). A code the table lacks — a value from a newer
// version, a free-text ground — is shown as it is, underscores as spaces.
func DisplayName(kind, code string) string {
	if n, ok := displayNames[nameKey{kind, code}]; ok {
		return n
	}
	return strings.ReplaceAll(code, "_", " ")
}

// Label says the process type in a few words, for lists and headings
// ("§ 2703(d) order"); "unknown process" when none was recognised.
func (t ProcessType) Label() string { return DisplayName(NameProcessType, string(t)) }

// Label says the outcome in words ("comply in part (narrowed)").
func (o Outcome) Label() string { return DisplayName(NameOutcome, string(o)) }

// Label says a per-target outcome in words ("do not produce").
func (o TargetOutcome) Label() string { return DisplayName(NameTargetOutcome, string(o)) }

// Label says the user notice in words.
func (n Notice) Label() string { return DisplayName(NameNotice, string(n)) }

// Label says the status in words ("in review").
func (s Status) Label() string { return DisplayName(NameStatus, string(s)) }

// Label says the kind of identifier in words ("account ID").
func (k TargetKind) Label() string { return DisplayName(NameTargetKind, string(k)) }

// FieldLabel names a field (or another correctable part of an order, such
// as FieldTargets) as a reviewer reads it ("issued by").
func FieldLabel(name string) string { return DisplayName(NameField, name) }

// DataLabel names a data category ("subscriber records").
func DataLabel(category string) string { return DisplayName(NameData, category) }

// Capitalized starts s with a capital letter, for a label or a sentence
// made of a display name.
func Capitalized(s string) string {
	for i, r := range s {
		return strings.ToUpper(string(r)) + s[i+len(string(r)):]
	}
	return s
}

// Plural says n of a noun, "1 order", "2 orders"; nouns whose plural is not
// the noun and an s give it as plural.
func Plural(n int, noun string, plural ...string) string {
	if n == 1 {
		return "1 " + noun
	}
	p := noun + "s"
	if len(plural) > 0 {
		p = plural[0]
	}
	return strconv.Itoa(n) + " " + p
}
