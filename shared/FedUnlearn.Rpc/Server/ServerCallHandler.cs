namespace FedUnlearn.Rpc.Server;

/// <summary>The rest of a call's pipeline, as seen by an interceptor.</summary>
public delegate Task ServerCallHandler(ServerCallContext context);
