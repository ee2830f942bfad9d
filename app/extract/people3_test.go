package extract

import (
	"slices"
	"testing"
)

func TestTargets_AWrappedSentenceStartingWithToIsNoAddress(t *testing.T) {
	ex := extractText("SEARCH WARRANT\nWarrant No. 26-SW-0912\n" +
		"YOU ARE COMMANDED to serve this warrant on Example Chat Inc., 500 Market St, San Francisco, CA 94105, and\n" +
		"to seize the following stored data of the account(s) identified as:\n" +
		"user name harbor_moth77\n" +
		"linked telephone number 415-555-0166\n" +
		"for the period from March 1, 2026 through April 30, 2026.\n")
	got := targetValues(ex)
	for _, want := range []string{"username harbor_moth77", "phone +14155550166"} {
		if !slices.Contains(got, want) {
			t.Errorf("targets %v, want %q: a line of running text beginning \"to seize\" opens no address block", got, want)
		}
	}
	// A real "To" line still opens the provider's address block.
	ex = extractText("PRESERVATION REQUEST\nTo: Example Chat Inc.\n500 Market St, San Francisco, CA 94105\n(415) 555-0123\n" +
		"Re: Case 26-4471\nPlease preserve the records of the user name harbor_moth77.\n")
	if got := targetValues(ex); slices.Contains(got, "phone +14155550123") {
		t.Errorf("targets %v hold the provider's own number from its address block", got)
	}
}
