namespace FedUnlearn.Torch.Optim.Internal;

/// <summary>Argument guards of gradient clipping.</summary>
internal static class ClipChecks
{
    internal static void Check(double maxNorm, double normType)
    {
        if (!(maxNorm >= 0))
        {
            throw new ArgumentOutOfRangeException("max_norm", maxNorm, "The maximum norm must be >= 0.");
        }

        if (!(normType > 0))
        {
            throw new ArgumentOutOfRangeException("norm_type", normType, "The norm type must be > 0 (use double.PositiveInfinity for the max norm).");
        }
    }
}
