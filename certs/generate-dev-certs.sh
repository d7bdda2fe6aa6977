#!/usr/bin/env bash
# The development certificates, with openssl: a CA, and a server certificate it signs for
# localhost and 127.0.0.1 (Python gRPC checks the IP SAN). The app issues the same set in-process
# when it is missing (lab.tls.generate-if-missing), so you only need this script to see the recipe,
# to make the files by hand, or to issue them for another host name.
#
#   certs/generate-dev-certs.sh [DIR] [HOST]     defaults: certs/dev localhost
#
# Writes DIR/ca.crt (what clients trust), DIR/ca.key, DIR/server.crt, DIR/server.key.
# Keys are EC P-256, readable by you only. Never commit them (certs/dev/ is git-ignored).
set -euo pipefail
dir=${1:-certs/dev}
host=${2:-localhost}
mkdir -p "$dir"
umask 077

if [ ! -f "$dir/ca.key" ] || [ ! -f "$dir/ca.crt" ]; then
  openssl ecparam -name prime256v1 -genkey -noout | openssl pkcs8 -topk8 -nocrypt -out "$dir/ca.key"
  openssl req -x509 -new -key "$dir/ca.key" -sha256 -days 365 -out "$dir/ca.crt" \
    -subj "/O=grpclab (development only)/CN=gRPC resilience lab development CA" \
    -addext "basicConstraints=critical,CA:TRUE,pathlen:0" \
    -addext "keyUsage=critical,keyCertSign,cRLSign"
fi

openssl ecparam -name prime256v1 -genkey -noout | openssl pkcs8 -topk8 -nocrypt -out "$dir/server.key"
openssl req -new -key "$dir/server.key" -subj "/O=grpclab (development only)/CN=$host" -out "$dir/server.csr"
sans="DNS:$host"
[ "$host" = localhost ] || sans="$sans,DNS:localhost"
cat > "$dir/server.ext" <<EXT
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth
subjectAltName=$sans,IP:127.0.0.1,IP:::1
EXT
openssl x509 -req -in "$dir/server.csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" -CAcreateserial \
  -days 90 -sha256 -extfile "$dir/server.ext" -out "$dir/server.crt"
rm -f "$dir/server.csr" "$dir/server.ext" "$dir/ca.srl"
chmod 644 "$dir/ca.crt" "$dir/server.crt"

openssl verify -CAfile "$dir/ca.crt" "$dir/server.crt"
echo "Clients trust $dir/ca.crt; the server uses $dir/server.crt and $dir/server.key."
