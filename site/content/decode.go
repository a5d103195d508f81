package content

import (
	"fmt"
	"strings"
	"time"

	"github.com/bylinehq/byline/site/diag"
)

// A decoder turns front-matter values into typed fields, reporting each
// wrong type at the value's position and carrying on.
type decoder struct {
	path  string
	diags *diag.List
}

func (d decoder) errorf(v *value, format string, args ...any) {
	d.diags.Add(d.path, v.Line, v.Col, format, args...)
}

func describe(v *value) string {
	switch v.kind {
	case listValue:
		return "a list"
	case mapValue:
		return "a map"
	case nullValue:
		return "nothing"
	}
	switch v.Scalar.(type) {
	case bool:
		return "a boolean"
	case int64, float64:
		return "a number"
	case time.Time:
		return "a date"
	}
	return "a string"
}

func (d decoder) str(key string, v *value) string {
	if v.kind == nullValue {
		return ""
	}
	if v.kind != scalarValue {
		d.errorf(v, "%s must be a string, not %s", key, describe(v))
		return ""
	}
	switch s := v.Scalar.(type) {
	case string:
		return s
	case time.Time:
		return s.Format(time.RFC3339)
	case bool, int64, float64:
		return fmt.Sprint(s)
	}
	d.errorf(v, "%s must be a string, not %s", key, describe(v))
	return ""
}

func (d decoder) boolean(key string, v *value) bool {
	if b, ok := v.Scalar.(bool); ok && v.kind == scalarValue {
		return b
	}
	d.errorf(v, "%s must be true or false, not %s", key, describe(v))
	return false
}

func (d decoder) integer(key string, v *value) int {
	if n, ok := v.Scalar.(int64); ok && v.kind == scalarValue {
		return int(n)
	}
	d.errorf(v, "%s must be a whole number, not %s", key, describe(v))
	return 0
}

func (d decoder) strings(key string, v *value) []string {
	if v.kind == nullValue {
		return nil
	}
	if v.kind == scalarValue && v.IsStr {
		// A lone string where a list is expected is a list of one, as in Hugo.
		return []string{v.Scalar.(string)}
	}
	if v.kind != listValue {
		d.errorf(v, "%s must be a list of strings, not %s", key, describe(v))
		return nil
	}
	var out []string
	for _, e := range v.List {
		if s := d.str(key+" item", e); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func (d decoder) date(key string, v *value) time.Time {
	if v.kind == scalarValue {
		switch t := v.Scalar.(type) {
		case time.Time:
			return t
		case string:
			if tm, err := ParseDate(t); err == nil {
				return tm
			}
			d.errorf(v, "%s: bad date %q: use RFC 3339 (2025-03-04T09:30:00Z) or YYYY-MM-DD", key, t)
			return time.Time{}
		}
	}
	d.errorf(v, "%s must be a date, not %s", key, describe(v))
	return time.Time{}
}

// ParseDate accepts the date forms front matter may use: RFC 3339, a date and
// time without a zone (taken as UTC), or YYYY-MM-DD.
func ParseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02 15:04:05Z07:00", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("bad date %q", s)
}

// fields calls fn for each key of a map value, and reports a value that is not a map.
func (d decoder) fields(key string, v *value, fn func(k string, v *value)) bool {
	if v.kind != mapValue {
		d.errorf(v, "%s must be a map of keys to values, not %s", key, describe(v))
		return false
	}
	for _, f := range v.Map {
		fn(f.Key, f.Val)
	}
	return true
}
