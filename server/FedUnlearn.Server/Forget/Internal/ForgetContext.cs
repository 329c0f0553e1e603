using FedUnlearn.Server.Audit;
using FedUnlearn.Server.Hosting;
using FedUnlearn.Server.Rounds.Internal;
using FedUnlearn.Server.Storage;
using Microsoft.Extensions.Logging;

namespace FedUnlearn.Server.Forget.Internal;

/// <summary>What forget requests and their campaigns work with.</summary>
internal sealed class ForgetContext(
    IFederationStore store,
    IAuditLog audit,
    RoundRunner runner,
    FederationServerOptions server,
    Action<string> revokeToken,
    ILogger logger)
{
    public IFederationStore Store { get; } = store;

    public IAuditLog Audit { get; } = audit;

    public RoundRunner Runner { get; } = runner;

    public FederationServerOptions Server { get; } = server;

    public ForgetOptions Options => Server.Forget;

    public TimeProvider Time => Server.TimeProvider;

    /// <summary>Forgets every cached authentication of a client (by store id): its next call is UNAUTHENTICATED.</summary>
    public Action<string> RevokeToken { get; } = revokeToken;

    public ILogger Logger { get; } = logger;
}
