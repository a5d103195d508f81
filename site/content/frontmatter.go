package content

import (
	"bytes"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"go.yaml.in/yaml/v3"

	"github.com/bylinehq/byline/site/diag"
)

// A value is one front-matter value with the position it was written at.
// YAML and TOML both decode to values, so the typed decoders below serve both.
type value struct {
	Line, Col int
	Scalar    any // string, bool, int64, float64, time.Time; nil for lists and maps
	IsStr     bool
	List      []*value
	Map       []field
	kind      valueKind
}

type valueKind int

const (
	scalarValue valueKind = iota
	listValue
	mapValue
	nullValue
)

type field struct {
	Key string
	Val *value
}

// splitFrontMatter separates front matter from the body. The body keeps one
// empty line for each line of front matter, so that positions in it are the
// positions in the file. startLine is the file line the front matter text begins on.
func splitFrontMatter(src []byte) (fm []byte, format string, startLine int, body []byte, err error) {
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	var delim string
	switch {
	case hasDelim(src, "---"):
		delim, format = "---", "yaml"
	case hasDelim(src, "+++"):
		delim, format = "+++", "toml"
	default:
		return nil, "", 0, src, fmt.Errorf("missing front matter: the file must start with a --- (YAML) or +++ (TOML) line")
	}
	rest := src[len(delim):]
	rest = rest[bytes.IndexByte(rest, '\n')+1:]
	off := 0
	for off <= len(rest) {
		end := bytes.IndexByte(rest[off:], '\n')
		line := rest[off:]
		if end >= 0 {
			line = rest[off : off+end]
		}
		if string(bytes.TrimRight(line, " \t\r")) == delim {
			fm = rest[:off]
			after := []byte{}
			if end >= 0 {
				after = rest[off+end+1:]
			}
			n := 2 + bytes.Count(fm, []byte("\n"))
			body = append(bytes.Repeat([]byte("\n"), n), after...)
			return fm, format, 2, body, nil
		}
		if end < 0 {
			break
		}
		off += end + 1
	}
	return nil, format, 0, nil, fmt.Errorf("front matter is not closed: no %s line after the opening one", delim)
}

func hasDelim(src []byte, delim string) bool {
	if !bytes.HasPrefix(src, []byte(delim)) {
		return false
	}
	rest := bytes.TrimLeft(src[len(delim):], " \t\r")
	return len(rest) == 0 || rest[0] == '\n'
}

// parseFrontMatter decodes front matter into a map value. Errors carry
// positions in the file.
func parseFrontMatter(path string, fm []byte, format string, startLine int, diags *diag.List) *value {
	if format == "toml" {
		return parseTOML(path, fm, startLine, diags)
	}
	return parseYAML(path, fm, startLine, diags)
}

var yamlLineRe = regexp.MustCompile(`line (\d+): (.*)`)

// yamlParserErrors are the messages of the YAML parser's (as opposed to its
// scanner's) errors. yaml.v3 reports their line counting from 0, and the
// scanner's counting from 1.
var yamlParserErrors = []string{
	"did not find expected <stream-start>",
	"did not find expected <document start>",
	"did not find expected node content",
	"did not find expected '-' indicator",
	"did not find expected key",
	"did not find expected ',' or ']'",
	"did not find expected ',' or '}'",
	"found undefined tag handle",
	"found duplicate %YAML directive",
	"found incompatible YAML document",
	"found duplicate %TAG directive",
}

// yamlErrorLine converts the line yaml.v3 reports for msg to a 1-based line.
func yamlErrorLine(n int, msg string) int {
	for _, p := range yamlParserErrors {
		if strings.HasPrefix(msg, p) {
			return n + 1
		}
	}
	return n
}

func parseYAML(path string, fm []byte, startLine int, diags *diag.List) *value {
	var doc yaml.Node
	if err := yaml.Unmarshal(fm, &doc); err != nil {
		msg := strings.TrimPrefix(err.Error(), "yaml: ")
		line := startLine
		if m := yamlLineRe.FindStringSubmatch(msg); m != nil {
			var n int
			fmt.Sscan(m[1], &n)
			line, msg = startLine+yamlErrorLine(n, m[2])-1, m[2]
		}
		diags.Add(path, line, 1, "invalid YAML front matter: %s", msg)
		return nil
	}
	if len(doc.Content) == 0 {
		return &value{kind: mapValue, Line: startLine, Col: 1}
	}
	conv := yamlConverter{lineOff: startLine - 1, expanding: map[*yaml.Node]bool{}}
	root := conv.value(doc.Content[0])
	if conv.err != "" {
		diags.Add(path, conv.errLine, conv.errCol, "invalid YAML front matter: %s", conv.err)
		return nil
	}
	if root.kind != mapValue {
		diags.Add(path, root.Line, root.Col, "front matter must be a map of keys to values")
		return nil
	}
	return root
}

// maxYAMLValues bounds the values front matter may expand to through
// aliases, so that a few lines of nested aliases cannot exhaust memory.
const maxYAMLValues = 100_000

// A yamlConverter turns YAML nodes into values, following aliases. An alias
// to a node that contains it, or aliases that expand past maxYAMLValues,
// stop it with an error rather than recursing without end.
type yamlConverter struct {
	lineOff         int
	expanding       map[*yaml.Node]bool // alias targets being converted
	count           int
	err             string
	errLine, errCol int
}

func (c *yamlConverter) fail(n *yaml.Node, msg string) *value {
	if c.err == "" {
		c.err, c.errLine, c.errCol = msg, n.Line+c.lineOff, n.Column
	}
	return &value{kind: nullValue, Line: n.Line + c.lineOff, Col: n.Column}
}

func (c *yamlConverter) value(n *yaml.Node) *value {
	if c.err != "" {
		return &value{kind: nullValue}
	}
	if c.count++; c.count > maxYAMLValues {
		return c.fail(n, fmt.Sprintf("more than %d values once aliases are expanded", maxYAMLValues))
	}
	if n.Kind == yaml.AliasNode {
		t := n.Alias
		if t == nil {
			return c.fail(n, fmt.Sprintf("unknown alias *%s", n.Value))
		}
		if c.expanding[t] {
			return c.fail(n, fmt.Sprintf("alias *%s refers to a value that contains it", n.Value))
		}
		c.expanding[t] = true
		defer delete(c.expanding, t)
		return c.value(t)
	}
	v := &value{Line: n.Line + c.lineOff, Col: n.Column}
	switch n.Kind {
	case yaml.MappingNode:
		v.kind = mapValue
		for i := 0; i+1 < len(n.Content); i += 2 {
			v.Map = append(v.Map, field{Key: n.Content[i].Value, Val: c.value(n.Content[i+1])})
		}
	case yaml.SequenceNode:
		v.kind = listValue
		for _, e := range n.Content {
			v.List = append(v.List, c.value(e))
		}
	case yaml.DocumentNode:
		if len(n.Content) > 0 {
			return c.value(n.Content[0])
		}
		v.kind = nullValue
	default:
		v.kind = scalarValue
		var x any
		switch n.Tag {
		case "!!null":
			v.kind = nullValue
		case "!!str", "!!timestamp", "!!binary":
			x, v.IsStr = n.Value, true
		default:
			if err := n.Decode(&x); err != nil {
				x, v.IsStr = n.Value, true
			}
		}
		switch t := x.(type) {
		case int:
			x = int64(t)
		}
		v.Scalar = x
	}
	return v
}

var tomlKeyRe = regexp.MustCompile(`^\s*"?([A-Za-z0-9_-]+)"?\s*=`)

func parseTOML(path string, fm []byte, startLine int, diags *diag.List) *value {
	var m map[string]any
	if _, err := toml.Decode(string(fm), &m); err != nil {
		line, col := startLine, 1
		if pe, ok := err.(toml.ParseError); ok {
			line, col = startLine+pe.Position.Line-1, max(pe.Position.Col, 1)
			err = fmt.Errorf("%s", pe.Message)
		}
		diags.Add(path, line, col, "invalid TOML front matter: %v", err)
		return nil
	}
	// TOML keeps no positions; find each top-level key's line by its text.
	lines := map[string]int{}
	for i, l := range strings.Split(string(fm), "\n") {
		if k := tomlKeyRe.FindStringSubmatch(l); k != nil {
			if _, seen := lines[k[1]]; !seen {
				lines[k[1]] = startLine + i
			}
		} else if t := strings.TrimSpace(l); strings.HasPrefix(t, "[") {
			name := strings.Trim(t, "[] ")
			if _, seen := lines[name]; !seen {
				lines[name] = startLine + i
			}
		}
	}
	root := &value{kind: mapValue, Line: startLine, Col: 1}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return lines[keys[i]] < lines[keys[j]] })
	for _, k := range keys {
		line := lines[k]
		if line == 0 {
			line = startLine
		}
		root.Map = append(root.Map, field{Key: k, Val: fromNative(m[k], line)})
	}
	return root
}

func fromNative(x any, line int) *value {
	v := &value{Line: line, Col: 1}
	switch t := x.(type) {
	case map[string]any:
		v.kind = mapValue
		keys := make([]string, 0, len(t))
		for k := range t {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			v.Map = append(v.Map, field{Key: k, Val: fromNative(t[k], line)})
		}
	case []map[string]any:
		v.kind = listValue
		for _, e := range t {
			v.List = append(v.List, fromNative(e, line))
		}
	case []any:
		v.kind = listValue
		for _, e := range t {
			v.List = append(v.List, fromNative(e, line))
		}
	case string:
		v.Scalar, v.IsStr = t, true
	case time.Time:
		// TOML local dates carry a placeholder zone; byline reads them as UTC.
		if strings.HasSuffix(t.Location().String(), "-local") {
			t = time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC)
		}
		v.Scalar = t
	default:
		v.Scalar = t
	}
	return v
}

// native converts a value back to plain Go values, for template params.
func (v *value) native() any {
	switch v.kind {
	case mapValue:
		m := make(map[string]any, len(v.Map))
		for _, f := range v.Map {
			m[f.Key] = f.Val.native()
		}
		return m
	case listValue:
		l := make([]any, len(v.List))
		for i, e := range v.List {
			l[i] = e.native()
		}
		return l
	case nullValue:
		return nil
	}
	return v.Scalar
}
