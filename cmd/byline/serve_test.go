package main

import (
	"bufio"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestServeStopsOnSignal runs byline serve as a real process, fetches a
// page, and checks that Ctrl-C (SIGINT) and SIGTERM each stop it with exit
// status 0.
func TestServeStopsOnSignal(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the byline binary")
	}
	bin := filepath.Join(t.TempDir(), "byline")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	site := t.TempDir()
	if err := os.MkdirAll(filepath.Join(site, "content/articles/city"), 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(site, "content/articles/city/a.md"), []byte("---\ntitle: Harbor news\ndate: 2025-01-01\n---\nThe harbor opened.\n"), 0o644)
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			cmd := exec.Command(bin, "serve", "--addr", "127.0.0.1:0", "--source", site)
			stdout, _ := cmd.StdoutPipe()
			cmd.Stderr = io.Discard
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			defer cmd.Process.Kill()
			lines := bufio.NewScanner(stdout)
			url := ""
			for url == "" && lines.Scan() {
				url = regexp.MustCompile(`http://127\.0\.0\.1:\d+/`).FindString(lines.Text())
			}
			if url == "" {
				t.Fatal("byline serve printed no URL")
			}
			resp, err := http.Get(url + "articles/city/a/")
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 200 || !strings.Contains(string(body), "The harbor opened.") {
				t.Fatalf("GET the article: %d", resp.StatusCode)
			}
			cmd.Process.Signal(sig)
			rest, _ := io.ReadAll(stdout)
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			select {
			case err := <-done:
				if err != nil {
					t.Fatalf("byline serve after %v: %v", sig, err)
				}
			case <-time.After(10 * time.Second):
				t.Fatalf("byline serve did not stop on %v", sig)
			}
			if !strings.Contains(string(rest), "stopped") {
				t.Errorf("byline serve did not say it stopped: %q", rest)
			}
		})
	}
}
