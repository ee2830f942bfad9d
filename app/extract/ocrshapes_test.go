package extract

import "testing"

func TestRepairOCRShapes_UndoesMisreadsTheShapeProves(t *testing.T) {
	for in, want := range map[string]string{
		"annika.lowenthal@usdoj.example.qov":              "annika.lowenthal@usdoj.example.gov",
		"write to j.roe@fbi.qov. Thank you":               "write to j.roe@fbi.gov. Thank you",
		"mail ops@provider.corn, or call":                 "mail ops@provider.com, or call",
		"Vantalink ID: pinecrest .tack@vantalink.example": "Vantalink ID: pinecrest.tack@vantalink.example",
		"Case No. 5:26-xr-9061 1-ALM":                     "Case No. 5:26-xr-90611-ALM",
		"Case No. 3:26-mc-006 12 filed":                   "Case No. 3:26-mc-00612 filed",
		"/s/ Wendell 0. Pryce":                            "/s/ Wendell O. Pryce",
	} {
		if got := repairOCRShapes(in); got != want {
			t.Errorf("repairOCRShapes(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestRepairOCRShapes_LeavesWhatNoShapeProves(t *testing.T) {
	for _, in := range []string{
		"the corn harvest at qov.example.org",   // no e-mail
		"ops@qov.example.org",                   // a label, not the domain's last
		"ops@provider.corn.example",             // another label follows
		"He stopped. .tack is not a word",       // no @ after it
		"Case No. 1:25-cr-00123 2026 was filed", // a whole sequence, then a year
		"Case No. 5:26-xr-906 1 and 2",          // parts make four digits
		"Exhibit 0 of 12",                       // no initial's shape
		"a balance of 0. Then",                  // no name before it
	} {
		if got := repairOCRShapes(in); got != in {
			t.Errorf("repairOCRShapes(%q) = %q, want it unchanged", in, got)
		}
	}
}
