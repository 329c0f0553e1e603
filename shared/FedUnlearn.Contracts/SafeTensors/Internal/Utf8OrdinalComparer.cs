using System.Text;

namespace FedUnlearn.Contracts.SafeTensors.Internal;

/// <summary>Orders strings by their UTF-8 bytes, as the reference (Rust) writer does; UTF-16
/// ordinal order differs for characters beyond the Basic Multilingual Plane.</summary>
internal sealed class Utf8OrdinalComparer : IComparer<string>
{
    public static Utf8OrdinalComparer Instance { get; } = new();

    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y)) return 0;
        if (x is null) return -1;
        if (y is null) return 1;
        return Encoding.UTF8.GetBytes(x).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(y));
    }
}
