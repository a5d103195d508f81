package serve

import (
	"bytes"
	_ "embed"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"
)

//go:embed live.js
var liveJS []byte

// ServeHTTP serves the last good site with pretty URLs: /a/b/ is
// a/b/index.html, /a/b redirects to /a/b/ when that exists, and a missing
// page is 404.html with status 404.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case "/_byline/events":
		s.events(w, r)
		return
	case "/_byline/live.js":
		s.file(w, r, "live.js", liveJS, http.StatusOK)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	st := s.state.Load()
	name := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
	if strings.HasSuffix(r.URL.Path, "/") {
		name = strings.TrimPrefix(name+"/index.html", "/")
	}
	if data, ok := st.files[name]; ok {
		if strings.HasSuffix(name, ".html") {
			// The page's build, for live.js to compare with the newest one
			// when its event stream connects: a rebuild pushed in between
			// would otherwise leave the page stale.
			http.SetCookie(w, &http.Cookie{Name: "byline-v", Value: strconv.Itoa(st.version), Path: "/", SameSite: http.SameSiteStrictMode})
		}
		s.file(w, r, name, data, http.StatusOK)
		return
	}
	if _, ok := st.files[name+"/index.html"]; ok && !strings.HasSuffix(r.URL.Path, "/") {
		u := *r.URL
		u.Path += "/"
		http.Redirect(w, r, u.String(), http.StatusMovedPermanently)
		return
	}
	if data, ok := st.files["404.html"]; ok {
		s.file(w, r, "404.html", data, http.StatusNotFound)
		return
	}
	// No good build yet: a bare page that still shows errors live.
	page := "<!DOCTYPE html><html lang=en><title>byline serve</title><h1>Not found</h1>" + string(liveReload) + "</html>"
	s.file(w, r, "404.html", []byte(page), http.StatusNotFound)
}

// file writes one file with its content type. Nothing is cached, so a
// reload always sees the newest build.
func (s *Server) file(w http.ResponseWriter, r *http.Request, name string, data []byte, status int) {
	h := w.Header()
	ctype := mime.TypeByExtension(path.Ext(name))
	if ctype == "" {
		ctype = http.DetectContentType(data)
	}
	h.Set("Content-Type", ctype)
	h.Set("Cache-Control", "no-store")
	if status != http.StatusOK {
		w.WriteHeader(status)
		if r.Method != http.MethodHead {
			w.Write(data)
		}
		return
	}
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(data))
}
