package app

import (
	"fmt"
	"time"
)

// ProcessType names the kind of legal process. The values are part of the
// JSON contract that other tools read.
type ProcessType string

// The process types WarrantDesk recognises.
const (
	SearchWarrant           ProcessType = "search_warrant"
	GrandJurySubpoena       ProcessType = "grand_jury_subpoena"
	AdministrativeSubpoena  ProcessType = "administrative_subpoena"
	CivilSubpoena           ProcessType = "civil_subpoena"
	Subpoena                ProcessType = "subpoena"
	CourtOrder2703d         ProcessType = "court_order_2703d"
	PenRegister             ProcessType = "pen_register"
	WiretapOrder            ProcessType = "wiretap_order"
	NondisclosureOrder      ProcessType = "nondisclosure_order"
	Preservation2703f       ProcessType = "preservation_2703f"
	EmergencyRequest        ProcessType = "emergency_request"
	NSL                     ProcessType = "nsl"
	EPOC                    ProcessType = "epoc"
	EPOCPR                  ProcessType = "epoc_pr"
	OverseasProductionOrder ProcessType = "overseas_production_order"
	ProductionOrder         ProcessType = "production_order"
	MLATRequest             ProcessType = "mlat_request"
	InformalRequest         ProcessType = "informal_request"
	OtherProcess            ProcessType = "other"
)

// ProcessTypes lists every process type, in the order the UI offers them
// (a new slice each time).
func ProcessTypes() []ProcessType {
	return []ProcessType{
		SearchWarrant, GrandJurySubpoena, AdministrativeSubpoena, CivilSubpoena, Subpoena,
		CourtOrder2703d, PenRegister, WiretapOrder, NondisclosureOrder, Preservation2703f,
		EmergencyRequest, NSL, EPOC, EPOCPR, OverseasProductionOrder, ProductionOrder,
		MLATRequest, InformalRequest, OtherProcess,
	}
}

// formalNames are the names a memo or a finding uses where the label alone
// would not say what the process is.
var formalNames = map[ProcessType]string{
	CourtOrder2703d: "court order under 18 U.S.C. § 2703(d)", NSL: "National Security Letter",
	EPOC: "European Production Order Certificate", EPOCPR: "European Preservation Order Certificate",
	OverseasProductionOrder: "UK overseas production order", Preservation2703f: "preservation request under 18 U.S.C. § 2703(f)",
	MLATRequest: "MLAT request", PenRegister: "pen register order",
}

// Name is the process type as a sentence or a memo names it ("court order
// under 18 U.S.C. § 2703(d)"); "legal process" when none was recognised.
func (t ProcessType) Name() string {
	if n, ok := formalNames[t]; ok {
		return n
	}
	if t == "" {
		return "legal process"
	}
	return t.Label()
}

// Field names used in Extraction.Fields. They are part of the JSON contract.
const (
	FieldCaseNumber       = "case_number"
	FieldIssuedDate       = "issued_date"
	FieldDeadline         = "deadline"
	FieldIssuingAuthority = "issuing_authority"
	FieldJudge            = "judge"
	FieldAgency           = "agency"
	FieldAgentName        = "agent_name"
	FieldAgentEmail       = "agent_email"
	FieldAgentPhone       = "agent_phone"
	FieldRecipient        = "recipient"
	FieldDateRangeStart   = "date_range_start"
	FieldDateRangeEnd     = "date_range_end"
	FieldJurisdiction     = "jurisdiction"
)

// FieldNames lists every field in the order a reviewer reads them (a new
// slice each time).
func FieldNames() []string {
	return []string{
		FieldCaseNumber, FieldIssuedDate, FieldDeadline, FieldIssuingAuthority, FieldJudge,
		FieldAgency, FieldAgentName, FieldAgentEmail, FieldAgentPhone, FieldRecipient,
		FieldDateRangeStart, FieldDateRangeEnd, FieldJurisdiction,
	}
}

// Field is one extracted value with the evidence for it: where it was found
// and how sure the extractor is. Dates are YYYY-MM-DD.
type Field struct {
	Value      string  `json:"value"`
	Page       int     `json:"page"`
	Snippet    string  `json:"snippet"`
	Confidence float64 `json:"confidence"`
	// Computed is set when the value was derived rather than read, such as a
	// deadline "within 14 days" of the issued date.
	Computed bool `json:"computed,omitempty"`
	// Alternatives are other values found for the field, weaker than
	// Value, best first: what the desk can offer when Value is wrong.
	Alternatives []Alternative `json:"alternatives,omitempty"`
}

// Alternative is a runner-up value for a field, with its evidence.
type Alternative struct {
	Value      string  `json:"value"`
	Page       int     `json:"page"`
	Snippet    string  `json:"snippet"`
	Confidence float64 `json:"confidence"`
}

// TargetKind says what sort of identifier a target is.
type TargetKind string

// Target kinds.
const (
	TargetEmail     TargetKind = "email"
	TargetPhone     TargetKind = "phone"
	TargetUsername  TargetKind = "username"
	TargetAccountID TargetKind = "account_id"
	TargetIP        TargetKind = "ip"
	TargetDevice    TargetKind = "device"
	TargetURL       TargetKind = "url"
	TargetOther     TargetKind = "other"
)

// Target is an identifier the order names: the account, number or address
// whose data is requested. Values are normalised (emails lower-case, phone
// numbers E.164).
type Target struct {
	Kind      TargetKind `json:"kind"`
	Value     string     `json:"value"`
	Page      int        `json:"page"`
	Snippet   string     `json:"snippet,omitempty"`
	Timestamp string     `json:"timestamp,omitempty"`
}

// Data categories an order can ask for.
const (
	DataSubscriber   = "subscriber"
	DataNonContent   = "non_content"
	DataContent      = "content"
	DataPreservation = "preservation"
)

// Nondisclosure describes a gag: whether the provider is ordered (or merely
// asked) not to tell the user, and for how long.
type Nondisclosure struct {
	Ordered   bool    `json:"ordered"`
	Requested bool    `json:"requested,omitempty"`
	Days      int     `json:"days,omitempty"`
	Until     *string `json:"until"`
	Basis     string  `json:"basis,omitempty"`
	Page      int     `json:"page,omitempty"`
	Snippet   string  `json:"snippet,omitempty"`
}

// Describe says in words whether and how long disclosure is barred, or
// "" when no gag was found. The desk, the memo and the decision log all
// show it this way.
func (nd Nondisclosure) Describe() string {
	switch {
	case nd.Ordered && nd.Until != nil:
		return "ordered, until " + *nd.Until
	case nd.Ordered && nd.Days > 0:
		return fmt.Sprintf("ordered, for %d days", nd.Days)
	case nd.Ordered:
		return "ordered, with no end stated"
	case nd.Requested:
		return "requested, not ordered"
	}
	return ""
}

// Extraction is what the extractor found in an order's text.
type Extraction struct {
	ProcessType    ProcessType      `json:"process_type"`
	Fields         map[string]Field `json:"fields"`
	Targets        []Target         `json:"targets"`
	DataCategories []string         `json:"data_categories"`
	LegalBasis     []string         `json:"legal_basis"`
	Nondisclosure  Nondisclosure    `json:"nondisclosure"`
	Emergency      bool             `json:"emergency"`
	Warnings       []string         `json:"warnings"`
}

// Field returns the value of the named field, or "".
func (e *Extraction) Field(name string) string {
	if e == nil || e.Fields == nil {
		return ""
	}
	return e.Fields[name].Value
}

// TextSource says where an order's text came from.
type TextSource string

// Text sources.
const (
	SourceText  TextSource = "text"  // the PDF's own text layer
	SourceOCR   TextSource = "ocr"   // optical character recognition of page images
	SourceMixed TextSource = "mixed" // some pages of each
	SourceNone  TextSource = "none"  // no usable text: the order needs OCR
)

// PageText is the text of one page and where it came from.
type PageText struct {
	Number int        `json:"number"`
	Text   string     `json:"text"`
	Source TextSource `json:"source"`
	// OCR pages keep their words' boxes (in pixels of an image rendered at
	// DPI), so the desk can show a field's evidence on the page, and the
	// engine's mean confidence (0–100).
	Words      []Word  `json:"words,omitempty"`
	DPI        int     `json:"dpi,omitempty"`
	Confidence float64 `json:"confidence,omitempty"`
	// OCRLayer is set when a text page's text is a scanner's invisible OCR
	// layer, which has OCR's errors though it came from the PDF.
	OCRLayer bool `json:"ocr_layer,omitempty"`
}

// Recognised reports whether the page's text came from OCR, ours or a
// scanner's, and so may confuse O and 0, l and 1.
func (p PageText) Recognised() bool { return p.Source == SourceOCR || p.OCRLayer }

// Word is one word read by OCR, with its box on the page image.
type Word struct {
	Text       string  `json:"t"`
	X          int     `json:"x"`
	Y          int     `json:"y"`
	W          int     `json:"w"`
	H          int     `json:"h"`
	Confidence float64 `json:"c"`
}

// Document is the text read from one PDF.
type Document struct {
	Pages      []PageText `json:"pages"`
	TextSource TextSource `json:"text_source"`
	Warnings   []string   `json:"warnings,omitempty"`
}

// Order is one imported PDF: the file, its fingerprint and what was read
// from it. The bytes themselves are kept by the Store.
type Order struct {
	FileName string `json:"file_name"`
	// SHA256 is the whole file's, even when the case is one order of a
	// bundle (Part).
	SHA256 string `json:"sha256"`
	// Part is set when the file bundles several orders and this case is
	// one of them.
	Part       *PageRange `json:"part,omitempty"`
	Size       int64      `json:"size"`
	Pages      int        `json:"pages"`
	TextSource TextSource `json:"text_source"`
	NeedsOCR   bool       `json:"needs_ocr"`
	ImportedAt time.Time  `json:"imported_at"`
	Extraction Extraction `json:"extraction"`
}

// SourceOf says where a document's text came from, given its pages: text,
// ocr, mixed (some of each), or none.
func SourceOf(pages []PageText) TextSource {
	var text, ocr int
	for _, p := range pages {
		switch p.Source {
		case SourceText:
			text++
		case SourceOCR:
			ocr++
		}
	}
	switch {
	case text > 0 && ocr > 0:
		return SourceMixed
	case ocr > 0:
		return SourceOCR
	case text > 0:
		return SourceText
	}
	return SourceNone
}

// PageRange is pages From to To of a file, 1-based and inclusive: one
// order in a file that bundles several.
type PageRange struct {
	From int `json:"from"`
	To   int `json:"to"`
}

// Sub returns the document made of the pages in r.
func (d *Document) Sub(r PageRange) *Document {
	out := &Document{}
	for _, p := range d.Pages {
		if p.Number >= r.From && p.Number <= r.To {
			out.Pages = append(out.Pages, p)
		}
	}
	out.TextSource = SourceOf(out.Pages)
	return out
}
