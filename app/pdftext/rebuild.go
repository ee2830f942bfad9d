package pdftext

import (
	"math"
	"sort"
	"strings"

	"github.com/ledongthuc/pdf"
)

// rebuild turns positioned glyphs into lines of text: glyphs on the same
// baseline form a line, read left to right, with a space wherever the gap
// between two glyphs is wider than a fraction of the font size and two
// spaces where it is wide enough to be a column gap. This recovers the word
// breaks that producers express as positioning (TJ offsets, Td moves)
// rather than as space characters.
func rebuild(glyphs []pdf.Text) string {
	gs := make([]pdf.Text, 0, len(glyphs))
	for _, g := range glyphs {
		if g.S == "\n" || g.S == "" {
			continue
		}
		if g.FontSize < 0 {
			g.FontSize = -g.FontSize
		}
		if g.FontSize < 1 {
			g.FontSize = 1
		}
		gs = append(gs, g)
	}
	if len(gs) == 0 {
		return ""
	}
	sort.SliceStable(gs, func(i, j int) bool { return gs[i].Y > gs[j].Y })

	var lines [][]pdf.Text
	var cur []pdf.Text
	lineY := gs[0].Y
	for _, g := range gs {
		tol := g.FontSize * 0.4
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
				w = g.FontSize * 0.5
			}
			if i > 0 {
				gap := g.X - prevEnd
				isSpace := strings.TrimSpace(g.S) == ""
				switch {
				case gap > g.FontSize*1.5 && !isSpace:
					if !prevSpace {
						b.WriteString("  ")
					} else {
						b.WriteByte(' ')
					}
				case gap > g.FontSize*0.18 && !prevSpace && !isSpace:
					b.WriteByte(' ')
				}
			}
			if strings.TrimSpace(g.S) == "" {
				if !prevSpace {
					b.WriteByte(' ')
				}
				prevSpace = true
			} else {
				b.WriteString(g.S)
				prevSpace = false
			}
			prevEnd = g.X + w
		}
	}
	return strings.TrimSpace(b.String())
}
