package extract

import (
	"regexp"
	"strings"
	"sync"
)

// A contact line names the officer, the officer's post, then the unit and
// the force: "Dr. Rafael Pereira, Delegado de Polícia, 1ª DIG de Campinas –
// Polícia Civil do Estado de São Paulo". The post is the person's, not a
// body; a unit written before its force is the force's unit, and a
// reviewer names the force first ("Polícia Civil do Estado de São Paulo -
// 1ª DIG de Campinas"), as the letterhead's force over its unit reads.

// officerPostRe is an officer's post on its own, in the languages orders
// come in: a rank or function, with "of police" or its like at most.
var officerPostRe = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)^(?:(?:police|chief|senior|principal|deputy|detective)\s+)?(?:delegad[oa]|inspe[ck]t(?:or|ora|eur|rice)|comisari[oa]|commissaire|commissario|detective|sergeant|constable|officer|agente?|investigat(?:or|ora)|escriv[ãa]o|superintendent|kommissar(?:in)?|hauptkommissar(?:in)?)(?:\s+(?:principal|chef|en\s+chef))?(?:\s+(?:de|da|do|di|della|of|the|der)\s+(?:la\s+)?(?:pol[ií]c[ií]a|polizia|police|polizei|policia))?$`)
})

func officerPost(seg string) bool { return officerPostRe().MatchString(strings.TrimSpace(seg)) }

// forceFirst writes "unit – force" as "force - unit" when only the part
// after the dash names a police force.
func forceFirst(v string) string {
	for _, dash := range []string{" – ", " - ", " — "} {
		i := strings.Index(v, dash)
		if i <= 0 {
			continue
		}
		unit, force := strings.TrimSpace(v[:i]), strings.TrimSpace(v[i+len(dash):])
		if forceRe().MatchString(force) && !forceRe().MatchString(unit) {
			return force + " - " + unit
		}
		return v
	}
	return v
}

// contactOrgs reads the force named after an officer on a contact line:
// after a title and name ("Inspetora Beatriz Lobo, Polícia Judiciária -
// UNC3T, +351 …"), or after a name and its post ("Rafael Pereira,
// Delegado de Polícia, 1ª DIG de Campinas – Polícia Civil …").
func (x *run) contactOrgs() []valued {
	var out []valued
	r := agentRules2()
	for _, h := range x.c.all(r.before) {
		if v, ok := orgAfter(h, h.end); ok {
			out = append(out, v)
		}
	}
	for _, h := range x.c.all(r.after) {
		// The post goes on to the next comma on its line ("Delegado de
		// Polícia,"); the force follows it.
		rest := h.text[h.end:min(len(h.text), h.end+40)]
		if k := strings.IndexAny(rest, ",\n"); k >= 0 && rest[k] == ',' {
			if v, ok := orgAfter(h, h.end+k); ok {
				out = append(out, v)
			}
		}
	}
	return out
}

// orgAfter reads the organisation a contact line names after offset end
// of h's page, up to the telephone or address: the first segment that
// names a body, past the officer's post.
func orgAfter(h hit, end int) (valued, bool) {
	text := h.text
	if !strings.HasPrefix(strings.TrimSpace(text[end:min(len(text), end+3)]), ",") {
		return valued{}, false // the name is not followed by its force
	}
	rest := strings.Join(strings.Fields(strings.TrimLeft(text[end:min(len(text), end+200)], " ,")), " ")
	segs := strings.Split(rest, ",")
	for i, seg := range segs {
		seg = strings.TrimSpace(seg)
		if seg == "" || numberOrAddress(seg) || contactCueRe.MatchString(seg) && !policeWordRe.MatchString(seg) {
			break
		}
		if officerPost(seg) {
			continue // the officer's post, then the force
		}
		if !policeWordRe.MatchString(seg) {
			break
		}
		// The force; a unit or an address follows. A unit named first is
		// its body's ("Bureau of Criminal Investigations, Office of
		// Attorney General"): the body is the agency.
		if i+1 < len(segs) {
			if body, ok := parentBody(seg, segs[i+1]); ok {
				start := end + strings.Index(text[end:], body)
				if start < end {
					start = end
				}
				g := hit{page: h.page, start: start, end: min(len(text), start+len(body)), text: text, groups: []string{body}}
				return valued{body, g, 0.8, "contact-org"}, true
			}
		}
		g := hit{page: h.page, start: end, end: min(len(text), end+len(seg)+2), text: text, groups: []string{seg}}
		return valued{forceFirst(seg), g, 0.8, "contact-org"}, true
	}
	return valued{}, false
}
