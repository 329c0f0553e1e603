using FedUnlearn.Learning.Unlearning.Finetune;
using FedUnlearn.Learning.Unlearning.GradientAscent;
using FedUnlearn.Learning.Unlearning.LabelFlip;
using FedUnlearn.Learning.Unlearning.LayerWise;
using FedUnlearn.Learning.Unlearning.NablaTau;
using FedUnlearn.Learning.Unlearning.Retrain;
using FedUnlearn.Learning.Unlearning.Rfa;
using FedUnlearn.Learning.Unlearning.ShardedExact;

namespace FedUnlearn.Learning.Unlearning;

/// <summary>
/// Unlearning methods by name. <see cref="Create"/> builds a method from a task's option dictionary,
/// with clear errors for an unknown method or option and for out-of-range values, so a bad task fails
/// before any work starts. Names are case-insensitive.
/// </summary>
public sealed class MethodRegistry
{
    private readonly SortedDictionary<string, MethodDescriptor> _methods = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>A registry with every built-in method.</summary>
    public static MethodRegistry CreateDefault()
    {
        var registry = new MethodRegistry();
        return registry
            .Register(FinetuneMethod.MethodName, "Continue training the adapter on retained data only.",
                o => new FinetuneMethod(FinetuneOptions.Read(o)))
            .Register(RetrainMethod.MethodName, "Re-initialise the adapter (B = 0, A from a fixed seed) and train it on retained data only.",
                o => new RetrainMethod(RetrainOptions.Read(o)))
            .Register(GradientAscentMethod.MethodName, "Maximise the cross-entropy of the forget set, per-sample loss capped, steps bounded.",
                o => new GradientAscentMethod(GradientAscentOptions.Read(o)))
            .Register(NablaTauMethod.MethodName, "∇τ: a·ReLU(τ − CE(forget))² + (1 − a)·CE(retain), τ = held-out loss, a decaying to 0.",
                o => new NablaTauMethod(NablaTauOptions.Read(o)))
            .Register(LabelFlipMethod.MethodName, "Cross-entropy towards random wrong labels on the forget set plus cross-entropy on retained data.",
                o => new LabelFlipMethod(LabelFlipOptions.Read(o)))
            .Register(RfaMethod.MethodName, "Residual feature alignment: keep retained penultimate features at the frozen teacher's, move forget features to another class's mean.",
                o => new RfaMethod(RfaOptions.Read(o)))
            .Register(ShardedExactMethod.MethodName, "Retrain one shard's adapter (K adapters, samples hashed to shards) from its seeded start without the forgotten data: exact.",
                o => new ShardedExactMethod(ShardedExactOptions.Read(o)))
            .Register(LayerWiseMethod.MethodName, "Wrapper: run the 'inner' method (options 'inner.*'), keep its changes only in the chosen 'layers' and/or the 'top-p' largest per tensor.",
                o => new LayerWiseMethod(LayerWiseOptions.Read(o), registry));
    }

    /// <summary>The registered methods, by name.</summary>
    public IReadOnlyCollection<MethodDescriptor> Methods => _methods.Values;

    /// <summary>The registered names, sorted.</summary>
    public IReadOnlyCollection<string> Names => _methods.Keys;

    /// <summary>Adds a method; returns this registry for chaining.</summary>
    /// <exception cref="ArgumentException">The name is empty or already registered.</exception>
    public MethodRegistry Register(string name, string summary, Func<MethodOptions, IUnlearningMethod> factory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(factory);
        if (!_methods.TryAdd(name, new MethodDescriptor(name, summary, factory)))
            throw new ArgumentException($"An unlearning method named '{name}' is already registered.", nameof(name));
        return this;
    }

    /// <summary>True when <paramref name="name"/> is registered.</summary>
    public bool Contains(string name) => _methods.ContainsKey(name);

    /// <summary>Builds the method <paramref name="name"/> from <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentException">Unknown method (the message lists the known ones), unknown option (the message lists the
    /// valid ones), or a malformed or out-of-range value.</exception>
    public IUnlearningMethod Create(string name, IReadOnlyDictionary<string, string>? options = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!_methods.TryGetValue(name.Trim(), out var descriptor))
            throw new ArgumentException($"Unknown unlearning method '{name}'; known methods: {string.Join(", ", _methods.Keys)}.", nameof(name));
        var reader = new MethodOptions(descriptor.Name, options);
        var method = descriptor.Factory(reader);
        reader.ThrowIfUnknown();
        return method;
    }
}
