using FedUnlearn.Contracts.Adapters;
using FedUnlearn.Contracts.Parameters;
using FedUnlearn.Rpc.Server;
using FedUnlearn.Rpc.Services;
using FedUnlearn.Server.Admission.Internal;
using FedUnlearn.Server.Audit;
using FedUnlearn.Server.Endpoints;
using FedUnlearn.Server.Forget.Internal;
using FedUnlearn.Server.Hosting.Internal;
using FedUnlearn.Server.Rounds.Internal;
using FedUnlearn.Server.Storage;
using Microsoft.Extensions.Logging;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace FedUnlearn.Server.Hosting;

public sealed partial class FederationServer
{
    /// <summary>Everything a started server owns, composed in dependency order and disposed in reverse.</summary>
    private sealed class Components : IAsyncDisposable
    {
        private Components(FederationStore store, AuditSigningKey key, AuditLog audit)
        {
            Store = store;
            Key = key;
            Audit = audit;
        }

        public FederationStore Store { get; }

        public AuditSigningKey Key { get; }

        public AuditLog Audit { get; }

        public ClientSessions Sessions { get; } = new();

        public HealthService Health { get; } = new();

        public RoundRunner Runner { get; private set; } = null!;

        public ForgetRequestService Forget { get; private set; } = null!;

        public GrpcServer Grpc { get; private set; } = null!;

        public static async Task<Components> OpenAsync(FederationServerOptions options, ILogger logger, CancellationToken cancellationToken)
        {
            TimeProvider time = options.TimeProvider;
            FederationStore store = await FederationStore.OpenAsync(new StoreOptions { DataDirectory = options.DataDirectory }, time, cancellationToken).ConfigureAwait(false);
            AuditSigningKey? key = null;
            try
            {
                int recovered = await store.RecoverInterruptedRoundsAsync(cancellationToken).ConfigureAwait(false);
                GlobalVersionRecord version = await store.LatestGlobalVersionAsync(cancellationToken).ConfigureAwait(false)
                    ?? await store.InitializeGlobalAsync(await InitialAdapterAsync(options, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
                RoundLog.Recovered(logger, recovered, version.Version);
                key = await AuditSigningKey.LoadOrCreateAsync(options.DataDirectory, logger, cancellationToken).ConfigureAwait(false);
                AuditLog audit = await AuditLog.OpenAsync(options.DataDirectory, key, time, logger, cancellationToken).ConfigureAwait(false);
                var components = new Components(store, key, audit);
                foreach (ClientRecord client in await store.ListClientsAsync(cancellationToken).ConfigureAwait(false))
                    components.Sessions.GetOrAdd(client);
                await components.ComposeAsync(options, logger, cancellationToken).ConfigureAwait(false);
                return components;
            }
            catch
            {
                key?.Dispose();
                await store.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }

        private async Task ComposeAsync(FederationServerOptions options, ILogger logger, CancellationToken cancellationToken)
        {
            ShardedRounds? sharding = await ShardedRounds.OpenAsync(Store, options.Shards, options.Seed, cancellationToken).ConfigureAwait(false);
            // A sharded round's clients fetch K shard versions besides the served global.
            var adapters = new AdapterCache(Store, options.ChunkSize, kept: 3 + (sharding?.Count ?? 0));
            var authenticator = new TokenAuthenticator(Store, options.AdminToken);
            Runner = new RoundRunner(Store, StrategyFactory.Create(options), Sessions, adapters, options, logger) { Sharding = sharding };
            ForgetRequestService forget = await ForgetRequestService.OpenAsync(
                new ForgetContext(Store, Audit, Runner, options, authenticator.Revoke, logger), cancellationToken).ConfigureAwait(false);
            Runner.SafePoint = forget;
            Forget = forget;
            var federation = new FederationEndpoint(Runner, Sessions, adapters, Store, forget, options, logger);
            var admin = new AdminEndpoint(Store, Audit, Runner, Sessions, forget, options, options.TimeProvider.GetUtcNow(), logger);
            var grpcOptions = new GrpcServerOptions
            {
                Address = options.Address,
                Port = options.Port,
                Certificate = options.CertificatePath is { } path ? CertificateLoader.Load(path, options.CertificatePassword) : null,
                MaxReceiveMessageSize = options.MaxMessageSize,
                ShutdownTimeout = options.ShutdownTimeout,
                LoggerFactory = options.LoggerFactory,
            };
            grpcOptions.Interceptors.Add(new FederationAuthInterceptor(authenticator, logger));
            Grpc = new GrpcServer(grpcOptions).AddService(federation.Definition).AddService(admin.Definition).AddService(Health.Definition);
            Health.SetStatus(Rpc.Services.FederationMethods.ServiceName, ServingStatus.Serving);
            Health.SetStatus(AdminMethods.ServiceName, ServingStatus.Serving);
        }

        private static async Task<ParameterSet> InitialAdapterAsync(FederationServerOptions options, CancellationToken cancellationToken)
        {
            if (options.InitialAdapter is { } adapter) return adapter;
            if (options.InitialAdapterPath is { } path)
                return AdapterPayload.Decode(await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false));
            throw new InvalidOperationException(
                $"The data directory '{options.DataDirectory}' holds no global adapter yet: set {nameof(FederationServerOptions.InitialAdapter)} " +
                $"or {nameof(FederationServerOptions.InitialAdapterPath)} (a safetensors file, e.g. from 'fedunlearn pretrain').");
        }

        public async ValueTask DisposeAsync()
        {
            await Audit.DisposeAsync().ConfigureAwait(false);
            Key.Dispose();
            await Grpc.DisposeAsync().ConfigureAwait(false);
            await Store.DisposeAsync().ConfigureAwait(false);
        }
    }
}
