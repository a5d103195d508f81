// Package serve is byline's live preview: it builds a site into memory,
// serves it over HTTP, watches the site's files, rebuilds only what a
// change touches, and tells open pages to reload.
//
// # Live reload
//
// Every served page ends with a script (never in byline build's output)
// that listens to /_byline/events, a stream of Server-Sent Events:
//
//	reload  {"v": 3, "paths": ["index.html", ...], "css": false}
//	errors  {"v": 4, "errors": ["content/x.md:3:1: bad date", ...]}
//
// After a rebuild the page reloads itself if its own file changed
// ("paths" is null when too many did), keeping its scroll position; a
// change to stylesheets alone swaps them in place. After a failed rebuild
// the page shows the errors over itself, while the server keeps serving
// the last good pages; the next good rebuild reloads the page.
package serve

import (
	"context"
	"errors"
	"fmt"
	"html/template"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/bylinehq/byline/site"
	"github.com/bylinehq/byline/site/diag"
)

// Options configure a Server.
type Options struct {
	Source   string        // the site's folder
	Addr     string        // host:port to listen on; port 0 picks a free one
	Drafts   bool          // include drafts
	Log      io.Writer     // where build results and errors are printed; nil for none
	Debounce time.Duration // quiet time after a file event before rebuilding; 0 for 20ms
}

// A Server builds, serves and watches one site.
type Server struct {
	opts  Options
	root  string
	ln    net.Listener
	w     *watcher
	inc   *site.Incremental
	state atomic.Pointer[state]
	hub   hub
	done  chan struct{} // closed on shutdown, ending event streams
	mu    sync.Mutex    // serializes rebuilds
}

// state is what the server serves: the last good site and the outcome of
// the last build. It is replaced whole, never modified, so a response is
// always all old or all new.
type state struct {
	files   map[string][]byte
	errors  diag.List // of the last build; nil when it succeeded
	version int
}

// liveReload is the script put at the end of every served page.
const liveReload template.HTML = `<script src="/_byline/live.js"></script>`

// New listens on opts.Addr and builds the site once; a build with errors
// still gives a Server, which shows them.
func New(ctx context.Context, opts Options) (*Server, error) {
	if opts.Debounce == 0 {
		opts.Debounce = 20 * time.Millisecond
	}
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	root, err := filepath.Abs(opts.Source)
	if err != nil {
		return nil, err
	}
	if fi, err := os.Stat(root); err != nil || !fi.IsDir() {
		return nil, fmt.Errorf("source %s is not a folder", opts.Source)
	}
	ln, err := net.Listen("tcp", opts.Addr)
	if err != nil {
		return nil, err
	}
	s := &Server{opts: opts, root: root, ln: ln, done: make(chan struct{})}
	s.hub.subs = map[chan event]bool{}
	// Watch before the first build, so that no change goes unseen.
	if s.w, err = s.watch(); err != nil {
		ln.Close()
		return nil, err
	}
	s.inc = site.NewIncremental(os.DirFS(root), opts.Drafts, s.URL(), liveReload)
	s.state.Store(&state{files: map[string][]byte{}})
	s.Rebuild(ctx, nil)
	return s, nil
}

// URL is the address the site is served at, ending in a slash.
func (s *Server) URL() string { return "http://" + s.ln.Addr().String() + "/" }

// Run serves HTTP and watches the site's files until ctx is done, then
// stops watching, ends event streams and drains connections.
func (s *Server) Run(ctx context.Context) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	srv := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(s.ln) }()
	watched := make(chan struct{})
	go func() { defer close(watched); s.w.run(ctx) }()
	var err error
	select {
	case <-ctx.Done():
	case err = <-served:
		cancel()
	}
	<-watched
	close(s.done)
	shutCtx, stop := context.WithTimeout(context.Background(), 5*time.Second)
	defer stop()
	if serr := srv.Shutdown(shutCtx); serr != nil && err == nil {
		err = serr
	}
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	return err
}

// Rebuild reads again the given slash paths relative to the site's folder
// (nil for everything), rebuilds, publishes the result and tells open
// pages. It returns the build's outcome.
func (s *Server) Rebuild(ctx context.Context, changed []string) site.Rebuild {
	s.mu.Lock()
	defer s.mu.Unlock()
	start := time.Now()
	r := s.inc.Update(ctx, changed)
	old := s.state.Load()
	next := &state{files: r.Site, version: old.version + 1}
	errs := r.Diags.Errors()
	if len(errs) > 0 {
		next.errors = errs
	}
	if len(errs) == 0 && len(r.Changed) == 0 && old.errors == nil && old.version > 0 {
		return r // nothing a reader could see changed
	}
	s.state.Store(next)
	s.report(r, errs, time.Since(start))
	if len(errs) > 0 {
		s.hub.send(errorsEvent(next))
	} else {
		s.hub.send(reloadEvent(next.version, r.Changed))
	}
	return r
}

func (s *Server) report(r site.Rebuild, errs diag.List, took time.Duration) {
	if len(errs) > 0 {
		for _, d := range errs {
			fmt.Fprintln(s.opts.Log, d)
		}
		fmt.Fprintf(s.opts.Log, "byline serve: %d error(s); still serving the last good pages\n", len(errs))
		return
	}
	warn := ""
	if n := len(r.Diags.Warnings()); n > 0 {
		warn = fmt.Sprintf(", %d warning(s)", n)
	}
	fmt.Fprintf(s.opts.Log, "built %d files (%d changed) in %s%s\n", len(r.Site), len(r.Changed), took.Round(100*time.Microsecond), warn)
}

// rel turns an absolute file name into a slash path relative to the site.
func (s *Server) rel(name string) (string, bool) {
	r, err := filepath.Rel(s.root, name)
	if err != nil || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
		return "", false
	}
	return filepath.ToSlash(r), true
}
