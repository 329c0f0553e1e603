using FedUnlearn.Contracts.V1;
using FedUnlearn.Server.Rounds;
using FedUnlearn.Server.Rounds.Internal;
using FedUnlearn.Server.Storage;
using Google.Protobuf.WellKnownTypes;
using StoredRoundState = FedUnlearn.Server.Storage.RoundState;
using WireClientInfo = FedUnlearn.Contracts.V1.ClientInfo;
using WireRoundState = FedUnlearn.Contracts.V1.RoundState;

namespace FedUnlearn.Server.Endpoints.Internal;

/// <summary>Domain records to Admin wire messages; proto types go no further than the edge.</summary>
internal static class AdminMapping
{
    public static WireClientInfo Client(ClientRecord record, ClientSession? session)
    {
        var info = new WireClientInfo
        {
            ClientId = record.Name,
            DisplayName = session?.DisplayName ?? record.Name,
            State = session switch
            {
                _ when record.RemovedAt is not null => ClientState.Removed,
                { IsOnline: true } => ClientState.Online,
                { Joined: true } => ClientState.Offline,
                _ when record.LastSeenAt is not null => ClientState.Offline,
                _ => ClientState.Admitted,
            },
            AdmittedAt = Timestamp.FromDateTimeOffset(record.CreatedAt),
            RoundsContributed = (ulong)(session?.RoundsContributed ?? 0),
        };
        if (session?.Capabilities is { } capabilities) info.Capabilities = capabilities;
        if ((session?.LastSeen ?? record.LastSeenAt) is { } seen) info.LastSeen = Timestamp.FromDateTimeOffset(seen);
        return info;
    }

    public static RoundInfo Round(RoundRecord round, IReadOnlyList<TaskRecord> tasks, RoundSummary? summary)
    {
        var info = new RoundInfo
        {
            Round = (ulong)round.Number,
            Kind = round.Kind switch
            {
                TaskKind.Unlearn => RoundKind.Unlearn,
                TaskKind.Evaluate => RoundKind.Evaluate,
                _ => RoundKind.Train,
            },
            TicketId = round.TicketId ?? "",
            State = round.State switch
            {
                StoredRoundState.Running => WireRoundState.Running,
                StoredRoundState.Committed => WireRoundState.Committed,
                _ => WireRoundState.Failed,
            },
            BaseVersion = (ulong)round.GlobalVersionIn,
            CommittedVersion = (ulong)(round.GlobalVersionOut ?? 0),
            ClientsSelected = (uint)tasks.Count,
            UpdatesAccepted = (uint)tasks.Count(t => t.State == TaskState.Submitted),
            UpdatesRejected = (uint)tasks.Count(t => t.State == TaskState.Rejected),
            StartedAt = Timestamp.FromDateTimeOffset(round.StartedAt),
        };
        if (round.ClosedAt is { } closed) info.FinishedAt = Timestamp.FromDateTimeOffset(closed);
        if (summary is not null) foreach ((string name, double value) in summary.Metrics) info.Metrics[name] = value;
        return info;
    }

    public static Contracts.V1.AuditRecord Audit(Audit.AuditRecord record) => new()
    {
        Sequence = (ulong)record.Sequence,
        RecordedAt = Timestamp.FromDateTimeOffset(record.RecordedAt),
        Kind = record.Kind,
        TicketId = record.TicketId ?? "",
        Body = record.ToCanonicalJson(),
        PreviousHash = record.PreviousHash,
        Hash = record.Hash,
        KeyId = record.KeyId,
        Signature = record.Signature,
    };
}
