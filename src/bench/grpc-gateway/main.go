// grpc-gateway in front of the app's gRPC server: the REST->gRPC transcoder most teams pick instead of this app's
// gateway, built from Debian's packages (grpc-gateway v1.6.4) with the project's echo.proto and http-rules.yaml, so
// that src/bench compares the two on the same route (POST /api/echo) against the same gRPC server.
//
//	grpc-gateway -listen 127.0.0.1:8081 -backend localhost:50051 -ca target/bench/certs/ca.crt
package main

import (
	"context"
	"flag"
	"log"
	"net/http"

	"github.com/grpc-ecosystem/grpc-gateway/runtime"
	_ "google.golang.org/genproto/googleapis/rpc/errdetails" // the google.rpc details the server sends, printed in errors
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials"

	"gw/echopb"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:8081", "the HTTP address to serve")
	backend := flag.String("backend", "localhost:50051", "the gRPC server (TLS)")
	ca := flag.String("ca", "", "the CA that signed the gRPC server's certificate (PEM)")
	flag.Parse()

	creds, err := credentials.NewClientTLSFromFile(*ca, "")
	if err != nil {
		log.Fatalf("reading the CA %s: %v", *ca, err)
	}
	mux := runtime.NewServeMux()
	options := []grpc.DialOption{grpc.WithTransportCredentials(creds)}
	if err := echopb.RegisterEchoServiceHandlerFromEndpoint(context.Background(), mux, *backend, options); err != nil {
		log.Fatalf("connecting to %s: %v", *backend, err)
	}
	log.Printf("grpc-gateway on http://%s, in front of %s", *listen, *backend)
	log.Fatal(http.ListenAndServe(*listen, mux))
}
