package annotate

// A matcher finds every occurrence of a set of byte patterns in one pass
// (Aho–Corasick), so the cost per byte of text does not grow with the
// number of entities. Matching is ASCII case-insensitive; callers check case.
type matcher struct {
	next  []map[byte]int32 // goto function per state
	fail  []int32
	out   [][]int32 // pattern ids ending at each state (own and by fail links)
	plens []int
}

// A match is one occurrence of pattern pat at text[start:end].
type match struct {
	start, end int
	pat        int
}

func lower(b byte) byte {
	if 'A' <= b && b <= 'Z' {
		return b + 'a' - 'A'
	}
	return b
}

func newMatcher(patterns []string) *matcher {
	m := &matcher{next: []map[byte]int32{{}}, fail: []int32{0}, out: [][]int32{nil}}
	for id, p := range patterns {
		s := int32(0)
		for i := 0; i < len(p); i++ {
			c := lower(p[i])
			t, ok := m.next[s][c]
			if !ok {
				t = int32(len(m.next))
				m.next = append(m.next, map[byte]int32{})
				m.fail = append(m.fail, 0)
				m.out = append(m.out, nil)
				m.next[s][c] = t
			}
			s = t
		}
		m.out[s] = append(m.out[s], int32(id))
		m.plens = append(m.plens, len(p))
	}
	// Breadth-first: each state's fail link points to its longest proper
	// suffix that is also a prefix of some pattern.
	queue := []int32{}
	for _, t := range m.next[0] {
		queue = append(queue, t)
	}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		for c, t := range m.next[s] {
			queue = append(queue, t)
			f := m.fail[s]
			for {
				if u, ok := m.next[f][c]; ok && u != t {
					m.fail[t] = u
					break
				}
				if f == 0 {
					m.fail[t] = 0
					break
				}
				f = m.fail[f]
			}
			m.out[t] = append(m.out[t], m.out[m.fail[t]]...)
		}
	}
	return m
}

// find returns every match in text, in order of end offset.
func (m *matcher) find(text []byte) []match {
	var out []match
	s := int32(0)
	for i := 0; i < len(text); i++ {
		c := lower(text[i])
		for {
			if t, ok := m.next[s][c]; ok {
				s = t
				break
			}
			if s == 0 {
				break
			}
			s = m.fail[s]
		}
		for _, p := range m.out[s] {
			out = append(out, match{start: i + 1 - m.plens[p], end: i + 1, pat: int(p)})
		}
	}
	return out
}
