namespace FedUnlearn.Learning.Federated;

/// <summary>One unlearning task of a campaign, as the server sends it.</summary>
public sealed record LocalUnlearnSettings
{
    /// <summary>The method's registry name, e.g. <c>rfa</c>, <c>nabla-tau</c>, <c>retrain</c>.</summary>
    public required string Method { get; init; }

    /// <summary>Whether this node holds data to forget, or only data to retain.</summary>
    public required UnlearnRole Role { get; init; }

    /// <summary>Method options by name (e.g. <c>lambda</c>, <c>epochs</c>); unknown names are an error.</summary>
    public IReadOnlyDictionary<string, string> Options { get; init; } = new Dictionary<string, string>();

    /// <summary>For class scope: the label to forget across the federation.</summary>
    public int? ForgetClass { get; init; }

    /// <summary>For sample scope: the forget request ids whose tombstoned samples form the forget set.</summary>
    public IReadOnlyList<string> ForgetRequestIds { get; init; } = [];

    /// <summary>Training hyper-parameters for the optimisation-based methods.</summary>
    public LocalTrainSettings Training { get; init; } = new();
}
