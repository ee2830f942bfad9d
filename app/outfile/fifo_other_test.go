//go:build !unix

package outfile

func mkfifo(string) {}
