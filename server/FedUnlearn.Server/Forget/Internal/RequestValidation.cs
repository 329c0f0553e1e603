using System.Security.Cryptography;
using System.Text;
using FedUnlearn.Contracts.V1;
using FedUnlearn.Rpc;
using FedUnlearn.Server.Storage;

namespace FedUnlearn.Server.Forget.Internal;

/// <summary>Who may ask what: a client forgets its own samples or itself; an operator a class or a client.</summary>
internal static class RequestValidation
{
    private const int MaxRequestIdLength = 200;
    private const int MaxReasonLength = 2000;

    /// <summary>What a client-scope request runs unless it names retrain: removal from the stored history, then repair rounds.</summary>
    public const string ClientRemoval = "client-removal";

    /// <summary>The request as a record to store (scope, method, key hash), or an RpcException saying what is wrong.</summary>
    public static ForgetRequestRecord ToRecord(string? clientId, RequestForgetRequest request, ForgetOptions options, int numClasses)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.RequestId.Length > MaxRequestIdLength) throw Invalid($"request_id has more than {MaxRequestIdLength} characters");
        if (request.Reason.Length > MaxReasonLength) throw Invalid($"reason has more than {MaxReasonLength} characters");
        string method = request.Method.Length == 0 ? options.DefaultMethod : request.Method;
        if (!options.Methods.TryGetValue(method, out ForgetMethodSettings? settings))
            throw Invalid($"unknown unlearning method '{method}'; this server runs {string.Join(", ", options.Methods.Keys.Order(StringComparer.Ordinal))}");
        ForgetScope scope = request.Scope ?? throw Invalid("the request has no scope (samples, class_label or client)");
        // An empty request id means no idempotency: the caller gets a new ticket each time.
        string key = request.RequestId.Length > 0 ? request.RequestId : Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var record = new ForgetRequestRecord
        {
            TicketId = "",
            KeyHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes((clientId is null ? "admin" : "client:" + clientId) + "\n" + key))),
            RequestedBy = clientId,
            Scope = ForgetScopeKind.Samples,
            Method = method,
            Reason = request.Reason,
            // Repair rounds are ordinary training, which cannot leave a forgotten class out: sample scope only.
            RoundsPlanned = settings.Rounds + (scope.ScopeCase == ForgetScope.ScopeOneofCase.Samples ? settings.RepairRounds : 0),
        };
        return scope.ScopeCase switch
        {
            ForgetScope.ScopeOneofCase.Samples => Samples(clientId, scope.Samples, record),
            ForgetScope.ScopeOneofCase.ClassLabel => Class(clientId, scope.ClassLabel, record, numClasses),
            ForgetScope.ScopeOneofCase.Client => Client(clientId, scope.Client, record, options, request.Method == ForgetMethods.Retrain),
            _ => throw Invalid("the request has no scope (samples, class_label or client)"),
        };
    }

    private static ForgetRequestRecord Samples(string? clientId, SampleScope scope, ForgetRequestRecord record)
    {
        if (clientId is null)
            throw Invalid("sample scope belongs to the client holding the samples (only it knows their ids); an operator asks for a class or a client");
        if (scope.SampleCount == 0) throw Invalid("sample_count is 0: there is nothing to forget");
        if (scope.SampleCount > long.MaxValue) throw Invalid("sample_count is out of range");
        return record with { Scope = ForgetScopeKind.Samples, SampleCount = (long)scope.SampleCount };
    }

    private static ForgetRequestRecord Class(string? clientId, ClassScope scope, ForgetRequestRecord record, int numClasses)
    {
        if (clientId is not null)
            throw new RpcException(StatusCode.PermissionDenied, "Forgetting a class across the federation is an operator's decision (Admin.RequestForget).");
        if (scope.Label < 0 || (numClasses > 0 && scope.Label >= numClasses))
            throw Invalid(numClasses > 0
                ? $"class label {scope.Label} is outside the model's classes 0..{numClasses - 1}"
                : $"class label {scope.Label} is negative");
        // Each holder's correction would be averaged with the others' by the aggregation, not summed: undoing too little.
        if (record.Method == ForgetMethods.Amnesiac)
            throw Invalid("amnesiac undoes one client's own recorded batches and runs for sample-scope requests only; forget a class with another method (e.g. rfa or retrain)");
        return record with { Scope = ForgetScopeKind.Class, ClassLabel = scope.Label };
    }

    private static ForgetRequestRecord Client(string? clientId, ClientScope scope, ForgetRequestRecord record, ForgetOptions options, bool retrain)
    {
        string target = scope.ClientId.Length == 0 ? clientId ?? throw Invalid("client scope needs a client_id") : scope.ClientId;
        if (clientId is not null && target != clientId)
            throw new RpcException(StatusCode.PermissionDenied, $"A client may only ask to remove itself, not '{target}'.");
        // A leaving client is removed from the stored history and the others repair: the unlearning methods do not
        // apply. Naming retrain asks for retraining without it instead (exact, as costly as the training so far).
        return retrain
            ? record with { Scope = ForgetScopeKind.Client, TargetClient = target }
            : record with { Scope = ForgetScopeKind.Client, TargetClient = target, Method = ClientRemoval, RoundsPlanned = options.RepairRounds };
    }

    private static RpcException Invalid(string detail) => new(StatusCode.InvalidArgument, $"Invalid forget request: {detail}.");
}
