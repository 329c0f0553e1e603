using System.CommandLine;
using FedUnlearn.Cli.Common;
using FedUnlearn.Client.Learning;
using FedUnlearn.Contracts.SafeTensors;
using FedUnlearn.Server.Hosting;

namespace FedUnlearn.Cli.Commands;

/// <summary>
/// <c>server --base</c>: announces the base file's architecture and sha256 at Join and builds the initial
/// adapter (B = 0, A from <c>--lora-init-seed</c>) from its layer shapes. Managed code only: the
/// aggregator never loads libtorch.
/// </summary>
internal static class ServerBaseModel
{
    public static async Task ApplyAsync(FederationServerOptions options, ServerCommandOptions o, ParseResult p, FileInfo file, CancellationToken cancellationToken)
    {
        foreach (var option in new Option[] { o.Architecture, o.InputShape, o.Classes })
        {
            if (p.GetResult(option) is { Implicit: false })
                throw new CliException($"{option.Name} comes from --base (the architecture the base model was trained with); leave it out.");
        }

        var info = await BaseModelInfo.ReadAsync(file.FullName, cancellationToken).ConfigureAwait(false);
        var seed = unchecked((ulong)p.GetValue(o.LoraInitSeed));
        var lora = info.LoRA((int)options.Model.Lora.Rank, options.Model.Lora.Alpha, [.. options.Model.Lora.TargetModules]);
        var initial = info.InitialAdapter(lora, seed);
        options.Model = info.Announce(lora, seed, options.Model.Lora.FreezeA);
        if (options.InitialAdapterPath is not { } path)
        {
            options.InitialAdapter = initial;
            return;
        }

        // An explicit initial adapter must fit the base, or every client would reject its first task.
        var given = (await SafeTensorsFile.ReadFileAsync(path, cancellationToken: cancellationToken).ConfigureAwait(false)).ToParameterSet();
        if (initial.DescribeLayoutMismatch(given) is { } mismatch)
            throw new CliException($"--initial-adapter '{path}' does not fit the base model '{file.FullName}' with LoRA rank {lora.Rank} on {string.Join(", ", lora.Targets)}: {mismatch}.");
    }
}
