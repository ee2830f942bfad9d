package extract

import (
	"regexp"

	"github.com/warrantdesk/warrantdesk/app"
)

// This file is the rule book: what words make an order one process type or
// another, and which labels introduce each field. docs/extraction.md
// explains each table; change both together.

// typeCue is a phrase that suggests a process type. Weight says how telling
// it is; a cue found in the document's heading (the first lines of page 1)
// counts three times.
type typeCue struct {
	kind   app.ProcessType
	weight int
	re     *regexp.Regexp
}

// usc matches a citation of title and section of the U.S. Code in the forms
// orders use: "18 U.S.C. § 2709", "18 USC 2709", "Title 18, United States
// Code, Section 2709".
func usc(title, section string) string {
	return `(?:\b` + title + `\s*U\.?\s*S\.?\s*C\.?\s*(?:A\.?\s*)?(?:§+\s*|sec(?:tion|s)?\.?\s*)?|title\s+` + title + `,?\s+(?:of\s+the\s+)?united\s+states\s+code,?\s*(?:\(u\.s\.c\.\),?\s*)?(?:§+|sections?)\s*)` + section
}

func cue(kind app.ProcessType, weight int, pattern string) typeCue {
	return typeCue{kind, weight, regexp.MustCompile(`(?i)` + pattern)}
}

// typeCues lists the cues of each process type. Ties go to the type listed
// first, so specific kinds come before general ones.
var typeCues = []typeCue{
	cue(app.NSL, 6, `national\s+security\s+letter`),
	cue(app.NSL, 5, usc("18", `2709\b`)),
	cue(app.NSL, 4, `\bNSL\s*-?\s*\d{2}-\d{4,}`),
	cue(app.NSL, 2, `electronic\s+communications?\s+transactional\s+records`),

	cue(app.EPOCPR, 8, `european\s+preservation\s+order`),
	cue(app.EPOCPR, 6, `\bEPOC-PR\b`),
	cue(app.EPOC, 7, `european\s+production\s+order`),
	cue(app.EPOC, 5, `\bEPOC\b`),
	cue(app.EPOC, 3, `regulation\s+\(eu\)\s+2023/1543`),

	cue(app.OverseasProductionOrder, 8, `overseas\s+production\s+order`),
	cue(app.OverseasProductionOrder, 4, `crime\s+\(overseas\s+production\s+orders\)\s+act`),

	cue(app.ProductionOrder, 6, `\bproduction\s+order\b`),
	cue(app.ProductionOrder, 5, `\b487\.01[4-8]\b`),

	cue(app.MLATRequest, 7, `mutual\s+legal\s+assistance`),
	cue(app.MLATRequest, 5, `\bMLAT\b`),
	cue(app.MLATRequest, 3, `letters?\s+rogatory`),

	cue(app.EmergencyRequest, 7, `emergency\s+(?:disclosure|data)\s+request`),
	cue(app.EmergencyRequest, 6, `2702\s*\((?:b\)\s*\(8|c\)\s*\(4)\)`),
	cue(app.EmergencyRequest, 5, `danger\s+of\s+death\s+or\s+serious\s+physical\s+injury`),
	cue(app.EmergencyRequest, 3, `\bexigent\b`),

	cue(app.Preservation2703f, 7, `2703\s*\(f\)`),
	cue(app.Preservation2703f, 5, `preservation\s+(?:request|letter|notice)`),
	cue(app.Preservation2703f, 3, `request\s+(?:that\s+you|to)\s+preserve`),

	cue(app.PenRegister, 7, `pen\s+register`),
	cue(app.PenRegister, 6, `trap\s+and\s+trace`),
	cue(app.PenRegister, 5, `\b3123\b`),

	cue(app.WiretapOrder, 7, `\b2518\b`),
	cue(app.WiretapOrder, 6, `intercept(?:ion)?\s+of\s+(?:wire|oral|electronic)`),
	cue(app.WiretapOrder, 5, `\btitle\s+III\b`),

	cue(app.CourtOrder2703d, 7, `2703\s*\(d\)`),
	cue(app.CourtOrder2703d, 5, `specific\s+and\s+articulable\s+facts`),

	cue(app.SearchWarrant, 9, `search\s+and\s+seizure\s+warrant`),
	cue(app.SearchWarrant, 8, `\bsearch\s+warrant\b`),
	cue(app.SearchWarrant, 4, `\bwarrant\b`),

	cue(app.GrandJurySubpoena, 9, `subpoena\s+to\s+testify\s+before\s+a?\s*grand\s+jury`),
	cue(app.GrandJurySubpoena, 6, `grand\s+jury\s+subpoena`),
	cue(app.GrandJurySubpoena, 3, `\bgrand\s+jury\b`),

	cue(app.AdministrativeSubpoena, 8, `administrative\s+subpoena`),
	cue(app.AdministrativeSubpoena, 7, usc("21", `876\b`)+`|`+usc("19", `1509\b`)+`|`+usc("8", `1225\s*\(d\)`)+`|`+usc("18", `3486\b`)+`|`+usc("31", `5318\b`)),
	cue(app.AdministrativeSubpoena, 4, `inspector\s+general\s+act`),

	cue(app.CivilSubpoena, 8, `subpoena\s+to\s+produce\s+documents`),
	cue(app.CivilSubpoena, 6, `civil\s+action\s+(?:no|number)`),
	cue(app.CivilSubpoena, 5, `\bAO\s*88B?\b`),
	cue(app.CivilSubpoena, 3, `\bplaintiffs?\b`),

	cue(app.NondisclosureOrder, 6, `2705\s*\(b\)`),
	cue(app.NondisclosureOrder, 3, `(?:not|refrain\s+from)\s+(?:to\s+)?disclos(?:e|ing)\s+the\s+existence`),

	cue(app.Subpoena, 5, `\bsubpoena\b`),

	cue(app.InformalRequest, 3, `\b(?:we|i)\s+(?:would\s+)?(?:kindly\s+)?(?:request|ask|suggest|urge)\b|\b(?:request|ask|suggest|urge)s?\s+(?:that\s+)?(?:you|your\s+company)\b|\bin\s+order\s+to\s+request\b`),
	cue(app.InformalRequest, 3, `\bplease\s+(?:\w+\s+)?(?:provide|send|supply|remove|delete|take\s+down|block|let\s+us\s+know)\b|\brequest\s+for\s+(?:the\s+)?(?:removal|information|data|assistance|disclosure)\b`),
}

// headingLines is how many lines of page 1 count as the heading.
const headingLines = 25

// Label rules for the case number. Each captures the number in group 1.
// Earlier rules win; court numbers come before letter references, and the
// number must hold a digit so a label followed by prose does not match.
var caseNumberRules = []labelRule{
	{0.95, regexp.MustCompile(`\b(\d{1,2}:\d{2}-[A-Za-z]{1,5}-\d{2,7}(?:-[A-Z]{1,5}){0,3})\b`)},
	{0.95, regexp.MustCompile(`\b(NSL\s?[-:.~]\s?\d{2}\s?[-:.~]\s?\d{4,8})\b`)},
	{0.9, regexp.MustCompile(`(?i)\b(?:case|docket|cause|misc(?:ellaneous)?|mag(?:istrate)?|criminal|civil\s+action|warrant|subpoena|matter|file|order|court|investigation|proceedings?|reference|ref|our\s+ref|your\s+ref|incident|report|complaint|control|request|tracking|inquiry|operation|cad|dr|nsl|information|indictment|claim|application|dossier|aktenzeichen|az|expediente|procedimiento|r\.?g)\.?\s*(?:no|number|num|nr|#)\.?\s*:?\s*([A-Z0-9][A-Z0-9:./_\-]*\d[A-Z0-9:./_\-]*)`)},
	{0.85, regexp.MustCompile(`(?:№|N°|Nº|n°|Nr\.)\s*([\p{L}0-9][\p{L}0-9:./_\-]*\d[\p{L}0-9:./_\-]*)`)},
	{0.85, regexp.MustCompile(`(?i)file\s+number\s+of\s+the\s+issuing\s+authority\s*:?\s*([A-Z0-9][A-Z0-9:./_\-]*\d[A-Z0-9:./_\-]*)`)},
	{0.8, regexp.MustCompile(`(?i)\b(?:ref(?:erence)?|file)\s*:\s*([A-Z0-9][A-Z0-9:./_\-]*\d[A-Z0-9:./_\-]*)`)},
	{0.7, regexp.MustCompile(`(?m)^\s*(?:No\.|Number)\s*:?\s*([A-Z0-9][A-Z0-9:./_\-]*\d[A-Z0-9:./_\-]*)`)},
}

type labelRule struct {
	confidence float64
	re         *regexp.Regexp
}

// issuedRules find the date an order was issued, anchored to its label.
// Group 1 holds the date.
var issuedRules = []labelRule{
	{0.95, regexp.MustCompile(`(?i)date\s+and\s+time\s+issued\s*:?\s*(` + DatePattern + `)`)},
	{0.95, regexp.MustCompile(`(?i)\b(?:date\s+of\s+(?:issue|issuance|(?:the\s+)?(?:order|warrant|subpoena|letter|request|decision|judgment|certificate))|issued\s+on|date\s+issued|issue\s+date|issuance\s+date|made\s+on)\s*:?\s*(` + DatePattern + `)`)},
	{0.9, regexp.MustCompile(`(?i)\b(?:entered|ordered|signed|dated|issued|done|so\s+ordered)\b[^\n]{0,40}?\bthis\s+(\d{1,2}(?:st|nd|rd|th)?\s+day\s+of\s+` + monthRe + `,?\s+\d{4})`)},
	// "Dated: June 9, 2025", "Signed at Alexandria, Virginia on 04/22/2025":
	// the label starts its line, so "Executive Order 12333, dated July 30,
	// 2008" in a sentence does not count.
	{0.9, regexp.MustCompile(`(?im)^\s*(?:dated|signed|entered|filed|issued|done)\s*(?:at\s+[A-Za-z .,]{2,40}?)?\s*(?:on|this)?\s*[:,]?\s*(` + DatePattern + `)`)},
	{0.85, regexp.MustCompile(`(?i)\b(?:dated|signed|entered|filed|issued)\s*:\s*(` + DatePattern + `)`)},
	// "Date:" starting a line; mid-line it dates something else ("IP
	// Address: …, Date: 02/15/2005").
	{0.85, regexp.MustCompile(`(?im)^\s*date\s*:\s*(` + DatePattern + `)`)},
	{0.8, regexp.MustCompile(`(?i)\bthis\s+(\d{1,2}(?:st|nd|rd|th)?\s+day\s+of\s+` + monthRe + `,?\s+\d{4})`)},
}

// deadlineRules find a deadline given as a date. Group 1 holds the date.
var deadlineRules = []labelRule{
	{0.9, regexp.MustCompile(`(?i)\b(?:on\s+or\s+before|no\s+later\s+than|not\s+later\s+than|by\s+no\s+later\s+than)\s+(?:the\s+)?(` + DatePattern + `)`)},
	{0.9, regexp.MustCompile(`(?i)\b(?:return\s+date|response\s+date|due\s+date|deadline|respond\s+by|production\s+date|compliance\s+date)\s*:?\s*(` + DatePattern + `)`)},
	{0.85, regexp.MustCompile(`(?i)\bdate\s+and\s+time\s*:\s*(` + DatePattern + `)`)},
	// A grand jury subpoena's table: "Place | Date and Time" over a row
	// holding the date of appearance.
	{0.8, regexp.MustCompile(`(?i)\bdate\s+and\s+time\s*(?:of\s+appearance)?\s*\n[^\n]*?(` + DatePattern + `)`)},
	{0.75, regexp.MustCompile(`(?i)\b(?:before|by|until)\s+(` + DatePattern + `)`)},
}

// relativeDeadline finds "within 14 days", "within 8 hours". Group 1 is the
// number (digits or a word), group 2 the unit.
var relativeDeadline = regexp.MustCompile(`(?i)\bwithin\s+(\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fourteen|fifteen|twenty|thirty|forty[- ]?eight|seventy[- ]?two|ninety)\s*(?:\(\d+\)\s*)?(business\s+days?|calendar\s+days?|days?|hours?|weeks?)\b`)

var numberWords = map[string]int{
	"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
	"nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fourteen": 14, "fifteen": 15,
	"twenty": 20, "thirty": 30, "forty-eight": 48, "fortyeight": 48, "forty eight": 48,
	"seventy-two": 72, "seventytwo": 72, "seventy two": 72, "ninety": 90,
}

// Data category cues. A cue preceded closely by a negation ("not to
// include message content") does not count.
var dataCues = []struct {
	category string
	re       *regexp.Regexp
}{
	{app.DataSubscriber, regexp.MustCompile(`(?i)subscriber\s+(?:information|info|records|data|details)|basic\s+subscriber|subscriber\s+data`)},
	{app.DataSubscriber, regexp.MustCompile(`(?i)\bname,\s+address|length\s+of\s+service|means\s+and\s+source\s+of\s+payment|account\s+holder|toll\s+billing`)},
	{app.DataSubscriber, regexp.MustCompile(`(?i)2703\s*\(c\)\s*\(2\)|registration\s+(?:information|details|data)|registered\s+(?:name|e-?mail|details|information|to)|(?:name|e-?mail\s+address|postal\s+address|date\s+of\s+birth)[^.;]{0,40}\bregistered|identity\s+of\s+the\s+(?:user|subscriber|account\s+holder|person)`)},
	{app.DataNonContent, regexp.MustCompile(`(?i)transactional\s+records|\blogs?\b|login|log-in|non-content|traffic\s+data|metadata`)},
	{app.DataNonContent, regexp.MustCompile(`(?i)ip\s+address(?:es)?\s+(?:history|used|assigned|logs?)|ip\s+history|connection\s+(?:records|data)|header\s+information|records\s+of\s+session|session\s+times|call\s+detail|dialing,\s+routing|routing,\s+addressing|toll\s+records|2703\s*\(c\)\s*\(1\)|device\s+identifiers`)},
	{app.DataContent, regexp.MustCompile(`(?i)\bcontents?\s+of\s+(?:all\s+|any\s+)?(?:e-?mails?|messages|communications|the\s+account|files|wire|electronic)|content\s+of\s+(?:e-?mails?|messages|communications)|\bcontent\s+data\b|message\s+content|communications?\s+content`)},
	{app.DataContent, regexp.MustCompile(`(?i)stored\s+(?:files|communications|content)|(?:all|any)\s+(?:e-?mails?|messages|photos|photographs|videos|chats|posts|private\s+messages|direct\s+messages)`)},
	{app.DataPreservation, regexp.MustCompile(`(?i)\bpreserv(?:e|ation|ing)\b`)},
}

// uncheckedBox is a form's empty tick box right before a category ("☐
// Content of communications", "(d) [ ] content data"): not asked for.
var uncheckedBox = regexp.MustCompile(`(?:☐|□|\[\s?\])[ \t]*(?:\([a-z]\)[ \t]*)?$`)

var negation = regexp.MustCompile(`(?i)\b(?:not|no|nor|exclud(?:e|ing)|other\s+than|except|without)\b[^.;]{0,120}$`)

// legalBasisRe finds citations. Group 1..n are variants; the whole match is
// normalised by normaliseCitation.
var legalBasisRe = regexp.MustCompile(`(?i)\b(\d{1,2})\s*U\.?\s*S\.?\s*C\.?\s*(?:A\.?\s*)?(?:§+|sec(?:tion|s)?\.?|ss\.?)?\s*(\d{2,5}[a-z]?)((?:\s?\([0-9a-zA-Z]{1,4}\))*)` +
	`|\bRegulation\s+\(EU\)\s+(?:No\s+)?\d{4}/\d{1,4}` +
	`|\bCrime\s+\(Overseas\s+Production\s+Orders\)\s+Act\s+2019` +
	`|\bCriminal\s+Code[, ]+(?:s\.|section)\s*487\.\d{2,4}` +
	`|\b(?:Fed\.?\s*R\.?\s*Crim\.?\s*P\.?|Federal\s+Rules?\s+of\s+Criminal\s+Procedure)\s*(?:Rule\s*)?\d+` +
	`|\bPenal\s+Code\s+(?:§+|section)\s*\d+(?:\.\d+)?` +
	`|\bExecutive\s+Order\s+12333|\bE\.\s*O\.\s*12333`)

// Nondisclosure cues.
var (
	ndoOrdered   = regexp.MustCompile(`(?i)(?:ordered|commanded|directed|shall)\b[^.]{0,120}?\bnot\s+(?:to\s+)?(?:disclose|notify|reveal)|prohibited\s+from\s+disclos|(?:shall|must|will|may)\s+not\s+(?:be\s+)?disclose[ds]?|(?:shall|must|may)\s+not\s+(?:notify|inform|tell)|nondisclosure\s+(?:order|requirement|provision)|non-disclosure\s+(?:order|requirement)|2705\s*\(b\)|2709\s*\(c\)|3123\s*\(d\)`)
	ndoRequested = regexp.MustCompile(`(?i)(?:request(?:ed|s)?|ask(?:ed|s)?)\s+(?:that\s+)?(?:you\s+)?(?:not\s+(?:to\s+)?(?:disclose|notify)|refrain\s+from\s+(?:disclosing|notifying))|please\s+do\s+not\s+(?:disclose|notify)|confidential(?:ity)?\s+(?:is\s+)?requested`)
	ndoDays      = regexp.MustCompile(`(?i)for\s+(?:a\s+period\s+of\s+)?(\d{1,4}|one|two|three|ninety|sixty|thirty)\s*(?:\(\d+\)\s*)?(days?|years?|months?)`)
	ndoUntil     = regexp.MustCompile(`(?i)(?:until|through)\s+(` + DatePattern + `)`)
	ndoBasis     = regexp.MustCompile(`(?i)(?:18\s*U\.?\s*S\.?\s*C\.?\s*(?:§+\s*)?)?(2705\s*\(b\)|2709\s*\(c\)|3123\s*\(d\)|3511)`)
)

// Emergency cues.
var emergencyRe = regexp.MustCompile(`(?i)danger\s+of\s+death\s+or\s+serious\s+(?:physical|bodily)\s+injury|emergency\s+(?:disclosure|request|case|data\s+request)|imminent\s+(?:threat|danger|risk)|threat\s+to\s+(?:life|the\s+life)|within\s+8\s+hours|2702\s*\((?:b\)\s*\(8|c\)\s*\(4)\)`)

// Date ranges of the data requested.
var (
	rangeRe = regexp.MustCompile(`(?i)(?:for\s+the\s+(?:time\s+)?period|(?:time|date)\s+(?:period|range|frame)|period\s+covered|from|between|beginning|starting|since)\s*:?\s*(?:of\s+|from\s+)?(` + DatePattern + `|inception|account\s+creation|the\s+(?:date\s+of\s+)?(?:creation|inception|opening)\s+of\s+the\s+account)\s*(?:,?\s*(?:at\s+)?\d{1,2}:\d{2}(?::\d{2})?\s*(?:[AP]\.?M\.?)?\s*(?:UTC|GMT|[A-Z]{2,4})?)?\s*(?:through|to|until|till|and|-|–)\s*(?:and\s+including\s+)?(` + DatePattern + `|(?:the\s+)?present|(?:the\s+)?date\s+of\s+(?:this|the)\s+(?:order|warrant|subpoena|letter|request)|today)`)
)
