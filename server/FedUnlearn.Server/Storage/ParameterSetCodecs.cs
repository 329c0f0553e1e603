using FedUnlearn.Server.Storage.Internal;

namespace FedUnlearn.Server.Storage;

/// <summary>The codecs the store knows.</summary>
public static class ParameterSetCodecs
{
    /// <summary>
    /// The codec new stores use unless <see cref="StoreOptions.Codec"/> says otherwise. Swap this one
    /// line for the safetensors codec once it lands in Contracts.
    /// </summary>
    public static IParameterSetCodec Default { get; } = new BinaryParameterSetCodec();
}
