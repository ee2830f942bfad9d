package extract

import (
	"regexp"
	"strings"
	"sync"
)

// OCR misreads a character or a space inside identifiers in ways the
// identifier's own shape undoes: a top-level domain that is no domain
// (".qov" is ".gov" with its g's tail lost on a fax), a space before a
// dot inside an e-mail's local part or domain (no word of prose begins
// with a dot) or after a URL's scheme, a U.S. court's case number whose
// five-digit sequence is broken by a space ("5:26-xr-9061 1-ALM"), a
// middle initial read as a zero ("Wendell 0. Pryce"). Each repair needs the shape to prove it; text outside such a
// shape is never touched. Applied to recognised text only, after
// cleanOCR's spacing repairs.

type ocrShapeRes struct {
	tld, localDot, domainDot, scheme, federal, initial *regexp.Regexp
}

var ocrShapes = sync.OnceValue(func() ocrShapeRes {
	return ocrShapeRes{
		// The last label of an e-mail's domain: a sentence's full stop
		// may follow, another label may not.
		tld: regexp.MustCompile(`(@[\p{L}0-9\-]+(?:\.[\p{L}0-9\-]+)*\.)(qov|g0v|q0v|corn|c0m|cOm|0rg|orq|0rq|edn|rnil)(\.?(?:[\s,;:)\]>"']|$))`),
		// "pinecrest .tack@vantalink.example".
		localDot: regexp.MustCompile(`([\p{L}0-9_%+\-]) (\.[\p{L}0-9][\p{L}0-9._%+\-]*@[\p{L}0-9\-]+\.)`),
		// "skylar.dreams@veltmail .example": a space before a domain's dot.
		domainDot: regexp.MustCompile(`(@[\p{L}0-9\-]+(?:\.[\p{L}0-9\-]+)*) (\.[a-z]{2,}\b)`),
		// "https: //veltrano.example": a space after a URL's scheme.
		scheme: regexp.MustCompile(`\b(https?:) (//[\p{L}0-9])`),
		// A district court's number: office, two-digit year, case type,
		// five-digit sequence, optional judge's initials. The sequence
		// split in two by a space whose parts make five digits.
		federal: regexp.MustCompile(`\b(\d{1,2}:\d{2}-[A-Za-z]{1,4}-)(\d{1,4}) (\d{1,4})(-[A-Z]{2,4}\b|[^\d\-]|$)`),
		// A name's middle initial read as a zero: "Wendell 0. Pryce".
		initial: regexp.MustCompile(`\b(\p{Lu}\p{Ll}+ )0(\. \p{Lu}\p{Ll})`),
	}
})

// ocrTLDs are the top-level domains the look-alikes stand for.
var ocrTLDs = map[string]string{
	"qov": "gov", "g0v": "gov", "q0v": "gov",
	"corn": "com", "c0m": "com", "cOm": "com",
	"0rg": "org", "orq": "org", "0rq": "org",
	"edn": "edu", "rnil": "mil",
}

// repairOCRShapes undoes OCR's misreadings inside identifier shapes.
func repairOCRShapes(s string) string {
	re := ocrShapes()
	if strings.IndexByte(s, '@') >= 0 {
		s = re.tld.ReplaceAllStringFunc(s, func(m string) string {
			g := re.tld.FindStringSubmatch(m)
			return g[1] + ocrTLDs[g[2]] + g[3]
		})
		s = re.localDot.ReplaceAllString(s, "$1$2")
		s = re.domainDot.ReplaceAllString(s, "$1$2")
	}
	s = re.scheme.ReplaceAllString(s, "$1$2")
	s = re.federal.ReplaceAllStringFunc(s, func(m string) string {
		g := re.federal.FindStringSubmatch(m)
		if len(g[2])+len(g[3]) != 5 {
			return m
		}
		return g[1] + g[2] + g[3] + g[4]
	})
	return re.initial.ReplaceAllString(s, "${1}O$2")
}
