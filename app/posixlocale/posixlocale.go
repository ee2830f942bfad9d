// Package posixlocale names the C and POSIX locales as English for Fyne,
// which otherwise logs "Error parsing user locale C" at start-up under
// LANG=C.UTF-8 (common on servers, in containers and CI), on every command.
//
// It must be imported by main before Fyne: the Go specification initializes
// packages in import-path order among those whose imports are ready, and
// this one needs only os, so its init runs before Fyne's language package
// reads the environment (TestLocaleFixRunsFirst in the root package proves
// it on the real binary).
package posixlocale

import (
	"os"
	"strings"
)

func init() { Apply(os.Getenv, os.Setenv) }

// Apply sets LANGUAGE=en when the locale in force is C or POSIX with a
// codeset ("C.UTF-8") and LANGUAGE is unset. LANGUAGE only chooses the
// language of messages, and C's messages are English, so nothing else
// changes.
func Apply(getenv func(string) string, setenv func(string, string) error) {
	if getenv("LANGUAGE") != "" {
		return
	}
	loc := ""
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if loc = getenv(k); loc != "" {
			break
		}
	}
	lang, _, _ := strings.Cut(loc, ".")
	if lang, _, _ = strings.Cut(lang, "@"); lang == "C" || lang == "POSIX" {
		if loc != lang { // plain "C" and "POSIX" Fyne handles itself
			_ = setenv("LANGUAGE", "en")
		}
	}
}
