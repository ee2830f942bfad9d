package extract

import (
	"regexp"
	"strings"
	"sync"

	"github.com/warrantdesk/warrantdesk/app"
)

// Whose identifier is it? An order names its targets, but also the
// sender's contact details (in the letterhead, the signature block, a
// contact sentence or a form's "requesting officer" section) and the
// provider's own (its address block, a "VIA E-MAIL:" line, the "Addressee"
// section of a form, "Law Enforcement Response Team: lert@…; telephone …").
// Each line of a page is given the part of the order it stands in; an
// identifier is the sender's or the provider's by its line, then by its
// sentence, and a target otherwise.

// owner is whose an identifier is.
type owner uint8

const (
	ownTarget   owner = iota
	ownSender         // the requesting officer's or authority's contact
	ownProvider       // the provider's own address, mailbox or number
	ownOther          // neither a target nor the agent's: a switchboard, a fax header
)

// part of the order a line stands in.
type linePart uint8

const (
	partBody linePart = iota
	partTargets
	partSender
	partProvider
)

type whoseRes struct {
	from, heading, targetHead, senderHead, providerHead, addressStart, addressEnd, closing, titleName, providerSentence, switchboard, roleMailbox, faxHeader *regexp.Regexp
}

var whoseRules = sync.OnceValue(func() *whoseRes {
	re := func(s string) *regexp.Regexp { return regexp.MustCompile(`(?i)` + s) }
	return &whoseRes{
		from:         re(`^\s*(?:from|von|de|da|van|exp[ée]diteur|remitente)\s*:`),
		heading:      re(`^\s*(?:section\s+[a-z0-9]+\b|part\s+[ivx0-9]+\b|attachment\s+[a-z0-9]\b|exhibit\s+[a-z0-9]\b|schedule\b|annex\b|rider\b|appendix\b|(?-i:[IVX]+\.\s+\p{Lu}|\d{1,2}\.\s+\p{Lu}[\p{Lu} /&()\-]+$|[A-Z][A-Z /&()\-]{6,}$))`),
		targetHead:   re(`attachment\s+a\b|\buser\b|data\s+to\s+be\s+(?:preserved|produced|disclosed)|property\s+to\s+be\s+searched|schedule|identification\s+of\s+the\s+data|target|identifier|selector|account\(?s?\)?\b|data\s+subject|user\s+concerned|records\s+(?:required|requested|to\s+be)|information\s+to\s+be\s+disclosed|exhibit|rider|particular\s+things`),
		senderHead:   re(`issuing\s+authority|validating\s+authority|requesting|contact\s+(?:point|person|details)|authority\s+to\s+which|details\s+of\s+the|issued\s+by|applicant|signature|officer|agency\s*/|section\s+1\s*[—-]\s*requesting|^\s*from\b`),
		providerHead: re(`addressee|recipient|service\s+provider|\bprovider\b|\bcompany\b|to\s*\(name|respondent|sent\s+to`),
		addressStart: re(`^\s*(?:(?:to|attn|attention|addressee|recipient|respondent|an|à|a|para|aan|destinatario|destinataire|destinatário|mottagare|modtager|mottaker|empfänger|adresat|geadresseerde)\b|via\s+(?:e-?mail|electronic|fax|facsimile|overnight|courier|portal|first)|by\s+(?:e-?mail|fax|hand|courier)\s*[:(]|served\s+(?:by|on|via|upon)\b|sent\s+to\b|custodian\s+of\s+records\b)`),
		addressEnd:   re(`^\s*(?:re|subject|betreff|objet|asunto|oggetto|assunto|onderwerp|sub|dear|sehr|geachte|madame|monsieur|estimad|egregi|to\s+whom|greetings|sir)\b|^\s*$`),
		closing:      re(`who\s+(?:issues|requests)(?:\s+or\s+(?:issues|requests))?\s+this|^\s*(?:contact\s+(?:person|details|information|point)|requested\s+by|issued\s+by|sincerely|regards|kind\s+regards|best\s+regards|respectfully(?:\s+submitted)?|thank\s+you|thanks|yours\s+(?:truly|faithfully|sincerely)|very\s+truly\s+yours|mit\s+freundlichen|cordialement|atentamente|cordiali\s+saluti|met\s+vriendelijke|by\s+the\s+court|so\s+ordered|signed|signature|/s/|requested\s+by)\b`),
		titleName:    regexp.MustCompile(`\b(?:Special\s+Agent|SA|Task\s+Force\s+Officer|Detective|Det\.|Investigator|Officer|Sergeant|Sgt\.|Inspector|Trooper|Deputy|Agent|Constable|Assistant\s+United\s+States\s+Attorney|AUSA|Assistant\s+District\s+Attorney|Deputy\s+District\s+Attorney|ADA|Prosecutor|Investigating\s+Officer)\b`),
		// A sentence about the provider: where it is, how its law
		// enforcement team is reached.
		providerSentence: re(`headquartered|principal\s+place|located\s+at|law\s+enforcement\s+(?:response|relations|liaison|team|portal)|legal\s+(?:process|compliance|department)\s+(?:team|unit|desk)?|compliance\s+(?:line|team|desk|unit)|subpoena\s+(?:compliance|desk)|provider(?:'s)?\s+(?:hotline|phone|telephone|number|line)|\bhotline\b|auto-?reply|do\s+not\s+reply|ticket\s+(?:no|number|#)|case\s+reference\s+from`),
		switchboard:      re(`switchboard|main\s+(?:reception|number|line|office)|reception\s*:|general\s+(?:enquiries|inquiries)|front\s+desk|(?:^|[^\d])24[- /x]*(?:hour|h\b|7(?:\D|$))|\bdispatch\b|\bmain\s*:?\s*\(?\+?\d`),
		roleMailbox:      re(`^(?:(?:us|eu|uk|de|fr|es|it|nl|br|in|jp|kr|au|ca|mx|ie|emea|apac|latam|global|intl)[-_.])?(?:legal|requerimientos|requisiciones|requerimentos|obligations?[-_.]?l[ée]gales|juridique|juridico|jur[ií]dico|myndighet(?:skontakt)?|myndigheter|behoerden|behorden|autoridades|autorita|justicia|requisitions?|lawful|lawfulrequests|lir|authorities|authority|lea-?requests|gov-?requests|government|lert|law|lawenforcement|le|lea|le-?response|leo|compliance|subpoena|subpoenas|records|custodian|privacy|dpo|emergency|emergencies|no-?reply|noreply|support|lers|legalprocess|legal-?process|abuse|security|info|notices|postmaster|admin|help|service|gdpr|dataprotection|data-?protection|trust|safety|eu-?legal|eu-?lawenforcement|lawenforcement-?eu)(?:[-._].*)?$`),
		faxHeader:        re(`^\s*\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\s+\d{1,2}:\d{2}.*(?:fax|from|p\.\s?\d{3}|page)|^[\s.]*\d{1,2}[-.\s]+\p{L}{3,4}\.?\s*[-.]\s*\d{2,4}\s+\d{1,2}:\d{2}.*\b(?:fax|from|von|van|de|da|page|seite|p\.|s\.)\s*:?|^\s*(?:fax|from)\s*:?.*\bto\s*:`),
	}
})

// lineParts gives each line of page k the part of the order it stands in.
func (x *run) lineParts(k int) []linePart {
	p := &x.c.pages[k]
	if p.parts != nil {
		return p.parts
	}
	r := whoseRules()
	lines := strings.Split(p.text, "\n")
	parts := make([]linePart, len(lines))
	section := partBody
	address := 0 // lines left in an address block
	var signature signatureBlock
	lead := k == x.c.lead
	letterhead := lead
	from := false
	for i, l := range lines {
		t := strings.TrimSpace(l)
		isHeading := t != "" && len(t) <= 90 && r.heading.MatchString(t)
		if isHeading {
			address = 0
			section = headingSection(t)
		}
		parts[i] = section
		if address > 0 {
			if r.addressEnd.MatchString(l) || isHeading || proseLine(t) || listItem(t) {
				address = 0
			} else {
				parts[i] = partProvider
				address--
			}
		}
		if opensAddress(l) && section != partTargets {
			parts[i] = partProvider
			address = 5
		}
		parts[i] = signature.mark(l, t, parts[i])
		// A fax cover's or an e-mail's "From:" and the line under it.
		if r.from.MatchString(l) {
			parts[i] = partSender
			if i+1 < len(lines) && !r.addressStart.MatchString(lines[i+1]) && !r.addressEnd.MatchString(lines[i+1]) {
				from = true
			}
		} else if from {
			parts[i] = partSender
			from = false
		}
		// The letterhead ends where the order's own lines begin: a caption,
		// a title, a blank line, a label other than a contact's.
		if endsLetterhead(l, t, i) {
			letterhead = false
		}
		if letterhead && i < 6 && parts[i] == partBody && !r.addressStart.MatchString(l) && headingLike(t) {
			parts[i] = partSender // the letterhead
		}
	}
	insideAddress(lines, parts)
	p.parts = parts
	return parts
}

// headingSection gives the part of the order a section heading opens.
func headingSection(t string) linePart {
	r := whoseRules()
	switch {
	case r.providerHead.MatchString(t) && !r.targetHead.MatchString(t):
		return partProvider
	case r.senderHead.MatchString(t):
		return partSender
	case r.targetHead.MatchString(t):
		return partTargets
	}
	return partBody
}

// signatureBlock follows a signature's lines down the page: under a
// closing, or under a titled officer's name ("Constable Jo Roe, RCMP"
// over the officer's address, telephone and e-mail lines).
type signatureBlock struct {
	left   int  // lines left in the block
	titled bool // a titled officer's, under no closing: it ends at a blank line or running text
}

// mark gives line l (t trimmed), which would stand in part, its part when
// a signature holds it, and notes a block that begins there.
func (b *signatureBlock) mark(l, t string, part linePart) linePart {
	r := whoseRules()
	if b.left > 0 && part == partBody {
		if b.titled && (t == "" || proseLine(t)) {
			b.left = 0
		} else {
			part = partSender
			b.left--
		}
	}
	if r.closing.MatchString(l) && closingLine(t) {
		b.left, b.titled = 8, false
	}
	if (r.titleName.MatchString(l) || titleStart().MatchString(t)) && part == partBody && len(t) < 120 {
		part = partSender
		if titleStart().MatchString(t) && b.left < 3 {
			b.left, b.titled = 5, true
		}
	}
	return part
}

// endsLetterhead reports whether line i (t trimmed) is where the order's
// own lines begin: a caption, a title, a blank line, a label other than a
// contact's.
func endsLetterhead(l, t string, i int) bool {
	return kindRules().caption.MatchString(l) || t == "" && i > 0 || i > 0 && headingTitle(t) || strings.Contains(t, ":") && !contactLabelRe().MatchString(t)
}

// whose decides whose the identifier v at offset i of page k is.
func (x *run) whose(k int, i int, v string) owner {
	r := whoseRules()
	p := x.c.pages[k]
	if o, ok := x.ownerByAddress(k, i, strings.ToLower(v)); ok {
		return o
	}
	line := lineOf(p.text, i)
	if faxHeaderLine(line) && lineIndex(p.text, i) < 3 {
		return ownOther // a fax machine's header line
	}
	parts := x.lineParts(k)
	n := lineIndex(p.text, i)
	from, to := sentenceBounds(p.text, i)
	sentence := p.text[from:to]
	lowerS := strings.ToLower(sentence)
	// Identifiers share sentences: what a sentence says is judged once.
	cue := x.sentenceCues(p.num, from, to, sentence, lowerS)
	strong, provider, listsTargets := cue&1 != 0 || labelledContact(p.text, from), cue&2 != 0, cue&4 != 0
	switch parts[n] {
	case partTargets:
		return ownerInTargets(p.text, i, v, line, strong)
	case partSender:
		if r.switchboard.MatchString(line) && !titledNameRe().MatchString(line) {
			return ownOther // a switchboard, unless an officer's own ("Capitaine X, duty desk (24/7), tel. …")
		}
		return ownSender
	case partProvider:
		return ownProvider
	}
	if provider && r.providerSentence.MatchString(strings.Join(linesAround(p.text, i, 1), "\n")) {
		return ownProvider
	}
	if sendersByPlace(p.text, from, i) {
		return ownSender
	}
	return ownerInBody(v, line, strong && !listsTargets)
}

// sendersByPlace reports whether the identifier at offset i (its sentence
// starting at from) stands where an officer's own contact does: after a
// titled officer's name, in the sentence naming the officer, or in a
// signature's block of contact lines.
func sendersByPlace(text string, from, i int) bool {
	return officersNumber(text, i) || officersContact(text, from, i) || inGovContactBlock(text, i)
}

// ownerByAddress decides whose an e-mail address is by its domain and
// mailbox, when they say: a government's is the sender's, a provider's
// role mailbox the provider's.
func (x *run) ownerByAddress(k, i int, low string) (owner, bool) {
	at := strings.LastIndexByte(low, '@')
	switch {
	case at < 0:
		return ownTarget, false
	case isGovDomain(low[at+1:]) || x.namedAgencysDomain(low[at+1:]):
		return ownSender, true
	case whoseRules().roleMailbox.MatchString(low[:at]):
		return ownProvider, true
	case x.providersDomain(low[at+1:]):
		// An address on the provider's own domain that is no role
		// mailbox is one of its users', whatever its label says
		// ("E-mail: kite.runner@provider.example" in a list of
		// identifiers): officers do not write from the provider's domain.
		if p := x.c.pages[k]; x.lineParts(k)[lineIndex(p.text, i)] == partProvider {
			return ownProvider, true
		}
		return ownTarget, true
	}
	return ownTarget, false
}

// labelledContact reports whether the sentence starting at from follows a
// label whose colon ended no sentence for what it says: "Production to:
// NCA Officer …, telephone …".
func labelledContact(text string, from int) bool {
	ls := strings.LastIndexByte(text[:from], '\n') + 1
	lbl := strings.TrimSpace(text[ls:from])
	return from-ls <= 40 && strings.HasSuffix(lbl, ":") && strongContact(lbl)
}

// ownerInTargets decides whose an identifier in a list of targets is:
// only a provider cue right beside it makes it the provider's ("(Law
// Enforcement Response Team: lers@…)"), a contact sentence or a
// government address the sender's.
func ownerInTargets(text string, i int, v, line string, strong bool) owner {
	if inGovContactBlock(text, i) {
		return ownSender // a contact block under the list: "Contact  Federal Agent …"
	}
	ls := strings.LastIndexByte(text[:i], '\n') + 1
	le := len(text)
	if e := strings.IndexByte(text[i:], '\n'); e >= 0 {
		le = i + e
	}
	if whoseRules().providerSentence.MatchString(text[max(ls, i-90):min(le, i+len(v)+30)]) {
		return ownProvider
	}
	if strong && !targetSectionRe.MatchString(line) || govEmailOnLine(line) {
		return ownSender
	}
	if providerMailboxOnLine(line) && !strings.Contains(v, "@") {
		return ownProvider // "(legal-process@provider.example; (415) 555-0190)"
	}
	return ownTarget
}

// ownerInBody decides whose an identifier in the order's running text is,
// by its line; strong says its sentence gives the sender's contact.
func ownerInBody(v, line string, strong bool) owner {
	switch {
	case whoseRules().switchboard.MatchString(line):
		return ownOther
	case providerMailboxOnLine(line) && !strings.Contains(v, "@"):
		return ownProvider
	case mayMatch(contactCueRe, strings.ToLower(line)) && contactCueRe.MatchString(line) && !targetSectionRe.MatchString(line) && len(line) < 160 && !subjectsNumber(line):
		return ownSender
	case strong:
		// The sentence may have wrapped: "Questions … may be directed to
		// Special Agent Roe at\n(202) 555-0100."
		return ownSender
	case govEmailOnLine(line):
		// A number on the line of a government address is that sender's.
		return ownSender
	}
	return ownTarget
}

var govEmailRe = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)@[a-z0-9.\-]+`)
})

// govEmailOnLine reports whether a line holds an e-mail address on a
// government or police domain.
func govEmailOnLine(line string) bool {
	for _, m := range govEmailRe().FindAllString(line, -1) {
		if isGovDomain(strings.TrimRight(m[1:], ".;,")) {
			return true
		}
	}
	return false
}

// providerMailboxOnLine reports whether a line holds a provider's role
// mailbox (legal@, lers@, legal-process@… on a domain that is no
// government's): a number beside it is the provider's too.
func providerMailboxOnLine(line string) bool {
	if !strings.Contains(line, "@") {
		return false
	}
	for _, m := range emailRe.FindAllString(line, -1) {
		at := strings.LastIndexByte(m, '@')
		if low := strings.ToLower(m); !isGovDomain(low[at+1:]) && whoseRules().roleMailbox.MatchString(low[:at]) {
			return true
		}
	}
	return false
}

var subjectsNumberRe = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)\b(?:registered|subscriber'?s?|target(?:ed)?|linked|associated|account|user'?s?|verified|recovery|customer'?s?|suspect'?s?|victim'?s?|holder'?s?|billing|contact\s+number\s+of\s+the\s+(?:user|subscriber|account))\s+(?:(?:tele)?(?:phone|mobile|cell)(?:\s+(?:number|no\.?))?|e-?mail(?:\s+address)?)\s*[:#]`)
})

// providersDomain reports whether an e-mail domain is the provider's own:
// its second-level label holds the first word of the recipient's name
// ("lumenpost.example" for "Lumenpost Inc.").
func (x *run) providersDomain(domain string) bool {
	name := strings.Fields(foldAccents(x.ex.Fields[app.FieldRecipient].Value))
	if len(name) == 0 {
		return false
	}
	word := strings.Trim(name[0], ".,'’")
	labels := strings.Split(domain, ".")
	if len(word) < 4 || len(labels) < 2 || genericNameWords[word] || isGovDomain(domain) {
		return false
	}
	return strings.HasPrefix(labels[len(labels)-2], word)
}

// genericNameWords begin companies' names without naming one: a domain
// holding them is nobody's in particular ("example" is the documentation
// domain).
var genericNameWords = map[string]bool{"example": true, "the": true, "global": true, "international": true, "national": true, "united": true, "first": true, "digital": true, "online": true, "mobile": true, "internet": true, "data": true, "cloud": true, "social": true, "network": true, "american": true, "european": true}

// subjectsNumber reports whether a line labels a number as the account's
// or the user's ("Registered phone:", "Subscriber telephone number:"):
// a target, though "phone:" is how a sender's contact is labelled too.
func subjectsNumber(line string) bool { return subjectsNumberRe().MatchString(line) }

var contactLabelRe = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)^(?:tel|phone|telephone|fax|e-?mail|mail|www|web|internet)\b|https?:`)
})

// closingLine reports whether a line that begins like a closing is one:
// "Sincerely," or "Thank you," alone, not "Thank you for your reply. May
// I …", and the lines that introduce a signer ("who issues or requests
// this subpoena, are:").
func closingLine(t string) bool {
	return len(strings.Fields(t)) <= 5 || strings.HasSuffix(t, ":") || strings.Contains(strings.ToLower(t), "who issues") || strings.Contains(strings.ToLower(t), "who requests")
}

// proseLine reports whether a line reads as running text rather than a
// line of an address: long, or many words in lower case.
func proseLine(t string) bool {
	if len(t) > 75 {
		return true
	}
	lower := 0
	for _, w := range strings.Fields(t) {
		if r := []rune(w)[0]; r >= 'a' && r <= 'z' {
			lower++
		}
	}
	return lower > 3
}

var listItemRe = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^\(?(?:\d{1,2}|[a-z])[.)]\s`) })

// listItem reports whether a line is an item of a numbered list.
func listItem(t string) bool { return listItemRe().MatchString(t) }

var titledNameRe = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?:^|[^\p{L}])(?:` + agentTitles + `)\s+\p{Lu}`)
})

// titleStart is a line that opens a titled officer's signature block: the
// title before the name ("Detective Sergeant Jo Roe"), the post under it
// ("Special Agent, Violent Crimes Against Children", "Senior Deputy
// Attorney General" alone), or the name with its title ("NAVEEN R. ROE,
// Assistant United States Attorney").
var titleStart = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(?:` + agentTitles + `)(?:\s+\p{Lu}|\s*,|\s*$)|,\s*(?:` + agentTitles + `)\s*$`)
})

// sentenceCues judges a sentence once: whether it gives the sender's
// contact (1), speaks of the provider (2), lists targets (4).
func (x *run) sentenceCues(page, from, to int, sentence, lower string) uint8 {
	key := [2]int{page, from}
	if c, ok := x.sentenceCue[key]; ok {
		return c
	}
	var c uint8
	if strongContact(sentence) {
		c |= 1
	}
	if whoseRules().providerSentence.MatchString(sentence) {
		c |= 2
	}
	if mayMatch(targetSectionRe, lower) && targetSectionRe.MatchString(sentence) {
		c |= 4
	}
	if x.sentenceCue == nil {
		x.sentenceCue = map[[2]int]uint8{}
	}
	x.sentenceCue[key] = c
	return c
}

var strongContactRe = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i:\bto\s+)(?:` + agentTitles + `)\s+\p{Lu}|(?i)questions|contact\s+(?:me|us|the\s+undersigned)|may\s+be\s+(?:directed|provided|produced|sent|made|furnished|delivered)\s+to|reach\s+(?:me|us)|call\s+(?:me|us)|produc(?:e|tion)\s+(?:shall\s+be\s+|may\s+be\s+)?(?:made\s+)?(?:electronically\s+)?to|furnish(?:ed)?\s+(?:forthwith\s+)?to|transfer\s+to|by\s+e-?mail\s+to|deliver(?:y|ed)?\s+to|confirm\s+(?:the\s+\w+\s+)?by|respond\s+to\s+me|reply\s+to\s+me`)
})

// strongContact reports whether a sentence in a list of targets still
// names the sender's contact ("Production may be made to Special Agent …
// at …").
func strongContact(sentence string) bool { return strongContactRe().MatchString(sentence) }

// lineStarts indexes the starts of a text's lines.
func lineStarts(text string) []int {
	starts := []int{0}
	for i := 0; i < len(text); i++ {
		if text[i] == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// inGovContactBlock reports whether the line holding offset i of text is
// a short line of a block of short lines (no blank between) that holds an
// address on a government or police domain: a signature's contact lines
// ("Diversion Investigator Kyle R. Osei" / "(206) 555-0100" /
// "kyle.r.osei@dea.gov"), whatever title the officer signs with. A list
// of targets holds no official's address.
func inGovContactBlock(text string, i int) bool {
	ls := strings.LastIndexByte(text[:i], '\n') + 1
	le := len(text)
	if e := strings.IndexByte(text[i:], '\n'); e >= 0 {
		le = i + e
	}
	if t := strings.TrimSpace(text[ls:le]); !contactBlockLine(t) || accountWordRe().MatchString(t) {
		return false
	}
	return govLineNear(text, ls, -1) || govLineNear(text, le, 1)
}

// contactBlockLine reports whether a trimmed line can stand in a
// signature's contact block: short, no running text, no e-mail header.
func contactBlockLine(t string) bool {
	return t != "" && len(t) <= 70 && !proseLine(t) && !mailHeaderRe().MatchString(t)
}

// govLineNear walks up to four lines of a block from the line break at
// edge (up the page for step -1, down for 1) and reports whether one
// holds an official's address.
func govLineNear(text string, edge, step int) bool {
	for j := 0; j < 4; j++ {
		var start, end int
		if step < 0 {
			if edge <= 0 {
				return false
			}
			end = edge - 1
			start = strings.LastIndexByte(text[:end], '\n') + 1
			edge = start
		} else {
			start = edge + 1
			if start >= len(text) {
				return false
			}
			end = len(text)
			if e := strings.IndexByte(text[start:], '\n'); e >= 0 {
				end = start + e
			}
			edge = end
		}
		t := strings.TrimSpace(text[start:end])
		if !contactBlockLine(t) {
			return false
		}
		if strings.Contains(t, "@") && govEmailOnLine(t) {
			return true
		}
	}
	return false
}

var mailHeaderRe = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)^(?:from|to|cc|bcc|subject|sent|date|von|an|betreff|de|à|objet|para|asunto)\s*:`)
})

// accountWordRe names an account or its holder: a line that holds it
// lists a target, whatever stands around it.
var accountWordRe = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)\b(?:account|target|subscriber|user|holder|customer|suspect|victim|konto|kunde|compte|abonn|cuenta|titular|conta|utente|abonnement)`)
})

// faxHeaderLine reports whether a line is a fax machine's header.
func faxHeaderLine(line string) bool {
	return whoseRules().faxHeader.MatchString(line) || faxStampRe().MatchString(line)
}

// faxStampRe is a fax machine's header however OCR read its date: a time
// of day, then an arrow from the sending number to the receiving one or a
// page count at the line's end ("15:42 AG MUENCHEN +49 89 … -» 0211 …
// P.002").
var faxStampRe = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`\b\d{1,2}:\d{2}\b.*(?:->|-»|\+>|→|»|\bF?P\.\s?[0O]{1,2}[0-9O)]{1,2}\s*$)`)
})
