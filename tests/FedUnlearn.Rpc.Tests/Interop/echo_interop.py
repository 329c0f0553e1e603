"""Reference gRPC peer for the interop tests, built on python grpcio's generic API.

  echo_interop.py server PB_DIR          serve fedunlearn.testing.Echo on 127.0.0.1:0, print "PORT n",
                                         stop when stdin closes (so a dying test host takes it along)
  echo_interop.py client PB_DIR ADDRESS  call ADDRESS's Echo in every shape, print one JSON object
"""
import hashlib
import json
import sys
import threading
from concurrent import futures

import grpc

sys.path.insert(0, sys.argv[2])
import echo_pb2  # noqa: E402  (generated at test time by /usr/bin/protoc)
import health_pb2  # noqa: E402

SERVICE = "/fedunlearn.testing.Echo/"
MASK = (1 << 64) - 1


def fill(offset, length):
    """Same bytes as the C# tests' Payload.Fill: word i is a hash of i."""
    out = bytearray(length)
    word = offset // 8
    for i in range(0, length, 8):
        x = (word * 0x9E3779B97F4A7C15) & MASK
        x ^= x >> 31
        x = (x * 0xBF58476D1CE4E5B9) & MASK
        x ^= x >> 29
        out[i:i + 8] = x.to_bytes(8, "little")
        word += 1
    return bytes(out)


def status_code(number):
    return next(code for code in grpc.StatusCode if code.value[0] == number)


# ---------------------------------------------------------------- server

def unary(request, context):
    parts = request.text.split(":", 2)
    if parts[0] == "fail":
        context.abort(status_code(int(parts[1])), parts[2])
    if parts[0] == "wait":
        done = threading.Event()
        context.add_callback(done.set)
        done.wait(60)
        return echo_pb2.EchoReply()
    if parts[0] == "meta":
        pairs = [(k, v) for k, v in context.invocation_metadata() if k.startswith("x-")]
        context.send_initial_metadata([("h-" + k, v) for k, v in pairs])
        context.set_trailing_metadata([("t-" + k, v) for k, v in pairs])
        return echo_pb2.EchoReply(text="deadline" if context.time_remaining() is not None else "no-deadline")
    return echo_pb2.EchoReply(text=request.text, payload=request.payload, index=len(request.payload))


def collect(requests, context):
    digest, count, total, text = hashlib.sha256(), 0, 0, []
    for request in requests:
        count += 1
        total += len(request.payload)
        digest.update(request.payload)
        text.append(request.text)
    return echo_pb2.EchoReply(text="".join(text), index=count, total_bytes=total, payload=digest.digest())


def expand(request, context):
    chunk = request.chunk_size or 8
    index, offset = 0, 0
    while offset < request.total_bytes:
        if request.fail_after and index == request.fail_after:
            context.abort(grpc.StatusCode.ABORTED, "failed after %d messages" % index)
        length = min(chunk, request.total_bytes - offset)
        yield echo_pb2.EchoReply(index=index, payload=fill(offset, length))
        offset += length
        index += 1


def chat(requests, context):
    for index, request in enumerate(requests):
        yield echo_pb2.EchoReply(text="echo:" + request.text, index=index)


def serve():
    des, ser = echo_pb2.EchoRequest.FromString, echo_pb2.EchoReply.SerializeToString
    handlers = {
        "Unary": grpc.unary_unary_rpc_method_handler(unary, des, ser),
        "Collect": grpc.stream_unary_rpc_method_handler(collect, des, ser),
        "Expand": grpc.unary_stream_rpc_method_handler(expand, des, ser),
        "Chat": grpc.stream_stream_rpc_method_handler(chat, des, ser),
    }
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=16),
                         options=[("grpc.max_receive_message_length", 8 * 1024 * 1024)])
    server.add_generic_rpc_handlers((grpc.method_handlers_generic_handler("fedunlearn.testing.Echo", handlers),))
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    print("PORT %d" % port, flush=True)
    sys.stdin.read()  # returns when the parent closes stdin or dies
    server.stop(0)


# ---------------------------------------------------------------- client

def call_error(fn):
    try:
        fn()
        return {"code": "OK"}
    except grpc.RpcError as error:
        return {"code": error.code().name, "details": error.details()}


def run_client(address, wait_id):
    results = {}
    with grpc.insecure_channel(address) as channel:
        def method(kind, name):
            return getattr(channel, kind)(SERVICE + name, request_serializer=echo_pb2.EchoRequest.SerializeToString,
                                          response_deserializer=echo_pb2.EchoReply.FromString)

        unary_call = method("unary_unary", "Unary")
        reply = unary_call(echo_pb2.EchoRequest(text="from python", payload=b"\x01\x02\xff"), timeout=10)
        results["unary"] = {"text": reply.text, "payload": reply.payload.hex(), "index": reply.index}

        chunks = [fill(i * 65536, 65536) for i in range(5)]
        reply = method("stream_unary", "Collect")(iter(echo_pb2.EchoRequest(text=str(i), payload=c) for i, c in enumerate(chunks)), timeout=10)
        results["client_stream"] = {"text": reply.text, "count": reply.index, "total": reply.total_bytes,
                                    "sha_ok": reply.payload == hashlib.sha256(b"".join(chunks)).digest()}

        digest, indexes = hashlib.sha256(), []
        for item in method("unary_stream", "Expand")(echo_pb2.EchoRequest(total_bytes=1 << 20, chunk_size=65536), timeout=10):
            indexes.append(item.index)
            digest.update(item.payload)
        results["server_stream"] = {"indexes": indexes, "sha": digest.hexdigest()}

        replies = method("stream_stream", "Chat")(iter(echo_pb2.EchoRequest(text=t) for t in ["a", "b", "c"]), timeout=10)
        results["bidi"] = [r.text for r in replies]

        results["error"] = call_error(lambda: unary_call(echo_pb2.EchoRequest(text="fail:9:Ünïcødé ✓ 100%"), timeout=10))
        results["unknown"] = call_error(lambda: method("unary_unary", "Missing")(echo_pb2.EchoRequest(), timeout=10))
        results["deadline"] = call_error(lambda: unary_call(echo_pb2.EchoRequest(text="wait:" + wait_id), timeout=0.2))

        reply, call = unary_call.with_call(echo_pb2.EchoRequest(text="meta"), timeout=10,
                                           metadata=[("x-text", "v1"), ("x-data-bin", b"\x00\xff")])
        results["metadata"] = {"text": reply.text,
                               "initial": {k: (v.hex() if isinstance(v, bytes) else v) for k, v in call.initial_metadata()},
                               "trailing": {k: (v.hex() if isinstance(v, bytes) else v) for k, v in call.trailing_metadata()}}

        health = channel.unary_unary("/grpc.health.v1.Health/Check", request_serializer=health_pb2.HealthCheckRequest.SerializeToString,
                                     response_deserializer=health_pb2.HealthCheckResponse.FromString)
        results["health"] = health_pb2.HealthCheckResponse.ServingStatus.Name(health(health_pb2.HealthCheckRequest(), timeout=10).status)

    with grpc.insecure_channel(address, compression=grpc.Compression.Gzip) as channel:
        stub = channel.unary_unary(SERVICE + "Unary", request_serializer=echo_pb2.EchoRequest.SerializeToString,
                                   response_deserializer=echo_pb2.EchoReply.FromString)
        reply = stub(echo_pb2.EchoRequest(text="zipped", payload=bytes(100000)), timeout=10)
        results["gzip"] = {"text": reply.text, "length": len(reply.payload)}
    print(json.dumps(results), flush=True)


if __name__ == "__main__":
    if sys.argv[1] == "server":
        serve()
    else:
        run_client(sys.argv[3], sys.argv[4])
