using FedUnlearn.Contracts.Adapters;
using FedUnlearn.Contracts.Parameters;
using FedUnlearn.Contracts.V1;
using FedUnlearn.Rpc.Client;
using FedUnlearn.Rpc.Services;

namespace FedUnlearn.IntegrationTests.Federation.Support;

/// <summary>
/// Uploads made with a real node's token but without its SDK: what a buggy or hostile program holding
/// that token, or the node's own process killed halfway through an upload, puts on the wire.
/// </summary>
internal static class RawUploads
{
    /// <summary>Submits <paramref name="delta"/> as the result of <paramref name="taskId"/>, in small chunks; the server's answer or its RpcException.</summary>
    public static async Task<SubmitUpdateResponse> SubmitAsync(Uri server, string token, string taskId, ParameterSet delta)
    {
        using var channel = GrpcChannel.ForAddress(server);
        var header = new SubmitUpdateHeader { TaskId = taskId, BaseVersion = 0, SampleCount = 100 };
        return await new FederationRpcClient(channel, token).SubmitUpdateAsync(header, delta, chunkSize: 256);
    }

    /// <summary>Sends the header and the first of several chunks of <paramref name="delta"/>, then drops the connection.</summary>
    public static async Task UploadHalfAndDieAsync(Uri server, string token, string taskId, ParameterSet delta)
    {
        var payload = AdapterChunker.Split(delta, 256);
        Assert.True(payload.Chunks.Count > 2, $"The adapter fits in {payload.Chunks.Count} chunks; the upload would not be cut halfway.");
        using var channel = GrpcChannel.ForAddress(server);
        using var call = new FederationRpcClient(channel, token).SubmitUpdate();
        var header = new SubmitUpdateHeader { TaskId = taskId, BaseVersion = 0, SampleCount = 100, Payload = payload.Header };
        await call.RequestStream.WriteAsync(new SubmitUpdateRequest { Header = header });
        await call.RequestStream.WriteAsync(new SubmitUpdateRequest { Chunk = payload.Chunks[0] });
    }
}
