namespace FedUnlearn.Rpc;

/// <summary>The outcome of a call: a code and a human-readable detail.</summary>
/// <param name="Code">The gRPC status code.</param>
/// <param name="Detail">A description for people; empty when there is nothing to say.</param>
public readonly record struct Status(StatusCode Code, string Detail)
{
    /// <summary>The successful status.</summary>
    public static Status Ok { get; } = new(StatusCode.OK, string.Empty);

    /// <inheritdoc />
    public override string ToString() =>
        Detail.Length == 0 ? $"Status(StatusCode=\"{Code}\")" : $"Status(StatusCode=\"{Code}\", Detail=\"{Detail}\")";
}
