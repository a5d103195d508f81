package serve

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// benchSite writes a site of n articles in 5 sections and n/5 entities,
// each article naming and quoting a few of them.
func benchSite(tb testing.TB, dir string, n int) {
	g := &gen{t: tb, dir: dir, rnd: rand.New(rand.NewPCG(1, 2))}
	first := []string{"Ana", "Daniel", "Mira", "Rafael", "Tomasz", "Priya", "Ingrid", "Helen", "Marcus", "Jonah"}
	last := []string{"Ruiz", "Okafor", "Lindqvist", "Quintero", "Wierzbicki", "Raghunathan", "Solberg", "Achterberg", "Oyelaran", "Feldstein"}
	ents := max(n/5, 10)
	names := make([]string, ents)
	for i := range ents {
		names[i] = fmt.Sprintf("%s %s%d", first[i%10], last[i%10], i)
		g.write(fmt.Sprintf("content/entities/p%d.md", i), fmt.Sprintf("---\nname: %s\nkind: person\nrole: Council member\n---\n%s serves on the council.\n", names[i], names[i]))
	}
	sections := []string{"city", "business", "science", "culture", "sports"}
	for i := range n {
		var b strings.Builder
		fmt.Fprintf(&b, "---\ntitle: Story number %d\ndate: 2025-%02d-%02d\nauthors: [Lena Voss]\nsummary: A generated story.\ntags: [tag%d, common]\n---\n", i, 1+i%12, 1+i%28, i%50)
		for p := range 8 {
			who := names[g.rnd.IntN(ents)]
			fmt.Fprintf(&b, "Paragraph %d of the story, in which %s met officials to discuss the harbor budget.\n\n", p, who)
			fmt.Fprintf(&b, "\"We will keep working on this until it is done,\" %s said.\n\n", who)
		}
		g.write(fmt.Sprintf("content/articles/%s/story-%d.md", sections[i%5], i), b.String())
	}
	g.write("templates/article.html", theme("templates/article.html"))
}

// BenchmarkEditToReload measures, on a running server, the time from
// writing a file to the reload event being pushed to open pages: the
// median of 20 edits each of an article, an entity and a template. The
// time includes the watcher's 20ms debounce.
func BenchmarkEditToReload(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("articles=%d", n), func(b *testing.B) {
			dir := b.TempDir()
			benchSite(b, dir, n)
			start := time.Now()
			s, err := New(context.Background(), Options{Source: dir, Addr: "127.0.0.1:0"})
			if err != nil {
				b.Fatal(err)
			}
			b.Logf("first build of %d articles: %s", n, time.Since(start).Round(time.Millisecond))
			ctx, cancel := context.WithCancel(context.Background())
			done := make(chan error)
			go func() { done <- s.Run(ctx) }()
			defer func() { cancel(); <-done }()
			events := s.hub.subscribe()
			defer s.hub.unsubscribe(events)

			article := filepath.Join(dir, "content/articles/city/story-0.md")
			articleSrc, _ := os.ReadFile(article)
			entity := filepath.Join(dir, "content/entities/p3.md")
			tmpl := filepath.Join(dir, "templates/article.html")
			tmplSrc, _ := os.ReadFile(tmpl)
			edits := []struct {
				name string
				path string
				text func(i int) string
			}{
				{"article", article, func(i int) string { return string(articleSrc) + fmt.Sprintf("\nEdit number %d.\n", i) }},
				{"entity", entity, func(i int) string {
					return fmt.Sprintf("---\nname: Rafael Quintero3\nkind: person\nrole: Council member %d\n---\nServes on the council.\n", i)
				}},
				{"template", tmpl, func(i int) string {
					return strings.Replace(string(tmplSrc), `{{define "main"}}`, fmt.Sprintf(`{{define "main"}}<p hidden>%d</p>`, i), 1)
				}},
			}
			b.ResetTimer()
			for b.Loop() {
				for _, e := range edits {
					var took []time.Duration
					for i := range 20 {
						t0 := time.Now()
						if err := os.WriteFile(e.path, []byte(e.text(b.N*100+i)), 0o644); err != nil {
							b.Fatal(err)
						}
						if ev := <-events; ev.name != "reload" {
							b.Fatalf("%s edit: %s %s", e.name, ev.name, ev.data)
						}
						took = append(took, time.Since(t0))
					}
					slices.Sort(took)
					med := took[len(took)/2]
					b.ReportMetric(float64(med.Microseconds())/1000, e.name+"-ms")
					fmt.Printf("articles=%d %s edit: median %s to reload (min %s, max %s)\n", n, e.name,
						med.Round(100*time.Microsecond), took[0].Round(100*time.Microsecond), took[len(took)-1].Round(100*time.Microsecond))
				}
			}
		})
	}
}

// BenchmarkRebuildArticle times Server.Rebuild alone (no watcher, no
// debounce) after an article edit.
func BenchmarkRebuildArticle(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("articles=%d", n), func(b *testing.B) {
			dir := b.TempDir()
			benchSite(b, dir, n)
			s := newTestServer(b, dir)
			p := "content/articles/city/story-0.md"
			src, _ := os.ReadFile(filepath.Join(dir, p))
			i := 0
			for b.Loop() {
				i++
				os.WriteFile(filepath.Join(dir, p), []byte(string(src)+fmt.Sprintf("\nEdit %d.\n", i)), 0o644)
				if r := s.Rebuild(context.Background(), []string{p}); len(r.Changed) == 0 {
					b.Fatal("nothing changed")
				}
			}
		})
	}
}

// BenchmarkRebuildEntity times Server.Rebuild alone after an entity edit.
func BenchmarkRebuildEntity(b *testing.B) {
	dir := b.TempDir()
	benchSite(b, dir, 10000)
	s := newTestServer(b, dir)
	p := "content/entities/p3.md"
	i := 0
	for b.Loop() {
		i++
		os.WriteFile(filepath.Join(dir, p), []byte(fmt.Sprintf("---\nname: Rafael Quintero3\nkind: person\nrole: Council member %d\n---\nServes on the council.\n", i)), 0o644)
		if r := s.Rebuild(context.Background(), []string{p}); len(r.Changed) == 0 {
			b.Fatal("nothing changed")
		}
	}
}
