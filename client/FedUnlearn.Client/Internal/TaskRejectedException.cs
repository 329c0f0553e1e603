namespace FedUnlearn.Client.Internal;

/// <summary>The node cannot do a task as given; reported to the server as an error, not thrown out of the client.</summary>
internal sealed class TaskRejectedException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
