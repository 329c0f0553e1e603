namespace FedUnlearn.Torch;

/// <summary>Element types; the values are libtorch's <c>c10::ScalarType</c> codes.</summary>
public enum ScalarType
{
    /// <summary>Unsigned 8-bit integer (C# <see cref="byte"/>), e.g. raw image pixels.</summary>
    Byte = 0,

    /// <summary>32-bit integer (C# <see cref="int"/>).</summary>
    Int32 = 3,

    /// <summary>64-bit integer (C# <see cref="long"/>): indices and class labels.</summary>
    Int64 = 4,

    /// <summary>IEEE half precision (C# <see cref="Half"/>).</summary>
    Float16 = 5,

    /// <summary>32-bit float (C# <see cref="float"/>): the default for parameters and activations.</summary>
    Float32 = 6,

    /// <summary>64-bit float (C# <see cref="double"/>).</summary>
    Float64 = 7,

    /// <summary>Boolean (C# <see cref="bool"/>): masks and comparison results.</summary>
    Bool = 11,
}
