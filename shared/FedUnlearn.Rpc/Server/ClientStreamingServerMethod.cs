namespace FedUnlearn.Rpc.Server;

/// <summary>Handles a client-streaming call: reads the request stream, returns one response.</summary>
public delegate Task<TResponse> ClientStreamingServerMethod<TRequest, TResponse>(IAsyncEnumerable<TRequest> requests, ServerCallContext context);
