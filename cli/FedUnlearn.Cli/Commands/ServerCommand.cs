using System.CommandLine;
using FedUnlearn.Cli.Common;
using FedUnlearn.Server.Hosting;
using Microsoft.Extensions.Logging;

namespace FedUnlearn.Cli.Commands;

/// <summary><c>fedunlearn server</c>: runs the aggregator until Ctrl+C (or until the configured rounds are done).</summary>
internal sealed class ServerCommand(CliConsole console) : ICliCommand
{
    public Command Build()
    {
        var o = new ServerCommandOptions();
        var command = new Command("server", "Run the aggregator: admit clients, run training rounds, keep the store and the audit log. Stops on Ctrl+C.");
        o.AddTo(command);
        CommandAction.Set(command, console, async (parse, cancellationToken) =>
        {
            var options = o.Bind(parse);
            if (parse.GetValue(o.Base) is { } file) await ServerBaseModel.ApplyAsync(options, o, parse, file, cancellationToken).ConfigureAwait(false);
            return await RunAsync(options, parse.GetValue(o.Verbose), cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private async Task<int> RunAsync(FederationServerOptions options, bool verbose, CancellationToken cancellationToken)
    {
        using var logging = LoggerFactory.Create(builder => builder
            .SetMinimumLevel(verbose ? LogLevel.Debug : LogLevel.Information)
            .AddFilter("Microsoft", verbose ? LogLevel.Debug : LogLevel.Warning)
            .AddSimpleConsole(console => { console.SingleLine = true; console.TimestampFormat = "HH:mm:ss "; }));
        options.LoggerFactory = logging;
        await using var server = new FederationServer(options);
        await server.StartAsync(cancellationToken).ConfigureAwait(false);
        var model = options.Model;
        console.Out.WriteLine($"Model: {model.Architecture} [{string.Join(",", model.InputShape)}] -> {model.NumClasses} classes, LoRA rank {model.Lora?.Rank} on "
            + $"{(model.Lora?.TargetModules.Count > 0 ? string.Join(",", model.Lora.TargetModules) : "the architecture's default layers")}"
            + (model.BaseModelSha256.Length > 0 ? $", base sha256 {model.BaseModelSha256}." : "."));
        console.Out.WriteLine($"Federation '{options.FederationName}' serving on {server.Address} (data in {options.DataDirectory}). Press Ctrl+C to stop.");
        if (options.TrainingPaused) console.Out.WriteLine("Training is paused: only forget requests' campaigns and verification rounds run.");
        try
        {
            await server.Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
            console.Out.WriteLine($"All {options.Rounds} rounds are committed; stopping.");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            console.Out.WriteLine("Stopping: clients are told to reconnect later; a round in flight resumes at the next start.");
        }

        await server.StopAsync(CancellationToken.None).ConfigureAwait(false);
        return 0;
    }
}
