namespace FedUnlearn.Rpc.Server;

/// <summary>Handles a server-streaming call: one request in, responses written to <paramref name="responses"/>.</summary>
public delegate Task ServerStreamingServerMethod<in TRequest, out TResponse>(TRequest request, IServerStreamWriter<TResponse> responses, ServerCallContext context);
