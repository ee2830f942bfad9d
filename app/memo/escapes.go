package memo

// Escape makes a value safe to place in Markdown of the memo's subset, as
// the memo's own values are (esc): the letters, rendered by the same
// renderer, escape theirs with it.
func Escape(s string) string { return esc(s) }
