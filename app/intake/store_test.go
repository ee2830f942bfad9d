package intake

import (
	"context"
	"sync"

	"github.com/warrantdesk/warrantdesk/app"
)

// memStore keeps cases in memory, refusing the same bytes twice as the
// real store does.
type memStore struct {
	mu    sync.Mutex
	cases []*app.Case
	sha   map[string]string
}

func (s *memStore) CreateCase(_ context.Context, c *app.Case, _ []byte, _ []app.PageText) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.sha == nil {
		s.sha = map[string]string{}
	}
	if id, ok := s.sha[c.Order.SHA256]; ok {
		return &app.Error{Code: app.ECONFLICT, Message: "already imported", Err: &app.DuplicateError{CaseID: id}}
	}
	s.sha[c.Order.SHA256] = c.ID
	s.cases = append(s.cases, c)
	return nil
}
func (s *memStore) Case(context.Context, string) (*app.Case, error) {
	return nil, app.Errorf(app.ENOTFOUND, "no")
}
func (s *memStore) Cases(context.Context) ([]*app.Case, error)  { return s.cases, nil }
func (s *memStore) UpdateCase(context.Context, *app.Case) error { return nil }
func (s *memStore) UpdateCaseText(context.Context, *app.Case, []app.PageText) error {
	return nil
}
func (s *memStore) TextIndex(context.Context) (map[string]string, error) { return nil, nil }
func (s *memStore) SaveTextIndex(context.Context, string, string) error  { return nil }
func (s *memStore) Original(context.Context, string) ([]byte, error) {
	return nil, app.Errorf(app.ENOTFOUND, "no")
}
func (s *memStore) Pages(context.Context, string) ([]app.PageText, error) { return nil, nil }
func (s *memStore) Settings(context.Context) (app.Settings, error)        { return app.Settings{}, nil }
func (s *memStore) SaveSettings(context.Context, app.Settings) error      { return nil }
func (s *memStore) Close() error                                          { return nil }
