// Package catalog holds the toy shop's products in memory.
package catalog

import (
	"fmt"
	"math/rand"
	"sort"
	"strings"
	"sync"
)

// Product is one catalog entry.
type Product struct {
	ID          string            `json:"id"`
	Name        string            `json:"name"`
	Description string            `json:"description"`
	Tags        []string          `json:"tags"`
	PriceCents  int64             `json:"priceCents"`
	Stock       int               `json:"stock"`
	Attributes  map[string]string `json:"attributes"`
}

// Catalog is safe for concurrent use.
type Catalog struct {
	mu       sync.RWMutex
	products map[string]*Product
}

var words = strings.Fields(`amber basalt cedar delta ember fjord granite harbor indigo juniper
	kelp lantern meadow nimbus obsidian pepper quartz raven saffron tundra umber velvet willow
	xenon yarrow zephyr`)

// Generate fills a catalog with n pseudo-random products, the same for the same seed.
func Generate(n int, seed int64) *Catalog {
	rng := rand.New(rand.NewSource(seed))
	c := &Catalog{products: make(map[string]*Product, n)}
	for i := 0; i < n; i++ {
		p := &Product{
			ID:         fmt.Sprintf("p%06d", i),
			Name:       strings.Title(words[rng.Intn(len(words))]) + " " + words[rng.Intn(len(words))],
			PriceCents: int64(100 + rng.Intn(100000)),
			Stock:      rng.Intn(500),
			Attributes: map[string]string{"color": words[rng.Intn(len(words))], "size": fmt.Sprint(rng.Intn(50))},
		}
		var d strings.Builder
		for w := 0; w < 20+rng.Intn(40); w++ {
			d.WriteString(words[rng.Intn(len(words))])
			d.WriteByte(' ')
		}
		p.Description = d.String()
		for t := 0; t < 1+rng.Intn(4); t++ {
			p.Tags = append(p.Tags, words[rng.Intn(len(words))])
		}
		c.products[p.ID] = p
	}
	return c
}

// Get returns the product with id, or nil.
func (c *Catalog) Get(id string) *Product {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.products[id]
}

// SortKey says how Search orders its results.
type SortKey int

const (
	ByRelevance SortKey = iota
	ByPrice
	ByName
)

// Search returns copies of the products whose name, tags or description contain query,
// ordered by key, at most limit of them.
func (c *Catalog) Search(query string, key SortKey, limit int) []Product {
	c.mu.RLock()
	var hits []Product
	for _, p := range c.products {
		if matches(p, query) {
			hits = append(hits, *p)
		}
	}
	c.mu.RUnlock()

	switch key {
	case ByPrice:
		sort.Slice(hits, func(i, j int) bool { return hits[i].PriceCents < hits[j].PriceCents })
	case ByName:
		sort.Slice(hits, func(i, j int) bool { return hits[i].Name < hits[j].Name })
	default:
		sort.SliceStable(hits, func(i, j int) bool {
			return relevance(&hits[i], query) > relevance(&hits[j], query)
		})
	}
	if len(hits) > limit {
		hits = hits[:limit]
	}
	return hits
}

// Reserve takes n items of product id out of stock; false if there are not enough.
func (c *Catalog) Reserve(id string, n int) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	p := c.products[id]
	if p == nil || p.Stock < n {
		return false
	}
	p.Stock -= n
	if p.Stock < 10 {
		p.Stock += 200 // restocked: keeps the toy shop open
	}
	return true
}

func matches(p *Product, query string) bool {
	if strings.Contains(strings.ToLower(p.Name), query) {
		return true
	}
	for _, t := range p.Tags {
		if t == query {
			return true
		}
	}
	return strings.Contains(p.Description, query)
}

func relevance(p *Product, query string) int {
	score := strings.Count(p.Description, query)
	for _, t := range p.Tags {
		if t == query {
			score += 5
		}
	}
	return score
}
