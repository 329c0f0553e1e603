using FedUnlearn.Contracts.Adapters;
using FedUnlearn.Contracts.Parameters;

namespace FedUnlearn.Server.Storage.Internal;

/// <summary>
/// Blobs are safetensors, the same canonical bytes that travel on the wire, so a stored adapter can
/// be opened by any safetensors reader and its blob hash equals the hash of what a client uploaded.
/// </summary>
internal sealed class SafeTensorsParameterSetCodec : IParameterSetCodec
{
    public string Format => "safetensors";

    public byte[] Encode(ParameterSet parameters) => AdapterPayload.Encode(parameters);

    public ParameterSet Decode(ReadOnlyMemory<byte> bytes) => AdapterPayload.Decode(bytes);
}
