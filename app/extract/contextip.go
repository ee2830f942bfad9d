package extract

import (
	"regexp"
	"strings"
	"sync"
)

// An order's facts tell how the investigators came to the account: "the
// victim's account was accessed from 198.51.100.23 at 02:14 UTC". That
// address is the story, not what the order asks about; a reviewer lists it
// as a target only where the order asks for its subscriber or its records
// ("identify the subscriber assigned 198.51.100.23", a list of
// identifiers). So an IP address in running text whose sentence narrates
// a log-in or a use, and asks nothing of the provider, is context.

type contextIPRes struct{ narrates, asks, item *regexp.Regexp }

var contextIPRules = sync.OnceValue(func() contextIPRes {
	return contextIPRes{
		narrates: regexp.MustCompile(`(?i)\b(?:logged\s+(?:in|on|into)|log(?:ged)?-?ins?\s+from|signed\s+in|accessed|connected|originated|(?:was|were|had\s+been)\s+used|came\s+from|sent\s+from|posted\s+from|uploaded\s+from|made\s+from|traced|resolved|geolocated|observed|recorded|showed|revealed|identified\s+(?:as|the)|se\s+conect[óo]|connect[ée]\s+depuis|collegat[oa]\s+da|angemeldet|eingeloggt|zugegriffen)\b`),
		item:     regexp.MustCompile(`^(?:[—–•*·▪-]|\(?(?:\d{1,2}|[a-z]|[ivx]{1,4})[.)])\s`),
		// "the account(s) that logged in from …", "das Konto, von dem …
		// zugegriffen wurde": the address picks out an account the order
		// asks for.
		asks: regexp.MustCompile(`(?i)\b(?:(?:accounts?|profiles?|users?|konto|konten|kontos|compte|comptes|cuenta|cuentas|conta|contas|account|utenze?)(?:\s*\(s\)|/\S+)?,?\s+(?:that|which|whose|from\s+which|used\s+to|von\s+dem|von\s+denen|über\s+das|über\s+die|die|das|qui|depuis\s+lequel|desde\s+la\s+que|que|da\s+cui|che)\b|provide|produce|disclose|furnish|identify|identity|identities|subscriber|assigned|preserve|records?\s+(?:of|for|relating|associated)|information\s+(?:for|about|on|regarding|relating|associated)|associated\s+with\s+(?:the\s+)?(?:ip|address)|who\s+used|user\s+of|holder\s+of|herauszugeben|mitzuteilen|auskunft|communiquer|fournir|proporcion|facilit|fornire|comunicare|fornecer)\b`),
	}
})

// contextIP reports whether the IP address at offset i of page k is given
// as the order's facts: in running text, in a sentence that narrates a use
// of it and asks nothing.
func (x *run) contextIP(k, i int) bool {
	p := x.c.pages[k]
	if x.lineParts(k)[lineIndex(p.text, i)] == partTargets {
		return false
	}
	from, to := sentenceBounds(p.text, i)
	s := strings.Join(strings.Fields(p.text[from:to]), " ")
	r := contextIPRules()
	// An item of a list is what the list asks for ("— the account(s)
	// from which 198.51.100.23 accessed the service on …").
	return r.narrates.MatchString(s) && !r.asks.MatchString(s) && !r.item.MatchString(s)
}
