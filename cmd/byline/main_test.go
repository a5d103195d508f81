package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"byline": func() { os.Exit(run(context.Background(), os.Args[1:], os.Stdout, os.Stderr)) },
	})
}

// TestScripts runs the scripts in testdata/script, each a byline session in
// a fresh folder holding the files of the script's archive.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
	})
}

// TestExitCodes checks the exit codes the scripts cannot tell apart:
// 1 for problems with the site or its files, 2 for a wrong command line.
func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	write := func(rel, text string) {
		t.Helper()
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("content/articles/city/a.md", "---\ntitle: A\ndate: 2025-01-01\n---\n\"It is all fine,\" the report concluded.\n")
	out := filepath.Join(t.TempDir(), "public")
	steps := []struct {
		args []string
		want int
		then func()
	}{
		{[]string{"check", "--source", dir}, 0, nil}, // one warning: an unattributed quote
		{[]string{"build", "--source", dir, "--output", out}, 0, func() {
			write("content/articles/city/b.md", "---\ntitle: B\ndate: 2025-01-02\n---\nSaid by [[nobody]].\n")
		}},
		{[]string{"check", "--source", dir}, 1, nil},
		{[]string{"build", "--source", dir, "--output", out}, 1, nil},
		{[]string{"build", "--source", dir, "--output", dir}, 1, nil},
		{[]string{"new", "article", "A", "--section", "city", "--source", dir}, 1, nil}, // exists
		{[]string{"new", "entity", "Ana Ruiz", "--source", dir}, 0, nil},
		{[]string{"new", "entity", "Ana Ruiz", "--source", dir}, 1, nil},
		{[]string{"new", "article", "--source", dir}, 2, nil},
		{[]string{"build", "--bogus"}, 2, nil},
		{[]string{"check", "extra"}, 2, nil},
		{[]string{"nonsense"}, 2, nil},
		{nil, 2, nil},
		{[]string{"--version"}, 0, nil},
		{[]string{"--help"}, 0, nil},
	}
	for _, s := range steps {
		var stdout, stderr strings.Builder
		if got := run(context.Background(), s.args, &stdout, &stderr); got != s.want {
			t.Errorf("byline %s: exit %d, want %d\nstdout:\n%s\nstderr:\n%s", strings.Join(s.args, " "), got, s.want, stdout.String(), stderr.String())
		}
		if s.then != nil {
			s.then()
		}
	}
}
