using FedUnlearn.Client.Learning.Internal;
using FedUnlearn.Learning.Data;
using FedUnlearn.Learning.Federated;
using FedUnlearn.Learning.Models;
using FedUnlearn.Learning.Training;
using FedUnlearn.Torch;
using FedUnlearn.Torch.Modules;

namespace FedUnlearn.Client.Learning;

/// <summary>
/// Builds a node's learner from what the server announced at Join: loads the shared base model, checks
/// it is the announced one (sha256 and architecture), injects LoRA per the spec with A initialised from
/// <c>init_seed</c> (B = 0), freezes A in exact mode, and wires the node's tombstones, device and forget
/// requests into a <see cref="LocalLearner"/>. Use it as the factory of
/// <see cref="FederationClient.CreateAsync(FederationClientOptions, Func{LearnerContext, CancellationToken, ValueTask{FedUnlearn.Learning.Federated.ILocalLearner}}, CancellationToken)"/>.
/// </summary>
public static class LoRALearnerFactory
{
    /// <summary>The base model path to use: <paramref name="basePath"/>, else <see cref="BaseModelFile.DefaultFileName"/> in the node's data directory.</summary>
    public static string ResolveBasePath(LearnerContext context, string? basePath)
    {
        ArgumentNullException.ThrowIfNull(context);
        return basePath ?? Path.Combine(context.DataDirectory, BaseModelFile.DefaultFileName);
    }

    /// <summary>Builds the learner for <paramref name="data"/> on the base model at <paramref name="basePath"/>.</summary>
    /// <param name="context">The server's model spec, the device, tombstones and forget requests.</param>
    /// <param name="data">The node's private training data.</param>
    /// <param name="basePath">The base model file (written by <c>fedunlearn pretrain</c> / <c>ModelFactory.SaveBaseAsync</c>); null: <see cref="ResolveBasePath"/>.</param>
    /// <param name="options">Test split, training defaults, methods...; <c>Device</c>, <c>ForgetSamples</c> and <c>Amnesiac</c> are filled from <paramref name="context"/> when null.</param>
    /// <param name="cancellationToken">Cancels loading.</param>
    /// <exception cref="FileNotFoundException">The base model file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not the announced base (sha256 or architecture differ), or is unreadable.</exception>
    /// <exception cref="ArgumentException">The announced spec is invalid or has no LoRA, or the data does not fit the model.</exception>
    public static async Task<LoRALearner> CreateAsync(LearnerContext context, IDataset data, string? basePath = null,
        LocalLearnerOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(data);
        var path = ResolveBasePath(context, basePath);
        if (!File.Exists(path))
            throw new FileNotFoundException($"The base model '{path}' does not exist: copy the federation's base model there (the file 'fedunlearn pretrain' wrote) or pass its path.", path);
        var spec = ModelSpecMapper.ToLearning(context.Model);
        var lora = spec.LoRA ?? throw ModelSpecMapper.Invalid("it has no LoRA adapter; a node trains and sends an adapter.");
        await BaseModelFile.VerifyAsync(path, context.Model.BaseModelSha256, cancellationToken).ConfigureAwait(false);

        var model = await ModelFactory.LoadBaseAsync(path, lora, cancellationToken).ConfigureAwait(false);
        try
        {
            CheckArchitecture(model.Spec, spec, path);
            AdapterInitializer.Reset(model, unchecked((long)context.Model.Lora.InitSeed));
            if (context.Model.Lora.FreezeA) FreezeA(model);
            var o = options ?? new LocalLearnerOptions();
            var learnerOptions = o with
            {
                Device = o.Device ?? Device.Parse(context.Device),
                ForgetSamples = o.ForgetSamples ?? new ContextForgetSamples(context),
                Amnesiac = o.Amnesiac ?? context.Amnesiac,
            };
            return new LoRALearner(model, new LocalLearner(model, data, context.Tombstones, learnerOptions));
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    private static void CheckArchitecture(ModelSpec loaded, ModelSpec announced, string path)
    {
        // Compare what builds the network (family, input, classes, the family's sizes), not fields the family ignores.
        var (file, wire) = (Describe(loaded), Describe(announced));
        if (file != wire)
            throw new InvalidDataException($"The base model '{path}' is not the architecture the federation announced: the file holds {file}, the server announced {wire}.");
    }

    private static string Describe(ModelSpec spec) =>
        $"{spec.Kind.ToString().ToLowerInvariant()} on {spec.InputChannels}x{spec.ImageSize}x{spec.ImageSize}, {spec.NumClasses} classes, "
        + string.Join(", ", WireOptions.For(spec).OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}"));

    private static void FreezeA(ClassifierModel model)
    {
        // Exact mode: A stays the shared initial one, so the server's average of B·A is exact.
        foreach (var lora in model.modules().OfType<LoRALinear>()) lora.lora_A.requires_grad_(false);
    }
}
