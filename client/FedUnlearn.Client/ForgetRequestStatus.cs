using FedUnlearn.Client.Storage;

namespace FedUnlearn.Client;

/// <summary>Where a forget request stands on the server, as <see cref="FederationClient.GetForgetStatusAsync"/> reports it.</summary>
/// <param name="TicketId">The server's ticket.</param>
/// <param name="State">Lifecycle state.</param>
/// <param name="Method">Unlearning method of the campaign (empty before it starts).</param>
/// <param name="Progress">Fraction of the campaign done, in [0, 1].</param>
/// <param name="RoundsCompleted">Campaign rounds done.</param>
/// <param name="RoundsPlanned">Campaign rounds planned.</param>
/// <param name="FailureReason">Why it failed; null unless <see cref="LocalForgetState.Failed"/>.</param>
/// <param name="Verification">Aggregated verification figures by name (forget_accuracy, test_accuracy, mia_loss_accuracy...), from Verifying on.</param>
/// <param name="UpdatedAt">When the server last changed it.</param>
public sealed record ForgetRequestStatus(
    string TicketId,
    LocalForgetState State,
    string Method,
    double Progress,
    int RoundsCompleted,
    int RoundsPlanned,
    string? FailureReason,
    IReadOnlyDictionary<string, double> Verification,
    DateTimeOffset? UpdatedAt);
