// Package work has the toy server's CPU-heavy jobs (hashing, sorting, compression) and the
// worker pool that runs them.
package work

import (
	"bytes"
	"compress/flate"
	"crypto/sha256"
	"encoding/binary"
	"hash/crc32"
	"hash/fnv"
	"sort"
)

// Digest hashes data rounds times with SHA-256, as a password-style key derivation would.
func Digest(data []byte, rounds int) [sha256.Size]byte {
	sum := sha256.Sum256(data)
	for i := 1; i < rounds; i++ {
		sum = sha256.Sum256(sum[:])
	}
	return sum
}

// Checksums returns the CRC-32 (Castagnoli) and FNV-1a 64 of data.
func Checksums(data []byte) (uint32, uint64) {
	h := fnv.New64a()
	h.Write(data)
	return crc32.Checksum(data, crc32.MakeTable(crc32.Castagnoli)), h.Sum64()
}

// Compress deflates data at the given level.
func Compress(data []byte, level int) ([]byte, error) {
	var buf bytes.Buffer
	w, err := flate.NewWriter(&buf, level)
	if err != nil {
		return nil, err
	}
	if _, err := w.Write(data); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Record is a row of a ranking job.
type Record struct {
	Key   uint64
	Score float64
	Name  string
}

type byScoreThenKey []Record

func (r byScoreThenKey) Len() int      { return len(r) }
func (r byScoreThenKey) Swap(i, j int) { r[i], r[j] = r[j], r[i] }
func (r byScoreThenKey) Less(i, j int) bool {
	if r[i].Score != r[j].Score {
		return r[i].Score > r[j].Score
	}
	return r[i].Key < r[j].Key
}

// Rank builds n records from seed and sorts them by score, returning the top k.
func Rank(seed []byte, n, k int) []Record {
	records := make([]Record, n)
	state := Digest(seed, 1)
	for i := range records {
		if i%4 == 0 {
			state = sha256.Sum256(state[:])
		}
		word := binary.LittleEndian.Uint64(state[(i%4)*8:])
		records[i] = Record{Key: word, Score: float64(word>>11) / (1 << 53), Name: string(rune('a' + i%26))}
	}
	sort.Sort(byScoreThenKey(records))
	if k > n {
		k = n
	}
	return records[:k]
}
