namespace FedUnlearn.Client.Internal;

/// <summary>
/// Reports on the learner's thread. <see cref="Progress{T}"/> would post to a synchronization
/// context and could report after the task already finished.
/// </summary>
internal sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
