using FedUnlearn.Server.Forget.Internal;

namespace FedUnlearn.Server.Forget;

/// <summary>Built-in <see cref="IForgetRequestService"/> implementations.</summary>
public static class ForgetRequests
{
    /// <summary>Answers UNIMPLEMENTED to requests and status queries, lists nothing: this build runs no campaigns yet.</summary>
    public static IForgetRequestService NotAvailable { get; } = new UnavailableForgetRequestService();
}
