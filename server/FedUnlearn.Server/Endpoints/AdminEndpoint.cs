using System.Reflection;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using FedUnlearn.Contracts.V1;
using FedUnlearn.Rpc;
using FedUnlearn.Rpc.Server;
using FedUnlearn.Rpc.Services;
using FedUnlearn.Server.Admission.Internal;
using FedUnlearn.Server.Audit;
using FedUnlearn.Server.Endpoints.Internal;
using FedUnlearn.Server.Forget;
using FedUnlearn.Server.Hosting;
using FedUnlearn.Server.Rounds.Internal;
using FedUnlearn.Server.Storage;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Logging;

namespace FedUnlearn.Server.Endpoints;

/// <summary>The <c>fedunlearn.v1.Admin</c> service operators call; admission checked the admin token.</summary>
internal sealed partial class AdminEndpoint(
    IFederationStore store,
    IAuditLog audit,
    RoundRunner runner,
    ClientSessions sessions,
    IForgetRequestService forget,
    FederationServerOptions options,
    DateTimeOffset startedAt,
    ILogger logger)
{
    private static readonly string ServerVersion =
        typeof(AdminEndpoint).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    public ServiceDefinition Definition => ServiceDefinition.CreateBuilder(AdminMethods.ServiceName)
        .AddUnary(AdminMethods.GetFederationStatus, GetStatusAsync)
        .AddUnary(AdminMethods.ListClients, ListClientsAsync)
        .AddUnary(AdminMethods.ListRounds, ListRoundsAsync)
        .AddUnary(AdminMethods.ListForgetRequests, ListForgetRequestsAsync)
        .AddServerStreaming(AdminMethods.GetAuditLog, GetAuditLogAsync)
        .AddUnary(AdminMethods.RequestForget, (request, context) => forget.RequestAsync(null, request, context.CancellationToken))
        .AddUnary(AdminMethods.AddClient, AddClientAsync)
        .Build();

    private async Task<FederationStatus> GetStatusAsync(GetFederationStatusRequest request, ServerCallContext context)
    {
        IReadOnlyList<ClientRecord> clients = await store.ListClientsAsync(context.CancellationToken).ConfigureAwait(false);
        GlobalVersionRecord? version = runner.GlobalVersion ?? await store.LatestGlobalVersionAsync(context.CancellationToken).ConfigureAwait(false);
        return new FederationStatus
        {
            FederationName = options.FederationName,
            Model = options.Model,
            Round = (ulong)runner.RoundNumber,
            AdapterVersion = (ulong)(version?.Version ?? 0),
            AdapterHash = version?.ContentHash ?? "",
            ClientsAdmitted = (uint)clients.Count,
            ClientsOnline = (uint)sessions.Online.Count,
            ForgetRequestsOpen = (uint)forget.OpenCount,
            StartedAt = Timestamp.FromDateTimeOffset(startedAt),
            ServerVersion = ServerVersion,
        };
    }

    private async Task<ListClientsResponse> ListClientsAsync(ListClientsRequest request, ServerCallContext context)
    {
        IReadOnlyList<ClientRecord> clients = await store.ListClientsAsync(context.CancellationToken).ConfigureAwait(false);
        (int start, int size) = Paging.Window(request.PageToken, request.PageSize, clients.Count);
        var response = new ListClientsResponse { NextPageToken = Paging.Next(start, size, clients.Count) };
        response.Clients.AddRange(clients.Skip(start).Take(size).Select(c => AdminMapping.Client(c, sessions.Find(c.Name))));
        return response;
    }

    private async Task<ListForgetRequestsResponse> ListForgetRequestsAsync(ListForgetRequestsRequest request, ServerCallContext context)
    {
        IReadOnlyList<ForgetStatus> all = await forget.ListAsync(request.State, context.CancellationToken).ConfigureAwait(false);
        (int start, int size) = Paging.Window(request.PageToken, request.PageSize, all.Count);
        var response = new ListForgetRequestsResponse { NextPageToken = Paging.Next(start, size, all.Count) };
        response.Requests.AddRange(all.Skip(start).Take(size));
        return response;
    }

    private async Task GetAuditLogAsync(GetAuditLogRequest request, IServerStreamWriter<Contracts.V1.AuditRecord> responses, ServerCallContext context)
    {
        long next = Math.Max(1, (long)Math.Min(request.FromSequence, long.MaxValue));
        long remaining = request.Limit == 0 ? long.MaxValue : request.Limit;
        while (remaining > 0)
        {
            int page = (int)Math.Min(remaining, AuditLog.MaxPageSize);
            IReadOnlyList<Audit.AuditRecord> records = await audit.ReadPageAsync(next, page, context.CancellationToken).ConfigureAwait(false);
            foreach (Audit.AuditRecord record in records)
                await responses.WriteAsync(AdminMapping.Audit(record), context.CancellationToken).ConfigureAwait(false);
            if (records.Count < page) return;
            next += records.Count;
            remaining -= records.Count;
        }
    }

    private async Task<AddClientResponse> AddClientAsync(AddClientRequest request, ServerCallContext context)
    {
        string clientId = request.ClientId.Length > 0 ? request.ClientId : "client-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        if (!ClientIdPattern().IsMatch(clientId))
            throw new RpcException(StatusCode.InvalidArgument,
                $"Client id '{clientId}' is not valid: use 1-128 letters, digits, '.', '_' or '-', starting with a letter or digit.");
        ClientRegistration registration;
        try
        {
            registration = await store.RegisterClientAsync(clientId, context.CancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            throw new RpcException(StatusCode.AlreadyExists, $"A client '{clientId}' is already admitted.");
        }

        sessions.GetOrAdd(registration.Client).DisplayName = request.DisplayName.Length > 0 ? request.DisplayName : null;
        await audit.AppendAsync(AuditKinds.ClientAdded, null, new AuditBody
        {
            Fields = new Dictionary<string, string> { ["client_id"] = clientId, ["display_name"] = request.DisplayName },
        }, CancellationToken.None).ConfigureAwait(false);
        AdmissionLog.Admitted(logger, clientId);
        return new AddClientResponse { ClientId = clientId, Token = ClientToken.Format(registration.Client.Id, registration.Token) };
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")]
    private static partial Regex ClientIdPattern();
}
