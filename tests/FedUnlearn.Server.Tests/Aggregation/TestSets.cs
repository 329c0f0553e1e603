using FedUnlearn.Contracts.Parameters;
using FedUnlearn.Server.Aggregation;

namespace FedUnlearn.Server.Tests.Aggregation;

/// <summary>Small builders for parameter sets and updates in tests.</summary>
internal static class TestSets
{
    public static ParameterSet Vector(string name, params float[] values) => Of((name, [values.Length], values));

    public static ParameterSet Of(params (string Name, int[] Shape, float[] Data)[] tensors) =>
        new(tensors.Select(t => new ParameterTensor(t.Name, t.Shape, t.Data)));

    public static RoundContext Round(ParameterSet global, long round = 1) => new(round, 0, global);

    public static ClientUpdate Delta(string client, long samples, ParameterSet parameters) =>
        new(client, samples, parameters, UpdateKind.Delta);

    public static ClientUpdate Adapter(string client, long samples, ParameterSet parameters) =>
        new(client, samples, parameters, UpdateKind.Adapter);

    public static float[] Random(Random random, int length, float scale = 1f) =>
        Enumerable.Range(0, length).Select(_ => (float)(random.NextDouble() * 2 - 1) * scale).ToArray();
}
