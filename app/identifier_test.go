package app

import (
	"slices"
	"testing"
)

func TestNormalisePhone(t *testing.T) {
	for _, tc := range []struct{ in, cc, want string }{
		{"+1 (202) 555-0143", "1", "+12025550143"},
		{"(202) 555-0143", "1", "+12025550143"},
		{"1-202-555-0143", "1", "+12025550143"},
		{"tel:+44 20 7946 0000", "1", "+442079460000"},
		{"0049 30 1234567", "1", "+49301234567"},
		{"030 1234567", "49", "+49301234567"},
		{"555-0143", "1", ""},
		{"+0 123 456", "1", ""},
		{"12345", "49", ""},
	} {
		if got := NormalisePhone(tc.in, tc.cc); got != tc.want {
			t.Errorf("NormalisePhone(%q, %q) = %q, want %q", tc.in, tc.cc, got, tc.want)
		}
	}
}

// The same identifier, however an order or a reviewer writes it, is one
// key.
func TestIdentifierKeys_MatchTargetsHoweverWritten(t *testing.T) {
	for _, tc := range []struct {
		query  string
		target Target
	}{
		{"Alice.Smith@Example.COM", Target{Kind: TargetEmail, Value: "alice.smith@example.com"}},
		{"mailto:alice.smith@example.com", Target{Kind: TargetEmail, Value: "alice.smith@example.com"}},
		{"(202) 555-0143", Target{Kind: TargetPhone, Value: "+12025550143"}},
		{"+1.202.555.0143", Target{Kind: TargetPhone, Value: "+12025550143"}},
		{"@JohnDoe", Target{Kind: TargetUsername, Value: "johndoe"}},
		{"JOHNDOE", Target{Kind: TargetAccountID, Value: "JohnDoe"}},
		{"2001:DB8:0:0::1", Target{Kind: TargetIP, Value: "2001:db8::1"}},
		{"https://www.twitter.com/JohnDoe/", Target{Kind: TargetURL, Value: "twitter.com/JohnDoe"}},
		{"35-209900-176148-1", Target{Kind: TargetDevice, Value: "352099001761481"}},
	} {
		if keys := IdentifierKeys(tc.query); !slices.Contains(keys, tc.target.Key()) {
			t.Errorf("%q (%v) does not find %s %q (%v)", tc.query, keys, tc.target.Kind, tc.target.Value, tc.target.Key())
		}
	}
	if keys := IdentifierKeys("alice@example.com"); slices.Contains(keys, (Target{Kind: TargetEmail, Value: "alice@example.org"}).Key()) {
		t.Error("another domain matched")
	}
	if IdentifierKeys("  ") != nil {
		t.Error("an empty query has keys")
	}
}
