package pdftext

import (
	"math"
	"sort"
	"strings"
)

// rebuild turns positioned runs of text into lines: runs on the same
// baseline form a line, read left to right, with a space wherever the gap
// between two runs is wider than a fifth of the font size and two spaces
// where it is wide enough to be a column gap. This recovers the word breaks
// that producers express as positioning (TJ offsets, Td moves) rather than
// as space characters.
func rebuild(runs []run) string {
	gs := make([]run, 0, len(runs))
	for _, g := range runs {
		if strings.TrimSpace(g.S) == "" && g.S != " " {
			continue
		}
		if g.Size < 1 {
			g.Size = 1
		}
		gs = append(gs, g)
	}
	if len(gs) == 0 {
		return ""
	}
	sort.SliceStable(gs, func(i, j int) bool { return gs[i].Y > gs[j].Y })

	var lines [][]run
	var cur []run
	lineY := gs[0].Y
	for _, g := range gs {
		tol := g.Size * 0.4
		if len(cur) > 0 && math.Abs(g.Y-lineY) > tol {
			lines = append(lines, cur)
			cur = nil
		}
		if len(cur) == 0 {
			lineY = g.Y
		}
		cur = append(cur, g)
	}
	lines = append(lines, cur)

	var b strings.Builder
	for li, line := range lines {
		sort.SliceStable(line, func(i, j int) bool { return line[i].X < line[j].X })
		if li > 0 {
			b.WriteByte('\n')
		}
		var prevEnd float64
		prevSpace := true
		for i, g := range line {
			w := g.W
			if w <= 0 {
				w = g.Size * 0.5 * float64(len([]rune(g.S)))
			}
			startsSpace := strings.HasPrefix(g.S, " ")
			if i > 0 && !startsSpace {
				gap := g.X - prevEnd
				switch {
				case gap > g.Size*1.5:
					if !prevSpace {
						b.WriteString("  ")
					} else {
						b.WriteByte(' ')
					}
				case gap > g.Size*0.2 && !prevSpace:
					b.WriteByte(' ')
				}
			}
			text := g.S
			if prevSpace {
				text = strings.TrimLeft(text, " ")
			}
			b.WriteString(text)
			if text != "" {
				prevSpace = strings.HasSuffix(text, " ")
			}
			prevEnd = g.X + w
		}
	}
	return strings.TrimSpace(b.String())
}
