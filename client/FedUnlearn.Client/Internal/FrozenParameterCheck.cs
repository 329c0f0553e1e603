using FedUnlearn.Contracts.Parameters;

namespace FedUnlearn.Client.Internal;

/// <summary>Checks that a trained adapter left the task's frozen tensors exactly as the global adapter had them.</summary>
internal static class FrozenParameterCheck
{
    /// <summary>Why <paramref name="trained"/> breaks the freeze, or null when every frozen tensor is bit-identical to <paramref name="global"/>'s.</summary>
    public static string? FirstViolation(ParameterSet global, ParameterSet trained, IReadOnlyList<string> frozen)
    {
        foreach (var name in frozen)
        {
            if (!global.TryGet(name, out var before))
                return $"The task freezes '{name}', which the global adapter does not hold; this node cannot honour it.";
            if (!trained.TryGet(name, out var after))
                return $"The task freezes '{name}', but the learner returned no tensor by that name.";
            var changed = FirstDifference(before.Data, after.Data);
            if (changed >= 0)
            {
                return $"The task freezes '{name}', but the learner changed it (element {changed}: {before.Data[changed]:R} -> {after.Data[changed]:R}); "
                    + "this node's learner does not support frozen parameters.";
            }
        }

        return null;
    }

    private static int FirstDifference(float[] a, float[] b)
    {
        if (a.Length != b.Length) return Math.Min(a.Length, b.Length);
        for (var i = 0; i < a.Length; i++)
        {
            // Bitwise: the server compares A to the global one, and -0/+0 or NaN payloads must not slip through.
            if (BitConverter.SingleToInt32Bits(a[i]) != BitConverter.SingleToInt32Bits(b[i])) return i;
        }

        return -1;
    }
}
