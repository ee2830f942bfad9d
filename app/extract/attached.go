package extract

import (
	"regexp"
	"sync"
)

// A page headed as an attachment to a paper ("ATTACHMENT TO GRAND JURY
// SUBPOENA No. 26-…", "Schedule to the Production Order", "Anlage zum
// Beschluss") belongs to that paper, whatever letterhead and date stand
// under the heading: it is the paper's list of what is asked, or the
// prosecutor's letter that says how to comply with it.
var attachedRe = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)^\s*(?:attachment|schedule|exhibit|rider|annex|appendix|addendum|enclosure|anlage|anhang|annexe|anexo|allegato|bijlage)(?:\s+[a-z0-9]{1,3})?\s+(?:to|of|for|zu[mr]?|à|au|de|del|do|da|al|bij|van)\s+(?:the\s+|this\s+|der\s+|dem\s+|des\s+|la\s+|le\s+|el\s+|o\s+|a\s+|het\s+|de\s+)?(?:[\p{L}'’()]+\s+){0,4}(?:warrant|subpoena|order|summons|demand|request|letter|notice|certificate|beschluss|anordnung|auto|ordonnance|réquisition|of[ií]cio|mandado|decreto|bevel|vordering)\b`)
})

// continues reports whether a page goes on with the document before it:
// its first lines say "Page 2 of 3" or "(continued)", or its first line
// heads it as an attachment to some paper.
func continues(first3, first string) bool {
	return splitRules().continuation.MatchString(first3) || attachedRe().MatchString(first)
}
