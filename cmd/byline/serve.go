package main

import (
	"context"
	"fmt"
	"io"

	"github.com/bylinehq/byline/site/serve"
)

func cmdServe(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("serve", stderr)
	var opts serve.Options
	fs.StringVar(&opts.Addr, "addr", "127.0.0.1:1313", "address to listen on")
	fs.StringVar(&opts.Source, "source", ".", "the site's folder")
	fs.BoolVar(&opts.Drafts, "drafts", false, "include drafts")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return 2
	}
	if len(rest) > 0 {
		fmt.Fprintf(stderr, "byline serve: unexpected argument %q\n", rest[0])
		return 2
	}
	opts.Log = stderr
	s, err := serve.New(ctx, opts)
	if err != nil {
		fmt.Fprintf(stderr, "byline serve: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "serving %s at %s (Ctrl-C to stop)\n", opts.Source, s.URL())
	if err := s.Run(ctx); err != nil {
		fmt.Fprintf(stderr, "byline serve: %v\n", err)
		return 1
	}
	fmt.Fprintln(stdout, "byline serve: stopped")
	return 0
}
