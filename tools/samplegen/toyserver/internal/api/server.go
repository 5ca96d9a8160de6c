// Package api is the toy shop's HTTP API.
package api

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"toyserver/internal/catalog"
	"toyserver/internal/work"
)

// Server serves the API. Its order log and page cache retain memory on purpose: they are what
// the heap profile shows as in use.
type Server struct {
	Catalog *catalog.Catalog
	Pages   *catalog.PageCache
	Pool    *work.Pool
	Events  *Hub
	// DigestRounds is the SHA-256 rounds per order confirmation: the CPU cost of an order.
	DigestRounds int

	mu       sync.Mutex
	orders   []*Order // the most recent orders, oldest first
	maxOrder int
	nextID   int64
}

// Order is a placed order as the log keeps it.
type Order struct {
	ID           string      `json:"id"`
	Customer     string      `json:"customer"`
	Lines        []OrderLine `json:"lines"`
	Note         string      `json:"note,omitempty"`
	TotalCents   int64       `json:"totalCents"`
	Confirmation string      `json:"confirmation"`
	PlacedAt     time.Time   `json:"placedAt"`
}

// OrderLine is one product and quantity of an order.
type OrderLine struct {
	ProductID string `json:"productId"`
	Quantity  int    `json:"quantity"`
}

// NewServer returns a server that keeps the last maxOrders orders.
func NewServer(c *catalog.Catalog, pages *catalog.PageCache, pool *work.Pool, maxOrders, digestRounds int) *Server {
	return &Server{Catalog: c, Pages: pages, Pool: pool, Events: NewHub(), maxOrder: maxOrders, DigestRounds: digestRounds}
}

// Handler routes the API.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/products", s.handleSearch)
	mux.HandleFunc("/products/", s.handleProductPage)
	mux.HandleFunc("/orders", s.handleOrder)
	mux.HandleFunc("/report", s.handleReport)
	mux.HandleFunc("/watch", s.handleWatch)
	return mux
}

func (s *Server) handleSearch(w http.ResponseWriter, r *http.Request) {
	q := strings.ToLower(r.URL.Query().Get("q"))
	key := catalog.ByRelevance
	switch r.URL.Query().Get("sort") {
	case "price":
		key = catalog.ByPrice
	case "name":
		key = catalog.ByName
	}
	hits := s.Catalog.Search(q, key, 50)
	writeJSON(w, http.StatusOK, map[string]interface{}{"query": q, "count": len(hits), "products": hits})
}

func (s *Server) handleProductPage(w http.ResponseWriter, r *http.Request) {
	id := strings.TrimSuffix(strings.TrimPrefix(r.URL.Path, "/products/"), "/page")
	p := s.Catalog.Get(id)
	if p == nil {
		http.NotFound(w, r)
		return
	}
	page := s.Pages.GetOrRender(id, func() []byte { return renderPage(p) })
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_, _ = w.Write(page)
}

func renderPage(p *catalog.Product) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "<!doctype html><title>%s</title><h1>%s</h1><p>%s</p><ul>", p.Name, p.Name, p.Description)
	for _, t := range p.Tags {
		fmt.Fprintf(&b, "<li>%s</li>", t)
	}
	fmt.Fprintf(&b, "</ul><p>%d.%02d</p>", p.PriceCents/100, p.PriceCents%100)
	// Related products: a padded block like a real template would render.
	for i := 0; i < 24; i++ {
		fmt.Fprintf(&b, "<div class=related data-i=%d>%s %s</div>", i, p.Name, strings.Repeat("&nbsp;", 8+i))
	}
	return b.Bytes()
}

func (s *Server) handleOrder(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		writeJSON(w, http.StatusMethodNotAllowed, map[string]string{"error": "POST only"})
		return
	}
	var o Order
	if err := json.NewDecoder(r.Body).Decode(&o); err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": err.Error()})
		return
	}
	for _, line := range o.Lines {
		p := s.Catalog.Get(line.ProductID)
		if p == nil || !s.Catalog.Reserve(line.ProductID, line.Quantity) {
			writeJSON(w, http.StatusConflict, map[string]string{"error": "out of stock: " + line.ProductID})
			return
		}
		o.TotalCents += p.PriceCents * int64(line.Quantity)
	}
	raw, _ := json.Marshal(o)
	var confirmation [32]byte
	if err := s.Pool.Do(r.Context(), func() { confirmation = work.Digest(raw, s.DigestRounds) }); err != nil {
		writeJSON(w, http.StatusServiceUnavailable, map[string]string{"error": err.Error()})
		return
	}
	o.Confirmation = hex.EncodeToString(confirmation[:])
	o.PlacedAt = time.Now()
	s.record(&o)
	s.Events.Publish(Event{Kind: "order", ID: o.ID, Customer: o.Customer})
	writeJSON(w, http.StatusCreated, &o)
}

func (s *Server) record(o *Order) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.nextID++
	o.ID = "o" + strconv.FormatInt(s.nextID, 10)
	s.orders = append(s.orders, o)
	if len(s.orders) > s.maxOrder {
		// Copy rather than reslice so the dropped orders can be freed.
		s.orders = append([]*Order(nil), s.orders[len(s.orders)-s.maxOrder:]...)
	}
}

// handleReport renders a CSV of recent orders, ranks a sample, and sends it deflated.
func (s *Server) handleReport(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	orders := append([]*Order(nil), s.orders...)
	s.mu.Unlock()

	var csv bytes.Buffer
	csv.WriteString("id,customer,total_cents,confirmation\n")
	for _, o := range orders {
		fmt.Fprintf(&csv, "%s,%s,%d,%s\n", o.ID, o.Customer, o.TotalCents, o.Confirmation)
	}
	var compressed []byte
	var crc uint32
	var top []work.Record
	err := s.Pool.Do(r.Context(), func() {
		var err error
		if compressed, err = work.Compress(csv.Bytes(), 6); err != nil {
			panic(err)
		}
		crc, _ = work.Checksums(csv.Bytes())
		top = work.Rank(csv.Bytes()[:min(len(csv.Bytes()), 4096)], 20000, 10)
	})
	if err != nil {
		writeJSON(w, http.StatusServiceUnavailable, map[string]string{"error": err.Error()})
		return
	}
	w.Header().Set("Content-Encoding", "deflate")
	w.Header().Set("X-Report-CRC32C", strconv.FormatUint(uint64(crc), 16))
	w.Header().Set("X-Report-Top", strconv.FormatUint(top[0].Key, 16))
	_, _ = w.Write(compressed)
}

func (s *Server) handleWatch(w http.ResponseWriter, r *http.Request) {
	ch := s.Events.Subscribe()
	defer s.Events.Unsubscribe(ch)
	timeout := time.NewTimer(60 * time.Second)
	defer timeout.Stop()
	select {
	case ev := <-ch:
		writeJSON(w, http.StatusOK, ev)
	case <-timeout.C:
		w.WriteHeader(http.StatusNoContent)
	case <-r.Context().Done():
	}
}

func writeJSON(w http.ResponseWriter, code int, v interface{}) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(v)
}

func min(a, b int) int {
	if a < b {
		return a
	}
	return b
}
