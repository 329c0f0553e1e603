using FedUnlearn.Bench.Rpc;

// bench server            → serves Echo on 127.0.0.1:0, prints "PORT n", stops when stdin closes
// bench client ADDRESS    → measures unary latency and client-streaming throughput, prints key=value
return args switch
{
    ["server"] => await BenchServer.RunAsync(),
    ["client", string address, ..] => await BenchClient.RunAsync(new Uri(address), BenchSettings.FromArgs(args[2..])),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: FedUnlearn.Bench.Rpc server | client http://127.0.0.1:PORT [calls=2000] [megabytes=64] [rounds=3]");
    return 2;
}
