using FedUnlearn.Server.Storage.Internal;

namespace FedUnlearn.Server.Storage;

/// <summary>The codecs the store knows.</summary>
public static class ParameterSetCodecs
{
    /// <summary>The codec new stores use unless <see cref="StoreOptions.Codec"/> says otherwise: safetensors.</summary>
    public static IParameterSetCodec Default { get; } = new SafeTensorsParameterSetCodec();
}
