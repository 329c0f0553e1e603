namespace FedUnlearn.Learning.Tests.Support;

/// <summary>An <see cref="IProgress{T}"/> that reports synchronously on the calling thread (Progress&lt;T&gt; posts).</summary>
internal sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
