package site_test

import (
	"context"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/bylinehq/byline/site"
)

// treeDigest lists every file and folder under dir with its mode and a
// hash of its contents, so two calls can be compared byte for byte.
func treeDigest(t *testing.T, dir string) string {
	t.Helper()
	var lines []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		info, err := d.Info()
		if err != nil {
			return err
		}
		line := fmt.Sprintf("%s %v", filepath.ToSlash(rel), info.Mode())
		if !d.IsDir() {
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			line += fmt.Sprintf(" %x", sha256.Sum256(b))
		}
		lines = append(lines, line)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

// TestFailedBuildKeepsOutput checks that a build that fails leaves the
// previous output byte for byte as it was, and no temporary folder beside it.
func TestFailedBuildKeepsOutput(t *testing.T) {
	src := siteFromTxtar(t, newsSite)
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	ctx := context.Background()
	if _, err := site.Build(ctx, site.Options{Source: src, Output: out}); err != nil {
		t.Fatalf("first build: %v", err)
	}
	// Something the build does not write, which a replaced folder would lose.
	if err := os.WriteFile(filepath.Join(out, "marker.txt"), []byte("kept"), 0o644); err != nil {
		t.Fatal(err)
	}
	before := treeDigest(t, out)

	bad := filepath.Join(src, "content", "articles", "city", "zz-bad.md")
	if err := os.WriteFile(bad, []byte("---\ntitle: Broken\ndate: not a date\n---\nText.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := site.Build(ctx, site.Options{Source: src, Output: out}); err == nil {
		t.Fatal("build with a bad article succeeded")
	}
	if after := treeDigest(t, out); after != before {
		t.Errorf("a failed build changed the output folder")
	}
	if names := dirNames(t, parent); len(names) != 1 || names[0] != "public" {
		t.Errorf("the output's parent holds %q after a failed build; want only public", names)
	}

	// An error found while rendering, after loading went well, too.
	if err := os.WriteFile(bad, []byte("---\ntitle: Fine\ndate: 2025-01-01\n---\nSee [[nobody]].\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := site.Build(ctx, site.Options{Source: src, Output: out}); err == nil {
		t.Fatal("build with an unknown entity id succeeded")
	}
	if after := treeDigest(t, out); after != before {
		t.Errorf("a build failing in annotation changed the output folder")
	}
	if names := dirNames(t, parent); len(names) != 1 || names[0] != "public" {
		t.Errorf("the output's parent holds %q after a failed build; want only public", names)
	}

	// A good build replaces the folder and leaves nothing beside it either.
	os.Remove(bad)
	if _, err := site.Build(ctx, site.Options{Source: src, Output: out}); err != nil {
		t.Fatalf("third build: %v", err)
	}
	if _, err := os.Stat(filepath.Join(out, "marker.txt")); err == nil {
		t.Errorf("a successful build kept a file it did not write")
	}
	if names := dirNames(t, parent); len(names) != 1 || names[0] != "public" {
		t.Errorf("the output's parent holds %q after a build; want only public", names)
	}
}

// TestUnsafeOutputRefused checks that Build refuses output folders it
// must never replace, and leaves them untouched.
func TestUnsafeOutputRefused(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	for _, tc := range []struct {
		name   string
		output func(src string) string
		want   string
	}{
		{"the source", func(src string) string { return src }, "is the source folder"},
		{"the source, spelled differently", func(src string) string { return filepath.Join(src, "content", "..") }, "is the source folder"},
		{"a parent of the source", func(src string) string { return filepath.Dir(src) }, "contains the source folder"},
		{"the home folder", func(string) string { return home }, "is the home folder"},
		{"inside content", func(src string) string { return filepath.Join(src, "content", "public") }, "inside the site's content folder"},
		{"the content folder", func(src string) string { return filepath.Join(src, "content") }, "inside the site's content folder"},
		{"inside static", func(src string) string { return filepath.Join(src, "static", "out") }, "inside the site's static folder"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := siteFromTxtar(t, newsSite)
			out := tc.output(src)
			if err := os.MkdirAll(out, 0o755); err != nil {
				t.Fatal(err)
			}
			before := treeDigest(t, filepath.Dir(src))
			_, err := site.Build(context.Background(), site.Options{Source: src, Output: out})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Build with output %s: error %v, want one saying %q", out, err, tc.want)
			}
			if after := treeDigest(t, filepath.Dir(src)); after != before {
				t.Errorf("a refused build changed files")
			}
		})
	}
}

// TestUnsafeOutputRoot checks that the file system root is refused. It asks
// CheckOutputDir, which Build calls, so that no build ever aims at /.
func TestUnsafeOutputRoot(t *testing.T) {
	src := siteFromTxtar(t, newsSite)
	for _, out := range []string{"/", "/../.."} {
		if err := site.CheckOutputDir(src, out); err == nil || !strings.Contains(err.Error(), "file system root") {
			t.Errorf("CheckOutputDir(%q) = %v, want an error about the root", out, err)
		}
	}
	if err := site.CheckOutputDir(src, filepath.Join(src, "public")); err != nil {
		t.Errorf("CheckOutputDir refused the usual public folder: %v", err)
	}
}

// TestUnsafeOutputSymlink checks that an output folder reached through a
// symbolic link to the source is refused like the source itself.
func TestUnsafeOutputSymlink(t *testing.T) {
	src := siteFromTxtar(t, newsSite)
	link := filepath.Join(t.TempDir(), "link")
	if err := os.Symlink(src, link); err != nil {
		t.Skipf("cannot make symbolic links: %v", err)
	}
	_, err := site.Build(context.Background(), site.Options{Source: src, Output: link})
	if err == nil || !strings.Contains(err.Error(), "is the source folder") {
		t.Errorf("Build through a link to the source: %v", err)
	}
	if _, err := os.Stat(filepath.Join(src, "content", "articles", "city", "port-vote.md")); err != nil {
		t.Errorf("the source lost an article: %v", err)
	}
}

// TestOutputIsAFileRefused checks that an output path naming an existing
// file is refused rather than replaced by a folder.
func TestOutputIsAFileRefused(t *testing.T) {
	src := siteFromTxtar(t, newsSite)
	file := filepath.Join(t.TempDir(), "notes.txt")
	if err := os.WriteFile(file, []byte("my notes"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := site.Build(context.Background(), site.Options{Source: src, Output: file}); err == nil {
		t.Errorf("Build into an existing file succeeded")
	}
	if b, err := os.ReadFile(file); err != nil || string(b) != "my notes" {
		t.Errorf("the file was replaced: %q, %v", b, err)
	}
}
