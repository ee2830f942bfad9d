package extract

import (
	"regexp"
	"strings"
	"sync"
	"unicode"
)

// Forms are cut into numbered sections ("SECTION I: Details of the issuing
// authority", "SECTION J: Details of the validating authority", "Abschnitt
// L", "Sezione G"), and the same label means something else in each: the
// EPOC and EPOC-PR of Regulation (EU) 2023/1543 (Annexes I and II) ask for
// "Type", "Name of its representative", "Post held" and "File number" of
// the issuing authority and again of the validating one. A pair is read
// with the section it stands in, found here once per order.

// formRole is what a form's section is about.
type formRole uint8

const (
	sectionOther      formRole = iota
	sectionIssuing             // the authority that issues the order
	sectionValidating          // the authority (a court, a judge) that validates it
	sectionTransfer            // the authority the data go to, the contact point
)

type formSectionRes struct {
	heading, issuing, validating, transfer *regexp.Regexp
	// representative labels a person who acts for an authority.
	representative, kind *regexp.Regexp
	// judicial and prosecution name what a body or post is, in the
	// languages orders come in.
	judicial, prosecution *regexp.Regexp
	transferLine          *regexp.Regexp
}

var formSectionRules = sync.OnceValue(func() formSectionRes {
	re := func(s string) *regexp.Regexp { return regexp.MustCompile(`(?i)` + s) }
	return formSectionRes{
		// A section's heading: the word, a letter or number, a colon or a
		// dash, then what the section is about.
		heading:        re(`^\W{0,3}(?:section|abschnitt|secci[oó]n|sezione|sec[çc][ãa]o|sekcja|rubrique|partie|afdeling|deel|avsnitt|kohta|odd[ií]l)\s+[a-z0-9]{1,2}\s*[:.)–-]\s*(\S[^\n]*)$`),
		issuing:        re(`issuing\s+authority|anordnungsbeh|ausstellende|autorit[àé]\s+(?:emittente|d'[ée]mission)|autoridad\s+(?:emisora|de\s+emisi)|autoridade\s+(?:de\s+)?emiss|uitvaardigende|organ\s+wydaj`),
		validating:     re(`validat|valideren|validier|best[äa]tigende|convalid|validaci|valida[çc]|zatwierdz`),
		transfer:       re(`transferred|contact\s+(?:point|person)|\bcontact\b|übermittelt|trasmess|transmit|przekaza`),
		representative: re(`representative|vertreter|repr[ée]sentant|rappresentante|representante|vertegenwoordiger|przedstawiciel|f[öo]retr[äa]dare|^name\s+of\s+the\s+(?:judge|magistrate)$`),
		kind:           re(`^type\b|^post\s+held|^title|^function|^art\b|^funktion|^fonction|^funzione|^cargo|^funç|^functie|^stanowisko|^typ\b`),
		judicial:       re(`\bjudge|\bjudicial\s+court|\bcourt\b|richter|gericht|\bjuge\b|juge\s+d|giudice|\bgip\b|tribunale\b|\bjuez|jueza|juzgado|magistrad|\bjuiz|ju[ií]za|rechter|rechtbank|\bs[ąa]d\b|s[ęe]dzi|domare|domstol|tingsr[äa]tt|magistrate`),
		prosecution:    re(`prosecut|procureur|procura|staatsanwalt|fiscal|minist[ée]rio\s+p[úu]blico|ministerio\s+p[úu]blico|pubblico\s+ministero|openbaar\s+ministerie|officier\s+van\s+justitie|prokurat|[åa]klagar|parquet|\bparket`),
		// "(a) Authority to which the data are to be trans- Polizeipräsidium
		// Frankfurt am Main, …": the form's own label, its value run in.
		transferLine: re(`authority\s+to\s+which\s+(?:the\s+)?data\s+(?:are|is)\s+to\s+be(?:\s+trans-?(?:ferred)?)?[ \t]+(\p{Lu}[^\n]{3,160})`),
	}
})

// sectionStart is where a section of a form begins.
type sectionStart struct {
	page, line int
	role       formRole
}

// formSections lists the sections of the order's form, in order.
func (x *run) formSections() []sectionStart {
	r := formSectionRules()
	var out []sectionStart
	for _, p := range x.c.pages {
		for i, l := range strings.Split(p.text, "\n") {
			m := r.heading.FindStringSubmatch(strings.TrimSpace(l))
			if m == nil {
				continue
			}
			about := m[1]
			role := sectionOther
			issuing, validating := r.issuing.MatchString(about), r.validating.MatchString(about)
			switch {
			case issuing && validating: // "Issuing/validating authority": both, neither alone
			case validating:
				role = sectionValidating
			case issuing:
				role = sectionIssuing
			case r.transfer.MatchString(about):
				role = sectionTransfer
			}
			out = append(out, sectionStart{p.num, i, role})
		}
	}
	return out
}

// sectionAt says which section of secs the line of page stands in (-1:
// before the first).
func sectionAt(secs []sectionStart, page, line int) int {
	at := -1
	for i, s := range secs {
		if s.page < page || s.page == page && s.line <= line {
			at = i
		}
	}
	return at
}

// formJudge reads the judge from a form's authority sections: the
// representative of a validating authority, or of an issuing one, when
// the section says the body or its post is a court or a judge ("Type:
// Investigating judge (rechter-commissaris)", "Post held: Sędzia Sądu
// Rejonowego"). A prosecutor who validates or issues is no judge.
func (x *run) formJudge() (string, hit, bool) {
	secs := x.formSections()
	if len(secs) == 0 {
		return "", hit{}, false
	}
	bySection := map[int]*sectionPerson{}
	var order []int
	for _, p := range x.c.allPairs() {
		k := sectionAt(secs, p.page, p.line)
		if k < 0 || secs[k].role != sectionIssuing && secs[k].role != sectionValidating {
			continue
		}
		f := bySection[k]
		if f == nil {
			f = &sectionPerson{role: secs[k].role}
			bySection[k] = f
			order = append(order, k)
		}
		f.read(x, p)
	}
	// A validating judge is the order's judge; an issuing one when none
	// validates.
	for _, want := range []formRole{sectionValidating, sectionIssuing} {
		for _, k := range order {
			if f := bySection[k]; f.role == want && f.judicial && f.name != "" {
				return f.name, f.h, true
			}
		}
	}
	return "", hit{}, false
}

// sectionPerson is who acts for the authority of one section of a form,
// and whether the section says it is judicial.
type sectionPerson struct {
	name     string
	h        hit
	judicial bool
	role     formRole
}

// read takes in one pair of the section.
func (f *sectionPerson) read(x *run, p pair) {
	r := formSectionRules()
	switch {
	case r.representative.MatchString(p.label):
		if name, ok := cleanName(p.value); ok && f.name == "" {
			f.name, f.h = name, x.pairHit(p)
		}
	case r.kind.MatchString(p.label):
		// The type or post decides; a prosecutor's post outweighs a
		// court named in the office's name ("Parquet du Tribunal …").
		if r.prosecution.MatchString(p.value) {
			f.judicial = false
			f.role = sectionOther
		} else if r.judicial.MatchString(p.value) && f.role != sectionOther {
			f.judicial = true
		}
	}
}

// transferAgency reads the authority the data go to from a form line that
// runs its value into the label (no column gap after it).
func (x *run) transferAgency() []valued {
	var out []valued
	for _, h := range x.c.all(formSectionRules().transferLine) {
		if v := orgSegment(h.group()); v != "" {
			out = append(out, valued{v, h, 0.8, "transfer-line"})
		}
	}
	return out
}

// nationalJudgeRules read a judge's signature in the languages orders come
// in: the name over or before the post ("Dr. Korbinian Stadlmayr / Richter
// am Amtsgericht", "Doña Marta Iranzo Casanova, Magistrada-Jueza",
// "Juíza de Direito"), or the title before the name ("Judge Imogen
// Castellari").
var nationalJudgeRules = sync.OnceValue(func() []labelRule {
	// Plain alternatives, so the corpus can skip a page that holds none
	// of the posts (prefilter.go).
	post := `(?:Richter am \p{Lu}\p{L}*gericht|Richterin am \p{Lu}\p{L}*gericht|Richterin|Richter|Ermittlungsrichterin|Ermittlungsrichter|Magistrada-Jueza|Magistrado-Juez|Magistrada|Magistrado|Juez de|Jueza de|Juiz de Direito|Juíza de Direito|Juiza de Direito|Juge d|Giudice|Rechter-commissaris|rechter-commissaris|Rechter|Sędzia|Sedzia|Magistrate)\b`
	title := `(?:Judge|Richterin|Richter|Juge|Giudice|Jueza|Juez|Juíza|Juiza|Juiz|Rechter|Sędzia|Sedzia)`
	return []labelRule{
		{0.85, regexp.MustCompile(nameRe + `\s*(?:\n\s*|,\s*)` + post)},
		{0.8, regexp.MustCompile(`(?:^|\n|[.:;]\s+|\bI,\s+)` + title + `\s+` + nameLineRe)},
		// The court's post opening the decision, then the judge's honorific
		// and name ("Il Giudice per le indagini preliminari, dott.ssa …",
		// "El Magistrado-Juez, D. …").
		{0.8, regexp.MustCompile(`\b(?:Giudice|Magistrad[oa](?:-Jueza?)?|Jueza?|Juge|Juíza|Juiz)\b[^,\n]{0,60},\s*(?i:dott\.(?:ssa)?|dr\.?|dra\.|d\.|dña\.|doña|don|mme|m\.)\s+` + nameRe)},
	}
})

// unitWordRe names a unit of a force or an office, in the languages
// orders come in.
var unitWordRe = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)\b(?:command|unit|bureau|division|directorate|department|squad|branch|centre|center|team|brigade|brigada|kommissariat|dezernat|abteilung|direction|unit[àa]|servizio|divisi[oó]n|unidad|grupo|departamento|afdeling|eenheid|wydzia[łl]|biuro|avdelning|enheten)\b`)
})

// unitLine reports whether a letterhead line under an agency's name names
// one of its units ("Commercial Affairs Department - Anti-Scam Command",
// "DIRECTORATE FOR PRIORITY CRIME INVESTIGATION (DPCI)"), not its address
// or a telephone.
func unitLine(t string) bool {
	if unitRe.MatchString(t) {
		return true
	}
	if t == "" || len(t) > 90 || strings.ContainsAny(t, "0123456789@:,·|") || notOrgRe.MatchString(t) || !headingLike(t) {
		return false
	}
	for _, w := range strings.Fields(t) {
		if hostLike(w) {
			return false // a web address beside the unit
		}
	}
	return unitWordRe().MatchString(t)
}

// hostLike reports whether a word is a host name ("www.example.org",
// "lakewood-pd.example"), not an abbreviation ("C.O.S.C.", "U.S.").
func hostLike(w string) bool {
	w = strings.TrimRight(w, ".,;)")
	i := strings.LastIndexByte(w, '.')
	return i >= 2 && len(w)-i-1 >= 2 && len(strings.Trim(w[i-2:i], ".")) == 2
}

// fullerName finds the name a signature abbreviates ("N. Z. Ferreira")
// written out elsewhere in the order ("(Nomvula Zanele Ferreira)",
// "Justice Anneliese Korhonen"): each initial the first letter of a word,
// the other words as they are. Only one such fuller form may appear.
func (x *run) fullerName(name string) (string, bool) {
	words := strings.Fields(name)
	var parts []string
	initials := false
	for _, w := range words {
		if r := []rune(strings.TrimSuffix(w, ".")); len(r) == 1 && strings.HasSuffix(w, ".") {
			parts = append(parts, regexp.QuoteMeta(string(r))+`\p{Ll}+`)
			initials = true
			continue
		}
		parts = append(parts, regexp.QuoteMeta(w))
	}
	if !initials || len(words) < 2 {
		return "", false
	}
	re, err := regexp.Compile(`\b` + strings.Join(parts, `[ \t]+`) + `\b`)
	if err != nil {
		return "", false
	}
	found := ""
	for _, p := range x.c.pages {
		for _, m := range re.FindAllString(p.text, -1) {
			if found != "" && found != m {
				return "", false
			}
			found = m
		}
	}
	return found, found != ""
}

// givenAsInitials reports whether a name gives only initials before the
// surname ("N. Z. Ferreira").
func givenAsInitials(name string) bool {
	words := strings.Fields(name)
	if len(words) < 2 {
		return false
	}
	for _, w := range words[:len(words)-1] {
		if len([]rune(strings.TrimSuffix(w, "."))) != 1 {
			return false
		}
	}
	return true
}

// courtWordRe is a court's head noun, in the languages orders come in.
var courtWordRe = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)\b(?:courts?|tribunal|tribunale|gericht|amtsgericht|landgericht|juzgado|rechtbank|s[aą]d|tingsr[äa]tt|domstol|cour|corte)\b`)
})

// firstCourtCell cuts a heading line at its column gap when the court
// stands before it: a letterhead sets the court's name and its file
// number side by side ("Amtsgericht München  Aktenzeichen: ER V Gs …").
func firstCourtCell(line string) string {
	if i := strings.Index(line, "  "); i > 0 && courtWordRe().MatchString(line[:i]) {
		return strings.TrimSpace(line[:i])
	}
	return line
}

// numberOrAddress reports whether a segment of a contact line holds a
// telephone, a street number or an e-mail address rather than a name: a
// unit's name may hold a digit inside a word ("UNC3T", "1ª DIG", "Section
// J3"), not a number of its own.
func numberOrAddress(seg string) bool {
	if strings.Contains(seg, "@") {
		return true
	}
	for _, w := range strings.Fields(seg) {
		w = strings.Trim(w, ".,;:()")
		digits := 0
		for _, r := range w {
			if unicode.IsDigit(r) {
				digits++
			}
		}
		if digits > 0 && (digits >= 2 && digits*2 >= len([]rune(w)) || strings.HasPrefix(w, "+")) {
			return true
		}
	}
	return false
}
