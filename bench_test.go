package main

import (
	"encoding/json"
	"testing"
)

// TestCLI_BenchPrintsOneObject: `bench --cases N --json` builds a store of N
// cases and prints one object with the figures and their references.
func TestCLI_BenchPrintsOneObject(t *testing.T) {
	r := run(t, t.TempDir(), "bench", "--cases", "60", "--bases", "19", "--json")
	if r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	var got struct {
		Cases    int `json:"cases"`
		SearchMS *struct {
			P50 float64 `json:"p50"`
			P99 float64 `json:"p99"`
			N   int     `json:"keystrokes"`
		} `json:"search_ms"`
		LaunchMS  float64 `json:"launch_ms"`
		RSSMB     float64 `json:"rss_mb"`
		ListMS    float64 `json:"list_ms"`
		Reference *struct {
			SearchTrigramMS *struct{ P99 float64 } `json:"search_trigram_ms"`
			CatDBMS         float64                `json:"cat_db_ms"`
		} `json:"reference"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
		t.Fatalf("%v\n%s", err, r.stdout)
	}
	if got.Cases != 60 || got.SearchMS == nil || got.SearchMS.N == 0 || got.SearchMS.P99 < got.SearchMS.P50 ||
		got.LaunchMS <= 0 || got.ListMS <= 0 || got.Reference == nil || got.Reference.SearchTrigramMS == nil {
		t.Errorf("bench object lacks figures:\n%s", r.stdout)
	}
	if got.RSSMB <= 0 {
		t.Logf("no resident memory figure on this OS:\n%s", r.stdout)
	}
}
