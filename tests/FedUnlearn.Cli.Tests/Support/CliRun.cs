namespace FedUnlearn.Cli.Tests.Support;

/// <summary>Runs the CLI in-process and keeps what it wrote.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    public static async Task<CliRun> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliApp.RunAsync(args, output, error);
        return new CliRun(code, output.ToString(), error.ToString());
    }

    /// <summary>Both streams: System.CommandLine writes parse errors to one and help to the other.</summary>
    public string All => Output + Error;
}
