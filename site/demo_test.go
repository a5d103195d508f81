package site_test

import (
	"context"
	"encoding/json"
	"html"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bylinehq/byline/site"
)

// TestDemoSite builds the demo site in the repository root and checks that
// it shows what byline does: several sections, a knowledge base, a
// highlighted code block and a corrections log, with no errors.
func TestDemoSite(t *testing.T) {
	root := moduleDir()
	out := filepath.Join(t.TempDir(), "public")
	sum, err := site.Build(context.Background(), site.Options{Source: root, Output: out})
	if err != nil {
		t.Fatalf("demo build failed:\n%v", err)
	}
	if diags := site.Check(context.Background(), root, false); len(diags.Errors()) > 0 {
		t.Errorf("byline check finds errors in the demo:\n%v", diags.Errors())
	}
	if sum.Articles < 8 {
		t.Errorf("demo has %d published articles, want at least 8", sum.Articles)
	}
	if sum.Entities < 25 {
		t.Errorf("demo has %d entities, want at least 25", sum.Entities)
	}

	sections := map[string]int{}
	highlighted := false
	var corrections []string
	err = filepath.WalkDir(filepath.Join(out, "articles"), func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		switch d.Name() {
		case "index.html":
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			if strings.Contains(string(b), `<pre class="hl-chroma">`) && strings.Contains(string(b), `<span class="hl-`) {
				highlighted = true
			}
		case "index.json":
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			var a struct {
				URL         string
				Corrections []struct{ Text string }
			}
			if err := json.Unmarshal(b, &a); err != nil {
				t.Errorf("%s: %v", p, err)
			}
			if parts := strings.Split(strings.Trim(a.URL, "/"), "/"); len(parts) == 3 {
				sections[parts[1]]++
			}
			for _, c := range a.Corrections {
				corrections = append(corrections, c.Text)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(sections) < 3 {
		t.Errorf("demo articles are in sections %v, want at least 3", sections)
	}
	if !highlighted {
		t.Errorf("no demo article has a highlighted code block")
	}
	if len(corrections) < 2 {
		t.Errorf("demo has %d corrections, want at least 2", len(corrections))
	}
	log := html.UnescapeString(outText(t, out, "corrections/index.html"))
	for _, c := range corrections {
		if !strings.Contains(log, c) {
			t.Errorf("/corrections/ lacks %q", c)
		}
	}
}
