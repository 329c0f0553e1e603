namespace FedUnlearn.Learning.Models;

/// <summary>The model families <see cref="ModelFactory"/> builds.</summary>
public enum ModelKind
{
    /// <summary>Multi-layer perceptron on flattened images (<see cref="Mlp"/>).</summary>
    Mlp,

    /// <summary>Two-convolution network (<see cref="SmallCnn"/>).</summary>
    Cnn,

    /// <summary>Tiny vision transformer (<see cref="TinyVit"/>).</summary>
    Vit,
}
