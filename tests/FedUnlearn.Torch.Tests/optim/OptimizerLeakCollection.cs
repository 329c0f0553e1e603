namespace FedUnlearn.Torch.Tests.Optim;

/// <summary>Tests that read the process-wide live-tensor count; xunit runs them after, not beside, the others.</summary>
[CollectionDefinition(nameof(OptimizerLeakCollection), DisableParallelization = true)]
public sealed class OptimizerLeakCollection;
