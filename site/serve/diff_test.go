package serve

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"maps"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/bylinehq/byline/site"
)

// repoRoot is the module root, which is itself the demo site.
func repoRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}

// memOutput is a site built into memory.
type memOutput struct {
	mu    sync.Mutex
	files map[string][]byte
}

func (m *memOutput) Write(p string, data []byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.files[p] = bytes.Clone(data)
	return nil
}

// cleanBuild builds the site in dir from scratch, as the server would.
func cleanBuild(s *Server) (map[string][]byte, []string, bool) {
	out := &memOutput{files: map[string][]byte{}}
	diags := site.Generate(context.Background(), os.DirFS(s.root), s.opts.Drafts, s.URL(), liveReload, out)
	var msgs []string
	for _, d := range diags {
		msgs = append(msgs, d.String())
	}
	return out.files, msgs, diags.Err() != nil
}

func newTestServer(t testing.TB, dir string) *Server {
	t.Helper()
	s, err := New(context.Background(), Options{Source: dir, Addr: "127.0.0.1:0"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.ln.Close(); s.w.fw.Close() })
	return s
}

// TestRandomEditsMatchCleanBuild applies hundreds of random creates,
// edits, renames and deletes to a generated site and checks after each
// that the server serves exactly what a clean build of the same files
// makes, or, when that build fails, the same errors and the last good site.
func TestRandomEditsMatchCleanBuild(t *testing.T) {
	steps := 250
	if testing.Short() {
		steps = 120
	}
	for _, seed := range []uint64{1, 2, 3} {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			dir := t.TempDir()
			g := &gen{t: t, dir: dir, rnd: rand.New(rand.NewPCG(seed, 7)), broken: map[string]func(){}}
			if seed == 3 {
				// The demo site, with richer annotations than generated ones.
				if err := os.CopyFS(filepath.Join(dir, "content"), os.DirFS(filepath.Join(repoRoot(), "content"))); err != nil {
					t.Fatal(err)
				}
			} else {
				g.site(12)
			}
			s := newTestServer(t, dir)
			good, msgs, failed := cleanBuild(s)
			if failed {
				t.Fatalf("generated site does not build:\n%s", strings.Join(msgs, "\n"))
			}
			compareSite(t, "initial build", s.state.Load().files, good)
			fails, changed := 0, 0
			defer func() { t.Logf("%d steps: %d failed builds, %d files changed", steps, fails, changed) }()
			for step := range steps {
				what, paths := g.randomOp(step)
				if g.rnd.IntN(4) == 0 {
					// A burst: two changes reach one rebuild.
					what2, paths2 := g.randomOp(step + 10000)
					what += " + " + what2
					if paths == nil || paths2 == nil {
						paths = nil
					} else {
						paths = append(paths, paths2...)
					}
				}
				r := s.Rebuild(context.Background(), paths)
				want, msgs, failed := cleanBuild(s)
				label := fmt.Sprintf("step %d (%s)", step, what)
				var got []string
				for _, d := range r.Diags {
					got = append(got, d.String())
				}
				if !slices.Equal(got, msgs) {
					t.Fatalf("%s: diagnostics differ\ngot:\n%s\nwant:\n%s", label, strings.Join(got, "\n"), strings.Join(msgs, "\n"))
				}
				if failed {
					want = good
					fails++
				} else {
					changed += len(r.Changed)
					wantChanged := changedPaths(good, want)
					if !slices.Equal(r.Changed, wantChanged) {
						t.Fatalf("%s: changed paths\ngot  %v\nwant %v", label, r.Changed, wantChanged)
					}
					good = want
				}
				compareSite(t, label, s.state.Load().files, want)
				if step%20 == 0 {
					compareHTTP(t, label, s, want)
				}
			}
		})
	}
}

func changedPaths(old, new map[string][]byte) []string {
	var out []string
	for p, b := range new {
		if o, ok := old[p]; !ok || !bytes.Equal(o, b) {
			out = append(out, p)
		}
	}
	for p := range old {
		if _, ok := new[p]; !ok {
			out = append(out, p)
		}
	}
	slices.Sort(out)
	return out
}

func compareSite(t *testing.T, label string, got, want map[string][]byte) {
	t.Helper()
	for p, w := range want {
		g, ok := got[p]
		if !ok {
			t.Fatalf("%s: %s missing from the served site", label, p)
		}
		if !bytes.Equal(g, w) {
			t.Fatalf("%s: %s differs from a clean build\n%s", label, p, firstDiff(g, w))
		}
	}
	for p := range got {
		if _, ok := want[p]; !ok {
			t.Fatalf("%s: %s served but not in a clean build", label, p)
		}
	}
}

// compareHTTP fetches every page through the handler.
func compareHTTP(t *testing.T, label string, s *Server, want map[string][]byte) {
	t.Helper()
	for p, w := range want {
		u := "/" + strings.TrimSuffix(p, "index.html")
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, u, nil))
		if rec.Code != http.StatusOK || !bytes.Equal(rec.Body.Bytes(), w) {
			t.Fatalf("%s: GET %s: status %d, body differs: %v", label, u, rec.Code, !bytes.Equal(rec.Body.Bytes(), w))
		}
	}
}

func firstDiff(a, b []byte) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	lo := max(0, i-120)
	return fmt.Sprintf("served: …%s…\nclean:  …%s…", a[lo:min(len(a), i+120)], b[lo:min(len(b), i+120)])
}

// files lists the site's files under dir (slash paths) that match keep.
func (g *gen) files(under string, keep func(string) bool) []string {
	var out []string
	filepath.WalkDir(filepath.Join(g.dir, under), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(g.dir, p)
			if rel = filepath.ToSlash(rel); keep == nil || keep(rel) {
				out = append(out, rel)
			}
		}
		return nil
	})
	slices.Sort(out)
	return out
}

func (g *gen) pick(list []string) string {
	if len(list) == 0 {
		return ""
	}
	return list[g.rnd.IntN(len(list))]
}

func (g *gen) remove(rel string) {
	if err := os.RemoveAll(filepath.Join(g.dir, filepath.FromSlash(rel))); err != nil {
		g.t.Fatal(err)
	}
}

func (g *gen) rename(from, to string) {
	dst := filepath.Join(g.dir, filepath.FromSlash(to))
	os.MkdirAll(filepath.Dir(dst), 0o755)
	if err := os.Rename(filepath.Join(g.dir, filepath.FromSlash(from)), dst); err != nil {
		g.t.Fatal(err)
	}
}

// randomOp changes the site at random and returns what it did and the
// paths it touched, as a watcher would report them.
func (g *gen) randomOp(step int) (string, []string) {
	r := g.rnd
	isMD := func(p string) bool { return strings.HasSuffix(p, ".md") }
	articles := g.files("content/articles", isMD)
	if len(g.broken) > 0 && r.IntN(2) == 0 {
		p := g.pick(slices.Sorted(maps.Keys(g.broken)))
		fix := g.broken[p]
		delete(g.broken, p)
		if _, err := os.Stat(filepath.Join(g.dir, p)); err != nil {
			return "nothing to fix", []string{}
		}
		fix()
		return "fix " + p, []string{p}
	}
	switch op := r.IntN(20); {
	case op < 5 && len(articles) > 0:
		p := g.pick(articles)
		g.write(p, g.article(step, fmt.Sprintf("Story %d edited at %d", r.IntN(40), step)))
		return "edit article " + p, []string{p}
	case op < 7:
		sec := g.pick(append(sections, "culture", "city/harbor"))
		p := fmt.Sprintf("content/articles/%s/new-%d.md", sec, step)
		g.write(p, g.article(step, fmt.Sprintf("New story %d", step)))
		return "create article " + p, []string{p}
	case op < 8 && len(articles) > 0:
		p := g.pick(articles)
		g.remove(p)
		return "delete article " + p, []string{p}
	case op < 9 && len(articles) > 0:
		p := g.pick(articles)
		to := fmt.Sprintf("content/articles/%s/moved-%d.md", g.pick(sections), step)
		g.rename(p, to)
		return "rename " + p + " to " + to, []string{p, to}
	case op < 11:
		i := r.IntN(len(people))
		p := "content/entities/" + people[i].id + ".md"
		switch r.IntN(4) {
		case 0:
			g.remove(p)
			return "delete entity " + p, []string{p}
		case 1:
			text := strings.Replace(g.entity(i, "Chair"), "aliases: [", fmt.Sprintf("aliases: [\"Alias %d\", ", step%3), 1)
			g.write(p, text)
			return "edit entity aliases " + p, []string{p}
		default:
			g.write(p, g.entity(i, fmt.Sprintf("Role %d", step)))
			return "edit entity " + p, []string{p}
		}
	case op < 12 && len(articles) > 0:
		p := g.pick(articles)
		g.broken[p] = func() { g.write(p, g.article(step, "Fixed")) }
		if r.IntN(2) == 0 {
			g.write(p, "---\ntitle: [broken\n---\n\nBody.\n")
		} else {
			g.write(p, strings.Replace(g.article(step, "Unknown"), "---\n\n", "entities: [nobody]\n---\n\n", 1))
		}
		return "break article " + p, []string{p}
	case op < 13:
		name := g.pick([]string{"article.html", "list.html", "_partials.html", "entity.html"})
		p := "templates/" + name
		switch r.IntN(4) {
		case 0:
			g.remove(p)
			return "delete template " + p, []string{p}
		case 1:
			g.broken[p] = func() { g.write(p, theme("templates/"+name)) }
			g.write(p, "{{define \"main\"}}{{.Nope}")
			return "break template " + p, []string{p}
		default:
			g.write(p, theme("templates/"+name)+fmt.Sprintf("{{/* %d */}}", step)+strings.Repeat(" ", step%3))
			if name != "_partials.html" {
				g.write(p, strings.Replace(theme("templates/"+name), "{{define \"main\"}}", fmt.Sprintf("{{define \"main\"}}<!-- %d -->", step), 1))
			}
			return "edit template " + p, []string{p}
		}
	case op < 14:
		p := g.pick([]string{"static/img/logo.txt", "static/css/byline.css", "static/robots.txt"})
		if r.IntN(3) == 0 {
			g.remove(p)
			return "delete static " + p, []string{p}
		}
		g.write(p, fmt.Sprintf("/* %d */\n", step))
		return "write static " + p, []string{p}
	case op < 15:
		cfg := fmt.Sprintf("title = \"Gazette %d\"\npage_size = %d\nfeed_size = 4\n", step%3, 1+r.IntN(4))
		if r.IntN(6) == 0 {
			cfg = "page_size = 0\n"
			g.broken["byline.toml"] = func() { g.write("byline.toml", "title = \"Fixed\"\n") }
		}
		g.write("byline.toml", cfg)
		return "edit config", []string{"byline.toml"}
	case op < 16:
		dirs := []string{"content/articles/city", "content/articles/business", "content/articles/science", "content/articles/culture", "content/articles/town"}
		from, to := g.pick(dirs), g.pick(dirs)
		if _, err := os.Stat(filepath.Join(g.dir, from)); err != nil || from == to {
			return "nothing", []string{}
		}
		if _, err := os.Stat(filepath.Join(g.dir, to)); err == nil {
			g.remove(from)
			return "delete folder " + from, []string{from}
		}
		g.rename(from, to)
		return "rename folder " + from + " to " + to, []string{from, to}
	case op < 17 && len(articles) > 0 && r.IntN(2) == 0:
		p := g.pick(articles)
		b, _ := os.ReadFile(filepath.Join(g.dir, p))
		lines := strings.Split(string(b), "\n")
		for i, l := range lines {
			if strings.HasPrefix(l, "tags:") {
				lines[i] = fmt.Sprintf("tags: [%s]", g.pick(tags))
			}
		}
		g.write(p, strings.Join(lines, "\n"))
		return "retag " + p, []string{p}
	case op < 17:
		p := g.pick(articles)
		g.write(p+".swp", "swap")
		g.write("content/articles/4913", "")
		return "editor noise", []string{p + ".swp", "content/articles/4913"}
	case op < 18:
		// A drafts folder appears, and the watcher reports only the folder.
		p := fmt.Sprintf("content/articles/.hidden/%d.md", step)
		g.write(p, g.article(step, "Hidden"))
		q := fmt.Sprintf("content/articles/opinion/%d.md", step)
		g.write(q, g.article(step, "Opinion"))
		return "new folders", []string{"content/articles/.hidden", "content/articles/opinion"}
	default:
		if len(articles) > 0 {
			p := g.pick(articles)
			g.write(p, g.article(step, "Rescanned"))
		}
		return "rescan everything", nil
	}
}

// TestCancelledRebuild checks that a rebuild stopped halfway, as on
// Ctrl-C, leaves nothing behind that the next rebuild would get wrong.
func TestCancelledRebuild(t *testing.T) {
	dir := t.TempDir()
	g := &gen{t: t, dir: dir, rnd: rand.New(rand.NewPCG(9, 9)), broken: map[string]func(){}}
	g.site(20)
	s := newTestServer(t, dir)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	g.write("byline.toml", "title = \"Cancelled\"\n")
	s.Rebuild(ctx, nil)
	s.Rebuild(context.Background(), []string{"byline.toml"})
	want, msgs, failed := cleanBuild(s)
	if failed {
		t.Fatal(msgs)
	}
	compareSite(t, "after a cancelled rebuild", s.state.Load().files, want)
}

// TestStaticAddedWhileBroken guards against a static file added during a
// failed build being missing after the fix.
func TestStaticAddedWhileBroken(t *testing.T) {
	dir := t.TempDir()
	g := &gen{t: t, dir: dir, rnd: rand.New(rand.NewPCG(8, 8)), broken: map[string]func(){}}
	g.site(5)
	s := newTestServer(t, dir)
	g.write("byline.toml", "page_size = 0\n")
	g.write("static/new.txt", "new\n")
	if r := s.Rebuild(context.Background(), []string{"byline.toml", "static/new.txt"}); r.Diags.Err() == nil {
		t.Fatal("the broken config built")
	}
	g.write("byline.toml", "title = \"Fixed\"\n")
	s.Rebuild(context.Background(), []string{"byline.toml"})
	want, msgs, failed := cleanBuild(s)
	if failed {
		t.Fatal(msgs)
	}
	compareSite(t, "after the fix", s.state.Load().files, want)
}
