package serve

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bylinehq/byline/site"
)

// running starts a server on a free port for a generated site; it stops
// when the test ends.
func running(t *testing.T) (*Server, *gen, context.CancelFunc, chan error) {
	t.Helper()
	dir := t.TempDir()
	g := &gen{t: t, dir: dir, rnd: rand.New(rand.NewPCG(3, 3)), broken: map[string]func(){}}
	g.site(6)
	g.write("content/articles/city/port-vote.md", "---\ntitle: Port vote\ndate: 2025-03-04\n---\n\nAna Ruiz spoke first.\n")
	s, err := New(context.Background(), Options{Source: dir, Addr: "127.0.0.1:0", Debounce: 10 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Error("server did not stop")
		}
	})
	return s, g, cancel, done
}

func get(t *testing.T, url string) (int, http.Header, string) {
	t.Helper()
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, string(b)
}

// eventually polls cond until it holds; it fails the test after 10 seconds,
// which only a broken server takes.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatalf("timed out waiting for %s", what)
}

type sse struct{ name, data string }

// subscribe reads the server's event stream into a channel.
func subscribe(t *testing.T, s *Server) (<-chan sse, io.Closer) {
	t.Helper()
	resp, err := http.Get(s.URL() + "_byline/events")
	if err != nil {
		t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("event stream has content type %q", ct)
	}
	c := make(chan sse, 100)
	go func() {
		defer close(c)
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(nil, 1<<20)
		var e sse
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				e.name = line[len("event: "):]
			case strings.HasPrefix(line, "data: "):
				e.data = line[len("data: "):]
			case line == "" && e.name != "":
				c <- e
				e = sse{}
			}
		}
	}()
	return c, resp.Body
}

// next returns the next event called name, skipping others.
func next(t *testing.T, c <-chan sse, name string) sse {
	t.Helper()
	timeout := time.After(10 * time.Second)
	for {
		select {
		case e, ok := <-c:
			if !ok {
				t.Fatalf("event stream ended while waiting for %q", name)
			}
			if e.name == name {
				return e
			}
		case <-timeout:
			t.Fatalf("no %q event", name)
		}
	}
}

func TestServePrettyURLsAndContentTypes(t *testing.T) {
	s, _, _, _ := running(t)
	for _, tc := range []struct {
		path, ctype string
		status      int
		has         string
	}{
		{"", "text/html; charset=utf-8", 200, "Gen Gazette"},
		{"articles/city/port-vote/", "text/html; charset=utf-8", 200, "/_byline/live.js"},
		{"articles/city/port-vote/index.json", "application/json", 200, `"title": "Port vote"`},
		{"feed.xml", "xml", 200, "<feed"},
		{"css/byline.css", "text/css; charset=utf-8", 200, ""},
		{"no/such/page/", "text/html; charset=utf-8", 404, "Page not found"},
		{"articles/city/port-vote", "", 301, ""},
		{"_byline/live.js", "javascript", 200, "EventSource"},
	} {
		status, h, body := get(t, s.URL()+tc.path)
		if status != tc.status || !strings.Contains(h.Get("Content-Type"), tc.ctype) || !strings.Contains(body, tc.has) {
			t.Errorf("GET /%s: %d %q, body has %q: %v", tc.path, status, h.Get("Content-Type"), tc.has, strings.Contains(body, tc.has))
		}
		if tc.status == 301 && h.Get("Location") != "/"+tc.path+"/" {
			t.Errorf("GET /%s redirects to %q", tc.path, h.Get("Location"))
		}
	}
	// A page carries the build it came from, which live.js compares with
	// the build the event stream announces.
	_, h, _ := get(t, s.URL()+"articles/city/port-vote/")
	want := fmt.Sprintf("byline-v=%d", s.state.Load().version)
	if c := h.Get("Set-Cookie"); !strings.HasPrefix(c, want+";") {
		t.Errorf("page cookie = %q, want %s", c, want)
	}
}

// TestServeWatchesEdits edits, renames and deletes files the ways editors
// and people do, and waits for each change to be served and announced.
func TestServeWatchesEdits(t *testing.T) {
	s, g, _, _ := running(t)
	events, stream := subscribe(t, s)
	defer stream.Close()
	next(t, events, "hello")
	page := s.URL() + "articles/city/port-vote/"
	article := "content/articles/city/port-vote.md"
	served := func(url, text string) func() bool {
		return func() bool { _, _, body := get(t, url); return strings.Contains(body, text) }
	}

	g.write(article, "---\ntitle: Port vote\ndate: 2025-03-04\n---\n\nThe harbor vote passed.\n")
	eventually(t, "the edit to be served", served(page, "The harbor vote passed."))
	if e := next(t, events, "reload"); !strings.Contains(e.data, "articles/city/port-vote/index.html") {
		t.Errorf("reload event does not name the page: %s", e.data)
	}

	// vim: rename the file to a backup, write a new one, delete the backup.
	p := filepath.Join(g.dir, "content/articles/city/port-vote.md")
	os.WriteFile(filepath.Join(g.dir, "content/articles/city/4913"), nil, 0o644)
	os.Remove(filepath.Join(g.dir, "content/articles/city/4913"))
	os.Rename(p, p+"~")
	os.WriteFile(p, []byte("---\ntitle: Port vote\ndate: 2025-03-04\n---\n\nSaved by vim.\n"), 0o644)
	os.Remove(p + "~")
	eventually(t, "vim's save to be served", served(page, "Saved by vim."))

	// JetBrains: write a temp file, move the original aside, move the temp in.
	os.WriteFile(p+"___jb_tmp___", []byte("---\ntitle: Port vote\ndate: 2025-03-04\n---\n\nSaved by GoLand. Ana Ruiz agreed.\n"), 0o644)
	os.Rename(p, p+"___jb_old___")
	os.Rename(p+"___jb_tmp___", p)
	os.Remove(p + "___jb_old___")
	eventually(t, "GoLand's save to be served", served(page, "Saved by GoLand."))

	// A new folder with an article in it, then the folder renamed.
	g.write("content/articles/culture/music/jazz.md", "---\ntitle: Jazz night\ndate: 2025-04-01\n---\n\nA jazz night.\n")
	eventually(t, "an article in a new folder", served(s.URL()+"articles/culture/jazz/", "A jazz night."))
	g.write("content/articles/culture/music/blues.md", "---\ntitle: Blues night\ndate: 2025-04-02\n---\n\nBlues.\n")
	eventually(t, "a second file in the new folder", served(s.URL()+"articles/culture/blues/", "Blues."))
	g.rename("content/articles/culture", "content/articles/arts")
	eventually(t, "the renamed folder", served(s.URL()+"articles/arts/jazz/", "A jazz night."))
	g.write("content/articles/arts/music/jazz.md", "---\ntitle: Jazz night\ndate: 2025-04-01\n---\n\nEdited after the move.\n")
	eventually(t, "an edit in the renamed folder", served(s.URL()+"articles/arts/jazz/", "Edited after the move."))
	if status, _, _ := get(t, s.URL()+"articles/culture/jazz/"); status != 404 {
		t.Errorf("the old folder's page is still served: %d", status)
	}

	// A deleted article is gone; an entity edit shows on the articles naming it.
	g.remove("content/articles/arts/music/blues.md")
	eventually(t, "the deleted article to go", func() bool { status, _, _ := get(t, s.URL()+"articles/arts/blues/"); return status == 404 })
	g.write("content/entities/ana-ruiz.md", g.entity(0, "Harbor Master"))
	eventually(t, "the entity's new role in the article", served(page, "Harbor Master"))

	// A broken front matter: the errors are sent, the last good page stays.
	g.write(article, "---\ntitle: [broken\ndate: 2025-03-04\n---\n\nBroken.\n")
	e := next(t, events, "errors")
	if !strings.Contains(e.data, "content/articles/city/port-vote.md:") {
		t.Errorf("errors event does not name the file: %s", e.data)
	}
	if _, _, body := get(t, page); !strings.Contains(body, "Saved by GoLand.") {
		t.Errorf("the last good page is not served during the error")
	}
	g.write(article, "---\ntitle: Port vote\ndate: 2025-03-04\n---\n\nFixed.\n")
	next(t, events, "reload")
	eventually(t, "the fixed page", served(page, "Fixed."))

	// The config, and a templates folder that did not exist before.
	g.write("byline.toml", "title = \"Harbor Herald\"\n")
	eventually(t, "the new site title", served(page, "Harbor Herald"))
	g.write("templates/404.html", strings.Replace(theme("templates/404.html"), `{{define "main"}}`, `{{define "main"}}<p>Lost at sea.</p>`, 1))
	eventually(t, "the new 404 template", func() bool {
		status, _, body := get(t, s.URL()+"no/such/page/")
		return status == 404 && strings.Contains(body, "Lost at sea.")
	})

	// A stylesheet alone changes: the event says so.
	g.write("static/css/byline.css", "body { color: red }\n")
	e = next(t, events, "reload")
	for !strings.Contains(e.data, "css/byline.css") {
		e = next(t, events, "reload") // events of the edits before
	}
	if e.data != `{"css":true,"paths":["css/byline.css"],"v":`+strings.TrimPrefix(e.data[strings.LastIndex(e.data, `"v":`):], `"v":`) {
		t.Errorf("stylesheet change not marked css: %s", e.data)
	}
}

// TestServeStops checks that cancelling the context ends the event
// streams, stops the server and returns no error.
func TestServeStops(t *testing.T) {
	s, _, cancel, done := running(t)
	events, stream := subscribe(t, s)
	defer stream.Close()
	next(t, events, "hello")
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Run: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not return")
	}
	for range events {
	}
	done <- nil // for the cleanup
	if _, err := http.Get(s.URL()); err == nil {
		t.Error("server still answers after stopping")
	}
}

// TestBuildHasNoLiveReload checks that only served pages carry the script.
func TestBuildHasNoLiveReload(t *testing.T) {
	dir := t.TempDir()
	g := &gen{t: t, dir: dir, rnd: rand.New(rand.NewPCG(4, 4))}
	g.site(3)
	out := filepath.Join(t.TempDir(), "public")
	if _, err := site.Build(context.Background(), site.Options{Source: dir, Output: out}); err != nil {
		t.Fatal(err)
	}
	filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := os.ReadFile(p)
			if strings.Contains(string(b), "_byline") {
				t.Errorf("%s has the live reload script", p)
			}
		}
		return nil
	})
}

// TestServeBrokenFromTheStart serves a site whose first build fails: pages
// still carry the live reload script, the errors go to new event streams,
// and fixing the file brings the site up.
func TestServeBrokenFromTheStart(t *testing.T) {
	dir := t.TempDir()
	g := &gen{t: t, dir: dir, rnd: rand.New(rand.NewPCG(5, 5))}
	g.write("content/articles/city/a.md", "---\ntitle: [A\n---\n\nBody.\n")
	s, err := New(context.Background(), Options{Source: dir, Addr: "127.0.0.1:0", Debounce: 10 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx) }()
	defer func() { cancel(); <-done }()

	status, _, body := get(t, s.URL()+"articles/city/a/")
	if status != 404 || !strings.Contains(body, "/_byline/live.js") {
		t.Errorf("before any good build: %d, script in page: %v", status, strings.Contains(body, "/_byline/live.js"))
	}
	events, stream := subscribe(t, s)
	defer stream.Close()
	if e := next(t, events, "errors"); !strings.Contains(e.data, "content/articles/city/a.md:3:1: invalid YAML") {
		t.Errorf("errors event: %s", e.data)
	}
	g.write("content/articles/city/a.md", "---\ntitle: A\ndate: 2025-01-01\n---\n\nBody text.\n")
	next(t, events, "reload")
	if status, _, body := get(t, s.URL()+"articles/city/a/"); status != 200 || !strings.Contains(body, "Body text.") {
		t.Errorf("after the fix: %d", status)
	}
}
