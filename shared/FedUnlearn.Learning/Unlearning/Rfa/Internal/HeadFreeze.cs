using FedUnlearn.Learning.Models;
using FedUnlearn.Torch;

namespace FedUnlearn.Learning.Unlearning.Rfa.Internal;

/// <summary>
/// Takes the head's adapter out of training for the scope of a run: RFA corrects the features, and the
/// head, the teacher's classifier, must read them as before (otherwise a forget loss through the head,
/// such as uniform-KL, would change every class's logits).
/// </summary>
internal sealed class HeadFreeze : IDisposable
{
    private readonly List<Tensor> _frozen;

    private HeadFreeze(List<Tensor> frozen) => _frozen = frozen;

    /// <exception cref="ArgumentException">Every adapter of the model is on its head: no feature layer could change.</exception>
    public static HeadFreeze Freeze(ClassifierModel model)
    {
        var adapter = model.named_lora_parameters().ToList();
        var head = adapter.Where(p => p.name.StartsWith("head.", StringComparison.Ordinal) && p.parameter.requires_grad).Select(p => p.parameter).ToList();
        if (head.Count == adapter.Count)
        {
            throw new ArgumentException(
                "RFA moves penultimate features, but the model's only LoRA adapter is on its head; add adapters before the head (e.g. LoRA targets fc1).");
        }

        foreach (var p in head) p.requires_grad = false;
        return new HeadFreeze(head);
    }

    public void Dispose()
    {
        foreach (var p in _frozen) p.requires_grad = true;
    }
}
