namespace FedUnlearn.Learning.Training;

/// <summary>The optimizer a <see cref="TrainingLoop"/> builds over the trainable (adapter) parameters.</summary>
public enum TrainingOptimizer
{
    /// <summary>Adam with decoupled weight decay (the default).</summary>
    AdamW,

    /// <summary>Adam with L2 weight decay added to the gradient.</summary>
    Adam,

    /// <summary>Stochastic gradient descent with momentum.</summary>
    Sgd,
}
