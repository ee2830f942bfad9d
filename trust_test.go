package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The trust record through the command line, as docs/cli.md states it: a
// refused emergency disclosure exits 1 with its reason, a verified one
// waits for a second reviewer, whose approval the memo and show --json
// carry.
func TestCLI_EmergencyDisclosureVerificationAndApproval(t *testing.T) {
	dir, orders := writeSamples(t, 7) // the seventh is an emergency request
	data := t.TempDir()
	if r := run(t, data, "import", "--no-ocr", filepath.Join(dir, orders[6].Name+".pdf")); r.code != 0 {
		t.Fatalf("import: %+v", r)
	}
	var list []struct{ ID string }
	json.Unmarshal([]byte(run(t, data, "list", "--json").stdout), &list)
	id := list[0].ID

	r := run(t, data, "settings", "--add-reviewer", "Ann Lee", "--add-reviewer", "Ben Okafor",
		"--add-agency-contact", "Springfield Police Department|springfield-pd.example|+1 217 555 0100")
	if r.code != 0 || !strings.Contains(r.stdout, "Ann Lee; Ben Okafor") || !strings.Contains(r.stdout, "+12175550100") {
		t.Fatalf("settings: %+v", r)
	}
	r = run(t, data, "decide", id, "--decision", "comply", "--reviewer", "Ann Lee")
	if r.code != 1 || !strings.Contains(r.stderr, "emergency request: record how the requester was verified before disclosing (--verified-via)") {
		t.Fatalf("unverified emergency disclosure: %+v", r)
	}
	if r = run(t, data, "decide", id, "--decision", "comply", "--reviewer", "Carla Diaz", "--verified-via", "callback", "--verified-contact", "+1 217 555 0100"); r.code != 2 || !strings.Contains(r.stderr, "not on the reviewers list") {
		t.Fatalf("a reviewer not on the list: %+v", r)
	}
	if r = run(t, data, "decide", id, "--decision", "comply", "--verified-via", "fax", "--verified-contact", "x"); r.code != 2 {
		t.Fatalf("unknown method: %+v", r)
	}
	if r = run(t, data, "decide", id, "--decision", "comply", "--verified-via", "callback"); r.code != 2 || !strings.Contains(r.stderr, "--verified-contact") {
		t.Fatalf("method without contact: %+v", r)
	}
	r = run(t, data, "decide", id, "--decision", "comply", "--reviewer", "ann lee", "--verified-via", "callback", "--verified-contact", "+1 217 555 0100")
	if r.code != 0 || !strings.Contains(r.stdout, "awaiting a second reviewer's approval") {
		t.Fatalf("verified disclosure: %+v", r)
	}
	memo := filepath.Join(t.TempDir(), "memo.md")
	if r = run(t, data, "memo", id, "--out", memo); r.code != 1 || !strings.Contains(r.stderr, "approval") {
		t.Fatalf("final memo before approval: %+v", r)
	}
	if r = run(t, data, "approve", id); r.code != 2 {
		t.Fatalf("approve without --reviewer: %+v", r)
	}
	if r = run(t, data, "approve", id, "--reviewer", "Ben Okafor", "--send-back"); r.code != 2 {
		t.Fatalf("send back without a note: %+v", r)
	}
	if r = run(t, data, "approve", id, "--reviewer", "Ann Lee"); r.code != 2 || !strings.Contains(r.stderr, "second reviewer") {
		t.Fatalf("self-approval: %+v", r)
	}
	if r = run(t, data, "approve", id, "--reviewer", "Ben Okafor"); r.code != 0 {
		t.Fatalf("approve: %+v", r)
	}
	if r = run(t, data, "memo", id, "--out", memo); r.code != 0 {
		t.Fatalf("memo: %+v", r)
	}
	md, _ := os.ReadFile(memo)
	if !strings.Contains(string(md), "approved by Ben Okafor") || !strings.Contains(string(md), "callback via +1 217 555 0100") {
		t.Errorf("memo:\n%s", md)
	}
	var show struct {
		Status       string
		Verification *struct{ Method, Contact, Outcome, By string }
		Approval     *struct {
			State, Reviewer string
			DecidedBy       string `json:"decided_by"`
		}
		Findings []struct {
			Rule     string
			Blocking bool
		}
	}
	if err := json.Unmarshal([]byte(run(t, data, "show", "--json", id).stdout), &show); err != nil {
		t.Fatal(err)
	}
	if show.Status != "decided" || show.Verification == nil || show.Verification.Method != "callback" || show.Verification.By != "Ann Lee" ||
		show.Approval == nil || show.Approval.State != "approved" || show.Approval.Reviewer != "Ben Okafor" || show.Approval.DecidedBy != "Ann Lee" {
		t.Errorf("show --json: %+v %+v %+v", show, show.Verification, show.Approval)
	}
}

// A fake request's blocking check is resolved on the command line with a
// reason; the directory imports from CSV.
func TestCLI_ResolveAndImportContacts(t *testing.T) {
	dir, orders := writeSamples(t, 20) // the twentieth is the free-mail "police" emergency
	data := t.TempDir()
	if r := run(t, data, "import", "--no-ocr", filepath.Join(dir, orders[19].Name+".pdf")); r.code != 0 {
		t.Fatalf("import: %+v", r)
	}
	var list []struct{ ID string }
	json.Unmarshal([]byte(run(t, data, "list", "--json").stdout), &list)
	id := list[0].ID
	if r := run(t, data, "show", id); !strings.Contains(r.stdout, "critical (blocking) free-mail-sender") {
		t.Fatalf("show: %s", r.stdout)
	}
	r := run(t, data, "decide", id, "--decision", "narrow", "--verified-via", "in-person", "--verified-contact", "front desk, badge seen")
	if r.code != 1 || !strings.Contains(r.stderr, "free-mail-sender") || !strings.Contains(r.stderr, "(--resolve RULE=REASON)") {
		t.Fatalf("blocked by free mail: %+v", r)
	}
	if r = run(t, data, "decide", id, "--decision", "narrow", "--resolve", "free-mail-sender"); r.code != 2 {
		t.Fatalf("--resolve without a reason: %+v", r)
	}
	if r = run(t, data, "decide", id, "--decision", "narrow", "--resolve", "free-mail-sender=officer seen in person with his warrant card"); r.code != 0 {
		t.Fatalf("resolved: %+v", r)
	}
	csv := filepath.Join(t.TempDir(), "contacts.csv")
	os.WriteFile(csv, []byte("agency,domains,switchboard,verified by,verified on\nDrug Enforcement Administration,dea.gov,+1 202 307 1000,Ann Lee,2026-02-01\n"), 0o600)
	if r = run(t, data, "settings", "--import-contacts", csv, "--json"); r.code != 0 || !strings.Contains(r.stdout, `"agency": "Drug Enforcement Administration"`) {
		t.Fatalf("import contacts: %+v", r)
	}
	if r = run(t, data, "settings", "--add-agency-contact", "DEA|dea.gov"); r.code != 2 {
		t.Fatalf("a contact without its phone part: %+v", r)
	}
}
