package extract

import (
	"regexp"
	"strings"
	"unicode"
)

// OCR and line wrapping break the words of a contact apart where a
// printed hyphen or dot stands: "Owen K. Tranh- Whitlock" for
// Tranh-Whitlock, "lukas. braendli-okafor@…" and "florian,eichinger@…" for
// the dotted mailbox. The parts are put back together only where the break
// cannot be the text's own: a space after a hyphen between two capitalised
// parts of a name, and on recognised pages a mailbox whose first part a
// stray space or comma cut off.

var (
	nameHyphenGapRe *regexp.Regexp
	// A lower-case word joined to the mailbox by a dot or comma, with at
	// most one space: what is left of "first.last@".
	cutLocalRe *regexp.Regexp
	// Words that end a phrase before an address, never a mailbox's part:
	// "by e-mail, jo@…", "write to us. jo@…".
	notMailboxPart = map[string]bool{"email": true, "mail": true, "e-mail": true, "me": true, "us": true, "him": true, "her": true, "them": true, "address": true, "to": true, "at": true, "contact": true, "or": true, "and": true, "is": true, "via": true}
)

// mendNameHyphen closes the gap OCR leaves after the hyphen of a
// double-barrelled name.
func mendNameHyphen(name string) string {
	if !strings.Contains(name, "- ") {
		return name
	}
	return nameHyphenGapRe.ReplaceAllString(name, "$1-$2")
}

// mendMailboxStart gives the start of the e-mail address matched at
// text[start:] and its first part when OCR cut the mailbox at its dot
// ("lukas. braendli-okafor@", "florian,eichinger-sahin@"); ok is false
// when nothing was cut.
func mendMailboxStart(text string, start int) (from int, head string, ok bool) {
	before := text[max(0, start-30):start]
	m := cutLocalRe.FindStringSubmatchIndex(before)
	if m == nil {
		return start, "", false
	}
	word := before[m[2]:m[3]]
	if isCommonWord(word) || notMailboxPart[word] || !unicode.IsLetter(rune(word[len(word)-1])) {
		return start, "", false
	}
	return start - (len(before) - m[2]), word + ".", true
}

// emailValue is the e-mail address matched at p.text[start:end], in lower
// case, with the part OCR cut off its mailbox put back on recognised pages.
func emailValue(p pageText, start, end int) string {
	v := strings.ToLower(p.text[start:end])
	if p.recognised {
		if _, head, ok := mendMailboxStart(p.text, start); ok {
			v = head + v
		}
	}
	return v
}

// compileOCRMend compiles this file's patterns (called by compileAll).
func compileOCRMend() {
	nameHyphenGapRe = regexp.MustCompile(`(\p{L})-[ \t]+["“”'‘’]?(\p{Lu})`)
	cutLocalRe = regexp.MustCompile(`(?:^|[\s(<:;"“])([a-z][a-z0-9_\-]{1,24})(?:,|\. ?)$`)
}
