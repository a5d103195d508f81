package site_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bylinehq/byline/site"
)

// writeBenchSite writes a site of n generated articles in 5 sections and
// n/5 entities, each article naming and quoting a few of them.
func writeBenchSite(tb testing.TB, dir string, n int) {
	tb.Helper()
	rng := rand.New(rand.NewPCG(1, 2))
	first := []string{"Ana", "Daniel", "Mira", "Rafael", "Tomasz", "Priya", "Ingrid", "Helen", "Marcus", "Jonah"}
	last := []string{"Ruiz", "Okafor", "Lindqvist", "Quintero", "Wierzbicki", "Raghunathan", "Solberg", "Achterberg", "Oyelaran", "Feldstein"}
	ents := max(n/5, 10)
	names := make([]string, ents)
	for i := range ents {
		names[i] = fmt.Sprintf("%s %s%d", first[i%10], last[i%10], i)
		body := fmt.Sprintf("---\nname: %s\nkind: person\nrole: Council member\n---\n%s serves on the council.\n", names[i], names[i])
		write(tb, filepath.Join(dir, "content/entities", fmt.Sprintf("p%d.md", i)), body)
	}
	sections := []string{"city", "business", "science", "culture", "sports"}
	for i := range n {
		var b strings.Builder
		fmt.Fprintf(&b, "---\ntitle: Story number %d\ndate: 2025-%02d-%02d\nauthors: [Lena Voss]\nsummary: A generated story.\ntags: [tag%d, common]\n---\n", i, 1+i%12, 1+i%28, i%50)
		for p := range 8 {
			who := names[rng.IntN(ents)]
			fmt.Fprintf(&b, "Paragraph %d of the story, in which %s met officials to discuss the harbor budget and its many line items for the coming year.\n\n", p, who)
			fmt.Fprintf(&b, "\"We will keep working on this until it is done,\" %s said. \"Nobody should expect miracles.\"\n\n", who)
		}
		b.WriteString("```go\nfunc main() { println(\"hello\") }\n```\n")
		write(tb, filepath.Join(dir, "content/articles", sections[i%5], fmt.Sprintf("story-%d.md", i)), b.String())
	}
}

func write(tb testing.TB, path, text string) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		tb.Fatal(err)
	}
}

// BenchmarkBuild times a whole build of generated sites; compare with
// `hugo` on a site of the same size (see README, Speed).
func BenchmarkBuild(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("articles=%d", n), func(b *testing.B) {
			dir := b.TempDir()
			writeBenchSite(b, dir, n)
			out := filepath.Join(b.TempDir(), "public")
			b.ResetTimer()
			for b.Loop() {
				sum, err := site.Build(context.Background(), site.Options{Source: dir, Output: out})
				if err != nil {
					b.Fatal(err)
				}
				b.ReportMetric(float64(sum.Files), "files")
			}
		})
	}
}
