namespace FedUnlearn.Torch.Optim.Internal;

/// <summary>Argument guards shared by the optimizers, with PyTorch's wording.</summary>
internal static class OptimizerChecks
{
    internal static void NonNegative(double value, string paramName, string what)
    {
        if (!(value >= 0) || double.IsInfinity(value))
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"Invalid {what}: expected a finite value >= 0.");
        }
    }

    internal static void Beta(double value, string paramName)
    {
        if (!(value >= 0 && value < 1))
        {
            throw new ArgumentOutOfRangeException(paramName, value, "Invalid beta: expected a value in [0, 1).");
        }
    }
}
