namespace FedUnlearn.Client.Storage;

/// <summary>The scope of a locally issued forget request. Build it with the static factories.</summary>
public sealed record LocalForgetScope
{
    private LocalForgetScope(ForgetScopeKind kind, int? classLabel, string? clientId)
    {
        Kind = kind;
        ClassLabel = classLabel;
        ClientId = clientId;
    }

    /// <summary>The scope's kind.</summary>
    public ForgetScopeKind Kind { get; }

    /// <summary>The label, for <see cref="ForgetScopeKind.Class"/>; otherwise null.</summary>
    public int? ClassLabel { get; }

    /// <summary>The leaving client, for <see cref="ForgetScopeKind.Client"/>; null means the caller itself.</summary>
    public string? ClientId { get; }

    /// <summary>This client's own samples (the ids are given with the request and never leave the client).</summary>
    public static LocalForgetScope Samples { get; } = new(ForgetScopeKind.Samples, null, null);

    /// <summary>Every sample labelled <paramref name="label"/>, across the federation.</summary>
    public static LocalForgetScope ForClass(int label)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(label);
        return new(ForgetScopeKind.Class, label, null);
    }

    /// <summary>The whole participant <paramref name="clientId"/> (null: this client) leaves.</summary>
    public static LocalForgetScope ForClient(string? clientId = null)
    {
        if (clientId is not null) ArgumentException.ThrowIfNullOrWhiteSpace(clientId);
        return new(ForgetScopeKind.Client, null, clientId);
    }

    internal static LocalForgetScope FromStored(ForgetScopeKind kind, int? classLabel, string? clientId) =>
        new(kind, classLabel, clientId);
}
