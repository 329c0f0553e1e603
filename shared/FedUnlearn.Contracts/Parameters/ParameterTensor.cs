namespace FedUnlearn.Contracts.Parameters;

/// <summary>One named float32 array with its shape: a LoRA A or B matrix, a bias, any parameter.</summary>
public sealed class ParameterTensor
{
    /// <summary>Creates a tensor; <paramref name="data"/> is taken, not copied.</summary>
    /// <exception cref="ArgumentException">The name is empty, a dimension is negative, or the
    /// element count of <paramref name="shape"/> differs from the length of <paramref name="data"/>.</exception>
    public ParameterTensor(string name, int[] shape, float[] data)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(data);
        long count = 1;
        foreach (var d in shape)
        {
            if (d < 0) throw new ArgumentException($"Parameter '{name}': negative dimension in shape [{string.Join(", ", shape)}].", nameof(shape));
            count *= d;
        }
        if (count != data.Length)
            throw new ArgumentException($"Parameter '{name}': shape [{string.Join(", ", shape)}] holds {count} elements but {data.Length} were given.", nameof(data));
        Name = name;
        Shape = shape;
        Data = data;
    }

    /// <summary>The parameter's name, e.g. <c>layers.0.lora_A</c>.</summary>
    public string Name { get; }

    /// <summary>Dimensions, outermost first.</summary>
    public int[] Shape { get; }

    /// <summary>Row-major float32 values.</summary>
    public float[] Data { get; }

    /// <summary>The shape as text, e.g. <c>[8, 784]</c>, for messages.</summary>
    public string ShapeText => $"[{string.Join(", ", Shape)}]";

    /// <summary>True when <paramref name="other"/> has the same shape.</summary>
    public bool SameShape(ParameterTensor other) => Shape.AsSpan().SequenceEqual(other.Shape);

    /// <summary>A deep copy.</summary>
    public ParameterTensor Clone() => new(Name, (int[])Shape.Clone(), (float[])Data.Clone());
}
