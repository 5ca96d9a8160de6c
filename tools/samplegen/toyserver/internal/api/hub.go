package api

import "sync"

// Event is what long-polling watchers receive.
type Event struct {
	Kind     string `json:"kind"`
	ID       string `json:"id"`
	Customer string `json:"customer"`
}

// Hub hands each published event to every current subscriber.
type Hub struct {
	mu          sync.Mutex
	subscribers map[chan Event]struct{}
}

// NewHub returns a hub without subscribers.
func NewHub() *Hub {
	return &Hub{subscribers: make(map[chan Event]struct{})}
}

// Subscribe returns a channel that receives the next event.
func (h *Hub) Subscribe() chan Event {
	ch := make(chan Event, 1)
	h.mu.Lock()
	h.subscribers[ch] = struct{}{}
	h.mu.Unlock()
	return ch
}

// Unsubscribe forgets ch.
func (h *Hub) Unsubscribe(ch chan Event) {
	h.mu.Lock()
	delete(h.subscribers, ch)
	h.mu.Unlock()
}

// Publish delivers ev to every subscriber that has not got an event yet.
func (h *Hub) Publish(ev Event) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for ch := range h.subscribers {
		select {
		case ch <- ev:
		default:
		}
	}
}
