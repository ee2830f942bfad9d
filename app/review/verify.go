package review

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/warrantdesk/warrantdesk/app"
)

// verifyRules check the record of how the requester was verified.
var verifyRules = []Rule{
	{
		ID: "requester-unverified", Severity: app.SeverityCritical, Ground: app.GroundGenuine, Blocks: app.UnblockVerify,
		Basis: "18 U.S.C. § 2702(b)(8), (c)(4) protect disclosure only in the good-faith belief that an emergency is real; with fake emergency requests common (FBI PIN of Nov. 4, 2024), that belief rests on verifying the requester through an independent channel",
		Check: func(in *Input) string {
			v := in.Case.Verification
			switch {
			case v != nil && !v.Confirmed():
				return fmt.Sprintf("The requester's verification (%s via %s, by %s) did not confirm the request: disclose nothing unless a new verification confirms it.", v.Method, v.Contact, v.By)
			case v == nil && emergencyRequest(in):
				return "Emergency request: verify the requester through an independent channel — call back the agency's switchboard from the directory or its published number, not the number on the request — and record it before disclosing."
			}
			return ""
		},
	},
	{
		ID: "callback-not-independent", Severity: app.SeverityWarning, Ground: app.GroundGenuine, Blocks: app.UnblockResolve,
		Basis: "a call-back verifies only when the number comes from a source independent of the request (a hacked mailbox or a fake letter gives the forger's own number)",
		Check: func(in *Input) string {
			v := in.Case.Verification
			if v == nil || v.Method != app.VerifyCallback {
				return ""
			}
			called, ok := app.PhoneE164(v.Contact)
			if !ok {
				return ""
			}
			for _, e := range in.Settings.AgencyContacts {
				if slices.Contains(e.Phones, called) {
					return "" // a directory number is independent
				}
			}
			if own, ok := app.PhoneE164(in.Case.Value(app.FieldAgentPhone)); ok && own == called || givesNumber(in.Text, called) {
				return fmt.Sprintf("The call-back went to %s, the number the request itself gives: it proves only that someone answers it. Call the agency's switchboard from an independent source, or say where the number was confirmed.", v.Contact)
			}
			return ""
		},
	},
}

// numberRe is a phone number as printed, with its separators.
var numberRe = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\+?\d[\d \t().\-/]{6,18}\d`) })

// givesNumber reports whether text prints the number e164, however
// written: the subscriber number's last nine digits, which the country
// and trunk prefixes do not change.
func givesNumber(text, e164 string) bool {
	tail := func(s string) string {
		d := strings.Map(func(r rune) rune {
			if r >= '0' && r <= '9' {
				return r
			}
			return -1
		}, s)
		return d[max(0, len(d)-9):]
	}
	want := tail(e164)
	return slices.ContainsFunc(numberRe().FindAllString(text, -1), func(m string) bool { return len(tail(m)) == 9 && tail(m) == want })
}
