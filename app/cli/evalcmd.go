package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"

	"github.com/warrantdesk/warrantdesk/app"
	"github.com/warrantdesk/warrantdesk/app/evaluation"
	"github.com/warrantdesk/warrantdesk/app/render"
	"github.com/warrantdesk/warrantdesk/app/sampleorders"
	"github.com/warrantdesk/warrantdesk/app/scan"
)

// eval scores extraction on a folder of orders with truth files.
func (c *command) eval(ctx context.Context, args []string) error {
	fs := c.flags("eval")
	misses := fs.Int("misses", 20, "")
	truth := fs.String("truth", "", "")
	strict := fs.Bool("strict", false, "")
	floor := fs.Float64("floor", 0, "")
	floorText := fs.Float64("floor-born-digital", 0, "")
	floorScan := fs.Float64("floor-scanned", 0, "")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("eval [--truth DIR] [--strict] [--floor X] [--floor-born-digital X] [--floor-scanned X] DIR: a folder of orders with NAME.json truth files beside them or in --truth")
	}
	for _, f := range []float64{*floor, *floorText, *floorScan} {
		if f < 0 || f > 1 {
			return usagef("eval: a floor is a share of values right, between 0 and 1")
		}
	}
	im := c.importer(nil)
	im.OnOCR = nil // the report is the output; pages read by OCR are not news
	rep, err := evaluation.Run(ctx, evaluation.Options{Dir: pos[0], Truth: *truth, Strict: *strict}, im)
	if err != nil {
		return err
	}
	rep.Print(c.deps.Stdout, *misses)
	if len(rep.Failed) > 0 {
		c.status = ExitInput
	}
	// Floors make eval a regression guard: a score under one fails.
	under := func(what string, got, floor float64) {
		if floor > 0 && got < floor {
			fmt.Fprintf(c.deps.Stderr, "eval: %s %.3f is under the floor %.3f\n", what, got, floor)
			c.status = ExitInput
		}
	}
	under("overall", rep.Overall, *floor)
	if s := rep.Sources[evaluation.SourceBornDigital]; s != nil {
		under("born-digital", s.Accuracy(), *floorText)
	}
	if s := rep.Sources[evaluation.SourceScanned]; s != nil {
		under("scanned", s.Accuracy(), *floorScan)
	}
	return nil
}

// samples writes generated fictional orders with their truth files.
func (c *command) samples(ctx context.Context, args []string) error {
	fs := c.flags("samples")
	out := fs.String("out", "", "")
	n := fs.Int("n", 40, "")
	seed := fs.Uint64("seed", 1, "")
	scanned := fs.Bool("scanned", false, "")
	if pos, err := parse(fs, args); err != nil {
		return err
	} else if len(pos) > 0 || *out == "" {
		return usagef("samples --out DIR [--n N] [--seed S] [--scanned]")
	}
	if *n < 1 || *n > 100000 {
		return usagef("samples: --n must be between 1 and 100000")
	}
	orders, err := sampleorders.Generate(*seed, *n)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return &app.Error{Code: app.EINVALID, Message: "cannot create " + *out, Err: err}
	}
	var r *render.Renderer
	if *scanned {
		r = render.New(render.CacheDirFor(), 0)
		defer r.Close()
	}
	rng := rand.New(rand.NewPCG(*seed, 7))
	for _, o := range orders {
		if r != nil {
			// A scan of the order: page images, no text layer.
			if o.PDF, err = scan.Rasterize(ctx, r, o.PDF, 200, rng); err != nil {
				return err
			}
		}
		truth, err := json.MarshalIndent(o.Truth, "", "  ")
		if err != nil {
			return err
		}
		base := filepath.Join(*out, o.Name)
		if err := os.WriteFile(base+".pdf", o.PDF, 0o644); err != nil {
			return &app.Error{Code: app.EINTERNAL, Message: "cannot write " + base + ".pdf", Err: err}
		}
		if err := os.WriteFile(base+".json", append(truth, '\n'), 0o644); err != nil {
			return &app.Error{Code: app.EINTERNAL, Message: "cannot write " + base + ".json", Err: err}
		}
	}
	fmt.Fprintf(c.deps.Stdout, "wrote %d fictional orders with truth files to %s\n", len(orders), *out)
	return nil
}
