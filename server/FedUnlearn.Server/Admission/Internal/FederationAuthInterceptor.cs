using FedUnlearn.Rpc;
using FedUnlearn.Rpc.Server;
using FedUnlearn.Rpc.Services;
using FedUnlearn.Server.Storage;
using Microsoft.Extensions.Logging;

namespace FedUnlearn.Server.Admission.Internal;

/// <summary>
/// Admission at the RPC edge, before a request is read: Health is anonymous, Admin needs the admin
/// token, Federation needs a client token (the client is put in <see cref="ServerCallContext.Items"/>).
/// Anything else ends with UNAUTHENTICATED.
/// </summary>
internal sealed class FederationAuthInterceptor(TokenAuthenticator authenticator, ILogger logger) : IServerInterceptor
{
    private const string Scheme = "Bearer ";
    private static readonly string HealthPrefix = "/" + HealthMethods.ServiceName + "/";
    private static readonly string AdminPrefix = "/" + AdminMethods.ServiceName + "/";

    public async Task InterceptAsync(ServerCallContext context, ServerCallHandler next)
    {
        if (!context.Method.StartsWith(HealthPrefix, StringComparison.Ordinal))
        {
            string? header = context.RequestHeaders.GetValue("authorization");
            string token = header is not null && header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase)
                ? header[Scheme.Length..].Trim()
                : "";
            if (token.Length == 0)
                Refuse(context, "missing bearer token (send 'authorization: Bearer <token>')");
            if (context.Method.StartsWith(AdminPrefix, StringComparison.Ordinal))
            {
                if (!authenticator.IsAdmin(token))
                    Refuse(context, "the Admin service needs the admin token");
                context.Identity = CallerIdentity.Admin;
            }
            else
            {
                ClientRecord client = await authenticator.AuthenticateClientAsync(token, context.CancellationToken).ConfigureAwait(false)
                    ?? Refuse<ClientRecord>(context, "unknown or revoked client token");
                context.Identity = client.Name;
                context.Items[typeof(ClientRecord)] = client;
            }
        }

        await next(context).ConfigureAwait(false);
    }

    private void Refuse(ServerCallContext context, string detail) => Refuse<object>(context, detail);

    private T Refuse<T>(ServerCallContext context, string detail)
    {
        AdmissionLog.Refused(logger, context.Method, context.Peer, detail);
        throw new RpcException(StatusCode.Unauthenticated, $"Unauthenticated: {detail}.");
    }
}
