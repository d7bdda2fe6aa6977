#!/usr/bin/env bash
# Generates the Python stubs of the protos in protos/ into generated/ (git-ignored).
# Needs python3-grpcio and python3-grpc-tools (Debian); PYTHON picks another interpreter.
#   src/examples/python/generate.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
python=${PYTHON:-python3}

# protos/ holds copies of the server's protos (same packages, so the same wire names), and googleapis'
# google/api/{annotations,http}.proto, which lab/auth/v1/auth.proto imports for its HTTP rules. Say so if they drifted.
server_protos="$here/../../main/proto"
if [ -d "$server_protos" ]; then
    for proto in echo.proto example.proto lab/auth/v1/auth.proto; do
        cmp -s "$here/protos/$proto" "$server_protos/$proto" \
            || echo "warning: protos/$proto differs from src/main/proto/$proto; copy it again" >&2
    done
fi

if ! "$python" -c 'import grpc, grpc_tools' 2>/dev/null; then
    echo "$python has no grpc or grpc_tools: apt-get install python3-grpcio python3-grpc-tools," \
        "then run with PYTHON=/usr/bin/python3 if python3 is another interpreter (pyenv, venv)" >&2
    exit 2
fi

rm -rf "$here/generated"
mkdir -p "$here/generated"
"$python" -m grpc_tools.protoc -I "$here/protos" \
    --python_out="$here/generated" --grpc_python_out="$here/generated" \
    echo.proto example.proto lab/auth/v1/auth.proto google/api/annotations.proto google/api/http.proto
echo "stubs written to $here/generated"
