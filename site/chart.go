package site

import (
	"fmt"
	"html/template"
	"sort"
	"strings"
	"time"
)

// mentionChart draws mentions per month as an inline SVG bar chart, from
// the first month with a mention to the last; nil when there are none.
func mentionChart(months map[string]int) template.HTML {
	if len(months) == 0 {
		return ""
	}
	keys := make([]string, 0, len(months))
	for k := range months {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	first, _ := time.Parse("2006-01", keys[0])
	last, _ := time.Parse("2006-01", keys[len(keys)-1])
	var series []string
	for m := first; !m.After(last); m = m.AddDate(0, 1, 0) {
		series = append(series, m.Format("2006-01"))
	}
	peak := 0
	for _, n := range months {
		peak = max(peak, n)
	}
	const h, barW, gap, top, bottom = 80, 18, 6, 14, 18
	width := len(series)*(barW+gap) + gap
	var b strings.Builder
	total := 0
	for _, n := range months {
		total += n
	}
	fmt.Fprintf(&b, `<svg class="mention-chart" role="img" viewBox="0 0 %d %d" width="%d" height="%d" aria-labelledby="chart-title"><title id="chart-title">%d mentions from %s to %s</title>`,
		width, h+top+bottom, width, h+top+bottom, total, first.Format("January 2006"), last.Format("January 2006"))
	lastLabel := -3
	fmt.Fprintf(&b, `<line class="baseline" x1="0" y1="%d" x2="%d" y2="%d" stroke="currentColor" stroke-opacity="0.4"></line>`, top+h, width, top+h)
	for i, k := range series {
		n := months[k]
		bh := 0
		if n > 0 {
			bh = max(2, n*h/peak)
		}
		x := gap + i*(barW+gap)
		t, _ := time.Parse("2006-01", k)
		fmt.Fprintf(&b, `<g><title>%s: %d</title><rect x="%d" y="%d" width="%d" height="%d" rx="2"></rect>`, t.Format("Jan 2006"), n, x, top+h-bh, barW, bh)
		if n > 0 {
			fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="middle">%d</text>`, x+barW/2, top+h-bh-3, n)
		}
		// Label the first and last months and each January, when there is room.
		if (i == 0 || i == len(series)-1 || t.Month() == time.January) && i-lastLabel >= 3 || i == 0 {
			lastLabel = i
			fmt.Fprintf(&b, `<text class="axis" x="%d" y="%d" text-anchor="middle">%s</text>`, x+barW/2, top+h+13, t.Format("Jan 06"))
		}
		b.WriteString("</g>")
	}
	b.WriteString("</svg>")
	return template.HTML(b.String())
}
