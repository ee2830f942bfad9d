//go:build !unix

package outfile

func isReadOnly(err error) bool { return false }
