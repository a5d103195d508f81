package serve

import (
	"context"
	"fmt"
	"io/fs"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// watchedRoots are the parts of a site a change in which means a rebuild.
var watchedRoots = map[string]bool{"byline.toml": true, "content": true, "templates": true, "static": true}

// A watcher turns file events into rebuilds.
type watcher struct {
	s  *Server
	fw *fsnotify.Watcher
}

// watch watches the site's folder and every folder under content,
// templates and static.
func (s *Server) watch() (*watcher, error) {
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("cannot watch files: %w", err)
	}
	w := &watcher{s: s, fw: fw}
	if err := fw.Add(s.root); err != nil {
		fw.Close()
		return nil, fmt.Errorf("cannot watch %s: %w", s.root, err)
	}
	for name := range watchedRoots {
		w.addTree(filepath.Join(s.root, name))
	}
	return w, nil
}

// addTree watches dir and every folder under it; missing ones are skipped.
func (w *watcher) addTree(dir string) {
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			if err := w.fw.Add(p); err != nil {
				fmt.Fprintf(w.s.opts.Log, "byline serve: cannot watch %s: %v\n", p, err)
			}
		}
		return nil
	})
}

// forget stops watching dir and the folders under it, after a rename or
// removal, so that events are never reported under a stale name.
func (w *watcher) forget(dir string) {
	for _, p := range w.fw.WatchList() {
		if p == dir || strings.HasPrefix(p, dir+string(filepath.Separator)) {
			w.fw.Remove(p)
		}
	}
}

// run collects events until ctx is done, rebuilding once the files have
// been quiet for the debounce time.
func (w *watcher) run(ctx context.Context) {
	defer w.fw.Close()
	pending := map[string]bool{}
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case err, ok := <-w.fw.Errors:
			if !ok {
				return
			}
			// An overflow loses events: read everything again.
			fmt.Fprintf(w.s.opts.Log, "byline serve: watching: %v; rebuilding everything\n", err)
			pending[""] = true
			timer.Reset(w.s.opts.Debounce)
		case ev, ok := <-w.fw.Events:
			if !ok {
				return
			}
			if p, ok := w.event(ev); ok {
				pending[p] = true
				timer.Reset(w.s.opts.Debounce)
			}
		case <-timer.C:
			w.s.Rebuild(ctx, paths(pending))
			clear(pending)
		}
	}
}

// paths lists the pending paths; nil, meaning everything, if "" is among them.
func paths(pending map[string]bool) []string {
	if pending[""] {
		return nil
	}
	out := make([]string, 0, len(pending))
	for p := range pending {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

// event returns the site path an event touches, if a build reads it, and
// keeps the watch list in step with new, renamed and removed folders.
func (w *watcher) event(ev fsnotify.Event) (string, bool) {
	rel, ok := w.s.rel(ev.Name)
	if !ok || rel == "." || editorTemp(filepath.Base(ev.Name)) {
		return "", false
	}
	top, _, _ := strings.Cut(rel, "/")
	if !watchedRoots[top] {
		return "", false
	}
	if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
		w.forget(ev.Name)
	}
	if ev.Has(fsnotify.Create) {
		w.addTree(ev.Name)
	}
	return rel, true
}

// editorTemp says whether a file name is one of the files editors write
// while saving: vim's swap and backup files and its 4913 probe, Emacs's
// lock and auto-save files, JetBrains' safe-write files, macOS's .DS_Store.
func editorTemp(name string) bool {
	switch {
	case name == "4913", name == ".DS_Store",
		strings.HasSuffix(name, "~"),
		strings.HasPrefix(name, ".#"),
		strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#"),
		strings.HasSuffix(name, "___jb_tmp___"), strings.HasSuffix(name, "___jb_old___"):
		return true
	}
	for _, ext := range []string{".swp", ".swo", ".swx", ".swpx", ".tmp", ".crswap"} {
		if strings.HasSuffix(name, ext) {
			return true
		}
	}
	return false
}
