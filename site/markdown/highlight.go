package markdown

import (
	"bytes"
	"html"
	"io"
	"strings"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
)

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
	var b bytes.Buffer
	formatter.WriteCSS(&b, styles.Get("github"))
	b.WriteString("@media (prefers-color-scheme: dark) {\n")
	formatter.WriteCSS(&b, styles.Get("github-dark"))
	b.WriteString("}\n")
	return b.Bytes()
}
