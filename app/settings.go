package app

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// Settings are the reviewer's organisation's own facts the review checks
// need: the names it is served under, and its enterprise customers, whose
// data requests should go to the customer first.
type Settings struct {
	// ProviderNames are names legal process addresses the provider by
	// ("Example Mail Inc."); an order addressed to none of them may have
	// been served on the wrong entity. Empty: the check is off.
	ProviderNames []string `json:"provider_names,omitempty"`
	// ProviderState is the US state (two letters) where the provider is
	// located, or ""; state process from another state is then flagged.
	ProviderState string `json:"provider_state,omitempty"`
	// EnterpriseDomains are e-mail domains of enterprise customers
	// ("acme.com" also covers "eu.acme.com").
	EnterpriseDomains []string `json:"enterprise_domains,omitempty"`
	// EnterpriseAccounts are account IDs or user names of enterprise
	// customers' accounts.
	EnterpriseAccounts []string `json:"enterprise_accounts,omitempty"`
	// Reviewers are the people who decide and approve. When the list is
	// not empty, every decision, verification and approval names one of
	// them (Settings.Reviewer), so the audit never holds a typo for a
	// name; the desk asks which of them is working.
	Reviewers []string `json:"reviewers,omitempty"`
	// TrustSettings are the directory of verified agency contacts and
	// courts, and the two-person rule (trustsettings.go).
	TrustSettings
	// MemoFolder is where the desk writes memos ("": the default,
	// Documents/WarrantDesk memos in the user's home). Never a folder
	// orders are imported from, where a memo would come back as an order.
	MemoFolder string `json:"memo_folder,omitempty"`
	// ImportFolders are the folders orders were last imported from, most
	// recent first (kept in the store, like every name of a case's file).
	ImportFolders []string `json:"import_folders,omitempty"`
	// LockAfterMinutes is how long the desk may sit untouched before it
	// locks (0: DefaultLockAfter).
	LockAfterMinutes int `json:"lock_after_minutes,omitempty"`
}

// maxImportFolders bounds the list of recent import folders.
const maxImportFolders = 8

// ErrMemoFolder is wrapped by Normalised when the memo folder is not an
// absolute path or lies in a folder orders are imported from.
var ErrMemoFolder = errors.New("memo folder")

// WithImportFolder returns the settings with dir first among the recent
// import folders, once.
func (s Settings) WithImportFolder(dir string) Settings {
	dir = filepath.Clean(dir)
	out := []string{dir}
	for _, d := range s.ImportFolders {
		if d != dir && len(out) < maxImportFolders {
			out = append(out, d)
		}
	}
	s.ImportFolders = out
	return s
}

// InImportFolder reports whether path is, or lies inside, a folder orders
// were imported from: a memo written there would be taken in as an order
// by the next import of that folder.
func (s Settings) InImportFolder(path string) (string, bool) {
	p := filepath.Clean(path)
	for _, d := range s.ImportFolders {
		if rel, err := filepath.Rel(d, p); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return d, true
		}
	}
	return "", false
}

// Bounds of the desk's idle time before it locks.
const (
	DefaultLockAfter = 10
	MaxLockAfter     = 240
)

// LockAfter is the idle time before the desk locks.
func (s Settings) LockAfter() time.Duration {
	m := s.LockAfterMinutes
	if m <= 0 {
		m = DefaultLockAfter
	}
	return time.Duration(min(m, MaxLockAfter)) * time.Minute
}

// SettingsStore keeps the settings beside the cases.
type SettingsStore interface {
	Settings(ctx context.Context) (Settings, error)
	SaveSettings(ctx context.Context, s Settings) error
}

// Finding is one thing a review check raised on a case: which rule, how
// serious (info, warning, critical), what it found, the law or policy it
// rests on, and the ground (one of Grounds) it suggests.
type Finding struct {
	Rule     string `json:"rule"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
	Basis    string `json:"basis"`
	Ground   string `json:"ground,omitempty"`
	// Blocking findings stop a disclosing decision until they are
	// resolved: Unblock says how (UnblockResolve, UnblockVerify), and
	// Resolution, once there is one, who resolved it and why.
	Blocking   bool        `json:"blocking"`
	Unblock    string      `json:"unblock,omitempty"`
	Resolution *Resolution `json:"resolution,omitempty"`
	// Targets are the targets the finding is about, when it is about some
	// only, and Suggests what to do for them (an enterprise customer's
	// account: redirect).
	Targets  []string      `json:"targets,omitempty"`
	Suggests TargetOutcome `json:"suggests,omitempty"`
}

// Severities of findings, least to most serious.
const (
	SeverityInfo     = "info"
	SeverityWarning  = "warning"
	SeverityCritical = "critical"
)

// NormaliseList trims, lower-cases and de-duplicates entries, dropping
// empty ones, so settings typed by hand compare reliably.
func NormaliseList(in []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range in {
		s = strings.ToLower(strings.TrimSpace(s))
		s = strings.TrimPrefix(s, "@")
		if s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// names trims the names, collapses their spaces and keeps each once
// whatever its case.
func names(in []string) []string {
	var out []string
	for _, n := range in {
		n = strings.Join(strings.Fields(n), " ")
		if n != "" && !slices.ContainsFunc(out, func(o string) bool { return strings.EqualFold(o, n) }) {
			out = append(out, n)
		}
	}
	return out
}

// usStates are the two-letter codes of the states, the District of
// Columbia and the territories whose process names them.
var usStates = strings.Fields(`AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY
	NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC PR GU VI AS MP`)

// ErrProviderState is wrapped by Normalised when the provider's state is
// not a US state's two-letter code.
var ErrProviderState = errors.New("provider state")

// Normalised returns the settings as they are kept and compared: domains
// and accounts trimmed, lower-cased, without a leading @, once each; our
// names and the reviewers' trimmed and once each whatever their case; the
// state upper-case; the memo folder a clean absolute path. A state that is
// not a US state's code (ErrProviderState), or a memo folder that is not
// absolute or lies in an import folder (ErrMemoFolder), is EINVALID, and
// nothing should be saved.
func (s Settings) Normalised() (Settings, error) {
	out := Settings{
		EnterpriseDomains:  NormaliseList(s.EnterpriseDomains),
		EnterpriseAccounts: NormaliseList(s.EnterpriseAccounts),
		ProviderState:      strings.ToUpper(strings.TrimSpace(s.ProviderState)),
		LockAfterMinutes:   s.LockAfterMinutes,
	}
	if s.LockAfterMinutes < 0 || s.LockAfterMinutes > MaxLockAfter {
		return s, Errorf(EINVALID, "the desk locks after 1 to %d minutes untouched, not %d", MaxLockAfter, s.LockAfterMinutes)
	}
	out.ProviderNames = names(s.ProviderNames)
	out.Reviewers = names(s.Reviewers)
	out.ImportFolders = s.ImportFolders
	if out.ProviderState != "" && !slices.Contains(usStates, out.ProviderState) {
		return s, &Error{Code: EINVALID, Message: fmt.Sprintf("%q is not a US state: give the provider's state as two letters, such as CA, or leave it empty", s.ProviderState), Err: ErrProviderState}
	}
	trust, err := s.TrustSettings.normalised()
	if err != nil {
		return s, err
	}
	out.TrustSettings = trust
	if m := strings.TrimSpace(s.MemoFolder); m != "" {
		if !filepath.IsAbs(m) {
			return s, &Error{Code: EINVALID, Message: fmt.Sprintf("the memo folder must be a full path, such as %s, not %q", filepath.Join(string(filepath.Separator), "home", "you", "Documents", "WarrantDesk memos"), m), Err: ErrMemoFolder}
		}
		out.MemoFolder = filepath.Clean(m)
		if d, ok := out.InImportFolder(out.MemoFolder); ok {
			return s, &Error{Code: EINVALID, Message: fmt.Sprintf("the memo folder %s lies in %s, which orders are imported from: the next import would take a memo in as an order; choose another folder", out.MemoFolder, d), Err: ErrMemoFolder}
		}
	}
	return out, nil
}
