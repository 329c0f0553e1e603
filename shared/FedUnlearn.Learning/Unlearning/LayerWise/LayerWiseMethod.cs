using FedUnlearn.Contracts.Parameters;
using FedUnlearn.Learning.Training;
using FedUnlearn.Learning.Unlearning.LayerWise.Internal;
using FedUnlearn.Torch;

namespace FedUnlearn.Learning.Unlearning.LayerWise;

/// <summary>
/// <c>layer-wise</c> — layer-wise partial unlearning (after Gogineni &amp; Nadimi, arXiv 2403.07611): a
/// wrapper that limits any method's change of the adapter to chosen layers and/or to the top-p
/// coordinates per adapter tensor. During an optimisation-based inner method, a training hook zeroes
/// the gradients outside the chosen layers, so the chosen layers alone do the work; afterwards every
/// adapter tensor outside the chosen layers is put back bit for bit (which also undoes weight decay or
/// a non-optimisation inner method), and within them only the top-p changes by magnitude are kept.
/// </summary>
public sealed class LayerWiseMethod : IUnlearningMethod
{
    /// <summary>The registry name.</summary>
    public const string MethodName = "layer-wise";

    /// <summary>Wraps <paramref name="inner"/>.</summary>
    public LayerWiseMethod(IUnlearningMethod inner, LayerWiseOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(inner);
        Inner = inner;
        Options = options ?? new LayerWiseOptions { Inner = inner.Name };
    }

    /// <summary>Wraps the method <see cref="LayerWiseOptions.Inner"/>, created by <paramref name="registry"/> from <see cref="LayerWiseOptions.InnerOptions"/>.</summary>
    /// <exception cref="ArgumentException">The inner method or one of its options is unknown or invalid.</exception>
    public LayerWiseMethod(LayerWiseOptions options, MethodRegistry registry)
        : this(CreateInner(options, registry), options)
    {
    }

    /// <summary>The wrapped method.</summary>
    public IUnlearningMethod Inner { get; }

    /// <summary>The wrapper's options.</summary>
    public LayerWiseOptions Options { get; }

    /// <inheritdoc />
    public string Name => MethodName;

    /// <inheritdoc />
    public UnlearningRequirements Requirements => Inner.Requirements;

    /// <inheritdoc />
    public UnlearningReport Apply(UnlearningContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var before = context.Model.ToAdapterParameterSet();
        var chosen = LayerSelection.Choose(before.Select(t => t.Name), Options.Layers);
        var hooks = Options.Layers is null ? context.Hooks : TrainingHooks.Combine(context.Hooks, MaskHooks(chosen));
        var report = Inner.Apply(context with { Hooks = hooks }, cancellationToken);

        var after = context.Model.ToAdapterParameterSet();
        var (result, kept, changed) = Restrict(before, after, chosen, Options.TopFraction);
        context.Model.LoadAdapterParameterSet(result);
        var metrics = new Dictionary<string, double>(report.Metrics, StringComparer.Ordinal)
        {
            ["layerwise_tensors"] = chosen.Count,
            ["layerwise_changed_by_inner"] = changed,
            ["layerwise_kept_changes"] = kept,
        };
        return report with { Metrics = metrics };
    }

    /// <summary>
    /// <paramref name="after"/> limited to <paramref name="chosen"/> tensors (others from <paramref name="before"/>), and within
    /// them to the top-<paramref name="fraction"/> changes; also the number of changes kept and the number the inner method made.
    /// </summary>
    /// <exception cref="TrainingDivergedException">The inner method left a non-finite value (even in a layer that would be put back).</exception>
    internal static (ParameterSet Result, long Kept, long Changed) Restrict(ParameterSet before, ParameterSet after, IReadOnlySet<string> chosen, double? fraction)
    {
        var result = new ParameterSet();
        long kept = 0, changed = 0;
        foreach (var old in before)
        {
            var now = after[old.Name].Data;
            var delta = new float[now.Length];
            for (var i = 0; i < now.Length; i++)
            {
                if (!float.IsFinite(now[i])) throw new TrainingDivergedException($"adapter value in '{old.Name}' left by the inner method", now[i], 0, 0, double.NaN);
                delta[i] = now[i] - old.Data[i];
                if (now[i] != old.Data[i]) changed++;
            }

            var values = (float[])old.Data.Clone();
            if (chosen.Contains(old.Name))
            {
                var indices = fraction is { } p ? TopMagnitude.Select(delta, TopMagnitude.Kept(delta.Length, p)) : null;
                if (indices is null) Array.Copy(now, values, now.Length);
                else foreach (var i in indices) values[i] = now[i];
                for (var i = 0; i < values.Length; i++) kept += values[i] != old.Data[i] ? 1 : 0;
            }

            result.Add(old.Name, (int[])old.Shape.Clone(), values);
        }

        return (result, kept, changed);
    }

    private static TrainingHooks MaskHooks(IReadOnlySet<string> chosen) => new()
    {
        AfterBackward = step =>
        {
            foreach (var (name, parameter) in step.Parameters)
            {
                if (chosen.Contains(name)) continue;
                using var grad = parameter.grad;
                grad?.zero_();
            }
        },
    };

    private static IUnlearningMethod CreateInner(LayerWiseOptions options, MethodRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(registry);
        if (string.Equals(options.Inner, MethodName, StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"Method '{MethodName}' cannot wrap itself; name an optimisation-based method as 'inner'.", nameof(options));
        return registry.Create(options.Inner, options.InnerOptions);
    }
}
