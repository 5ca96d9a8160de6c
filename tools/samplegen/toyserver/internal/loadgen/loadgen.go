// Package loadgen drives the toy server over loopback like a crowd of shoppers.
package loadgen

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math/rand"
	"net/http"
	"sync/atomic"
	"time"
)

// Stats counts requests by outcome.
type Stats struct {
	Requests, Errors atomic.Int64
}

// Load sends requests to base.
type Load struct {
	Base     string
	Products int // product ids are p000000 .. p<Products-1>
	Gate     *Gate
	Stats    Stats
	client   *http.Client
}

// New returns a load whose keep-alive connections never expire, so that connections do not
// come and go between the dumps of one snapshot.
func New(base string, products int) *Load {
	transport := &http.Transport{MaxIdleConnsPerHost: 64, DisableCompression: true}
	return &Load{Base: base, Products: products, Gate: NewGate(), client: &http.Client{Transport: transport}}
}

var queries = []string{"amber", "cedar", "granite", "harbor", "quartz", "raven", "velvet", "zephyr", "ember", "kelp"}
var sorts = []string{"", "price", "name"}

// Shopper searches, opens product pages, orders and now and then pulls a report, until the
// process ends. Product popularity follows a Zipf law, so the page cache has hot entries.
func (l *Load) Shopper(seed int64, think time.Duration) {
	l.Gate.Join()
	rng := rand.New(rand.NewSource(seed))
	popular := rand.NewZipf(rng, 1.2, 4, uint64(l.Products-1))
	customer := fmt.Sprintf("customer-%d", seed)
	for {
		l.Gate.Checkpoint()
		l.Gate.Begin()
		switch op := rng.Intn(100); {
		case op < 30:
			l.get(fmt.Sprintf("/products?q=%s&sort=%s", queries[rng.Intn(len(queries))], sorts[rng.Intn(len(sorts))]))
		case op < 65:
			l.get(fmt.Sprintf("/products/p%06d/page", popular.Uint64()))
		case op < 96:
			l.order(rng, popular, customer)
		default:
			l.get("/report")
		}
		l.Gate.End()
		time.Sleep(think)
	}
}

// Watcher long-polls /watch for order events. Watchers are not gated: while the load is
// paused no order is placed, so they stay parked inside the server, as long polls do.
func (l *Load) Watcher() {
	for {
		l.get("/watch")
	}
}

func (l *Load) order(rng *rand.Rand, popular *rand.Zipf, customer string) {
	type line struct {
		ProductID string `json:"productId"`
		Quantity  int    `json:"quantity"`
	}
	body := struct {
		Customer string `json:"customer"`
		Lines    []line `json:"lines"`
		Note     string `json:"note"`
	}{Customer: customer, Note: "please gift-wrap"}
	for i := 0; i < 1+rng.Intn(5); i++ {
		body.Lines = append(body.Lines, line{fmt.Sprintf("p%06d", popular.Uint64()), 1 + rng.Intn(3)})
	}
	raw, _ := json.Marshal(body)
	l.do(http.MethodPost, "/orders", raw)
}

func (l *Load) get(path string) { l.do(http.MethodGet, path, nil) }

func (l *Load) do(method, path string, body []byte) {
	req, err := http.NewRequest(method, l.Base+path, bytes.NewReader(body))
	if err != nil {
		panic(err)
	}
	resp, err := l.client.Do(req)
	l.Stats.Requests.Add(1)
	if err != nil {
		l.Stats.Errors.Add(1)
		return
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, resp.Body)
	if resp.StatusCode >= 500 {
		l.Stats.Errors.Add(1)
	}
}
