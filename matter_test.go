package main

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/warrantdesk/warrantdesk/app"
	"github.com/warrantdesk/warrantdesk/app/sampleorders"
)

// The matter commands through the real binary: a preservation and the
// warrant that follows it become one matter, the clock pauses and
// resumes, correspondence is logged, the identifier is seen in both, the
// letters are written and logged, the log and statistics follow.
func TestCLI_MatterClockCorrespondenceAndLetters(t *testing.T) {
	data, outDir := t.TempDir(), t.TempDir()
	orders, err := sampleorders.GenerateMatter(sampleorders.MatterUSPreservation, 31, time.Now().AddDate(0, 0, -30), 21)
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, o := range orders {
		f := filepath.Join(outDir, o.Name+".pdf")
		os.WriteFile(f, o.PDF, 0o600)
		files = append(files, f)
	}
	var ids []string
	for _, f := range files {
		r := run(t, data, "import", "--json", "--no-ocr", f)
		var out struct {
			CaseID string `json:"case_id"`
		}
		if r.code != 0 || json.Unmarshal([]byte(r.stdout), &out) != nil {
			t.Fatalf("import %s: %d %s", f, r.code, r.stderr)
		}
		ids = append(ids, out.CaseID)
	}
	pres, warrant := ids[0], ids[1]

	var shown struct {
		Matter struct {
			ID       string   `json:"id"`
			Linked   []string `json:"linked"`
			Proposed []string `json:"proposed"`
		} `json:"matter"`
		Clock struct {
			Due     *time.Time        `json:"due"`
			State   string            `json:"state"`
			Zone    string            `json:"zone"`
			Changes []app.ClockChange `json:"changes"`
		} `json:"clock"`
	}
	show := func() {
		t.Helper()
		r := run(t, data, "show", "--json", warrant)
		if r.code != 0 || json.Unmarshal([]byte(r.stdout), &shown) != nil {
			t.Fatalf("show --json: %d %s", r.code, r.stderr)
		}
	}
	show()
	if shown.Matter.ID != warrant || len(shown.Matter.Proposed) != 1 || shown.Matter.Proposed[0] != pres || shown.Clock.Due == nil || shown.Clock.Zone == "" {
		t.Fatalf("show --json before linking: %+v", shown)
	}
	if r := run(t, data, "link", warrant, "--reviewer", "Rita Reviewer"); r.code != 2 {
		t.Errorf("link with one case: %d %s", r.code, r.stderr)
	}
	if r := run(t, data, "link", warrant, pres, "--reviewer", "Rita Reviewer"); r.code != 0 || !strings.Contains(r.stdout, "into matter "+pres) {
		t.Fatalf("link: %d %s %s", r.code, r.stdout, r.stderr)
	}
	if r := run(t, data, "link", warrant, pres, "--reviewer", "Rita Reviewer"); r.code != 0 || !strings.Contains(r.stdout, "one matter already") {
		t.Errorf("link again: %d %s", r.code, r.stdout)
	}
	var m struct {
		ID        string `json:"id"`
		ClockCase string `json:"clock_case"`
		Cases     []struct {
			ID    string `json:"id"`
			Clock struct {
				State string `json:"state"`
			} `json:"clock"`
		} `json:"cases"`
		Timeline []app.TimelineEntry `json:"timeline"`
		Letters  []app.MatterItem    `json:"letters"`
	}
	r := run(t, data, "matter", "--json", pres)
	if r.code != 0 || json.Unmarshal([]byte(r.stdout), &m) != nil || m.ID != pres || len(m.Cases) != 2 || m.ClockCase != warrant || m.Cases[0].Clock.State != app.ClockSuperseded || len(m.Timeline) < 4 {
		t.Fatalf("matter --json: %d %s", r.code, r.stdout)
	}
	if r := run(t, data, "matter", warrant); r.code != 0 || !strings.Contains(r.stdout, "timeline") || !strings.Contains(r.stdout, "superseded") {
		t.Errorf("matter: %s", r.stdout)
	}

	// The clock: paused, answered by e-mail, replaced.
	if r := run(t, data, "clock", warrant, "--pause", "clarification asked", "--reviewer", "Rita Reviewer"); r.code != 0 || !strings.Contains(r.stdout, "paused since") {
		t.Fatalf("pause: %d %s %s", r.code, r.stdout, r.stderr)
	}
	if r := run(t, data, "clock", warrant, "--pause", "again", "--reviewer", "R"); r.code != 2 || !strings.Contains(r.stderr, "already paused") {
		t.Errorf("pausing twice: %d %s", r.code, r.stderr)
	}
	if r := run(t, data, "clock", warrant, "--resume", "--pause", "x"); r.code != 2 {
		t.Errorf("two changes at once: %d", r.code)
	}
	mail := filepath.Join(outDir, "answer.eml")
	os.WriteFile(mail, []byte("From: agent@fbi.gov\r\nSubject: Re: your questions\r\nDate: "+time.Now().Format(time.RFC1123Z)+"\r\n\r\nThe first account.\r\n"), 0o600)
	if r := run(t, data, "correspondence", warrant, "--add", mail, "--direction", "in", "--respond-by", "2099-01-31", "--reviewer", "Rita Reviewer"); r.code != 0 || !strings.Contains(r.stdout, "clock: running") {
		t.Fatalf("correspondence: %d %s %s", r.code, r.stdout, r.stderr)
	}
	if r := run(t, data, "correspondence", warrant, "--add", mail, "--direction", "sideways"); r.code != 2 {
		t.Errorf("a direction that is none: %d", r.code)
	}
	if r := run(t, data, "correspondence", warrant, "--add", filepath.Join(data, "missing.eml")); r.code != 2 {
		t.Errorf("a missing file: %d %s", r.code, r.stderr)
	}
	if r := run(t, data, "clock", warrant, "--new-deadline", "next Friday"); r.code != 2 {
		t.Errorf("a deadline that is none: %d", r.code)
	}
	if r := run(t, data, "clock", warrant, "--new-deadline", "2099-03-05 14:00", "--reviewer", "Rita Reviewer"); r.code != 0 {
		t.Fatalf("new deadline: %d %s", r.code, r.stderr)
	}
	show()
	if shown.Clock.State != app.ClockRunning || len(shown.Clock.Changes) != 3 || shown.Clock.Due.Format("2006-01-02 15:04") != "2099-03-05 14:00" ||
		shown.Clock.Changes[0].Action != app.ClockPause || shown.Clock.Changes[1].Action != app.ClockResume || shown.Clock.Changes[2].By != "Rita Reviewer" {
		t.Errorf("clock after the changes: %+v", shown.Clock)
	}

	// Seen, however the identifier is written.
	target := orders[0].Truth.Targets[0].Value
	var seen struct {
		Cases []struct {
			Case string `json:"case"`
		} `json:"cases"`
		Matters []string `json:"matters"`
	}
	if r := run(t, data, "seen", "--json", strings.ToUpper(target)); r.code != 0 || json.Unmarshal([]byte(r.stdout), &seen) != nil || len(seen.Cases) != 2 || len(seen.Matters) != 1 {
		t.Errorf("seen %s: %d %s", target, r.code, r.stdout)
	}

	// Letters: refused before a decision, written and logged after.
	if r := run(t, data, "letter", warrant, "--kind", "thank-you", "--out", filepath.Join(outDir, "x.pdf")); r.code != 2 {
		t.Errorf("an unknown letter: %d", r.code)
	}
	if r := run(t, data, "letter", warrant, "--kind", "production", "--out", filepath.Join(outDir, "x.pdf")); r.code != 2 || !strings.Contains(r.stderr, "decide the case first") {
		t.Errorf("a letter before the decision: %d %s", r.code, r.stderr)
	}
	run(t, data, "decide", warrant, "--decision", "comply", "--notice", "notify", "--reviewer", "Rita Reviewer")
	for _, f := range []string{"production.pdf", "production.docx"} {
		if r := run(t, data, "letter", warrant, "--kind", "production", "--out", filepath.Join(outDir, f), "--reviewer", "Rita Reviewer"); r.code != 0 {
			t.Fatalf("letter %s: %d %s", f, r.code, r.stderr)
		}
	}
	if r := run(t, data, "letter", warrant, "--kind", "production", "--out", filepath.Join(outDir, "production.pdf")); r.code != 2 {
		t.Errorf("a letter over an existing file without --force: %d %s", r.code, r.stderr)
	}
	if r := run(t, data, "letter", warrant, "--kind", "production", "--out", filepath.Join(data, "inside.pdf")); r.code != 2 || !strings.Contains(r.stderr, "data folder") {
		t.Errorf("a letter into the data folder: %d %s", r.code, r.stderr)
	}
	r = run(t, data, "matter", "--json", warrant)
	json.Unmarshal([]byte(r.stdout), &m)
	if len(m.Letters) != 2 || m.Letters[0].Letter != app.LetterProduction || m.Letters[1].Format != "docx" {
		t.Errorf("letters %+v", m.Letters)
	}

	// The decision log and the statistics follow the matter.
	logFile := filepath.Join(outDir, "log.csv")
	if r := run(t, data, "export", "--out", logFile); r.code != 0 {
		t.Fatal(r.stderr)
	}
	b, _ := os.ReadFile(logFile)
	if !strings.Contains(string(b), "matter_id,letters_sent") || !strings.Contains(string(b), pres+",production@") {
		t.Errorf("the log lacks the matter and the letters:\n%s", b)
	}
	var st struct {
		Matters *struct {
			Decided int `json:"decided"`
			Open    int `json:"open"`
		} `json:"matters"`
	}
	if r := run(t, data, "stats", "--json"); r.code != 0 || json.Unmarshal([]byte(r.stdout), &st) != nil || st.Matters == nil || st.Matters.Open != 1 {
		t.Errorf("stats: %s", r.stdout)
	}

	// Retention: nothing goes without a period set; none is due yet.
	if r := run(t, data, "purge", "--dry-run"); r.code != 2 || !strings.Contains(r.stderr, "no retention period is set") {
		t.Errorf("purge without retention: %d %s", r.code, r.stderr)
	}
	if r := run(t, data, "settings", "--retain-content-days", "45", "--retain-record-days", "3650", "--sender", "organisation=Example Mail Inc.", "--json"); r.code != 0 || !strings.Contains(r.stdout, `"content_days": 45`) {
		t.Errorf("retention settings: %d %s %s", r.code, r.stdout, r.stderr)
	}
	if r := run(t, data, "settings", "--sender", "shoe-size=44"); r.code != 2 {
		t.Errorf("an unknown sender field: %d", r.code)
	}
	if r := run(t, data, "purge", "--dry-run"); r.code != 0 || !strings.Contains(r.stdout, "Nothing to purge") {
		t.Errorf("purge --dry-run: %d %s %s", r.code, r.stdout, r.stderr)
	}
	if r := run(t, data, "unlink", warrant, "--reviewer", "Rita Reviewer"); r.code != 0 {
		t.Errorf("unlink: %d %s", r.code, r.stderr)
	}
	if r := run(t, data, "unlink", warrant); r.code != 2 {
		t.Errorf("unlinking a case on its own: %d %s", r.code, r.stderr)
	}
}

// Each letter renders as PDF and DOCX for a real order of ../shared/corpus
// (an NSL with its own text layer) and for EPOCs (a generated one and, where
// the dev set is beside the checkout, a German one written by other hands).
// WARRANTDESK_LETTERS=DIR keeps them there, to look at.
func TestCLI_LettersForARealOrderAndAnEPOC(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) not installed")
	}
	keep := os.Getenv("WARRANTDESK_LETTERS")
	data, outDir := t.TempDir(), t.TempDir()
	out := func(name string) string {
		if keep != "" {
			os.MkdirAll(keep, 0o755)
			return filepath.Join(keep, name)
		}
		return filepath.Join(outDir, name)
	}
	run(t, data, "settings", "--sender", "organisation=Example Mail Inc.", "--sender", "address=1 Example Way; Springfield, CA 94000",
		"--sender", "email=lert@example.com", "--sender", "signatory=Lee Counsel", "--sender", "title=Director, Legal Process",
		"--conflict-of-law", "law=Stored Communications Act (United States)", "--conflict-of-law", "provisions=18 U.S.C. § 2702(a)",
		"--conflict-of-law", "interest=fundamental_rights", "--conflict-of-law", "interest-detail=privacy of the users' communications")
	nsl := importOne(t, data, corpusFile(t, "nsl-2014-facebook-14-379426.pdf"))
	letters := []struct {
		decide []string
		kind   string
		want   []string
	}{
		{[]string{"--decision", "clarify", "--ground", app.GroundIDs, "--note", "Please confirm the account's user ID."}, "clarification", []string{"Request for clarification", "NSL-14-379426", "Please confirm the account's user ID."}},
		{[]string{"--decision", "comply"}, "production", []string{"Production of records", "National Security Letter NSL-14-379426", "Federal Bureau of Investigation", "Lee Counsel"}},
		{[]string{"--decision", "reject", "--ground", app.GroundEntity}, "rejection", []string{"not produced", "Addressed to another entity"}},
	}
	for i, l := range letters {
		// A decided case is read-only: each new decision reopens it.
		if i > 0 {
			if r := run(t, data, "reopen", nsl, "--reason", "another letter", "--reviewer", "Rita Reviewer"); r.code != 0 {
				t.Fatalf("reopen: %s", r.stderr)
			}
		}
		if r := run(t, data, append([]string{"decide", nsl, "--reviewer", "Rita Reviewer"}, l.decide...)...); r.code != 0 {
			t.Fatalf("decide: %s", r.stderr)
		}
		for _, f := range []string{"pdf", "docx"} {
			file := out("nsl-" + l.kind + "." + f)
			if r := run(t, data, "letter", nsl, "--kind", l.kind, "--out", file, "--reviewer", "Rita Reviewer", "--force"); r.code != 0 {
				t.Fatalf("%s %s: %s", l.kind, f, r.stderr)
			}
			checkLetter(t, file, l.want)
		}
	}
	// The NSL's gag has no end: no notice to the user.
	run(t, data, "reopen", nsl, "--reason", "the notice", "--reviewer", "Rita Reviewer")
	if r := run(t, data, "decide", nsl, "--decision", "comply", "--notice", "delayed", "--reviewer", "Rita Reviewer"); r.code != 0 {
		t.Fatalf("decide: %s", r.stderr)
	}
	if r := run(t, data, "letter", nsl, "--kind", "user-notice", "--out", out("x.pdf")); r.code != 2 || !strings.Contains(r.stderr, "states no end") {
		t.Errorf("a notice under a gag without end: %d %s", r.code, r.stderr)
	}

	epocs := []string{}
	orders, _ := sampleorders.GenerateMatter(sampleorders.MatterEUPreservation, 41, time.Now().AddDate(0, 0, -3), 2)
	gen := filepath.Join(outDir, "epoc.pdf")
	os.WriteFile(gen, orders[1].PDF, 0o600)
	epocs = append(epocs, gen)
	if dev := filepath.Join("..", "shared", "devset", "intl", "orders", "ib01.pdf"); fileExists(dev) {
		epocs = append(epocs, dev)
	}
	for i, f := range epocs {
		id := importOne(t, data, f)
		run(t, data, "decide", id, "--decision", "reject", "--ground", "data_not_held", "--ground", app.GroundForeign, "--note", "The account was deleted before the order arrived.", "--reviewer", "Rita Reviewer")
		for _, ext := range []string{"pdf", "docx"} {
			file := out("epoc" + string(rune('1'+i)) + "-annex-iii." + ext)
			if r := run(t, data, "letter", id, "--kind", "eu-non-execution", "--out", file, "--reviewer", "Rita Reviewer", "--force"); r.code != 0 {
				t.Fatalf("Annex III for %s: %s", f, r.stderr)
			}
			checkLetter(t, file, []string{"SECTION A", "SECTION B", "SECTION C", "SECTION D", "SECTION E", "SECTION F", "SECTION G", "SECTION H",
				"☒ European Production Order Certificate", "☒ the data requested is not stored", "☒ compliance would conflict", "Stored Communications Act", "Lee Counsel"})
		}
	}
}

func importOne(t *testing.T, data, file string) string {
	t.Helper()
	r := run(t, data, "import", "--json", "--no-ocr", file)
	var out struct {
		CaseID string `json:"case_id"`
	}
	if r.code != 0 || json.Unmarshal([]byte(r.stdout), &out) != nil || out.CaseID == "" {
		t.Fatalf("import %s: %d %s %s", file, r.code, r.stdout, r.stderr)
	}
	return out.CaseID
}

func fileExists(p string) bool { _, err := os.Stat(p); return err == nil }

// checkLetter reads the letter's text back (pdftotext, or the DOCX's
// document part) and looks for each of want.
func checkLetter(t *testing.T, file string, want []string) {
	t.Helper()
	var text string
	if strings.HasSuffix(file, ".pdf") {
		b, err := exec.Command("pdftotext", "-enc", "UTF-8", file, "-").Output()
		if err != nil {
			t.Fatalf("pdftotext %s: %v", file, err)
		}
		text = string(b)
	} else {
		z, err := zip.OpenReader(file)
		if err != nil {
			t.Fatalf("%s is no DOCX: %v", file, err)
		}
		for _, f := range z.File {
			if f.Name == "word/document.xml" {
				r, _ := f.Open()
				var b bytes.Buffer
				b.ReadFrom(r)
				r.Close()
				text = strings.NewReplacer("</w:t>", "", "<w:br/>", " ").Replace(b.String())
				text = stripTags(text)
			}
		}
		z.Close()
	}
	text = strings.Join(strings.Fields(text), " ")
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("%s lacks %q", filepath.Base(file), w)
		}
	}
}

func stripTags(s string) string {
	var b strings.Builder
	in := false
	for _, r := range s {
		switch {
		case r == '<':
			in = true
		case r == '>':
			in = false
		case !in:
			b.WriteRune(r)
		}
	}
	return strings.NewReplacer("&amp;", "&", "&#39;", "'", "&quot;", `"`, "&lt;", "<", "&gt;", ">").Replace(b.String())
}
