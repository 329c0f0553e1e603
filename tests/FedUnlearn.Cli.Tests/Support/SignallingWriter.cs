using System.Text;

namespace FedUnlearn.Cli.Tests.Support;

/// <summary>A text writer that completes <see cref="Seen"/> once the text written contains a marker.</summary>
internal sealed class SignallingWriter(string marker) : StringWriter
{
    private readonly object _gate = new();

    public TaskCompletionSource Seen { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override void Write(char value)
    {
        lock (_gate) base.Write(value);
        Check();
    }

    public override void Write(string? value)
    {
        lock (_gate) base.Write(value);
        Check();
    }

    public override void WriteLine(string? value)
    {
        lock (_gate) base.WriteLine(value);
        Check();
    }

    public override string ToString()
    {
        lock (_gate) return base.ToString();
    }

    public override Encoding Encoding => Encoding.UTF8;

    private void Check()
    {
        if (ToString().Contains(marker, StringComparison.Ordinal)) Seen.TrySetResult();
    }
}
