using FedUnlearn.Learning.Training.Internal;
using FedUnlearn.Torch;

namespace FedUnlearn.Learning.Unlearning.Internal;

/// <summary>The runner's checks of an unlearning task's inputs, before anything changes.</summary>
internal static class UnlearningInputChecks
{
    public static void Check(IUnlearningMethod method, UnlearningContext context)
    {
        var name = method.Name;
        ArgumentNullException.ThrowIfNull(context.Model, nameof(context.Model));
        ArgumentNullException.ThrowIfNull(context.Retain, nameof(context.Retain));
        ArgumentNullException.ThrowIfNull(context.Training, nameof(context.Training));
        context.Training.Validate();
        if (!context.Model.named_lora_parameters().Any())
            throw new ArgumentException($"The model has no LoRA adapter: method '{name}' corrects an adapter (build the model with ModelSpec.LoRA).", nameof(context));
        if (context.RetainOnly && context.ForgetCount > 0)
            throw new ArgumentException($"A retain-only task must not carry forget data, but the forget set holds {context.ForgetCount} samples.", nameof(context));
        if (!context.RetainOnly && context.ForgetCount == 0)
            throw new ArgumentException("The forget set is empty: there is nothing to unlearn. (A node without data to forget runs the task retain-only.)", nameof(context));
        if (method.Requirements.HasFlag(UnlearningRequirements.RetainData) && context.Retain.Count == 0)
            throw new ArgumentException(
                $"Method '{name}' needs retained data, but the retain set is empty: the forget set covers all of this node's data. "
                + "Use a method that needs no retained data, such as gradient-ascent.", nameof(context));
        if (method.Requirements.HasFlag(UnlearningRequirements.HeldOutData) && context.HeldOut is not { Count: > 0 })
            throw new ArgumentException($"Method '{name}' needs held-out data (the node's test split), but none was given.", nameof(context));

        if (context.Forget is { Count: > 0 } forget) ModelDataChecks.Fits(context.Model, forget, "forget");
        ModelDataChecks.Fits(context.Model, context.Retain, "retain");
        if (context.HeldOut is { Count: > 0 } heldOut) ModelDataChecks.Fits(context.Model, heldOut, "held-out");
        if (context.Forget is { Count: > 0 } f && context.Retain.Count > 0)
        {
            var forgotten = new HashSet<long>(f.Count);
            for (var i = 0; i < f.Count; i++) forgotten.Add(f.GetId(i));
            for (var i = 0; i < context.Retain.Count; i++)
            {
                if (forgotten.Contains(context.Retain.GetId(i)))
                    throw new ArgumentException($"Sample id {context.Retain.GetId(i)} is in both the forget set and the retain set.", nameof(context));
            }
        }
    }
}
