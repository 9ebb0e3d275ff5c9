// Command redis serves the Redis protocol on one address for Argo CD's controller and repo
// server, with miniredis (the in-memory Redis that Argo CD's own tests use, pinned by Argo CD's
// go.mod). It is a cache for a local test cluster, nothing more: no persistence, no auth.
package main

import (
	"flag"
	"log"
	"os"
	"os/signal"
	"syscall"

	"github.com/alicebob/miniredis/v2"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:6379", "address to listen on")
	flag.Parse()
	server := miniredis.NewMiniRedis()
	if err := server.StartAddr(*addr); err != nil {
		log.Fatalf("redis: cannot listen on %s: %v", *addr, err)
	}
	log.Printf("redis (miniredis) listening on %s", server.Addr())
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, syscall.SIGINT, syscall.SIGTERM)
	<-stop
	server.Close()
}
