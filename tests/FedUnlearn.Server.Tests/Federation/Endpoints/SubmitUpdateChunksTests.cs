using FedUnlearn.Contracts.Parameters;
using FedUnlearn.Contracts.V1;
using FedUnlearn.Rpc.Services;
using FedUnlearn.Server.Rounds;
using FedUnlearn.Server.Tests.Federation.Support;

namespace FedUnlearn.Server.Tests.Federation.Endpoints;

/// <summary>
/// SubmitUpdate receives its chunks into one reused buffer (borrowed payloads): an update of many
/// large chunks, each with different bytes, must still arrive exactly.
/// </summary>
public sealed class SubmitUpdateChunksTests
{
    private const int Elements = 8 * 1024;

    [Fact]
    public async Task SubmitUpdate_ManyLargeDistinctChunks_CommitsTheExactSum()
    {
        ParameterSet global = Adapter(i => i % 7);
        await using ServerHarness harness = await ServerHarness.StartAsync(o =>
            (o.MinClients, o.MinUpdates, o.ChunkSize, o.InitialAdapter) = (1, 1, 8192, global));
        FakeClient client = await harness.AddClientAsync("a");
        await client.JoinAsync();
        await client.SubscribeAsync();
        ClientTask task = await client.NextTaskAsync();

        // 64 KiB in 8 KiB chunks (8 of them, above the 4 KiB borrowing floor), every value distinct.
        ParameterSet delta = Adapter(i => i * 0.25f);
        SubmitUpdateResponse response = await client.SubmitAsync(task, delta, chunkSize: 8192);
        Assert.Equal(UpdateDisposition.Accepted, response.Disposition);
        Assert.InRange(response.ReceivedBytes, 2UL * Elements * sizeof(float), 2UL * Elements * sizeof(float) + 1024); // + the tensor header

        RoundSummary summary = await harness.Server.WaitForRoundAsync(1).WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(RoundOutcome.Committed, summary.Outcome);
        FetchedAdapter fetched = await client.Rpc.FetchAdapterAsync(0);
        ParameterSet expected = Adapter(i => i % 7 + i * 0.25f);
        Assert.Equal(expected["fc.lora_A"].Data, fetched.Parameters["fc.lora_A"].Data);
        Assert.Equal(expected["fc.lora_B"].Data, fetched.Parameters["fc.lora_B"].Data);
    }

    private static ParameterSet Adapter(Func<int, float> value) => new([
        new ParameterTensor("fc.lora_A", [8, Elements / 8], Enumerable.Range(0, Elements).Select(value).ToArray()),
        new ParameterTensor("fc.lora_B", [Elements / 8, 8], Enumerable.Range(Elements, Elements).Select(value).ToArray()),
    ]);
}
