using FedUnlearn.Contracts.Parameters;

namespace FedUnlearn.Learning.Unlearning.Amnesiac.Internal;

/// <summary>The adapter tensors a ledger's updates belong to: names and shapes, in model order.</summary>
internal sealed record LedgerLayout(string[] Names, int[][] Shapes)
{
    public int Length(int tensor) => Shapes[tensor].Aggregate(1, (a, b) => checked(a * b));

    public static LedgerLayout Of(ParameterSet adapter) =>
        new([.. adapter.Select(t => t.Name)], [.. adapter.Select(t => (int[])t.Shape.Clone())]);

    /// <summary>Null when <paramref name="adapter"/> has exactly this layout, else what differs.</summary>
    public string? Mismatch(ParameterSet adapter) => ToZeros().DescribeLayoutMismatch(adapter);

    public ParameterSet ToZeros()
    {
        var set = new ParameterSet();
        for (var t = 0; t < Names.Length; t++) set.Add(Names[t], (int[])Shapes[t].Clone(), new float[Length(t)]);
        return set;
    }
}
