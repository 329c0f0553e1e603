namespace FedUnlearn.Learning.Federated;

/// <summary>A node's part in an unlearning campaign.</summary>
public enum UnlearnRole
{
    /// <summary>The node holds samples to forget (or, for class scope, samples of the class).</summary>
    Forget,

    /// <summary>The node only holds data to retain.</summary>
    Retain,
}
