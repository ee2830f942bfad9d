package casework

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/warrantdesk/warrantdesk/app"
	"github.com/warrantdesk/warrantdesk/app/sampleorders"
)

// The generated orders newService imports, by position (sampleorders'
// template order).
const (
	genuineEmergency = 6
	fakeEmergency    = 19
	searchWarrant    = 0
)

// An emergency disclosure cannot be decided without a verification; once
// verified it waits for a second reviewer, whose approval alone makes the
// memo final.
func TestService_EmergencyDisclosureNeedsVerificationAndApproval(t *testing.T) {
	s, _, ids := newService(t, genuineEmergency+1)
	ctx := context.Background()
	id := ids[genuineEmergency]
	comply := app.Decision{Outcome: app.Comply, Reviewer: "Ann Lee"}

	_, err := s.Decide(ctx, id, comply)
	if app.ErrorCode(err) != app.EBLOCKED || !errors.Is(err, app.ErrUnverified) || !strings.Contains(app.ErrorMessage(err), "record how the requester was verified") {
		t.Fatalf("unverified emergency disclosure: %v", err)
	}
	if c, _ := s.Case(ctx, id); c.Decision != nil {
		t.Fatal("a refused decision was stored")
	}
	// Refusing or asking is never blocked.
	if _, err := s.Decide(ctx, id, app.Decision{Outcome: app.Clarify, Reviewer: "Ann Lee"}); err != nil {
		t.Fatalf("clarify: %v", err)
	}
	// A decided case is read-only: nothing is recorded on it until it is
	// reopened.
	v := app.Verification{Method: app.VerifyCallback, Contact: "+1 202 555 0100", Outcome: app.VerifyConfirmed, By: "Ann Lee"}
	if _, err := s.RecordVerification(ctx, id, v); !errors.Is(err, app.ErrDecided) {
		t.Fatalf("verification on a decided case: %v", err)
	}
	if _, err := s.Reopen(ctx, id, "ann lee", "the agency called back with the danger stated"); err != nil {
		t.Fatal(err)
	}
	// A failed verification does not unblock.
	if _, err := s.RecordVerification(ctx, id, app.Verification{Method: app.VerifyCallback, Contact: "+1 202 555 0100", Outcome: app.VerifyNotConfirmed, By: "Ann Lee"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Decide(ctx, id, comply); !errors.Is(err, app.ErrUnverified) || !strings.Contains(app.ErrorMessage(err), "did not confirm") {
		t.Fatalf("after a failed verification: %v", err)
	}
	c, err := s.RecordVerification(ctx, id, app.Verification{Method: app.VerifyCallback, Contact: "+1 202 555 0100", Outcome: app.VerifyConfirmed, By: "Ann Lee"})
	if err != nil || c.Verification.At != now || c.History[len(c.History)-1].Action != "verified requester" {
		t.Fatalf("verification: %+v %v", c.Verification, err)
	}
	if c, err = s.Decide(ctx, id, comply); err != nil || c.Status != app.StatusAwaitingApproval || c.Approval.State != app.ApprovalPending || c.Approval.DecidedBy != "Ann Lee" {
		t.Fatalf("verified disclosure: %+v %v", c, err)
	}

	dir := t.TempDir()
	final, draft := filepath.Join(dir, "final.md"), filepath.Join(dir, "draft.md")
	if err := s.ExportMemo(ctx, id, final, "", false); !errors.Is(err, app.ErrAwaitApproval) || app.ErrorCode(err) != app.EBLOCKED {
		t.Fatalf("final memo before approval: %v", err)
	}
	if _, err := os.Stat(final); err == nil {
		t.Fatal("a final memo was written before approval")
	}
	if n, _ := s.ExportMemos(ctx, dir, "md", now.AddDate(0, 0, -1), now.AddDate(0, 0, 1), false, func(c *app.Case, err error) {
		if !errors.Is(err, app.ErrAwaitApproval) {
			t.Errorf("memo --all: %v", err)
		}
	}); n != 0 {
		t.Errorf("memo --all wrote %d memos of a case awaiting approval", n)
	}
	if err := s.ExportDraftMemo(ctx, id, draft, "", false); err != nil {
		t.Fatal(err)
	}
	md, _ := os.ReadFile(draft)
	for _, want := range []string{"DRAFT — NOT FINAL", "callback via +1 202 555 0100; outcome: confirmed; by Ann Lee", "awaiting a second reviewer's approval"} {
		if !strings.Contains(string(md), want) {
			t.Errorf("draft memo lacks %q", want)
		}
	}

	if _, err := s.Approve(ctx, id, "ann lee"); !errors.Is(err, app.ErrSameReviewer) {
		t.Fatalf("self-approval: %v", err)
	}
	if c, err = s.Approve(ctx, id, "Ben Okafor"); err != nil || c.Status != app.StatusDecided || !c.Final() || c.Approval.Reviewer != "Ben Okafor" {
		t.Fatalf("approval: %+v %v", c, err)
	}
	if _, err := s.Approve(ctx, id, "Carla Diaz"); !errors.Is(err, app.ErrNoApproval) {
		t.Errorf("a second approval: %v", err)
	}
	if err := s.ExportMemo(ctx, id, final, "", false); err != nil {
		t.Fatal(err)
	}
	md, _ = os.ReadFile(final)
	for _, want := range []string{"approved by Ben Okafor", "decided by Ann Lee", "Requester verified:** callback"} {
		if !strings.Contains(string(md), want) {
			t.Errorf("final memo lacks %q", want)
		}
	}
	if strings.Contains(string(md), "DRAFT") {
		t.Error("the final memo is marked draft")
	}
}

// A fake request's blocking checks hold a disclosure until resolved with
// a reason; the verification check cannot be resolved with words.
func TestService_BlockingChecksAreResolvedWithAReason(t *testing.T) {
	s, _, ids := newService(t, fakeEmergency+1)
	ctx := context.Background()
	id := ids[fakeEmergency]
	if _, err := s.RecordVerification(ctx, id, app.Verification{Method: app.VerifyPortal, Contact: "agency portal", Outcome: app.VerifyConfirmed, By: "Ann Lee"}); err != nil {
		t.Fatal(err)
	}
	comply := app.Decision{Outcome: app.Comply, Reviewer: "Ann Lee"}
	_, err := s.Decide(ctx, id, comply)
	if !errors.Is(err, app.ErrBlocked) || !strings.Contains(app.ErrorMessage(err), "free-mail-sender") {
		t.Fatalf("free-mail sender: %v", err)
	}
	if _, err := s.Resolve(ctx, id, "requester-unverified", "trust me", "Ann Lee"); app.ErrorCode(err) != app.EINVALID {
		t.Errorf("resolving the verification check with words: %v", err)
	}
	if _, err := s.Resolve(ctx, id, "no-such-check", "x", "Ann Lee"); !errors.Is(err, ErrUnknownRule) {
		t.Errorf("unknown check: %v", err)
	}
	if _, err := s.Resolve(ctx, id, "free-mail-sender", "", "Ann Lee"); !errors.Is(err, app.ErrNoReason) {
		t.Errorf("no reason: %v", err)
	}
	if _, err := s.Resolve(ctx, id, "free-mail-sender", "the department's mail server is down; confirmed by its watch commander on the switchboard", "Ann Lee"); err != nil {
		t.Fatal(err)
	}
	c, err := s.Decide(ctx, id, comply)
	if err != nil || c.Decision == nil {
		t.Fatalf("after resolving: %v", err)
	}
	fs, _ := s.Findings(ctx, c)
	for _, f := range fs {
		if f.Rule == "free-mail-sender" && (f.Resolution == nil || f.Resolution.By != "Ann Lee") {
			t.Errorf("the finding does not carry its resolution: %+v", f)
		}
	}
}

// Reviewers come from the settings' list, spelled as it spells them; a
// sent-back decision returns as the draft with the note.
func TestService_ReviewersListAndSendBack(t *testing.T) {
	s, _, ids := newService(t, searchWarrant+1)
	ctx := context.Background()
	settings, _ := s.Settings(ctx)
	settings.Reviewers = []string{"Ann Lee", "Ben Okafor"}
	if _, err := s.SaveSettings(ctx, settings); err != nil {
		t.Fatal(err)
	}
	id := ids[searchWarrant]
	if _, err := s.Decide(ctx, id, app.Decision{Outcome: app.Challenge, Reviewer: "Carla Diaz"}); !errors.Is(err, app.ErrUnknownReviewer) {
		t.Fatalf("a reviewer not on the list: %v", err)
	}
	c, err := s.Decide(ctx, id, app.Decision{Outcome: app.Challenge, Reviewer: "ann LEE", Note: "overbroad"})
	if err != nil || c.Decision.Reviewer != "Ann Lee" || c.Status != app.StatusAwaitingApproval || c.Approval.Reason != "a challenge to the order" {
		t.Fatalf("challenge: %+v %v", c, err)
	}
	if _, err := s.SendBack(ctx, id, "Ben Okafor", " "); !errors.Is(err, app.ErrNoReason) {
		t.Errorf("send back without a note: %v", err)
	}
	if c, err = s.SendBack(ctx, id, "ben okafor", "narrow it instead"); err != nil || c.Status != app.StatusInReview || c.Decision != nil || c.Draft == nil || c.Draft.Outcome != app.Challenge || c.Approval.State != app.ApprovalSentBack || c.Approval.Note != "narrow it instead" {
		t.Fatalf("sent back: %+v %v", c, err)
	}
	// With the trigger off, a challenge closes at once.
	settings.ApprovalOff = []string{app.ApproveChallenge}
	if _, err := s.SaveSettings(ctx, settings); err != nil {
		t.Fatal(err)
	}
	if c, err = s.Decide(ctx, id, app.Decision{Outcome: app.Challenge, Reviewer: "Ann Lee"}); err != nil || c.Status != app.StatusDecided {
		t.Fatalf("challenge with the trigger off: %+v %v", c.Status, err)
	}
}

// A directory imports from CSV whole, or not at all.
func TestService_ImportContacts(t *testing.T) {
	s, _, _ := newService(t, 0)
	ctx := context.Background()
	dir := t.TempDir()
	good := filepath.Join(dir, "good.csv")
	os.WriteFile(good, []byte("Agency,Domains,Switchboard numbers,Verified by,Verified on\n"+
		"Federal Bureau of Investigation,fbi.gov; ic.fbi.gov,+1 202 324 3000,Ann Lee,2026-01-05\n"+
		"Springfield Police Department,springfield-pd.example,(217) 555-0100,Ben Okafor,2026-02-01\n"), 0o600)
	st, n, err := s.ImportContacts(ctx, good)
	if err != nil || n != 2 || len(st.AgencyContacts) != 2 || st.AgencyContacts[1].Phones[0] != "+12175550100" || len(st.AgencyContacts[0].Domains) != 2 {
		t.Fatalf("import: %d %+v %v", n, st.AgencyContacts, err)
	}
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("agency,domains,phones\nDEA,dea.gov,+1 202 307 1000\nNo Phone Or Domain,,\n"), 0o600)
	if _, _, err := s.ImportContacts(ctx, bad); app.ErrorCode(err) != app.EINVALID || !strings.Contains(app.ErrorMessage(err), "line 3") {
		t.Fatalf("bad row: %v", err)
	}
	if st, _ := s.Settings(ctx); len(st.AgencyContacts) != 2 {
		t.Errorf("a bad file changed the directory: %+v", st.AgencyContacts)
	}
	if _, _, err := s.ImportContacts(ctx, filepath.Join(dir, "missing.csv")); app.ErrorCode(err) != app.EINVALID {
		t.Errorf("missing file: %v", err)
	}
}

// trustRules are the checks issue 16 added, less the two that fire by
// design on every genuine emergency request (requester-unverified: the
// verification gate) or agent's direct line (phone-not-in-directory).
var trustRules = []string{
	"free-mail-sender", "look-alike-domain", "mixed-script-domain", "gov-subdomain", "domain-not-in-directory",
	"reply-to-differs", "urgency-without-danger", "emergency-content", "no-officer-identified", "court-without-docket",
	"signature-letterhead-mismatch", "unknown-court", "judge-not-in-signature", "epoc-authority", "calecpa-notice",
	"shield-law", "ca-attestation", "uk-opo-service", "callback-not-independent",
}

// On the generated orders the fake requests raise the signs their truth
// lists, and the genuine ones raise none of the trust checks — with an
// empty directory and with one that knows the genuine agencies' domains.
func TestService_FakeSamplesCaughtGenuineSamplesClean(t *testing.T) {
	s, _, _ := newService(t, 0)
	ctx := context.Background()
	orders, err := sampleorders.GenerateAround(17, 44, now)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	truth := map[string]sampleorders.Truth{}
	for _, o := range orders {
		f := filepath.Join(dir, o.Name+".pdf")
		os.WriteFile(f, o.PDF, 0o600)
		for _, out := range s.Import(ctx, []string{f}, ImportOptions{}, nil) {
			if out.Err != nil {
				t.Fatal(out.Err)
			}
			truth[out.CaseIDs[0]] = o.Truth
		}
	}
	directory := []app.AgencyContact{{Agency: "Federal Bureau of Investigation", Domains: []string{"fbi.gov"}}, {Agency: "Drug Enforcement Administration", Domains: []string{"dea.gov"}},
		{Agency: "Homeland Security Investigations", Domains: []string{"ice.dhs.gov"}}, {Agency: "United States Secret Service", Domains: []string{"usss.dhs.gov"}}}
	for _, withDirectory := range []bool{false, true} {
		settings := app.Settings{}
		if withDirectory {
			settings.AgencyContacts = directory
		}
		if _, err := s.SaveSettings(ctx, settings); err != nil {
			t.Fatal(err)
		}
		cases, _ := s.Cases(ctx)
		fakes := 0
		for _, c := range cases {
			fs, err := s.Findings(ctx, c)
			if err != nil {
				t.Fatal(err)
			}
			raised := map[string]bool{}
			for _, f := range fs {
				raised[f.Rule] = true
			}
			tr := truth[c.ID]
			if len(tr.FakeSigns) > 0 {
				fakes++
				for _, sign := range tr.FakeSigns {
					if !raised[sign] {
						t.Errorf("directory %v: %s: the fake's sign %s was not raised (raised %v)", withDirectory, c.Order.FileName, sign, raised)
					}
				}
				continue
			}
			for _, r := range trustRules {
				if raised[r] {
					t.Errorf("directory %v: %s: %s raised on a genuine order", withDirectory, c.Order.FileName, r)
				}
			}
		}
		if fakes != 6 {
			t.Errorf("%d fakes among the generated orders, want 6", fakes)
		}
	}
}
