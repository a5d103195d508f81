package serve

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
)

// maxPaths is the most changed paths a reload event lists; beyond it
// every page reloads.
const maxPaths = 500

// An event is one Server-Sent Event.
type event struct {
	name string
	data []byte
}

func (e event) String() string { return fmt.Sprintf("event: %s\ndata: %s\n\n", e.name, e.data) }

func reloadEvent(version int, changed []string) event {
	css := len(changed) > 0
	for _, p := range changed {
		css = css && len(p) > 4 && p[len(p)-4:] == ".css"
	}
	paths := changed
	if len(paths) > maxPaths {
		paths = nil
	} else if paths == nil {
		paths = []string{}
	}
	data, _ := json.Marshal(map[string]any{"v": version, "paths": paths, "css": css})
	return event{"reload", data}
}

func errorsEvent(st *state) event {
	msgs := make([]string, len(st.errors))
	for i, d := range st.errors {
		msgs[i] = d.String()
	}
	data, _ := json.Marshal(map[string]any{"v": st.version, "errors": msgs})
	return event{"errors", data}
}

// A hub passes events to every open event stream.
type hub struct {
	mu   sync.Mutex
	subs map[chan event]bool
}

func (h *hub) subscribe() chan event {
	c := make(chan event, 16)
	h.mu.Lock()
	h.subs[c] = true
	h.mu.Unlock()
	return c
}

func (h *hub) unsubscribe(c chan event) {
	h.mu.Lock()
	delete(h.subs, c)
	h.mu.Unlock()
}

// send never blocks: a stream too slow to keep 16 events behind loses some.
func (h *hub) send(e event) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for c := range h.subs {
		select {
		case c <- e:
		default:
		}
	}
}

// events streams events to one page until it goes away or the server stops.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	c := s.hub.subscribe()
	defer s.hub.unsubscribe(c)
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	st := s.state.Load()
	fmt.Fprintf(w, "retry: 500\nevent: hello\ndata: {\"v\":%d}\n\n", st.version)
	if st.errors != nil {
		fmt.Fprint(w, errorsEvent(st))
	}
	flusher.Flush()
	for {
		select {
		case e := <-c:
			fmt.Fprint(w, e)
			flusher.Flush()
		case <-r.Context().Done():
			return
		case <-s.done:
			return
		}
	}
}
