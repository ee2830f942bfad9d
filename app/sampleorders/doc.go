// Package sampleorders writes realistic, entirely fictional legal orders as
// PDFs, each with the ground truth of what it says. Tests, the evaluation
// command and the demo use them; no real order is ever copied into the
// repository.
//
// Every identifier is fictional by construction: e-mail domains are the
// reserved example.com/.net/.org, phone numbers are 555-01xx, IP addresses
// come from the documentation ranges (192.0.2.0/24, 198.51.100.0/24,
// 203.0.113.0/24, 2001:db8::/32), and people, courts' judges and providers
// are made up.
package sampleorders
