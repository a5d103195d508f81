package site

import (
	"encoding/binary"
	"fmt"
	"hash/maphash"
	"math"
)

// keys makes the 64-bit hashes that tag what each output file was made
// from. They are only compared within one process.
type keys struct{ seed maphash.Seed }

func newKeys() keys { return keys{seed: maphash.MakeSeed()} }

// A hasher accumulates values into one key.
type hasher struct{ h maphash.Hash }

func (k keys) start() *hasher {
	h := &hasher{}
	h.h.SetSeed(k.seed)
	return h
}

// of is the key of vals.
func (k keys) of(vals ...any) uint64 {
	h := k.start()
	h.add(vals...)
	return h.sum()
}

func (h *hasher) sum() uint64 { return h.h.Sum64() }

// add mixes vals in; each is length-prefixed, so ("ab", "c") and ("a", "bc") differ.
func (h *hasher) add(vals ...any) {
	for _, v := range vals {
		switch v := v.(type) {
		case string:
			h.u64(uint64(len(v)))
			h.h.WriteString(v)
		case []byte:
			h.u64(uint64(len(v)))
			h.h.Write(v)
		case []string:
			h.u64(uint64(len(v)))
			for _, s := range v {
				h.add(s)
			}
		case map[string]string:
			h.u64(uint64(len(v)))
			for _, k := range sortedKeys(v) {
				h.add(k, v[k])
			}
		case uint64:
			h.u64(v)
		case int:
			h.u64(uint64(v))
		case int64:
			h.u64(uint64(v))
		case bool:
			if v {
				h.u64(1)
			} else {
				h.u64(0)
			}
		case float64:
			h.u64(math.Float64bits(v))
		default:
			panic(fmt.Sprintf("keys: cannot hash %T", v))
		}
	}
}

func (h *hasher) u64(v uint64) {
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], v)
	h.h.Write(b[:])
}
