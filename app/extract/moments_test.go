package extract

import (
	"strings"
	"testing"

	"github.com/warrantdesk/warrantdesk/app"
)

func TestMoments_TimesOrdersGiveForThemselves(t *testing.T) {
	for _, tc := range []struct {
		text, kind, wall, zone string
	}{
		{"From: Sgt. Roe\nSent: Tuesday, March 3, 2026 2:05 PM\nTo: Response Team\nSubject: EMERGENCY", app.MomentSent, "2026-03-03T14:05:00", ""},
		{"Date: Tue, 3 Mar 2026 14:05:09 -0500\nFrom: police@example.gov\n\nEmergency disclosure request", app.MomentSent, "2026-03-03T14:05:09", "-0500"},
		{"EUROPEAN PRODUCTION ORDER CERTIFICATE\nDate and time of receipt: 12.03.2026, 09:14 CET", app.MomentReceived, "2026-03-12T09:14:00", "CET"},
		{"Received on: 2026-03-12 at 09:14 (UTC+1)", app.MomentReceived, "2026-03-12T09:14:00", "UTC+1"},
		{"SEARCH AND SEIZURE WARRANT\nDate and time issued: 06/10/2026 2:41 pm", app.MomentIssued, "2026-06-10T14:41:00", ""},
		{"Date and time issued: July 28, 2026, 10:02 a.m.", app.MomentIssued, "2026-07-28T10:02:00", ""},
		{"OVERSEAS PRODUCTION ORDER\nServed on: 4 March 2026 at 10:30 GMT", app.MomentServed, "2026-03-04T10:30:00", "GMT"},
		{"Time sent: 21h05, 13/10/2026", app.MomentSent, "2026-10-13T21:05:00", ""},
		{"Sent: 12:00 AM Monday, March 2, 2026", app.MomentSent, "2026-03-02T00:00:00", ""},
	} {
		ex := extractText(tc.text)
		var got *app.Moment
		for i, m := range ex.Moments {
			if m.Kind == tc.kind {
				got = &ex.Moments[i]
			}
		}
		if got == nil || got.Wall != tc.wall || got.Zone != tc.zone || got.Page != 1 || got.Snippet == "" {
			t.Errorf("%q: %+v", tc.text, ex.Moments)
		}
	}
	for _, text := range []string{
		"Date: March 3, 2026\nYou are commanded to produce records.",     // a date without a time
		"Received: the records requested will be sent in 10 days.",       // no date
		"Date and time issued: 06/10/2026\nAt 10:30 the court convened.", // the time belongs elsewhere
	} {
		if ex := extractText(text); len(ex.Moments) != 0 {
			t.Errorf("%q: %+v", text, ex.Moments)
		}
	}
}

func TestPriorRefs_WhatAnOrderSaysOfEarlierProcess(t *testing.T) {
	ex := extractText("UNITED STATES DISTRICT COURT\nCase No. 1:26-mj-00042\nSEARCH AND SEIZURE WARRANT\nThe accounts were preserved pursuant to 18 U.S.C. § 2703(f) at the request of the FBI (preservation reference 2026-FBI-000123).")
	if len(ex.Prior) != 1 || ex.Prior[0].Kind != app.PriorPreservation || !contains(ex.Prior[0].Numbers, "2026-FBI-000123") || contains(ex.Prior[0].Numbers, "1:26-mj-00042") {
		t.Fatalf("prior %+v", ex.Prior)
	}
	ex = extractText("EUROPEAN PRODUCTION ORDER CERTIFICATE (EPOC)\nSECTION A: Issuing authority\nFile number of the issuing authority: DE/2026/00077\nSECTION D: Relationship to other production/preservation orders\n[X] The data have been preserved under an EPOC-PR issued on 02.03.2026 (reference PR-DE-2026-0042).")
	if len(ex.Prior) != 1 || !contains(ex.Prior[0].Numbers, "PR-DE-2026-0042") || contains(ex.Prior[0].Numbers, "02.03.2026") {
		t.Errorf("a ticked EPOC-PR: %+v", ex.Prior)
	}
	for _, text := range []string{
		"EUROPEAN PRODUCTION ORDER CERTIFICATE (EPOC)\nSECTION D: Relationship to other production/preservation orders\n[ ] The data have been preserved under an EPOC-PR (see details):",
		"EUROPEAN PRODUCTION ORDER CERTIFICATE (EPOC)\n[X] The data sought have not been preserved under a European Preservation Order.",
		"EUROPEAN PRESERVATION ORDER CERTIFICATE (EPOC-PR)\nThe data shall be preserved for 60 days.",
		"Re: Preservation request under 18 U.S.C. § 2703(f)\nPursuant to Section 2703(f), this letter is a formal request for the preservation of records.",
	} {
		for _, p := range extractText(text).Prior {
			if p.Kind == app.PriorPreservation {
				t.Errorf("%q: %+v", text, p)
			}
		}
	}
	renewal := extractText("Re: Preservation request under 18 U.S.C. § 2703(f)\nThis is a request to extend the preservation made under our previous request, reference 2026-FBI-000123, for a further 90 days.")
	if len(renewal.Prior) == 0 || renewal.Prior[0].Kind != app.PriorRequest || !contains(renewal.Prior[0].Numbers, "2026-FBI-000123") {
		t.Errorf("a renewal: %+v", renewal.Prior)
	}
}

func contains(list []string, s string) bool {
	for _, l := range list {
		if strings.EqualFold(l, s) {
			return true
		}
	}
	return false
}
