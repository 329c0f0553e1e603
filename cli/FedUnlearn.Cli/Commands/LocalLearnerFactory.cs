using FedUnlearn.Cli.Common;
using FedUnlearn.Client;
using FedUnlearn.Client.Learning;
using FedUnlearn.Learning.Federated;

namespace FedUnlearn.Cli.Commands;

/// <summary>
/// Builds the learner the <c>client</c> command runs: FedUnlearn.Learning's LoRA learner on this node's
/// data over the shared base model, per the spec the server announced at Join (see <see cref="LoRALearnerFactory"/>).
/// </summary>
internal static class LocalLearnerFactory
{
    /// <summary>The base model to load: <paramref name="explicitBase"/>, else <c>base.safetensors</c> in the data directory; a clear error when neither exists.</summary>
    public static string ResolveBase(FileInfo? explicitBase, DirectoryInfo dataDirectory)
    {
        var path = explicitBase?.FullName ?? Path.Combine(dataDirectory.FullName, BaseModelFile.DefaultFileName);
        if (File.Exists(path)) return path;
        throw new CliException(explicitBase is null
            ? $"--base is required: no {BaseModelFile.DefaultFileName} in {dataDirectory.FullName}. Copy the federation's base model there (from 'fedunlearn pretrain') or pass --base PATH."
            : $"--base '{path}' does not exist.");
    }

    public static async ValueTask<ILocalLearner> CreateAsync(LearnerContext context, ClientData data, string basePath, CancellationToken cancellationToken) =>
        await LoRALearnerFactory.CreateAsync(context, data.Train, basePath, new LocalLearnerOptions { TestData = data.Test }, cancellationToken).ConfigureAwait(false);
}
