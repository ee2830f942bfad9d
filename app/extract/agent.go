package extract

import (
	"regexp"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/warrantdesk/warrantdesk/app"
)

// The agent is the person the provider deals with: the requesting officer,
// the contact person, the prosecutor who requests a grand jury subpoena,
// the attorney who issues a civil one — not the official who signs for the
// agency ("Special Agent in Charge", "Authorising officer") when someone
// else is named to contact. Names are read where orders put them: after a
// title in any language ("Special Agent", "KHK", "Capitaine", "Inspetora"),
// before a title ("Annika F. Lowenthal, AUSA"), beside a contact label
// ("Requesting officer", "Contact person", "Ansprechpartner"); the one
// beside the agent's e-mail or telephone, or whose name the e-mail spells,
// wins.

type agentRes struct {
	before, after, signer *regexp.Regexp
	classes               []labelClass
}

// agentTitles are titles of investigators and prosecutors, in the
// languages orders come in.
const agentTitles = `Special\s+Agent|SA|Task\s+Force\s+Officer|TFO|Detective(?:\s+(?:Sergeant|Constable|Inspector|Garda))?|Det\.(?:\s+Sgt\.)?|Investigating\s+Officer|Investigator|Police\s+Officer|Officer|Sergeant|Sgt\.|(?:Chief\s+|Police\s+)?Inspector|Trooper|Deputy(?:\s+(?:United\s+States|U\.\s?S\.)\s+Marshal)?|Agent|Constable|PC|DC|DS|DI|Cst\.|Garda|W/O|Warrant\s+Officer|Lieutenant|Lt\.|Captain|Capt\.|Corporal|Cpl\.|AUSA|ADA|Assistant\s+(?:United\s+States|U\.\s?S\.|District|State'?s?|Commonwealth'?s?|County)\s+Attorney|(?:Assistant\s+|Deputy\s+|Chief\s+)?Prosecuting\s+Attorney|(?:Senior\s+|Chief\s+)?(?:Assistant|Deputy)\s+Attorney\s+General|AAG|Deputy\s+District\s+Attorney|Assistant\s+Prosecutor|Prosecutor|Trial\s+Attorney|Digital\s+investigator|KHK|KOK|KK|POK|PHK|EKHK|Kriminal(?:haupt|ober)?kommissar(?:in)?|Kriminalinspekt(?:or|ör)|Polizeikommissar(?:in)?|Capitaine|Commandant|Brigadier(?:-chef)?|Commissaire|OPJ|Adjudant|Sargento|Cabo|Agente|Inspector[a]?|Subinspector[a]?|Comisario|Teniente|Inspetor[a]?|Delegad[oa]|Investigador[a]?|Ispettore|Ispettrice|Sovrintendente|Commissario|Maresciallo|Brigadiere|Inspecteur(?:\s+principal)?|Rechercheur|Hoofdagent|Polisinspektör|Komisarz|Podkomisarz|Aspirant|Ofc\.|Isp\.(?:\s+Capo)?|podkom\.|nadkom\.|kom\.|asp\.`

// agentCounselTitles are the titles of counsel and officers that a name
// stands before ("Saoirse Haverford, counsel for the petitioner").
const agentCounselTitles = `(?i:counsel|attorney\s+for|commission\s+counsel|investigating\s+officer|requesting\s+officer)`

var agentRules2 = sync.OnceValue(func() *agentRes {
	re := func(s string) *regexp.Regexp { return regexp.MustCompile(`(?i)` + s) }
	return &agentRes{
		before: regexp.MustCompile(`(?:^|[^\p{L}])(?:` + agentTitles + `)\s+(?:\d{2,6}\s+)?` + nameRe),
		after:  regexp.MustCompile(`(?:/s/\s*)?` + nameLineRe + `[ \t]*(?:,[ \t]*|\n[ \t]*)(?:` + agentTitles + `|` + agentCounselTitles + `)\b`),
		// Titles of those who sign for an agency rather than work the case.
		signer: re(`in\s+charge|supervisor|director|commander|chief\s+of|head\s+of|authoris|authoriz|superintendent|commissioner|chief\b|station\s+house|officer\s+in\s+charge`),
		classes: []labelClass{
			{"refused", 0, re(`judge|justice|magistrate|clerk|signature\s+of\s+clerk|provider|addressee|subject|target|user|victim|suspect|accused|defendant|witness|custodian`)},
			{"contact", 0.85, re(`requesting\s+(?:officer|investigator|agent|official)|officer\s+name|contact(?:\s+(?:person|point|officer|details))?|authority\s+or\s+contact\s+person|person\s+that\s+can\s+be\s+contacted|point\s+of\s+contact|investigating\s+officer|officer\s+in\s+(?:the\s+)?case|case\s+(?:agent|officer)|affiant|applicant|enquiries|inquiries|requested\s+by|commission\s+counsel|ansprechpartner|sachbearbeiter|contacto|contato|referente|contactpersoon|handläggare|from`)},
		},
	}
})

// agentCands are the names proposed for the agent, kept until the
// contacts are known (settleAgent).
func (x *run) agent() {
	r := agentRules2()
	var cands []cand
	add := func(v string, h hit, conf float64, rule string) {
		name, ok := cleanName(v)
		if !ok {
			return
		}
		rank := conf + x.place(h)
		line := lineOf(h.text, h.start)
		if r.signer.MatchString(strings.Join(linesAround(h.text, h.start, 1), "\n")) && !strongContact(sentenceAround(h.text, h.start)) {
			return // signs for the agency; not the one to deal with
		}
		if strongContact(sentenceAround(h.text, h.start)) || contactCueRe.MatchString(line) {
			rank += 0.05
		}
		cands = append(cands, cand{value: name, h: h, conf: conf, rank: rank, rule: rule})
	}
	// agentRules[0] names the same titles as r.before: only the labels of
	// agentRules[1] ("Affiant:", "Requesting officer:") are read from it.
	for _, h := range x.c.all(agentRules[1].re) {
		add(h.group(), h, agentRules[1].confidence, "pattern1")
	}
	for _, h := range x.c.all(r.before) {
		add(h.group(), fromTitle(h), 0.85, "title-before")
	}
	for _, h := range x.c.all(r.after) {
		add(h.group(), h, 0.8, "title-after")
	}
	for _, lp := range x.labelled(r.classes) {
		h := x.pairHit(lp.p)
		v := lp.p.value
		if m := r.before.FindStringSubmatchIndex(v); m != nil {
			v = v[m[2]:m[3]]
		} else if i := strings.IndexAny(v, ",(;"); i > 0 {
			v = v[:i]
		}
		add(v, h, lp.conf, "label-"+lp.rule)
	}
	// The first name on the lines under a closing or a "who issues or
	// requests this subpoena" ("Saoirse M. Haverford, Renwick & Oduya LLP,
	// …").
	closing := whoseRules().closing
	for _, p := range x.c.pages {
		lines := strings.Split(p.text, "\n")
		starts := lineStarts(p.text)
		for i, l := range lines {
			if !closing.MatchString(l) || !closingLine(strings.TrimSpace(l)) {
				continue
			}
			for k, seen := i+1, 0; k < len(lines) && seen < 3; k++ {
				seg, ok := signedLine(lines[k])
				if !ok {
					continue
				}
				seen++
				if j := strings.IndexAny(seg, ",;("); j > 0 {
					seg = strings.TrimSpace(seg[:j])
				}
				if n := len(strings.Fields(seg)); n >= 2 && n <= 4 && headingLike(seg) && upperShare(seg) < 0.6 && !strings.ContainsAny(seg, ":&") && !namesCompany(lines[k]) {
					if r.signer.MatchString(strings.Join(lines[i:min(len(lines), k+5)], "\n")) {
						break // signed for the agency
					}
					h := hit{page: p.num, start: starts[k], end: starts[k] + len(lines[k]), text: p.text, groups: []string{seg}}
					add(seg, h, 0.7, "signature")
					break
				}
			}
		}
	}
	judge := strings.ToLower(x.ex.Fields[app.FieldJudge].Value)
	kept := cands[:0]
	for _, c := range cands {
		if judge == "" || !strings.Contains(judge, strings.ToLower(c.value)) && !strings.Contains(strings.ToLower(c.value), judge) {
			kept = append(kept, c)
		}
	}
	x.agentCands = kept
}

// settleAgent chooses the agent's name once the sender's contacts are
// known: the name beside the chosen e-mail or phone, or spelled by the
// e-mail, is the agent's.
func (x *run) settleAgent() {
	email := strings.ToLower(x.ex.Fields[app.FieldAgentEmail].Value)
	local := email
	if at := strings.IndexByte(email, '@'); at >= 0 {
		local = email[:at]
	}
	var contactPages []app.Field
	for _, n := range []string{app.FieldAgentEmail, app.FieldAgentPhone} {
		if f, ok := x.ex.Fields[n]; ok {
			contactPages = append(contactPages, f)
		}
	}
	cands := append([]cand(nil), x.agentCands...)
	for i := range cands {
		c := &cands[i]
		c.value = mendNameHyphen(c.value)
		words := strings.Fields(strings.ToLower(foldAccents(c.value)))
		last := strings.Trim(words[len(words)-1], ".,")
		if local != "" && len(last) >= 3 && strings.Contains(foldAccents(local), last) {
			c.rank += 0.1
			c.conf = max(c.conf, 0.85)
		}
		for _, f := range contactPages {
			if f.Page == c.h.page && strings.Contains(strings.ToLower(strings.Join(linesAround(c.h.text, c.h.start, 2), " ")), strings.ToLower(f.Snippet[:min(len(f.Snippet), 12)])) {
				c.rank += 0.03
			}
		}
	}
	x.choose(app.FieldAgentName, cands, nil)
}

var accentFolder = strings.NewReplacer("á", "a", "à", "a", "â", "a", "ä", "a", "ã", "a", "å", "a", "é", "e", "è", "e", "ê", "e", "ë", "e", "í", "i", "ì", "i", "î", "i", "ï", "i", "ó", "o", "ò", "o", "ô", "o", "ö", "o", "õ", "o", "ø", "o", "ú", "u", "ù", "u", "û", "u", "ü", "u", "ñ", "n", "ç", "c", "ś", "s", "š", "s", "ż", "z", "ź", "z", "ž", "z", "ł", "l", "ń", "n", "ć", "c", "č", "c", "ę", "e", "ą", "a", "ř", "r", "ý", "y", "ğ", "g", "ı", "i", "ß", "ss")

// foldAccents writes letters without their accents, as e-mail addresses
// spell names.
func foldAccents(s string) string { return accentFolder.Replace(strings.ToLower(s)) }

// namesCompany reports whether a signature line begins with a company's
// name ("Renwick & Oduya LLP, …"), not a person's who works for one
// ("Saoirse M. Haverford, Renwick & Oduya LLP, …").
func namesCompany(line string) bool {
	t := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(line), "/s/"))
	m := companyOnly.FindStringIndex(t)
	return m != nil && m[0] == 0
}

var signaturePlaceholderRe = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)^[\[(]?\s*(?:signature|signed|sd/?-?|sgd\.?|seal|stamp|official\s+stamp|firma|gez\.?)\s*[\])]?$`)
})

// signedLine is a line under a closing as a name may stand on it: "/s/"
// dropped, a name in brackets as Commonwealth officers sign ("(Kavitha
// Ramaswamy-Gowda)") taken out of them; a blank line or one that stands
// for the signature itself ("[signature]", "Sd/-", "(signed)") is none.
func signedLine(l string) (string, bool) {
	seg := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(l), "/s/"))
	if seg == "" || signaturePlaceholderRe().MatchString(seg) {
		return "", false
	}
	if strings.HasPrefix(seg, "(") && strings.HasSuffix(seg, ")") {
		seg = strings.TrimSpace(seg[1 : len(seg)-1])
	}
	return seg, true
}

// fromTitle moves a title's match to the title itself: it opens with the
// character before it — the line break above "DC Priya …" — and the
// title's line is the one whose neighbours say who signs for the agency.
func fromTitle(h hit) hit {
	if r, n := utf8.DecodeRuneInString(h.text[h.start:]); n > 0 && !unicode.IsLetter(r) {
		h.start += n
	}
	return h
}
