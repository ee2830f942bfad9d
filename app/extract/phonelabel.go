package extract

import (
	"regexp"
	"strings"
	"sync"
)

// Which of the sender's numbers is the agent's telephone? Signature blocks
// and letterheads give several, each with its label ("Desk: …  Cell: …
// Fax: …", "(312) 555-0174 (office) / (312) 555-0999 (fax)"), in any
// order, so a number's kind is read from the label nearest to it: the last
// label before it on its line, or a label in brackets right after it.
//
//   - A fax is the sender's, but nobody answers it: never the agent's
//     telephone ("Tel/Fax:" names a telephone that takes faxes too).
//   - A duty desk, switchboard, dispatch or main line beside the
//     officer's direct line is the office's: the direct line first.
//   - Desk and mobile are both the officer's: which one the order means
//     is not written, and the two stay a tie (both offered).
//   - A number in the letterhead is the office's; the one in the signature
//     block or the contact sentence is the officer's own.

type phoneKind uint8

const (
	phoneUnlabelled phoneKind = iota
	phoneLine                 // tel., phone, desk, office, direct, mobile…
	phoneShared               // a duty desk, switchboard, dispatch or main line
	phoneFax
)

var phoneLabelRes = sync.OnceValue(func() *[2]*regexp.Regexp {
	return &[2]*regexp.Regexp{
		// Word starts only: "telephone" and "officer" read as a
		// telephone's label, which is all that is asked of them. Fax
		// words first, so that "telefax" is no "tel".
		regexp.MustCompile(`(?i)\b(?:(?:tele)?fax|facsimile|télécopie|telecopier|duty|switchboard|dispatch|main|reception|on[- ]call|mobile|mob\b|cell|handy|móvil|portable|gsm|tel|phone|desk|direct|office|voice|landline|call|ring|dial)\.?`),
		// A label in brackets right after the number: "555-0999 (fax)".
		regexp.MustCompile(`(?i)^\s*[(\[]\s*((?:tele)?fax|facsimile|télécopie|mobile|cell|handy|tel|phone|desk|direct|office)`),
	}
})

// labelKind is the kind of number a label names.
func labelKind(label string) phoneKind {
	l := strings.ToLower(label)
	switch {
	case strings.Contains(l, "fax") || strings.HasPrefix(l, "facs") || strings.HasPrefix(l, "téléc") || strings.HasPrefix(l, "telec"):
		return phoneFax
	case strings.HasPrefix(l, "duty") || strings.HasPrefix(l, "switch") || strings.HasPrefix(l, "dispatch") || strings.HasPrefix(l, "main") || strings.HasPrefix(l, "reception") || strings.HasPrefix(l, "on"):
		return phoneShared
	}
	return phoneLine
}

// numberKind gives the kind of the number at text[start:end] by its label.
func numberKind(text string, start, end int) phoneKind {
	ls := strings.LastIndexByte(text[:start], '\n') + 1
	le := len(text)
	if e := strings.IndexByte(text[end:], '\n'); e >= 0 {
		le = end + e
	}
	res := phoneLabelRes()
	if m := res[1].FindStringSubmatch(text[end:le]); m != nil {
		return labelKind(m[1])
	}
	// The nearest label before it: "Tel: (312) 555-0100  Fax: (312)
	// 555-0199" gives each number its own.
	before := text[max(ls, start-40):start]
	ms := res[0].FindAllStringIndex(before, -1)
	if len(ms) == 0 {
		return phoneUnlabelled
	}
	// The labels written together ("Direct phone / cell", "Tel/Fax")
	// name the numbers after them in their order, or one number for all;
	// words with only a blank between them are one label ("Direct
	// phone", "Mobile phone").
	g := len(ms) - 1
	for g > 0 && ms[g][0]-ms[g-1][1] <= 3 {
		g--
	}
	var kinds []phoneKind
	for j := g; j < len(ms); j++ {
		k := labelKind(before[ms[j][0]:ms[j][1]])
		if j > g && strings.TrimSpace(before[ms[j-1][1]:ms[j][0]]) == "" {
			kinds[len(kinds)-1] = max(kinds[len(kinds)-1], k)
			continue
		}
		kinds = append(kinds, k)
	}
	n := len(numbersBetweenRe().FindAllStringIndex(before[ms[len(ms)-1][1]:], -1))
	switch {
	case len(kinds) == 1:
		return kinds[0]
	case n == 0 && kinds[0] != phoneFax:
		return phoneLine // "Tel/Fax:", "Phone & cell:" — a telephone first
	case n < len(kinds):
		return kinds[n]
	}
	return phoneUnlabelled
}

var numbersBetweenRe = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`\+?\(?\d[\d ().\-]{5,}\d`)
})

// numberPlace is how far a sender's number or address ranks below the
// agent's own: a supervisor's after the officer's, a copy's addressee's
// after the sender's, the letterhead's office number and mailbox after
// the signature's; the one a contact sentence gives ranks above them.
func (x *run) numberPlace(k int, text string, start, end int, email bool) float64 {
	var down float64
	if !email && numberKind(text, start, end) == phoneShared {
		down += 0.06 // "Direct: … | Duty SPoC: …": the officer's own line first
	}
	if ccLineRe().MatchString(lineOf(text, start)) {
		down += 0.1 // a copy's addressee's: "cc: AUSA …, (404) 555-0121"
	}
	if strongContact(sentenceAround(text, start)) {
		down -= 0.05 // "please contact me at …"
	}
	if ls := strings.LastIndexByte(text[:start], '\n') + 1; officersNumber(text, start) && agentRules2().signer.MatchString(text[max(ls, start-90):start]) {
		down += 0.1 // a supervisor's who approves, not the officer's who asks
	}
	if n := lineIndex(text, start); k == x.c.lead && x.inLetterhead(k, n) && !titledNameRe().MatchString(lineOf(text, start)) {
		down += 0.1
	}
	return down
}

// inLetterhead reports whether line n of page k stands in the letterhead:
// among the first lines of the order's first page, above its addressee,
// its title and any signature or contact block.
func (x *run) inLetterhead(k, n int) bool {
	if n >= 7 || x.lineParts(k)[n] != partSender && x.lineParts(k)[n] != partBody {
		return false
	}
	r := whoseRules()
	lines := strings.Split(x.c.pages[k].text, "\n")
	for i := 0; i < n && i < len(lines); i++ {
		t := strings.TrimSpace(lines[i])
		if r.addressStart.MatchString(lines[i]) || r.closing.MatchString(lines[i]) || r.from.MatchString(lines[i]) || titledNameRe().MatchString(lines[i]) || headingTitle(t) && i > 0 {
			return false
		}
	}
	return true
}

var officersNumberRe = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?:^|[^\p{L}])(?:` + agentTitles + `)\s+(?:\p{Lu}[\p{L}.'’\-]*\s+){0,3}\p{Lu}[\p{L}'’\-]+\s*(?:\(\s*|,\s*(?:(?i:tel|phone|telephone)\.?:?\s*)?|\s+(?i:at|on|tel\.?|phone:?)\s+|:\s*)$`)
})

// officersNumber reports whether the number at text[i:] stands right after
// a titled officer's name ("Supervisor approval: Lt. Hector D. Ruelas
// (970-555-0151)", "call Sgt. Roe at 555-0100"): that officer's, so the
// sender's side, not a target.
func officersNumber(text string, i int) bool {
	ls := strings.LastIndexByte(text[:i], '\n') + 1
	return officersNumberRe().MatchString(text[max(ls, i-90):i])
}

var ukMobileRe = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`\b07\d{3} ?\d{6}\b`)
})

var indianMobileRe = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`\b[6-9]\d{4}[ \-]?\d{5}\b`)
})

// spanishNumberRe is a Spanish number as Spain writes it, nine digits
// with no trunk zero, a mobile's or a line's first digit 6–9: "655 50 12
// 34", "912 345 678".
var spanishNumberRe = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`\b[6789]\d{2}(?:\s\d{2}){3}\b|\b[6789]\d{2}\s\d{3}\s\d{3}\b`)
})

// nationalNumbers are the numbers written in a country's own way, beyond
// those already found written for dialling from abroad: a trunk zero
// ("02 5555 2700", "(19) 3000-4471"), a British mobile's five and six
// digits ("07700 900412"), and in India a mobile's ten digits without a
// zero ("Mob: 98450 55512"), in Spain nine digits without one.
func nationalNumbers(text string, found [][]int, cc string) [][]int {
	var out [][]int
	add := func(ms [][]int) {
	next:
		for _, m := range ms {
			for _, fs := range [2][][]int{found, out} {
				for _, f := range fs {
					if m[0] < f[1] && f[0] < m[1] {
						continue next // inside "+39 02 5555 2711", or read already
					}
				}
			}
			out = append(out, m)
		}
	}
	add(findAllIndex(nationalPhoneRe, text))
	switch cc {
	case "91":
		add(indianMobileRe().FindAllStringIndex(text, -1))
	case "44":
		add(ukMobileRe().FindAllStringIndex(text, -1))
	case "34":
		add(spanishNumberRe().FindAllStringIndex(text, -1))
	}
	return out
}

// agentsOwn is how much a sender's number or address at text[start:]
// gains for being the agent's: written beside the agent's name, and more
// when it spells the name or stands on the line of an address that does
// ("Tel. +48 47 … — e-mail: tomasz.kedzierski@…" over the secretariat's
// line above it). Only the agent's best candidates count: a prosecutor
// named two lines up does not make the secretariat's line the agent's.
func (x *run) agentsOwn(text string, start int, v string) float64 {
	near := foldAccents(strings.Join(linesAround(text, start, 2), " "))
	own := foldAccents(v)
	if !strings.Contains(v, "@") {
		for _, m := range emailRe.FindAllString(lineOf(text, start), -1) {
			own += " " + foldAccents(m[:strings.IndexByte(m, '@')])
		}
	}
	best := 0.0
	for _, c := range x.agentCands {
		best = max(best, c.rank)
	}
	for _, c := range x.agentCands {
		if c.rank < best-0.001 {
			continue
		}
		words := strings.Fields(foldAccents(c.value))
		last := strings.Trim(words[len(words)-1], ".,")
		switch {
		case len(last) < 3:
		case strings.Contains(own, last) || strings.Contains(own, strings.ReplaceAll(last, "-", "")):
			return 0.15
		case strings.Contains(near, last):
			return 0.1
		}
	}
	return 0
}

var ccLineRe = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)^\s*(?:cc|bcc|copy\s+to|copies\s+to)\s*:`)
})

var officersContactRes = sync.OnceValue(func() *[2]*regexp.Regexp {
	return &[2]*regexp.Regexp{
		// A contact's own label right before it.
		regexp.MustCompile(`(?i)(?:phone|telephone|tel\.?|tél\.?|mobile|mob\.?|cell|e-?mail|courriel|correo)\s*:?\s*$`),
		// Words that make what follows the subject's, not the officer's.
		regexp.MustCompile(`(?i)\b(?:account|subscriber|user|associated|registered|linked|target|suspect|victim|holder|customer)`),
	}
})

// officersContact reports whether the identifier at text[i:] is the
// contact of a titled officer the sentence (from its start at from) names
// before it, under its own label: "… to: Detective Constable Arjun Roe
// (Badge 71204), Toronto Police Service, 40 College Street; telephone
// 416-555-0193; e-mail …", "ao cuidado do Inspetor Tiago Roe, tel. …, e-mail
// …". Nothing between the name and it may speak of an account or a user.
func officersContact(text string, from, i int) bool {
	res := officersContactRes()
	if !res[0].MatchString(text[max(from, i-24):i]) {
		return false
	}
	m := titledNameRe().FindStringIndex(text[from:i])
	return m != nil && !res[1].MatchString(text[from+m[1]:i])
}
