using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace FedUnlearn.IntegrationTests.Forgetting.Support;

/// <summary>Server and client logs (Information and up) into the test's output, shown when a test fails.</summary>
internal sealed class TestOutputLogs(ITestOutputHelper output) : ILoggerFactory
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException("Test logs go to the test output only.");

    public void Dispose()
    {
    }

    private void Write(string category, LogLevel level, string message, Exception? exception)
    {
        try
        {
            output.WriteLine($"{_clock.Elapsed.TotalSeconds,7:F3} {level,-11} {category}: {message}{(exception is null ? "" : $" | {exception.GetType().Name}: {exception.Message}")}");
        }
        catch (InvalidOperationException)
        {
            // A background task logged after the test ended.
        }
    }

    private sealed class Logger(TestOutputLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) owner.Write(category, logLevel, formatter(state, exception), exception);
        }
    }
}
