package app

import (
	"net"
	"net/url"
	"strings"
	"unicode"
)

// IdentifierKey is an identifier in the one form two mentions of it are
// compared in: its class (e-mail, phone, ip, url, device, handle) and its
// normalised value. Two orders naming the same account give the same key
// however each wrote it.
type IdentifierKey struct {
	Class string `json:"class"`
	Value string `json:"value"`
}

// Identifier classes. A user name, an account ID and anything else a
// reviewer types that is none of the others compare as handles: without a
// leading @, any case.
const (
	ClassEmail  = "email"
	ClassPhone  = "phone"
	ClassIP     = "ip"
	ClassURL    = "url"
	ClassDevice = "device"
	ClassHandle = "handle"
)

func (k IdentifierKey) String() string { return k.Class + ":" + k.Value }

// Key is the target's identifier in comparable form ("" Value when it
// normalises to nothing).
func (t Target) Key() IdentifierKey {
	switch t.Kind {
	case TargetEmail:
		return IdentifierKey{ClassEmail, normEmail(t.Value)}
	case TargetPhone:
		return IdentifierKey{ClassPhone, NormalisePhone(t.Value, "1")}
	case TargetIP:
		return IdentifierKey{ClassIP, normIP(t.Value)}
	case TargetURL:
		return IdentifierKey{ClassURL, normURL(t.Value)}
	case TargetDevice:
		return IdentifierKey{ClassDevice, normDevice(t.Value)}
	}
	return IdentifierKey{ClassHandle, normHandle(t.Value)}
}

// IdentifierKeys reads what a reviewer typed as every key it can be: an
// e-mail address, a phone number (E.164; a number without its country code
// is read as North American, as US process writes them), an IP address, a
// URL, a device number, and always a handle. The first is the likeliest.
func IdentifierKeys(s string) []IdentifierKey {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	var out []IdentifierKey
	add := func(class, v string) {
		if v != "" {
			out = append(out, IdentifierKey{class, v})
		}
	}
	lower := strings.ToLower(s)
	if at := strings.LastIndex(lower, "@"); at > 0 && strings.Contains(lower[at:], ".") {
		add(ClassEmail, normEmail(s))
	}
	add(ClassIP, normIP(s))
	if strings.Contains(lower, "://") || strings.Contains(lower, "/") && strings.Contains(lower, ".") {
		add(ClassURL, normURL(s))
	}
	if looksLikePhone(s) {
		add(ClassPhone, NormalisePhone(s, "1"))
	}
	if d := normDevice(s); len(d) >= 14 && strings.IndexFunc(d, func(r rune) bool { return r < '0' || r > '9' }) < 0 {
		add(ClassDevice, d) // IMEI, IMSI, ICCID: 14 to 20 digits
	}
	add(ClassHandle, normHandle(s))
	return out
}

func normEmail(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	s = strings.TrimPrefix(s, "mailto:")
	return strings.Trim(s, "<>\"' ")
}

// normHandle compares user names and account IDs as services do: without
// the @ a handle is written with, and whatever its case.
func normHandle(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	return strings.TrimPrefix(s, "@")
}

func normIP(s string) string {
	if ip := net.ParseIP(strings.Trim(strings.TrimSpace(s), "[]")); ip != nil {
		return ip.String()
	}
	return ""
}

// normURL keeps host and path, lower-case host, without the scheme, a
// "www." or a trailing slash: the same profile however it was linked.
func normURL(s string) string {
	s = strings.TrimSpace(s)
	if !strings.Contains(s, "://") {
		s = "https://" + s
	}
	u, err := url.Parse(s)
	if err != nil || u.Host == "" {
		return ""
	}
	host := strings.TrimPrefix(strings.ToLower(u.Host), "www.")
	return host + strings.TrimRight(u.EscapedPath(), "/")
}

func normDevice(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return unicode.ToUpper(r)
		}
		return -1
	}, s)
}

// looksLikePhone reports whether s is written as a phone number: digits
// with the punctuation numbers are written with, 7 to 15 digits.
func looksLikePhone(s string) bool {
	s = strings.TrimPrefix(strings.TrimSpace(strings.ToLower(s)), "tel:")
	digits := 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case strings.ContainsRune("+ ()-./", r):
		default:
			return false
		}
	}
	return digits >= 7 && digits <= 15
}

// NormalisePhone writes a phone number in E.164: "+" and the digits. A
// number written with "+" or the international prefix "00" keeps its
// country code; a national one gets defaultCC ("1": a ten-digit North
// American number, with or without its leading 1; others lose their
// trunk 0). It returns "" for what cannot be a phone number.
func NormalisePhone(s, defaultCC string) string {
	s = strings.TrimPrefix(strings.TrimSpace(strings.ToLower(s)), "tel:")
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	digits := b.String()
	switch {
	case strings.HasPrefix(s, "+"):
	case strings.HasPrefix(digits, "00"):
		digits = digits[2:]
	case defaultCC == "1":
		if len(digits) == 11 && digits[0] == '1' {
			digits = digits[1:]
		}
		if len(digits) != 10 {
			return ""
		}
		digits = "1" + digits
	default:
		digits = defaultCC + strings.TrimPrefix(digits, "0")
	}
	if len(digits) < 8 || len(digits) > 15 || digits[0] == '0' {
		return ""
	}
	return "+" + digits
}
