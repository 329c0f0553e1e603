using FedUnlearn.Contracts.Parameters;
using FedUnlearn.Contracts.V1;
using FedUnlearn.Server.Tests.Federation.Support;

namespace FedUnlearn.Server.Tests.Forget.Support;

/// <summary>
/// A fake learner whose update depends on the adapter it starts from, its own data (a target value and
/// a sample count) and the task seed, on a grid where every sum the server forms is exact: two runs that
/// give it the same starts and seeds get the same bits, any difference in either shows.
/// </summary>
internal static class DeterministicTrainer
{
    /// <summary>Fetches the task's adapter and submits half the way to <paramref name="target"/> (in quarters) plus a seed nudge.</summary>
    public static async Task TrainAsync(FakeClient client, ClientTask task, float target, ulong samples)
    {
        ParameterSet start = (await client.Rpc.FetchAdapterAsync(task.AdapterVersion)).Parameters;
        // Two bits of a mixed seed per coordinate: any change of seed moves some coordinate.
        ulong mixed = unchecked(task.HyperParameters.Seed * 0x9E3779B97F4A7C15UL);
        var delta = new ParameterSet(start.Select(t => new ParameterTensor(t.Name, (int[])t.Shape.Clone(),
            [.. t.Data.Select((v, j) => MathF.Round((target - v) * 2) / 4 + (float)((mixed >> (2 * j % 64)) & 3) / 16)])));
        await client.SubmitAsync(task, delta, samples);
    }

    /// <summary>Each client trains its task, one after another in the given order (fold order fixed).</summary>
    public static async Task TrainInOrderAsync(FakeClient[] clients, ClientTask[] tasks, IReadOnlyDictionary<string, (float Target, ulong Samples)> data)
    {
        for (int i = 0; i < clients.Length; i++)
            await TrainAsync(clients[i], tasks[i], data[clients[i].ClientId].Target, data[clients[i].ClientId].Samples);
    }
}
