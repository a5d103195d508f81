package content

import (
	"strings"

	"github.com/bylinehq/byline/site/diag"
)

// ParseEntity parses one entity file; id is its file name without .md.
func ParseEntity(p, id string, src []byte, diags *diag.List) *Entity {
	fm, format, start, body, err := splitFrontMatter(src)
	if err != nil {
		diags.Add(p, 1, 1, "%v", err)
		return nil
	}
	root := parseFrontMatter(p, fm, format, start, diags)
	if root == nil {
		return nil
	}
	e := &Entity{Path: p, ID: id, Kind: "other", Body: body, Line: 1, Params: map[string]any{}}
	if msg := unsafeSegment(id); msg != "" {
		diags.Add(p, 1, 1, "entity id %q (the file name) %s", id, msg)
		return nil
	}
	d := decoder{path: p, diags: diags}
	for _, f := range root.Map {
		k, v := f.Key, f.Val
		switch k {
		case "name", "title":
			e.Name, e.Line = strings.TrimSpace(d.str(k, v)), v.Line
		case "kind", "type":
			e.Kind = d.str(k, v)
			if !validKind(e.Kind) {
				d.errorf(v, "kind must be one of %s, not %q", strings.Join(Kinds, ", "), e.Kind)
				e.Kind = "other"
			}
		case "aliases":
			for _, a := range d.strings(k, v) {
				if a = strings.TrimSpace(a); a != "" {
					e.Aliases = append(e.Aliases, a)
				}
			}
		case "role":
			e.Role = d.str(k, v)
		case "wikidata":
			e.Wikidata = strings.TrimSpace(d.str(k, v))
			if e.Wikidata != "" && !isWikidataID(e.Wikidata) {
				d.errorf(v, "wikidata must be an id such as Q42, not %q", e.Wikidata)
				e.Wikidata = ""
			}
		case "links":
			e.Links = d.strings(k, v)
		case "image":
			e.Image = d.str(k, v)
		default:
			e.Params[k] = v.native()
		}
	}
	if e.Name == "" {
		diags.Add(p, 1, 1, "missing name in front matter")
		return nil
	}
	return e
}

func validKind(k string) bool {
	for _, x := range Kinds {
		if k == x {
			return true
		}
	}
	return false
}

func isWikidataID(s string) bool {
	if len(s) < 2 || s[0] != 'Q' {
		return false
	}
	for _, r := range s[1:] {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
