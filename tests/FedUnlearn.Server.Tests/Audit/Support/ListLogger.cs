using Microsoft.Extensions.Logging;

namespace FedUnlearn.Server.Tests.Audit.Support;

/// <summary>Keeps what was logged so tests can assert on warnings.</summary>
internal sealed class ListLogger : ILogger
{
    public List<(LogLevel Level, int EventId, string Message)> Entries { get; } = [];

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (Entries) Entries.Add((logLevel, eventId.Id, formatter(state, exception)));
    }
}
