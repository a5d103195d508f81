package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/bylinehq/byline/site"
)

func cmdBuild(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("build", stderr)
	var opts site.Options
	fs.StringVar(&opts.Source, "source", ".", "the site's folder")
	fs.StringVar(&opts.Output, "output", "", "output folder (default from byline.toml, else public)")
	fs.BoolVar(&opts.Drafts, "drafts", false, "include drafts")
	fs.StringVar(&opts.BaseURL, "base-url", "", "base URL of the published site")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return 2
	}
	if len(rest) > 0 {
		fmt.Fprintf(stderr, "byline build: unexpected argument %q\n", rest[0])
		return 2
	}
	if err := checkSource(opts.Source); err != nil {
		fmt.Fprintf(stderr, "byline build: %v\n", err)
		return 1
	}
	sum, err := site.Build(ctx, opts)
	if err != nil {
		report(stderr, err)
		return 1
	}
	fmt.Fprintln(stdout, sum)
	if n := len(sum.Warnings); n > 0 {
		fmt.Fprintf(stderr, "byline: %d warning(s); run 'byline check' to list them\n", n)
	}
	return 0
}

func cmdCheck(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("check", stderr)
	source := fs.String("source", ".", "the site's folder")
	drafts := fs.Bool("drafts", false, "include drafts")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return 2
	}
	if len(rest) > 0 {
		fmt.Fprintf(stderr, "byline check: unexpected argument %q\n", rest[0])
		return 2
	}
	if err := checkSource(*source); err != nil {
		fmt.Fprintf(stderr, "byline check: %v\n", err)
		return 1
	}
	diags := site.Check(ctx, *source, *drafts)
	for _, d := range diags {
		fmt.Fprintln(stderr, d)
	}
	errs, warns := len(diags.Errors()), len(diags.Warnings())
	if errs > 0 {
		fmt.Fprintf(stderr, "byline check: %d error(s), %d warning(s)\n", errs, warns)
		return 1
	}
	fmt.Fprintf(stdout, "byline check: no errors, %d warning(s)\n", warns)
	return 0
}

// checkSource makes sure the source folder exists, so that a mistyped
// --source is reported rather than built as an empty site.
func checkSource(dir string) error {
	info, err := os.Stat(dir)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("source folder %s does not exist", dir)
		}
		return err
	}
	if !info.IsDir() {
		return fmt.Errorf("source %s is not a folder", dir)
	}
	return nil
}
