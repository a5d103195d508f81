package serve

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

const chromium = "/usr/bin/chromium"

// browser starts headless Chromium for the test; it skips the test when
// Chromium is absent, except under CI=true.
func browser(t *testing.T) context.Context {
	t.Helper()
	if _, err := os.Stat(chromium); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s not found; install it with apt-get install chromium", chromium)
		}
		t.Skipf("%s not found", chromium)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium), chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Headless, chromedp.Flag("disable-background-networking", true))
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(alloc)
	ctx, cancelTimeout := context.WithTimeout(ctx, 2*time.Minute)
	t.Cleanup(func() { cancelTimeout(); cancelCtx(); cancelAlloc() })
	return ctx
}

func run[T any](t *testing.T, ctx context.Context, what string, a chromedp.Action[T]) T {
	t.Helper()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	return v
}

// waitJS waits until a JavaScript expression is true in the page, across
// the page's reloads.
func waitJS(t *testing.T, ctx context.Context, what, expr string) {
	t.Helper()
	var last error
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool]("!!("+expr+")"))
		if err == nil && ok {
			return
		}
		last = err
	}
	t.Fatalf("timed out waiting for %s (last error: %v)", what, last)
}

// TestBrowserLiveReload opens an article in Chromium, edits its Markdown
// on disk and sees the page follow with no action in the browser: new text
// at the same scroll position, an overlay for broken front matter that goes
// away once fixed, and a stylesheet swapped in place.
func TestBrowserLiveReload(t *testing.T) {
	ctx := browser(t)
	s, g, _, _ := running(t)
	long := strings.Repeat("A long paragraph about the harbor and its many boats.\n\n", 80)
	article := "content/articles/city/port-vote.md"
	g.write(article, "---\ntitle: Port vote\ndate: 2025-03-04\n---\n\nFirst version.\n\n"+long)
	waitFor := func() {
		for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
			if _, _, body := get(t, s.URL()+"articles/city/port-vote/"); strings.Contains(body, "First version.") {
				return
			}
		}
	}
	waitFor()
	run(t, ctx, "open the article", chromedp.Navigate(s.URL()+"articles/city/port-vote/"))
	waitJS(t, ctx, "the first version", `document.body.innerText.includes("First version.")`)
	waitJS(t, ctx, "the event stream", `window.bylineLive === true`)
	run(t, ctx, "scroll", chromedp.Evaluate[chromedp.Void](`window.scrollTo(0, 900); window.marker = 1`))

	g.write(article, "---\ntitle: Port vote\ndate: 2025-03-04\n---\n\nSecond version.\n\n"+long)
	waitJS(t, ctx, "the second version", `document.body.innerText.includes("Second version.") && window.marker === undefined`)
	waitJS(t, ctx, "the scroll position kept", `window.scrollY > 800`)
	// An edit saved while the page reloads is in the page it loads; wait
	// for the stream anyway, so each step below sees its own event.
	waitJS(t, ctx, "the event stream again", `window.bylineLive === true`)

	g.write(article, "---\ntitle: [Port vote\ndate: 2025-03-04\n---\n\nBroken.\n")
	waitJS(t, ctx, "the error overlay", `(document.getElementById("byline-errors") || {innerText: ""}).innerText.includes("content/articles/city/port-vote.md:")`)
	if got := run(t, ctx, "page text", chromedp.Evaluate[bool](`document.body.innerText.includes("Second version.")`)); !got {
		t.Error("the last good page is gone behind the overlay")
	}

	g.write(article, "---\ntitle: Port vote\ndate: 2025-03-04\n---\n\nThird version.\n\n"+long)
	waitJS(t, ctx, "the fixed page without overlay", `document.body.innerText.includes("Third version.") && !document.getElementById("byline-errors")`)
	waitJS(t, ctx, "the event stream after the fix", `window.bylineLive === true`)

	run(t, ctx, "mark the page", chromedp.Evaluate[chromedp.Void](`window.marker = 2`))
	g.write("static/css/byline.css", "body { background: rgb(1, 2, 3) }\n")
	waitJS(t, ctx, "the new stylesheet", `getComputedStyle(document.body).backgroundColor === "rgb(1, 2, 3)"`)
	if got := run(t, ctx, "marker", chromedp.Evaluate[int](`window.marker || 0`)); got != 2 {
		t.Error("a stylesheet change reloaded the page")
	}
}
