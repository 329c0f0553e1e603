using FedUnlearn.Learning.Data;
using FedUnlearn.Learning.Data.Batching;

namespace FedUnlearn.Learning.Federated.Internal;

/// <summary>Cuts a node's data into the forget and retain sets of a task.</summary>
internal static class LocalSets
{
    /// <summary>
    /// Forget role, class scope: forget = every local sample of the class (tombstoned ones too: the
    /// model was trained on them); sample scope: forget = the requests' samples. Retain = the live
    /// (non-tombstoned) samples outside the forget set and outside the forgotten class. Retain role:
    /// no forget set.
    /// </summary>
    public static (IDataset? Forget, IDataset Retain) ForUnlearning(IDataset data, ITombstoneStore tombstones, int classCount,
        UnlearnRole role, int? forgetClass, IReadOnlyCollection<long>? forgetIds)
    {
        CheckClass(forgetClass, classCount);
        if (forgetClass is not null && forgetIds is { Count: > 0 })
            throw new ArgumentException("A task names both a forget class and forget requests; a forget request has one scope.");
        if (role == UnlearnRole.Retain) return (null, Retain(data, tombstones, forgetClass, null));
        if (forgetClass is { } c)
        {
            var forget = data.Subset(Enumerable.Range(0, data.Count).Where(i => data.GetLabel(i) == c), $"{data.Name}/class-{c}");
            if (forget.Count == 0)
                throw new ArgumentException($"This node holds no sample of class {c} in '{data.Name}': it has nothing to forget and should take the retain role.");
            return (forget, Retain(data, tombstones, c, null));
        }

        if (forgetIds is not { Count: > 0 })
            throw new ArgumentException("A forget-role task names neither a forget class nor forget requests (or the requests hold no samples on this node).");
        var selected = data.SelectIds(forgetIds.Order(), $"{data.Name}/forget");
        return (selected, Retain(data, tombstones, null, forgetIds));
    }

    /// <summary>Evaluation sets: forget = the class's samples (class scope) or this node's tombstoned samples; retain = the live rest.</summary>
    public static (IDataset? Forget, IDataset Retain) ForEvaluation(IDataset data, ITombstoneStore tombstones, int classCount, int? forgetClass)
    {
        CheckClass(forgetClass, classCount);
        var forgotten = Enumerable.Range(0, data.Count)
            .Where(i => forgetClass is { } c ? data.GetLabel(i) == c : tombstones.Contains(data.GetId(i)))
            .ToList();
        IDataset? forget = forgotten.Count == 0 ? null : data.Subset(forgotten, $"{data.Name}/forget");
        return (forget, Retain(data, tombstones, forgetClass, null));
    }

    private static DatasetSubset Retain(IDataset data, ITombstoneStore tombstones, int? forgetClass, IReadOnlyCollection<long>? forgetIds)
    {
        var excluded = forgetIds is null ? null : new HashSet<long>(forgetIds);
        var kept = Enumerable.Range(0, data.Count).Where(i =>
        {
            var id = data.GetId(i);
            return !tombstones.Contains(id) && excluded?.Contains(id) != true && (forgetClass is not { } c || data.GetLabel(i) != c);
        });
        return data.Subset(kept, $"{data.Name}/retain");
    }

    private static void CheckClass(int? forgetClass, int classCount)
    {
        if (forgetClass is { } c && (uint)c >= (uint)classCount)
            throw new ArgumentOutOfRangeException(nameof(forgetClass), c, $"The forget class must be in 0..{classCount - 1}.");
    }
}
