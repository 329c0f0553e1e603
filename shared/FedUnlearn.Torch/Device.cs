using System.Globalization;

namespace FedUnlearn.Torch;

/// <summary>Where a tensor lives: the CPU or one CUDA GPU.</summary>
/// <param name="Type">The kind of device.</param>
/// <param name="Index">The GPU ordinal; -1 means "the current one" (and is what CPU tensors report).</param>
public sealed record Device(DeviceType Type, int Index = -1)
{
    /// <summary>The kind of device.</summary>
    public DeviceType Type { get; init; } = Enum.IsDefined(Type)
        ? Type
        : throw new ArgumentException($"Unknown device type code {(int)Type}.", nameof(Type));

    /// <summary>The GPU ordinal; -1 means "the current one" (and is what CPU tensors report).</summary>
    public int Index { get; init; } = Index >= -1
        ? Index
        : throw new ArgumentOutOfRangeException(nameof(Index), Index, "A device index must be -1 (current) or a GPU ordinal >= 0.");

    /// <summary>The host CPU.</summary>
    public static Device CPU { get; } = new(DeviceType.CPU);

    /// <summary>The first CUDA GPU.</summary>
    public static Device CUDA { get; } = new(DeviceType.CUDA, 0);

    /// <summary>The first CUDA GPU when one is usable, otherwise the CPU.</summary>
    public static Device Best => torch.cuda.is_available() ? CUDA : CPU;

    /// <summary>Parses <c>cpu</c>, <c>cuda</c> or <c>cuda:N</c> (case-insensitive).</summary>
    /// <exception cref="ArgumentException">The text names no device.</exception>
    public static Device Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var s = text.Trim().ToLowerInvariant();
        if (s == "cpu")
        {
            return CPU;
        }

        if (s == "cuda")
        {
            return CUDA;
        }

        if (s.StartsWith("cuda:", StringComparison.Ordinal)
            && int.TryParse(s.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            return new Device(DeviceType.CUDA, index);
        }

        throw new ArgumentException($"Unknown device '{text}': expected 'cpu', 'cuda' or 'cuda:N'.", nameof(text));
    }

    /// <summary>The PyTorch spelling: <c>cpu</c>, <c>cuda</c> or <c>cuda:N</c>.</summary>
    public override string ToString() => Type switch
    {
        DeviceType.CPU => "cpu",
        _ when Index < 0 => "cuda",
        _ => $"cuda:{Index}",
    };
}
