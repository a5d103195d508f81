package site

import (
	"bytes"
	"context"
	"maps"
	"sort"

	"github.com/bylinehq/byline/site/diag"
	"github.com/bylinehq/byline/site/internal/parallel"
)

// A producer makes some output files from inputs summed up in its key:
// one article, one entity, one list page, the feed, a static file.
type producer struct {
	id   string
	key  uint64
	make func(w *pageWriter)
}

// An outFile is one file a producer made.
type outFile struct {
	path string
	data []byte
}

// fileList is the Output of one producer.
type fileList struct{ files []outFile }

func (l *fileList) Write(p string, data []byte) error {
	l.files = append(l.files, outFile{p, data})
	return nil
}

// generate renders what changed and puts the site together.
func (b *Incremental) generate(ctx context.Context, diags diag.List) Rebuild {
	g := b.generator()
	entKeys := map[string]uint64{}
	for _, en := range b.entityList() {
		entKeys[en.e.ID] = b.k.of(b.cfgKey, en.srcKey)
	}
	global := b.k.start()
	global.add(b.cfgKey, string(b.liveReload), b.drafts)
	for _, s := range g.view.Sections {
		global.add(s.Name, s.URL)
	}
	gk := global.sum()

	entries := b.annotate(ctx, g, entKeys)
	if ctx.Err() != nil {
		return Rebuild{Site: b.out, Diags: diags.Sort()}
	}
	docs := make([]*Doc, len(entries))
	for i, en := range entries {
		docs[i] = en.doc
		diags = append(diags, en.docDiags...)
	}
	var ps []producer
	ps = append(ps, b.articleProducers(g, gk, entries)...)
	ps = append(ps, b.entityProducers(g, gk, entKeys, entries)...)
	lists := b.listProducers(g, gk, entries)
	ps = append(ps, lists...)
	ps = append(ps, b.extraProducers(g, gk, entries)...)

	made, pdiags := b.run(g, ps)
	diags = append(diags, pdiags...)
	if ctx.Err() != nil {
		return Rebuild{Site: b.out, Diags: diags.Sort()}
	}
	a := b.assemble(ps, made)
	written := b.written
	if !a.samePaths || written == nil {
		written = make(map[string]bool, len(a.out))
		for p := range a.out {
			written[p] = true
		}
	}
	diags = append(diags, g.checkLinks(docs, written)...)
	diags = diags.Sort()
	if diags.Err() != nil {
		return Rebuild{Site: b.out, Diags: diags}
	}
	a.commit()
	b.out, b.written = a.out, written
	b.goodListsKey, b.listIDs = b.listsKey, b.listIDs[:0]
	for _, p := range lists {
		b.listIDs = append(b.listIDs, p.id)
	}
	return Rebuild{Site: a.out, Changed: a.changed, Diags: diags}
}

// An assembly is a new site put together from the producers' files.
type assembly struct {
	out       map[string][]byte
	changed   []string
	samePaths bool   // out has the same paths as the last good site
	commit    func() // makes it the last good build
}

// assemble puts the site together. When the producers and the paths they
// make are those of the last good build, it copies that and replaces the
// files remade; otherwise it puts every producer's files together in
// order, later ones replacing earlier ones of the same path.
func (b *Incremental) assemble(ps []producer, made [][]outFile) assembly {
	same := !b.overlap && len(ps) == len(b.keys)
	for i := 0; same && i < len(ps); i++ {
		old, ok := b.produced[ps[i].id]
		same = ok && (made[i] == nil || samePaths(old, made[i]))
	}
	if same {
		out := maps.Clone(b.out)
		var changed []string
		for _, files := range made {
			for _, f := range files {
				if !bytes.Equal(out[f.path], f.data) {
					changed = append(changed, f.path)
				}
				out[f.path] = f.data
			}
		}
		sort.Strings(changed)
		return assembly{out: out, changed: changed, samePaths: true, commit: func() {
			for i, files := range made {
				if files != nil {
					b.keys[ps[i].id], b.produced[ps[i].id] = ps[i].key, files
				}
			}
		}}
	}
	out := make(map[string][]byte, len(b.out))
	keys := make(map[string]uint64, len(ps))
	produced := make(map[string][]outFile, len(ps))
	overlap := false
	for i, p := range ps {
		files := made[i]
		if files == nil {
			files = b.produced[p.id]
		}
		for _, f := range files {
			_, dup := out[f.path]
			overlap = overlap || dup
			out[f.path] = f.data
		}
		keys[p.id], produced[p.id] = p.key, files
	}
	changed, samePaths := changedFiles(b.out, out)
	return assembly{out: out, changed: changed, samePaths: samePaths, commit: func() {
		b.keys, b.produced, b.overlap = keys, produced, overlap
	}}
}

func samePaths(a, b []outFile) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].path != b[i].path {
			return false
		}
	}
	return true
}

// run makes the files of every producer whose key changed, on all cores.
// made[i] is nil for a producer whose files are unchanged.
func (b *Incremental) run(g *generator, ps []producer) ([][]outFile, diag.List) {
	var todo []int
	for i, p := range ps {
		if k, ok := b.keys[p.id]; !ok || k != p.key {
			todo = append(todo, i)
		}
	}
	made := make([][]outFile, len(ps))
	perJob := make([]diag.List, len(todo))
	parallel.Do(context.Background(), len(todo), func(j int) {
		i := todo[j]
		var l fileList
		w := &pageWriter{g: g, out: &l}
		ps[i].make(w)
		made[i], perJob[j] = l.files, w.diags
		if made[i] == nil {
			made[i] = []outFile{}
		}
	})
	var diags diag.List
	for _, l := range perJob {
		diags = append(diags, l...)
	}
	return made, diags
}

// changedFiles lists the paths added, changed or removed from old to new,
// and says whether both have the same paths.
func changedFiles(old, new map[string][]byte) ([]string, bool) {
	var changed []string
	same := len(old) == len(new)
	for p, data := range new {
		if prev, ok := old[p]; !ok || !sameBytes(prev, data) {
			changed = append(changed, p)
			same = same && ok
		}
	}
	if !same {
		for p := range old {
			if _, ok := new[p]; !ok {
				changed = append(changed, p)
			}
		}
	}
	sort.Strings(changed)
	return changed, same
}

func sameBytes(a, b []byte) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0] || bytes.Equal(a, b))
}
