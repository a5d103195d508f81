//go:build tools

package byline

// Modules the tests use, kept in go.mod before the tests that import them land.
import (
	_ "github.com/chromedp/chromedp"
	_ "github.com/fsnotify/fsnotify"
	_ "github.com/rogpeppe/go-internal/testscript"
)
