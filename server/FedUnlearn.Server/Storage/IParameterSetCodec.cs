using FedUnlearn.Contracts.Parameters;

namespace FedUnlearn.Server.Storage;

/// <summary>Turns a <see cref="ParameterSet"/> into the bytes of a stored blob and back.</summary>
public interface IParameterSetCodec
{
    /// <summary>A short name of the format, e.g. <c>safetensors</c>.</summary>
    string Format { get; }

    /// <summary>Encodes <paramref name="parameters"/>; equal sets give equal bytes (blobs are content-addressed).</summary>
    byte[] Encode(ParameterSet parameters);

    /// <summary>Decodes bytes made by <see cref="Encode"/>.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a valid encoding.</exception>
    ParameterSet Decode(ReadOnlyMemory<byte> bytes);
}
