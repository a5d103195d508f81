package markdown

import (
	"bytes"
	"fmt"
	"html"
	"io"
	"regexp"
	"strings"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
)

var classRe = regexp.MustCompile(`\.hl-[a-z0-9]+\b`)

var formatter = chromahtml.New(chromahtml.WithClasses(true), chromahtml.ClassPrefix("hl-"))

// renderCode highlights a code block with chroma, using CSS classes so that
// one generated stylesheet (see Stylesheet) themes every block.
func renderCode(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	var code bytes.Buffer
	lines := node.Lines()
	for i := range lines.Len() {
		seg := lines.At(i)
		code.Write(seg.Value(src))
	}
	lang := ""
	if fc, ok := node.(*ast.FencedCodeBlock); ok && fc.Info != nil {
		lang = strings.Fields(string(fc.Info.Segment.Value(src)) + " ")[0]
		lang = strings.Trim(lang, "{}.")
	}
	var lexer chroma.Lexer
	if lang != "" {
		lexer = lexers.Get(lang)
	}
	if lexer == nil {
		writePlain(w, lang, code.String())
		return ast.WalkSkipChildren, nil
	}
	it, err := chroma.Coalesce(lexer).Tokenise(nil, code.String())
	if err != nil {
		writePlain(w, lang, code.String())
		return ast.WalkSkipChildren, nil
	}
	if err := formatter.Format(w, styles.Get("github"), it); err != nil {
		return ast.WalkStop, err
	}
	return ast.WalkSkipChildren, nil
}

func writePlain(w io.Writer, lang, code string) {
	cls := ""
	if lang != "" {
		cls = ` class="language-` + html.EscapeString(lang) + `"`
	}
	io.WriteString(w, `<pre class="hl-chroma"><code`+cls+`>`+html.EscapeString(code)+"</code></pre>\n")
}

// Stylesheet returns the CSS for highlighted code: a light theme, and a dark
// one under prefers-color-scheme: dark.
func Stylesheet() []byte {
	var light, dark bytes.Buffer
	formatter.WriteCSS(&light, styles.Get("github"))
	formatter.WriteCSS(&dark, styles.Get("github-dark"))
	var b bytes.Buffer
	b.Write(light.Bytes())
	b.WriteString("@media (prefers-color-scheme: dark) {\n")
	b.Write(dark.Bytes())
	// A class the light style colours but the dark one does not would keep
	// its light colour on a dark background; reset it.
	darkClasses := map[string]bool{}
	for _, m := range classRe.FindAllString(dark.String(), -1) {
		darkClasses[m] = true
	}
	seen := map[string]bool{}
	for _, m := range classRe.FindAllString(light.String(), -1) {
		if !darkClasses[m] && !seen[m] {
			seen[m] = true
			fmt.Fprintf(&b, ".hl-chroma %s { color: inherit; background-color: transparent }\n", m)
		}
	}
	b.WriteString("}\n")
	return b.Bytes()
}
