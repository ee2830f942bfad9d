package extract

import "regexp"

// classNames reports whether a label class's pattern names label (lower
// case already). Every field tries its classes on every label-value pair
// of the order, and most labels belong to none of them: a label that lacks
// every literal the pattern needs is refused without running it.
func classNames(re interface{ MatchString(string) bool }, label string) bool {
	if r, ok := re.(*regexp.Regexp); ok && !mayMatch(r, label) {
		return false
	}
	return re.MatchString(label)
}
