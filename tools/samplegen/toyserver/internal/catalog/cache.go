package catalog

import (
	"container/list"
	"sync"
)

// PageCache keeps rendered pages up to a byte budget, evicting the least recently used. Pages
// it holds are what a heap profile of the toy server shows as retained.
type PageCache struct {
	mu       sync.Mutex
	budget   int
	used     int
	order    *list.List // front = most recently used; values are *cachedPage
	pages    map[string]*list.Element
	hits     int64
	misses   int64
	rendered int64
}

type cachedPage struct {
	key  string
	body []byte
}

// NewPageCache returns an empty cache holding at most budget bytes of pages.
func NewPageCache(budget int) *PageCache {
	return &PageCache{budget: budget, order: list.New(), pages: make(map[string]*list.Element)}
}

// GetOrRender returns the page for key, calling render outside the lock on a miss.
func (c *PageCache) GetOrRender(key string, render func() []byte) []byte {
	c.mu.Lock()
	if e, ok := c.pages[key]; ok {
		c.order.MoveToFront(e)
		c.hits++
		body := e.Value.(*cachedPage).body
		c.mu.Unlock()
		return body
	}
	c.misses++
	c.mu.Unlock()

	body := render()

	c.mu.Lock()
	defer c.mu.Unlock()
	c.rendered++
	if e, ok := c.pages[key]; ok { // rendered concurrently by another request
		return e.Value.(*cachedPage).body
	}
	c.pages[key] = c.order.PushFront(&cachedPage{key: key, body: body})
	c.used += len(body)
	for c.used > c.budget {
		oldest := c.order.Back()
		page := c.order.Remove(oldest).(*cachedPage)
		delete(c.pages, page.key)
		c.used -= len(page.body)
	}
	return body
}

// Stats reports hits, misses and the bytes held.
func (c *PageCache) Stats() (hits, misses int64, bytes int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.hits, c.misses, c.used
}
