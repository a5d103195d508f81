package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode"

	"github.com/bylinehq/byline/site/content"
)

func cmdNew(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || (args[0] != "article" && args[0] != "entity") {
		fmt.Fprintln(stderr, "usage: byline new article TITLE [--section S] | byline new entity NAME [--kind K]")
		return 2
	}
	what := args[0]
	fs := newFlags("new "+what, stderr)
	source := fs.String("source", ".", "the site's folder")
	section := fs.String("section", "news", "the article's section")
	kind := fs.String("kind", "person", "the entity's kind: "+strings.Join(content.Kinds, ", "))
	rest, err := parseFlags(fs, args[1:])
	if err != nil {
		return 2
	}
	title := strings.TrimSpace(strings.Join(rest, " "))
	if title == "" {
		fmt.Fprintf(stderr, "byline new %s: missing the %s\n", what, map[string]string{"article": "title", "entity": "name"}[what])
		return 2
	}
	slug := slugify(title)
	if slug == "" {
		fmt.Fprintf(stderr, "byline new %s: %q gives an empty file name\n", what, title)
		return 2
	}
	var path, text string
	switch what {
	case "article":
		if strings.ContainsAny(*section, `/\`) || *section == "" || strings.HasPrefix(*section, ".") {
			fmt.Fprintf(stderr, "byline new article: bad section %q: use one folder name\n", *section)
			return 2
		}
		path = filepath.Join(*source, "content", "articles", *section, slug+".md")
		text = fmt.Sprintf("---\ntitle: %s\ndate: %s\nauthors: []\nsummary: \"\"\ntags: []\ndraft: true\n---\n\nWrite the story here.\n",
			yamlString(title), time.Now().Format(time.RFC3339))
	case "entity":
		valid := false
		for _, k := range content.Kinds {
			valid = valid || k == *kind
		}
		if !valid {
			fmt.Fprintf(stderr, "byline new entity: kind must be one of %s\n", strings.Join(content.Kinds, ", "))
			return 2
		}
		path = filepath.Join(*source, "content", "entities", slug+".md")
		text = fmt.Sprintf("---\nname: %s\nkind: %s\naliases: []\nrole: \"\"\n---\n\nOne sentence saying who or what %s is.\n", yamlString(title), *kind, title)
	}
	if err := writeNew(path, text); err != nil {
		fmt.Fprintf(stderr, "byline new %s: %v\n", what, err)
		return 1
	}
	fmt.Fprintf(stdout, "wrote %s\n", path)
	if what == "article" {
		fmt.Fprintln(stdout, "it is a draft: preview it with byline serve --drafts, publish it by deleting draft: true")
	}
	return 0
}

// writeNew creates path with text, refusing to overwrite an existing file.
func writeNew(path, text string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s already exists; not overwriting it", path)
	}
	if err != nil {
		return err
	}
	if _, err := f.WriteString(text); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// slugify makes a file name from a title: lower case words joined by hyphens.
func slugify(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		} else {
			dash = true
		}
	}
	return b.String()
}

// yamlString quotes s for YAML.
func yamlString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}
