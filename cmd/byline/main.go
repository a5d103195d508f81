// Command byline builds annotated news sites. See byline --help.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"

	byline "github.com/bylinehq/byline"
	"github.com/bylinehq/byline/site/diag"
)

const usage = `byline builds annotated news sites from Markdown.

Usage:
    byline build [--source DIR] [--output DIR] [--drafts] [--base-url URL]
    byline serve [--addr 127.0.0.1:1313] [--source DIR] [--drafts]
    byline check [--source DIR] [--drafts]
    byline new article TITLE [--section S] [--source DIR]
    byline new entity NAME [--kind K] [--source DIR]
    byline --help | --version

build   writes the site to the output folder (public/ unless byline.toml or
        --output says otherwise), replacing it only when the build succeeds.
serve   builds, serves and watches the site, reloading open pages on changes.
check   checks content without writing anything; exits 1 on errors.
new     writes a new article or entity file with front matter filled in.

Problems are reported as path:line:col: message.
`

func main() {
	// A build allocates many short-lived pages; collecting half as often
	// measured about 5% faster on 10k articles, for a little more memory.
	debug.SetGCPercent(200)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run runs byline with args and returns the exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		fmt.Fprint(stdout, usage)
		return 0
	case "-version", "--version", "version":
		fmt.Fprintf(stdout, "byline %s\n", byline.Version)
		return 0
	case "build":
		return cmdBuild(ctx, args[1:], stdout, stderr)
	case "check":
		return cmdCheck(ctx, args[1:], stdout, stderr)
	case "new":
		return cmdNew(args[1:], stdout, stderr)
	case "serve":
		return cmdServe(ctx, args[1:], stdout, stderr)
	}
	fmt.Fprintf(stderr, "byline: unknown command %q\nRun 'byline --help' for usage.\n", args[0])
	return 2
}

func newFlags(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("byline "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}

// parseFlags parses flags that may come before or after positional arguments.
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// report prints diagnostics, or an error, to stderr.
func report(stderr io.Writer, err error) {
	var de *diag.Error
	if errors.As(err, &de) {
		for _, d := range de.List {
			fmt.Fprintln(stderr, d)
		}
		fmt.Fprintf(stderr, "byline: %d error(s)\n", len(de.List))
		return
	}
	fmt.Fprintf(stderr, "byline: %v\n", err)
}
