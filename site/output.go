package site

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
)

// An Output receives the files a build writes. Paths are slash-separated
// and relative to the output root, such as "articles/city/x/index.html".
// An Output may keep data after Write returns: callers must not change it.
type Output interface {
	Write(path string, data []byte) error
}

// A dirOutput writes into a fresh temporary folder beside the output
// folder, and swaps it in only when the whole build succeeded. One
// goroutine does all the writing: on the machines measured, writers on
// several threads spent more time contending in the kernel than writing.
type dirOutput struct {
	final   string
	tmp     string
	files   chan outFile
	flushed bool // files is closed; only the build's goroutine flushes
	done    chan struct{}
	err     error // the first write error, read after done
}

func newDirOutput(final string) (*dirOutput, error) {
	parent := filepath.Dir(final)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(final)+".byline-tmp-")
	if err != nil {
		return nil, err
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return nil, err
	}
	o := &dirOutput{final: final, tmp: tmp, files: make(chan outFile, 256), done: make(chan struct{})}
	go o.writer(o.files)
	return o, nil
}

// Write queues one file for writing; it refuses paths that would leave the
// folder. Errors in writing show when the output is committed.
func (o *dirOutput) Write(p string, data []byte) error {
	if !fs.ValidPath(p) || strings.Contains(p, `\`) {
		return fmt.Errorf("refusing to write %q outside the output folder", p)
	}
	o.files <- outFile{p, data}
	return nil
}

// writer takes the channel itself: flush may run before it starts.
func (o *dirOutput) writer(files <-chan outFile) {
	defer close(o.done)
	dirs := map[string]bool{}
	for f := range files {
		if o.err != nil {
			continue
		}
		full := filepath.Join(o.tmp, filepath.FromSlash(f.path))
		if dir := filepath.Dir(full); !dirs[dir] {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				o.err = fmt.Errorf("cannot write %s: %w", f.path, err)
				continue
			}
			dirs[dir] = true
		}
		if err := os.WriteFile(full, f.data, 0o644); err != nil {
			o.err = fmt.Errorf("cannot write %s: %w", f.path, err)
		}
	}
}

// flush waits for every queued file to be written.
func (o *dirOutput) flush() error {
	if !o.flushed {
		o.flushed = true
		close(o.files)
		<-o.done
	}
	return o.err
}

// commit swaps the new folder in for the old one.
func (o *dirOutput) commit() error {
	if err := o.flush(); err != nil {
		return err
	}
	old := ""
	if _, err := os.Lstat(o.final); err == nil {
		old = o.tmp + "-old"
		if err := os.Rename(o.final, old); err != nil {
			return err
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if err := os.Rename(o.tmp, o.final); err != nil {
		if old != "" {
			os.Rename(old, o.final)
		}
		return err
	}
	if old != "" {
		return os.RemoveAll(old)
	}
	return nil
}

// abort removes the temporary folder, leaving the previous output as it was.
func (o *dirOutput) abort() {
	o.flush()
	os.RemoveAll(o.tmp)
}

// CheckOutputDir refuses output folders a build must never replace: the
// source folder, a folder holding it, a folder inside its content,
// templates or static folders, the file system root and the home folder.
func CheckOutputDir(source, output string) error {
	src, err := filepath.Abs(source)
	if err != nil {
		return err
	}
	out, err := filepath.Abs(output)
	if err != nil {
		return err
	}
	src, out = realPath(src), realPath(out)
	home, _ := os.UserHomeDir()
	switch {
	case out == filepath.Dir(out):
		return fmt.Errorf("output folder %s is the file system root", output)
	case home != "" && out == realPath(home):
		return fmt.Errorf("output folder %s is the home folder", output)
	case home != "" && within(realPath(home), out):
		return fmt.Errorf("output folder %s contains the home folder", output)
	case out == src:
		return fmt.Errorf("output folder %s is the source folder", output)
	case within(src, out):
		return fmt.Errorf("output folder %s contains the source folder %s", output, source)
	}
	if fi, err := os.Stat(out); err == nil && !fi.IsDir() {
		return fmt.Errorf("output %s exists and is not a folder", output)
	}
	for _, d := range []string{"content", "templates", "static"} {
		if in := filepath.Join(src, d); out == in || within(out, in) {
			return fmt.Errorf("output folder %s is inside the site's %s folder", output, d)
		}
	}
	return nil
}

// within reports whether path lies inside dir.
func within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != "." && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// realPath resolves symbolic links in the longest existing prefix of p.
func realPath(p string) string {
	if r, err := filepath.EvalSymlinks(p); err == nil {
		return r
	}
	parent := filepath.Dir(p)
	if parent == p {
		return p
	}
	return filepath.Join(realPath(parent), filepath.Base(p))
}

// countingOutput counts the files and HTML pages written through it.
type countingOutput struct {
	Output
	files, pages atomic.Int64
}

func (c *countingOutput) Write(p string, data []byte) error {
	if err := c.Output.Write(p, data); err != nil {
		return err
	}
	c.files.Add(1)
	if strings.HasSuffix(p, ".html") {
		c.pages.Add(1)
	}
	return nil
}
