namespace FedUnlearn.Rpc.Server;

/// <summary>Handles a bidirectional call: reads requests and writes responses independently.</summary>
public delegate Task DuplexStreamingServerMethod<TRequest, out TResponse>(IAsyncEnumerable<TRequest> requests, IServerStreamWriter<TResponse> responses, ServerCallContext context);
