using FedUnlearn.Client;
using FedUnlearn.Samples.EmbeddedClient;

// An app embedding a FedUnlearn client node. Usage:
//   FEDUNLEARN_TOKEN=... dotnet run -- https://fl.example.org:7443 hospital-a ./node-data [forget SAMPLE_ID...]
if (args.Length < 3)
{
    Console.Error.WriteLine("usage: EmbeddedClient SERVER CLIENT_ID DATA_DIR [forget SAMPLE_ID...]");
    return 2;
}

var options = new FederationClientOptions
{
    ServerAddress = new Uri(args[0]),
    ClientId = args[1],
    DataDirectory = args[2],
    Token = Environment.GetEnvironmentVariable("FEDUNLEARN_TOKEN") ?? "",
    Device = "cpu",
};

await using var client = await FederationClient.CreateAsync(options, context => new AppLearner(context));
client.Joined += (_, e) => Console.WriteLine($"joined {e.FederationName} as {e.ClientId}");
client.TaskSubmitted += (_, e) => Console.WriteLine($"task {e.TaskId}: {e.Outcome}");
client.Disconnected += (_, e) => Console.WriteLine($"reconnecting in {e.RetryDelay.TotalSeconds:F0} s: {e.Reason}");

if (args.Length > 3 && args[3] == "forget")
{
    // A user asked to be forgotten: tombstoned locally at once, only the count is sent.
    var request = await client.RequestForgetAsync(args.Skip(4).Select(long.Parse), "user erasure request");
    Console.WriteLine($"forget request {request.RequestId}: {request.State}, ticket {request.TicketId ?? "(sent on reconnect)"}");
    return 0;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
try
{
    await client.RunAsync(stop.Token);
}
catch (OperationCanceledException)
{
    Console.WriteLine("stopped");
}

return 0;
