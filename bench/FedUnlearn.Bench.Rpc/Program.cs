using FedUnlearn.Bench.Rpc;
using FedUnlearn.Rpc.Server;

// bench server [payloads=Owned|BorrowedUntilNextMessage]
//                          → serves Echo on 127.0.0.1:0, prints "PORT n", stops when stdin closes
// bench client ADDRESS    → measures unary latency and client-streaming throughput, prints key=value
return args switch
{
    ["server"] => await BenchServer.RunAsync(RequestPayloads.BorrowedUntilNextMessage),
    ["server", string payloads] when payloads.StartsWith("payloads=", StringComparison.Ordinal) =>
        await BenchServer.RunAsync(Enum.Parse<RequestPayloads>(payloads["payloads=".Length..], ignoreCase: true)),
    ["client", string address, ..] => await BenchClient.RunAsync(new Uri(address), BenchSettings.FromArgs(args[2..])),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: FedUnlearn.Bench.Rpc server [payloads=Owned] | client http://127.0.0.1:PORT [calls=2000] [megabytes=64] [rounds=3]");
    return 2;
}
