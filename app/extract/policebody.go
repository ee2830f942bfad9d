package extract

import (
	"regexp"
	"strings"
	"sync"
)

// A police unit — a station, a section, a squad — belongs to a force, and
// orders name the two in either order: the force over its unit in a
// letterhead, but the unit first where a signature or a sentence reads
// from the officer outwards ("Chief of Shibuya Police Station, / Tokyo
// Metropolitan Police Department"). A reviewer names the body that
// investigates by its force, the unit after it, as the stacked letterhead
// reads (`letterhead.go`). And a force named only in running text — no
// letterhead, no contact line — is still the order's agency, named by the
// whole of its name ("la Brigada Provincial de Policía Judicial (Grupo …)
// de la Jefatura Superior de Policía de …").

// unitNounRe is the head noun of a police unit: a part of a force, not a
// force.
var unitNounRe = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)(?:^|\s)(?:police\s+)?(?:station|section|unit|squad|precinct|group|team|desk|branch|brigade|district|detachment|post|grupo|secci[oó]n|brigada|unidad|kommissariat|dezernat|revier|wache|commissariat|delegacia|stazione|squadra|nucleo|komisariat)$`)
})

// isPoliceUnit reports whether a body's name ends in a unit's head noun
// (its short name in brackets aside): "Shibuya Police Station", "Cyber
// Crime Unit (CCU)".
func isPoliceUnit(v string) bool {
	v = strings.TrimSpace(v)
	if i := strings.LastIndex(v, " ("); i > 0 && strings.HasSuffix(v, ")") {
		v = v[:i]
	}
	return unitNounRe().MatchString(v)
}

// isPoliceForce reports whether a body is a force: named as police and not
// a unit of one ("Tokyo Metropolitan Police Department", "West Midlands
// Police", "Polizeipräsidium Köln").
func isPoliceForce(v string) bool { return forceRe().MatchString(v) && !isPoliceUnit(v) }

// officerOfRe is the post a signature writes before the unit it heads
// ("Chief of", "Head of the"): the person's, not the body's name.
var officerOfRe = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)^(?:(?:deputy|assistant)\s+)?(?:chief|head|commander|director|superintendent|officer\s+in\s+charge|station\s+house\s+officer|commanding\s+officer)\s+of\s+(?:the\s+)?`)
})

// forceOverUnit rewrites a stack of bodies read from the officer outwards
// ("Chief of Shibuya Police Station, Tokyo Metropolitan Police
// Department") widest first: the post goes, and a force that follows its
// unit is set before it.
func forceOverUnit(parts []string) []string {
	if len(parts) == 0 {
		return parts
	}
	out := append([]string(nil), parts...)
	out[0] = officerOfRe().ReplaceAllString(out[0], "")
	if len(out) < 2 || !isPoliceUnit(out[0]) {
		return out
	}
	for i := 1; i < len(out); i++ {
		if isPoliceForce(out[i]) {
			force := out[i]
			copy(out[1:i+1], out[:i])
			out[0] = force
			return out
		}
	}
	return out
}

// unitsForce finds the force the text names right after a unit — on the
// same line after a comma or on the next line ("Shibuya Police Station,
// / Tokyo Metropolitan Police Department"), or after "of the" — and
// returns the two as one name, force first.
func (x *run) unitsForce(unit string) (string, bool) {
	if !isPoliceUnit(unit) {
		return "", false
	}
	lu := strings.ToLower(unit)
	for _, p := range x.c.pages {
		lt := strings.ToLower(p.text)
		for off := 0; ; {
			i := strings.Index(lt[off:], lu)
			if i < 0 {
				break
			}
			at := off + i + len(lu)
			off = at
			if f, ok := forceAfter(p.text[at:min(len(p.text), at+120)]); ok {
				return f + ", " + unit, true
			}
		}
	}
	return "", false
}

// joinRe is what may stand between a unit and its force: a comma, a line
// break, "of (the)".
var joinRe = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(?:[ \t]*,[ \t]*\n?[ \t]*|[ \t]*\n[ \t]*|[ \t]+of\s+(?:the\s+)?)`)
})

// forceAfter reads a force's name at the start of rest, past what joins it
// to a unit.
func forceAfter(rest string) (string, bool) {
	j := joinRe().FindStringIndex(rest)
	if j == nil {
		return "", false
	}
	rest = rest[j[1]:]
	m := agencyRe.FindStringSubmatchIndex(rest)
	if m == nil || m[0] != 0 {
		return "", false
	}
	f := strings.Join(strings.Fields(rest[m[2]:m[3]]), " ")
	if !isPoliceForce(f) {
		return "", false
	}
	return titleCase(f), true
}

// withForces gives each candidate that names a unit the force the text
// names beside it.
func (x *run) withForces(cands []cand) []cand {
	for i, c := range cands {
		if v, ok := x.unitsForce(c.value); ok {
			cands[i].value = v
		}
	}
	return cands
}

// proseForceRe is a police body named in running text by a head word that
// opens its name in the languages orders come in, then its capitalised
// words, joined by the small words of a name ("de la", "of the", "der"), a
// bracketed unit, a number: "Brigada Provincial de Policía Judicial (Grupo
// de Delitos Tecnológicos) de la Jefatura Superior de Policía de la
// Comunitat Valenciana".
var proseForceRe = sync.OnceValue(func() *regexp.Regexp {
	head := `(?:Brigada|Jefatura|Comisar[ií]a|Unidad|Grupo|Direcci[oó]n|Polic[ií]a|Pol[ií]cia|Guardia\s+Civil|Mossos|Ertzaintza|Polizeipr[äa]sidium|Polizeidirektion|Polizeiinspektion|Polizei|Landeskriminalamt|Kriminalpolizei|Kriminalinspektion|Politie|Polisen|Poliisi|Gendarmerie|Brigade|Sous-direction|Direction|Commissariat|Questura|Squadra|Nucleo|Polizia|Carabinieri|Delegacia|Departamento|Divis[ãa]o|Policja|Komenda|Centralne)`
	word := `(?:\p{Lu}[\p{L}\d.'’\-]*|\d+\S*|\([^()]{1,80}\))`
	small := `(?:de|del|de\s+la|de\s+los|de\s+las|des|du|de\s+l'|d'|of|the|of\s+the|di|della|dello|dei|do|da|dos|das|der|für|von|im|zur|zum|w|ds\.)`
	return regexp.MustCompile(`\b` + head + `(?:\s+(?:` + small + `\s+)?` + word + `)+`)
})

// proseForces reads the police bodies the order names in running text:
// the order's agency when no letterhead, label or contact line names one.
func (x *run) proseForces() []valued {
	var out []valued
	for _, h := range x.c.all(proseForceRe()) {
		v := strings.Join(strings.Fields(h.group()), " ")
		if !forceRe().MatchString(v) || len(v) > 140 {
			continue
		}
		out = append(out, valued{v, h, 0.65, "prose"})
	}
	return out
}

// incorporatedInRe ends the words that say where a party is incorporated
// ("a company incorporated in the", "organized under the laws of the"): a
// state named after them is the company's, not the court's.
var incorporatedInRe = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)\b(?:incorporated|organi[sz]ed|registered|formed|existing|domiciled|headquartered)\b[^\n]{0,30}$|\blaws\s+of\s+(?:the\s+)?$`)
})

// incorporatedIn reports whether a state's name is the one a party is
// incorporated in: a respondent's description in the caption of a foreign
// court's order ("TESSELLATE NETWORKS, INC. / (a company incorporated in
// the State of Delaware, United States of America)").
func incorporatedIn(m hit) bool {
	ls := strings.LastIndexByte(m.text[:m.start], '\n') + 1
	return incorporatedInRe().MatchString(m.text[ls:m.start])
}

// earlierOrderRe ends the words that give a judge as the maker of an
// earlier order the paper rests on ("This subpoena is issued pursuant to
// the Order Granting Leave … entered October 30, 2026 … by the Hon.").
var earlierOrderRe = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)\b(?:pursuant\s+to|under|in\s+accordance\s+with|as\s+authori[sz]ed\s+by)\s+(?:the|an?|its)\s+(?:[\p{L}-]+\s+){0,2}order\b[^;]{0,160}\bby\s+(?:the\s+)?(?:(?:hon\.|honou?rable|judge)\s*)?$`)
})

// earlierOrdersJudge reports whether the judge read at h made an earlier
// order, not this one: a civil subpoena an attorney issues on a court's
// leave has no judge of its own.
func earlierOrdersJudge(h hit) bool {
	start, _ := sentenceBounds(h.text, h.start)
	return earlierOrderRe().MatchString(h.text[max(start, h.start-220):h.start])
}

// lastMatch is the last of re's matches in a letterhead line: a line that
// sets a department's component after it ("U.S. Immigration and Customs
// Enforcement — Homeland Security Investigations") names the most specific
// body last.
func lastMatch(re *regexp.Regexp, line string) []int {
	all := re.FindAllStringSubmatchIndex(line, -1)
	if len(all) == 0 {
		return nil
	}
	return all[len(all)-1]
}

// dayBeforeMonth reports whether word, followed by a full stop and rest,
// is the day of a date written the German way ("15. Juli 2026").
func dayBeforeMonth(word, rest string) bool {
	if len(word) == 0 || len(word) > 2 || strings.Trim(word, "0123456789") != "" {
		return false
	}
	f := strings.Fields(rest[:min(len(rest), 20)])
	if len(f) == 0 {
		return false
	}
	_, ok := months[strings.ToLower(strings.Trim(f[0], ".,"))]
	return ok
}

// usCodeRe is a citation of the U.S. Code, which any country's request
// may make.
var usCodeRe = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)u\.?\s*s\.?\s*c|united\s+states\s+code`)
})

// postOfCourtRe is a judge named with the post that makes the court the
// authority: "Judge Eleanor Roe, a Judge of the Federal Circuit and Family
// Court of Australia (Division 2), acting as an eligible Judge".
var postOfCourtRe = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)^[^,]{3,60},\s+(?:a|an|the)\s+(?:judge|justice|magistrate|registrar|member)\s+of\s+(?:the\s+)?([^,;]*\bcourt\b[^,;]*)`)
})

// courtOfPost cuts an authority written as its judge and post to the
// court the judge sits in.
func courtOfPost(v string) string {
	if m := postOfCourtRe().FindStringSubmatch(v); m != nil {
		return strings.TrimSpace(m[1])
	}
	return v
}

// signatureForces reads the police force a letter's signature names: the
// lines under its closing ("Kind regards, / Sanne … / Rechercheur Team
// Cybercrime / Politie Eenheid Rotterdam"), up to a blank line, that name a
// force on their own — not an address or a telephone. The signature says
// who sends the letter; a force named in its sentences may be described
// ("a detective with the Cybercrime Team of the Dutch National Police").
func (x *run) signatureForces() []valued {
	var out []valued
	for _, p := range x.c.pages {
		if p.role != roleOrder {
			continue
		}
		lines := strings.Split(p.text, "\n")
		starts := lineStarts(p.text)
		for i, l := range lines {
			if !closingRe.MatchString(l) {
				continue
			}
			for k := i + 1; k < len(lines) && k <= i+6; k++ {
				t := strings.TrimSpace(lines[k])
				if t == "" && k > i+1 {
					break
				}
				if !signatureForceLine(t) {
					continue
				}
				start := starts[k] + strings.Index(lines[k], t)
				h := hit{page: p.num, start: start, end: start + len(t), text: p.text, groups: []string{t}}
				out = append(out, valued{t, h, 0.9, "signature"})
				break
			}
		}
	}
	return out
}

// signatureForceLine reports whether a signature's line is a force's name
// alone: named as police, set as a heading, no digits, address or contact.
func signatureForceLine(t string) bool {
	return t != "" && len(t) <= 80 && isPoliceForce(t) && headingLike(t) && !strings.ContainsAny(t, "0123456789@:|,") && !contactCueRe.MatchString(t) && !officerPost(t)
}

// senderLines are the line indexes where a sender names itself: the
// letterhead, the foot of the page, and an e-mail's or letter's signature
// under its closing — which a long disclaimer can push far from the foot.
func senderLines(lines []string) []int {
	var sender []int
	for i := range lines {
		if i < 8 || i >= len(lines)-15 {
			sender = append(sender, i)
		}
	}
	for i, l := range lines {
		if closingRe.MatchString(l) {
			for k := i + 1; k < len(lines) && k <= i+10; k++ {
				sender = append(sender, k)
			}
		}
	}
	return sender
}

// headerLabelRe is a header's label alone before a value on its line
// ("Importance: ", "Priority: ").
var headerLabelRe = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^[ \t]*[\p{L}][\p{L} -]{1,30}:[ \t]*$`)
})

// afterHeaderValue is a company name read over two lines without the first
// when that line is another header's value ("Importance: High" /
// "Tessellate Networks, Inc. - Emergency Response Team"): a name does not
// begin after a label's colon on the line above it.
func afterHeaderValue(h hit) string {
	v := h.group()
	nl := strings.IndexByte(v, '\n')
	if nl < 0 {
		return v
	}
	gs := strings.Index(h.text[h.start:], v)
	if gs < 0 {
		return v
	}
	ls := strings.LastIndexByte(h.text[:h.start+gs], '\n') + 1
	if headerLabelRe().MatchString(h.text[ls : h.start+gs]) {
		return v[nl+1:]
	}
	return v
}

// unitPlaceRe is the town a letterhead writes after a unit's name on its
// line: a comma and a few words, nothing else.
var unitPlaceRe = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^\s*,\s*(\p{L}[\p{L}'.\- ]{1,38}\p{L})\s*$`)
})

// unitsPlace reads the place that follows a police unit on its letterhead
// line ("Cyber Crime Police Station, Hyderabad City"): a station is named
// with its town, as a reviewer writes it. A force after the comma is no
// place (unitsForce sets it first).
func unitsPlace(unit, rest string) (string, bool) {
	if !isPoliceUnit(unit) {
		return "", false
	}
	m := unitPlaceRe().FindStringSubmatch(rest)
	if m == nil || policeWordRe.MatchString(m[1]) || len(strings.Fields(m[1])) > 4 {
		return "", false
	}
	place := m[1]
	if strings.ToUpper(place) == place {
		place = titleCase(place)
	}
	return place, true
}
