package markdown_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/bylinehq/byline/site/markdown"
)

func convert(t *testing.T, opts markdown.Options, src string) string {
	t.Helper()
	var buf bytes.Buffer
	if err := markdown.New(opts).Convert([]byte(src), &buf); err != nil {
		t.Fatalf("convert: %v", err)
	}
	return buf.String()
}

// TestMarkdownFeatures checks the Markdown extensions byline turns on, one
// feature per case: each wants substrings that only that feature produces.
func TestMarkdownFeatures(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		want      []string
		not       []string
	}{
		{"GFM table", "| Year | Tons |\n|------|-----:|\n| 2024 | 12 |\n",
			[]string{"<table>", "<th>Year</th>", `<td style="text-align:right">12</td>`}, []string{"| Year"}},
		{"strikethrough", "The ~~old~~ plan.\n", []string{"<del>old</del>"}, []string{"~~"}},
		{"autolink", "See https://example.org/minutes for details.\n",
			[]string{`<a href="https://example.org/minutes">https://example.org/minutes</a>`}, nil},
		{"task list", "- [x] filed\n- [ ] edited\n",
			[]string{`<input checked="" disabled="" type="checkbox"`, `<input disabled="" type="checkbox"`}, []string{"[x]"}},
		{"footnotes", "A claim.[^1]\n\n[^1]: The source.\n",
			[]string{`<sup id="fnref:1"><a href="#fn:1"`, `<li id="fn:1">`, "The source."}, []string{"[^1]"}},
		{"typographer", "\"Yes,\" she said -- it's done...\n",
			[]string{"“Yes,”", "it’s", "–", "…"}, []string{"&quot;Yes", "&ldquo;"}},
		{"heading ids", "## The port vote\n\n## The port vote\n",
			[]string{`<h2 id="the-port-vote">The port vote</h2>`, `<h2 id="the-port-vote-1">`}, nil},
		{"raw HTML left out by default", "<script>alert(1)</script>\n\nText with <span class=\"x\">inline</span> HTML.\n",
			[]string{"inline"}, []string{"<script>", `<span class="x">`}},
		{"plain code without a known language", "```nosuchlang\na < b\n```\n",
			[]string{`<code class="language-nosuchlang">a &lt; b`}, []string{"a < b"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := convert(t, markdown.Options{}, tc.src)
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("output lacks %q:\n%s", w, got)
				}
			}
			for _, n := range tc.not {
				if strings.Contains(got, n) {
					t.Errorf("output has %q:\n%s", n, got)
				}
			}
		})
	}
}

// TestMarkdownRawHTML checks that raw HTML passes through with RawHTML set.
func TestMarkdownRawHTML(t *testing.T) {
	got := convert(t, markdown.Options{RawHTML: true}, "<div class=\"embed\">x</div>\n\nText with <span class=\"x\">inline</span> HTML.\n")
	for _, w := range []string{`<div class="embed">x</div>`, `<span class="x">inline</span>`} {
		if !strings.Contains(got, w) {
			t.Errorf("output lacks %q:\n%s", w, got)
		}
	}
}

// TestMarkdownHighlight checks that fenced code is highlighted by chroma
// with hl- prefixed classes rather than inline styles.
func TestMarkdownHighlight(t *testing.T) {
	got := convert(t, markdown.Options{}, "```go\nfunc main() { return }\n```\n")
	for _, w := range []string{`<pre class="hl-chroma">`, `<span class="hl-kd">func</span>`, `<span class="hl-nf">main</span>`} {
		if !strings.Contains(got, w) {
			t.Errorf("output lacks %q:\n%s", w, got)
		}
	}
	if strings.Contains(got, "style=") {
		t.Errorf("output has inline styles:\n%s", got)
	}
}

// TestStylesheet checks the generated code stylesheet: hl- classes for the
// light theme and a dark theme under prefers-color-scheme.
func TestStylesheet(t *testing.T) {
	css := string(markdown.Stylesheet())
	dark := strings.Index(css, "@media (prefers-color-scheme: dark)")
	if dark < 0 {
		t.Fatalf("stylesheet has no dark-mode media query:\n%s", css)
	}
	light, darkPart := css[:dark], css[dark:]
	for name, part := range map[string]string{"light": light, "dark": darkPart} {
		if !strings.Contains(part, ".hl-kd") || !strings.Contains(part, ".hl-chroma") {
			t.Errorf("%s part lacks .hl-kd or .hl-chroma rules", name)
		}
	}
	if strings.Count(css, "{") != strings.Count(css, "}") {
		t.Errorf("stylesheet braces do not balance")
	}
}

// TestCriticMarkup checks what readers see of each CriticMarkup form before
// annotation: new text shown, old text and comments hidden.
func TestCriticMarkup(t *testing.T) {
	got := convert(t, markdown.Options{}, "Led by {~~Okafour~>Okafor~~}, {--not--} {++now++} set.{>>check spelling<<} {==Key==} point.\n")
	for _, w := range []string{`<ins class="change"`, "Okafor</ins>", "now</ins>", "<mark>Key</mark>", `class="change-mark"`} {
		if !strings.Contains(got, w) {
			t.Errorf("output lacks %q:\n%s", w, got)
		}
	}
	for _, n := range []string{"Okafour", "not", "check spelling", "{~~", "{>>"} {
		if strings.Contains(got, n) {
			t.Errorf("output shows %q:\n%s", n, got)
		}
	}
}

// TestWikilink checks that [[id|shown]] shows its text and [[ is not read
// as a link.
func TestWikilink(t *testing.T) {
	got := convert(t, markdown.Options{}, "Talked to [[ana-ruiz|the mayor]] today.\n")
	if !strings.Contains(got, "Talked to the mayor today.") {
		t.Errorf("output:\n%s", got)
	}
}
