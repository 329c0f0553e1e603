using FedUnlearn.Server.Aggregation.Validation;

namespace FedUnlearn.Server.Aggregation;

/// <summary>What every strategy shares: client selection, task config and update validation.</summary>
public class StrategyOptions
{
    /// <summary>Fraction of the available clients asked to train each round (0, 1]. Default 1.</summary>
    public double FractionTrain { get; set; } = 1.0;

    /// <summary>Fewest clients a training round needs; with fewer available none is started. Default 1.</summary>
    public int MinTrainClients { get; set; } = 1;

    /// <summary>Fraction of the available clients asked to evaluate each round [0, 1]. Default 1.</summary>
    public double FractionEvaluate { get; set; } = 1.0;

    /// <summary>Fewest clients an evaluation needs. Default 1.</summary>
    public int MinEvaluateClients { get; set; } = 1;

    /// <summary>Seed of the per-round client sampling, so that a run can be replayed. Default 0.</summary>
    public int Seed { get; set; }

    /// <summary>Config sent with every training task (e.g. <c>epochs</c>, <c>lr</c>); <c>round</c> is added.</summary>
    public IDictionary<string, string> TrainConfig { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Config sent with every evaluation task; <c>round</c> is added.</summary>
    public IDictionary<string, string> EvaluateConfig { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The limits every update is validated against.</summary>
    public UpdateValidatorOptions Validation { get; set; } = new();

    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public virtual void Validate()
    {
        if (!(FractionTrain > 0 && FractionTrain <= 1))
            throw new ArgumentOutOfRangeException(nameof(FractionTrain), FractionTrain, "Must be in (0, 1].");
        if (!(FractionEvaluate >= 0 && FractionEvaluate <= 1))
            throw new ArgumentOutOfRangeException(nameof(FractionEvaluate), FractionEvaluate, "Must be in [0, 1].");
        if (MinTrainClients < 1)
            throw new ArgumentOutOfRangeException(nameof(MinTrainClients), MinTrainClients, "At least one client must train.");
        if (MinEvaluateClients < 0)
            throw new ArgumentOutOfRangeException(nameof(MinEvaluateClients), MinEvaluateClients, "Cannot be negative.");
        ArgumentNullException.ThrowIfNull(TrainConfig);
        ArgumentNullException.ThrowIfNull(EvaluateConfig);
        ArgumentNullException.ThrowIfNull(Validation);
        Validation.Validate();
    }
}
