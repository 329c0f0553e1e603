using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FedUnlearn.Rpc.Server.Interceptors;

/// <summary>
/// Authenticates calls by their <c>authorization: Bearer &lt;token&gt;</c> header. The resolver maps
/// a token to an identity (null: unknown token); unknown or missing tokens end the call with
/// UNAUTHENTICATED before its request is read. Methods listed as anonymous skip the check.
/// </summary>
public sealed class BearerTokenInterceptor : IServerInterceptor
{
    private const string Scheme = "Bearer ";
    private readonly Func<string, CancellationToken, ValueTask<string?>> _resolveIdentity;
    private readonly HashSet<string> _anonymousMethods;
    private readonly ILogger _logger;

    /// <summary>Creates the interceptor.</summary>
    /// <param name="resolveIdentity">Maps a token to the caller's identity, or null when the token is not valid.</param>
    /// <param name="anonymousMethods">Method paths (<c>/package.Service/Method</c>) callable without a token, e.g. health checks.</param>
    /// <param name="logger">Where refusals are logged.</param>
    public BearerTokenInterceptor(
        Func<string, CancellationToken, ValueTask<string?>> resolveIdentity,
        IEnumerable<string>? anonymousMethods = null,
        ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(resolveIdentity);
        _resolveIdentity = resolveIdentity;
        _anonymousMethods = new HashSet<string>(anonymousMethods ?? [], StringComparer.Ordinal);
        _logger = logger ?? NullLogger.Instance;
    }

    /// <inheritdoc />
    public async Task InterceptAsync(ServerCallContext context, ServerCallHandler next)
    {
        if (!_anonymousMethods.Contains(context.Method))
        {
            string? header = context.RequestHeaders.GetValue("authorization");
            if (header is null || !header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) || header.Length == Scheme.Length)
            {
                Refuse(context, "missing bearer token");
            }

            string? identity = await _resolveIdentity(header![Scheme.Length..].Trim(), context.CancellationToken).ConfigureAwait(false);
            if (identity is null)
            {
                Refuse(context, "invalid bearer token");
            }

            context.Identity = identity;
        }

        await next(context).ConfigureAwait(false);
    }

    private void Refuse(ServerCallContext context, string detail)
    {
        RpcLog.Unauthenticated(_logger, context.Method, context.Peer, detail);
        throw new RpcException(StatusCode.Unauthenticated, $"Unauthenticated: {detail}.");
    }
}
