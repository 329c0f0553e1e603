using FedUnlearn.Torch;

namespace FedUnlearn.Learning.Unlearning.Internal;

/// <summary>
/// Fixed rows [n, dim] looked up by sample id: a frozen teacher's features or logits (or RFA's forget
/// targets), computed once before training so the teacher never needs a second model in memory.
/// </summary>
internal sealed class FeatureTable
{
    private readonly Dictionary<long, int> _rows;
    private readonly float[] _values;
    private float[] _gathered = [];

    public FeatureTable(long[] ids, float[] values, int dim)
    {
        if (values.Length != (long)ids.Length * dim)
            throw new ArgumentException($"{values.Length} values do not make {ids.Length} rows of {dim}.", nameof(values));
        Dim = dim;
        _values = values;
        _rows = new Dictionary<long, int>(ids.Length);
        for (var i = 0; i < ids.Length; i++) _rows[ids[i]] = i;
    }

    public int Dim { get; }

    public int Count => _rows.Count;

    public ReadOnlySpan<float> Row(int row) => _values.AsSpan(row * Dim, Dim);

    /// <summary>The rows of <paramref name="ids"/> as a [n, dim] tensor in the current dispose scope.</summary>
    public Tensor Gather(ReadOnlySpan<long> ids, Device device)
    {
        var needed = ids.Length * Dim;
        if (_gathered.Length < needed) _gathered = new float[needed];
        for (var i = 0; i < ids.Length; i++)
        {
            if (!_rows.TryGetValue(ids[i], out var row))
                throw new InvalidOperationException($"Sample id {ids[i]} has no precomputed teacher feature.");
            Row(row).CopyTo(_gathered.AsSpan(i * Dim, Dim));
        }

        return torch.tensor<float>(_gathered.AsSpan(0, needed), [ids.Length, Dim], device);
    }
}
