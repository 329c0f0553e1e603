namespace FedUnlearn.Learning.Unlearning.Amnesiac.Internal;

/// <summary>One adapter tensor's stored update: values at ascending indices, or every value when <see cref="Indices"/> is null.</summary>
internal sealed record SparseUpdate(int[]? Indices, float[] Values)
{
    public long Bytes => 4L * Values.Length + (Indices is null ? 0 : 4L * Indices.Length);

    /// <summary>Adds this update, times <paramref name="scale"/>, into a dense tensor.</summary>
    public void AddTo(Span<float> dense, float scale = 1)
    {
        if (Indices is null)
        {
            for (var i = 0; i < Values.Length; i++) dense[i] += scale * Values[i];
            return;
        }

        for (var i = 0; i < Indices.Length; i++) dense[Indices[i]] += scale * Values[i];
    }
}
