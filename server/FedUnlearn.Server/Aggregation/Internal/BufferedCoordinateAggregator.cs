using FedUnlearn.Contracts.Parameters;
using FedUnlearn.Server.Aggregation.Validation;

namespace FedUnlearn.Server.Aggregation.Internal;

/// <summary>
/// Base of the coordinate-wise robust rules (median, trimmed mean). They need every update at
/// once, by nature, so memory is O(clients × adapter): delta updates are kept by reference,
/// adapter updates are turned into deltas on arrival. At the end each tensor is processed in
/// blocks of coordinates: the block is transposed into a scratch buffer (one row of client values
/// per coordinate) so that each coordinate's selection runs on contiguous memory, with no
/// allocation per coordinate.
/// </summary>
internal abstract class BufferedCoordinateAggregator : UpdateAggregatorBase
{
    // Scratch of about 256 KiB: large enough to amortise, small enough to stay in L2.
    private const int ScratchFloats = 64 * 1024;
    private readonly List<float[][]> _deltas = [];

    protected BufferedCoordinateAggregator(RoundContext round, UpdateValidator validator) : base(round, validator) { }

    protected override string? Fold(ClientUpdate update)
    {
        var tensors = new float[Global.Count][];
        for (var i = 0; i < Global.Count; i++)
        {
            var g = Global[i];
            var u = update.Parameters[g.Name].Data;
            if (update.Kind == UpdateKind.Delta) { tensors[i] = u; continue; }
            tensors[i] = new float[u.Length];
            DeltaMath.DeltaInto(u, g.Data, UpdateKind.Adapter, tensors[i]);
        }
        _deltas.Add(tensors);
        return null;
    }

    /// <summary>The robust combination of one coordinate's client values (may reorder them).</summary>
    protected abstract float CombineCoordinate(Span<float> clientValues);

    protected override ParameterSet Combine(long totalWeight)
    {
        var clients = _deltas.Count;
        var block = Math.Max(1, ScratchFloats / clients);
        var scratch = new float[block * clients];
        var result = new ParameterSet();
        for (var t = 0; t < Global.Count; t++)
        {
            var g = Global[t];
            var output = (float[])g.Data.Clone();
            for (var start = 0; start < output.Length; start += block)
            {
                var width = Math.Min(block, output.Length - start);
                for (var c = 0; c < clients; c++)
                {
                    var source = _deltas[c][t].AsSpan(start, width);
                    for (var j = 0; j < width; j++) scratch[j * clients + c] = source[j];
                }
                for (var j = 0; j < width; j++)
                    output[start + j] += CombineCoordinate(scratch.AsSpan(j * clients, clients));
            }
            result.Add(g.Name, (int[])g.Shape.Clone(), output);
        }
        _deltas.Clear();
        return result;
    }
}
