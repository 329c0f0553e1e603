using Spectre.Console;

namespace FedUnlearn.Cli.Common;

/// <summary>Where commands write: Spectre for tables and markup on the output, plain lines for errors.</summary>
internal sealed class CliConsole
{
    public CliConsole(TextWriter output, TextWriter error)
    {
        Out = output;
        Err = error;
        var interactive = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
        Ansi = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Detect : InteractionSupport.No,
        });
    }

    public TextWriter Out { get; }

    public TextWriter Err { get; }

    /// <summary>Spectre console over <see cref="Out"/> (no colours or live widgets when redirected).</summary>
    public IAnsiConsole Ansi { get; }

    public void Error(string message) => Err.WriteLine($"error: {message}");
}
