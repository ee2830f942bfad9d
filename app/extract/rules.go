package extract

import (
	"regexp"
	"sync"

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
// first, so specific kinds come before general ones. Compiled on first use.
var typeCues = sync.OnceValue(func() []typeCue {
	return []typeCue{
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

		cue(app.MLATRequest, 7, `mutual\s+legal\s+assistance`),
		cue(app.MLATRequest, 5, `\bMLAT\b`),
		cue(app.MLATRequest, 3, `letters?\s+rogatory`),

		cue(app.EmergencyRequest, 7, `emergency\s+(?:disclosure|data)\s+request`),
		cue(app.EmergencyRequest, 6, `2702\s*\((?:b\)\s*\(8|c\)\s*\(4)\)`),
		cue(app.EmergencyRequest, 5, `danger\s+of\s+death\s+or\s+serious\s+physical\s+injury`),
		cue(app.EmergencyRequest, 3, `\bexigent\b`),

		cue(app.Preservation2703f, 7, `2703\s*\(f\)`),
		cue(app.Preservation2703f, 5, `preservation\s+(?:request|letter|notice|demand|order)|request\s+for\s+(?:the\s+)?preservation`),
		cue(app.Preservation2703f, 3, `request\s+(?:that\s+you|to)\s+preserve|please\s+preserve`),

		cue(app.ProductionOrder, 6, `\bproduction\s+order\b|\border\s+to\s+produce\b|\bnotice\s+to\s+produce\b`),
		cue(app.ProductionOrder, 5, `\b487\.01[4-8]\b`),

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

		cue(app.AdministrativeSubpoena, 8, `administrative\s+subpoena|civil\s+investigative\s+demand`),
		cue(app.AdministrativeSubpoena, 7, usc("21", `876\b`)+`|`+usc("19", `1509\b`)+`|`+usc("8", `1225\s*\(d\)`)+`|`+usc("18", `3486\b`)+`|`+usc("31", `5318\b`)+`|`+usc("15", `57b-1\b`)),
		cue(app.AdministrativeSubpoena, 4, `inspector\s+general\s+act|\bsummons\b`),

		cue(app.CivilSubpoena, 8, `subpoena\s+to\s+produce\s+documents`),
		cue(app.CivilSubpoena, 6, `civil\s+action\s+(?:no|number)`),
		cue(app.CivilSubpoena, 5, `\bAO\s*88B?\b`),
		cue(app.CivilSubpoena, 3, `\bplaintiffs?\b`),

		cue(app.NondisclosureOrder, 6, `2705\s*\(b\)|\bnon-?disclosure\s+order\b`),
		cue(app.NondisclosureOrder, 3, `(?:not|refrain\s+from)\s+(?:to\s+)?(?:disclos(?:e|ing)|notify(?:ing)?)\s+(?:any\s+person\s+of\s+)?the\s+existence`),

		cue(app.Subpoena, 5, `\bsubpoena(?:ed)?\b`),

		cue(app.InformalRequest, 3, `\b(?:we|i)\s+(?:would\s+)?(?:kindly\s+|respectfully\s+)?(?:request|ask|suggest|urge)\b|\b(?:request|ask|suggest|urge)s?\s+(?:that\s+)?(?:you|your\s+company)\b|\bin\s+order\s+to\s+request\b`),
		cue(app.InformalRequest, 3, `\bplease\s+(?:\w+\s+)?(?:provide|send|supply|remove|delete|take\s+down|block|let\s+us\s+know|share|forward|confirm)\b|\brequest\s+for\s+(?:the\s+)?(?:removal|information|data|assistance|disclosure)\b|\bwould\s+be\s+(?:grateful|thankful)\b|\bbitten\s+wir\b|\bverzoeken\s+wij\b|\bchiediamo\b|\bsolicitamos\b|\bnous\s+vous\s+(?:prions|demandons)\b`),
	}
})

// headingLines is how many lines of page 1 count as the heading.
const headingLines = 25

// Patterns of case numbers that need no label: federal dockets, NSL
// numbers, a number after "№". Labelled numbers are read from the page's
// label–value pairs (casenumber.go). Each captures the number in group 1.
var caseNumberRules []labelRule

type labelRule struct {
	confidence float64
	re         *regexp.Regexp
}

// issuedRules find the date an order was issued, anchored to its label at
// the start of a line or a form's cell: "issued on" in running text dates
// another paper as often as this one. Group 1 holds the date.
var issuedRules []labelRule

// deadlineRules find a deadline given as a date: the date the provider
// must produce, respond or appear by. Group 1 holds the date.
var deadlineRules []labelRule

var numberWords = map[string]int{
	"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
	"nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fourteen": 14, "fifteen": 15,
	"twenty": 20, "thirty": 30, "forty-eight": 48, "fortyeight": 48, "forty eight": 48,
	"seventy-two": 72, "seventytwo": 72, "seventy two": 72, "ninety": 90,
}

// Data category cues. A cue preceded closely by a negation ("not to
// include message content") does not count.
var dataCues []struct {
	category string
	re       *regexp.Regexp
}

var negation *regexp.Regexp

// legalBasisRe finds citations. Group 1..n are variants; the whole match is
// normalised by normaliseCitation.
var legalBasisRe *regexp.Regexp

// Nondisclosure cues.
var (
	ndoOrdered   *regexp.Regexp
	ndoRequested *regexp.Regexp
	ndoDays      *regexp.Regexp
	ndoUntil     *regexp.Regexp
	ndoBasis     *regexp.Regexp
)

// Emergency cues.
var emergencyRe *regexp.Regexp
