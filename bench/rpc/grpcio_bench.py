"""The reference side of bench/run rpc: python grpcio (C-core) server and client, same workload.

  grpcio_bench.py server PB_DIR                         print "PORT n", serve until stdin closes
  grpcio_bench.py client PB_DIR ADDRESS [calls=..]...   print "p50_us=.. p99_us=.. throughput_mibps=.. rounds_mibps=.,.,."
"""
import os
import sys
import time
from concurrent import futures

import grpc

sys.path.insert(0, sys.argv[2])
import echo_pb2  # noqa: E402

CHUNK = 1024 * 1024
SERVICE = "fedunlearn.testing.Echo"
OPTIONS = [("grpc.max_receive_message_length", 8 * CHUNK), ("grpc.max_send_message_length", 8 * CHUNK)]


def serve():
    def unary(request, context):
        return echo_pb2.EchoReply(text=request.text)

    def collect(requests, context):
        total = count = 0
        for request in requests:
            total += len(request.payload)
            count += 1
        return echo_pb2.EchoReply(index=count, total_bytes=total)

    des, ser = echo_pb2.EchoRequest.FromString, echo_pb2.EchoReply.SerializeToString
    handlers = {"Unary": grpc.unary_unary_rpc_method_handler(unary, des, ser),
                "Collect": grpc.stream_unary_rpc_method_handler(collect, des, ser)}
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=4), options=OPTIONS)
    server.add_generic_rpc_handlers((grpc.method_handlers_generic_handler(SERVICE, handlers),))
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    print("PORT %d" % port, flush=True)
    sys.stdin.read()
    server.stop(0)


def percentile(values, p):
    return values[min(len(values) - 1, max(0, -(-int(p * len(values) * 1000) // 1000) - 1))]


def server_seconds(pid):
    """CPU time (user + system) of the server process so far, from /proc (Linux)."""
    if not pid:
        return 0.0
    with open("/proc/%d/stat" % pid) as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def client(address, settings):
    with grpc.insecure_channel(address, options=OPTIONS) as channel:
        unary = channel.unary_unary("/%s/Unary" % SERVICE, request_serializer=echo_pb2.EchoRequest.SerializeToString,
                                    response_deserializer=echo_pb2.EchoReply.FromString)
        collect = channel.stream_unary("/%s/Collect" % SERVICE, request_serializer=echo_pb2.EchoRequest.SerializeToString,
                                       response_deserializer=echo_pb2.EchoReply.FromString)
        request = echo_pb2.EchoRequest(text="ping-0123456789")
        for _ in range(settings["warmup"]):
            unary(request)
        micros = []
        for _ in range(settings["calls"]):
            start = time.perf_counter()
            unary(request)
            micros.append((time.perf_counter() - start) * 1e6)
        micros.sort()

        message = echo_pb2.EchoRequest(payload=os.urandom(CHUNK))

        def upload(chunks):
            reply = collect(message for _ in range(chunks))
            assert reply.total_bytes == chunks * CHUNK, reply

        upload(8)
        rounds = []
        client_cpu, server_cpu = time.process_time(), server_seconds(settings["server_pid"])
        for _ in range(settings["rounds"]):
            start = time.perf_counter()
            upload(settings["megabytes"])
            rounds.append(settings["megabytes"] / (time.perf_counter() - start))
        streamed = settings["megabytes"] * settings["rounds"]
        cpu = "client_ms_per_mib=%.3f" % ((time.process_time() - client_cpu) * 1000 / streamed)
        if settings["server_pid"]:
            cpu += " server_ms_per_mib=%.3f" % ((server_seconds(settings["server_pid"]) - server_cpu) * 1000 / streamed)
    print("p50_us=%.1f p99_us=%.1f throughput_mibps=%.1f rounds_mibps=%s %s" % (
        percentile(micros, 0.50), percentile(micros, 0.99), max(rounds), ",".join("%.1f" % r for r in rounds), cpu), flush=True)


if __name__ == "__main__":
    if sys.argv[1] == "server":
        serve()
    else:
        settings = {"calls": 2000, "warmup": 500, "megabytes": 64, "rounds": 3, "server_pid": 0}
        settings.update({k: int(v) for k, v in (a.split("=", 1) for a in sys.argv[4:])})
        client(sys.argv[3], settings)
