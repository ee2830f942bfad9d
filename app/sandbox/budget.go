package sandbox

import (
	"context"
	"sync"

	"golang.org/x/sync/semaphore"
)

// Budget is memory shared by the children running at once. A child asking
// for more than the whole budget is given the whole budget, so it runs
// alone rather than never.
type Budget struct {
	total int64
	sem   *semaphore.Weighted
}

// NewBudget returns a budget of total bytes.
func NewBudget(total int64) *Budget {
	return &Budget{total: total, sem: semaphore.NewWeighted(total)}
}

// Total is the budget's size in bytes.
func (b *Budget) Total() int64 { return b.total }

// Acquire waits until n bytes are free or ctx is done.
func (b *Budget) Acquire(ctx context.Context, n int64) error {
	return b.sem.Acquire(ctx, min(n, b.total))
}

// Release gives back what Acquire took.
func (b *Budget) Release(n int64) { b.sem.Release(min(n, b.total)) }

type reservedKey struct{}

// Reserve takes n bytes of b for a piece of work that starts several
// children one after another or side by side (a page renderer and the OCR
// of its pages): children started with the returned context draw on the
// reservation instead of waiting for b again, which could deadlock when
// every holder waits for more. release gives the bytes back.
func Reserve(ctx context.Context, b *Budget, n int64) (context.Context, func(), error) {
	if err := b.Acquire(ctx, n); err != nil {
		return nil, nil, err
	}
	var once sync.Once
	return context.WithValue(ctx, reservedKey{}, b), func() { once.Do(func() { b.Release(n) }) }, nil
}

func reserved(ctx context.Context, b *Budget) bool {
	r, _ := ctx.Value(reservedKey{}).(*Budget)
	return r != nil && r == b
}

// DefaultBudgetShare is the share of the machine's memory that children
// may hold at once by default: their limits are worst cases, and the app,
// the desktop and the reviewer's other programs need the rest.
const DefaultBudgetShare = 0.5

// MinBudget is the least default budget: one text reader and one page
// renderer with Tesseract fit in it.
const MinBudget = 3 << 30

var (
	defaultOnce   sync.Once
	defaultBudget *Budget
)

// Default is the budget every worker of this process shares: half the
// machine's memory, at least MinBudget.
func Default() *Budget {
	defaultOnce.Do(func() {
		total := int64(float64(PhysicalMemory()) * DefaultBudgetShare)
		defaultBudget = NewBudget(max(total, MinBudget))
	})
	return defaultBudget
}
