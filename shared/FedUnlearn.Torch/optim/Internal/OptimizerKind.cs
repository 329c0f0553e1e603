namespace FedUnlearn.Torch.Optim.Internal;

/// <summary>Update rule of a native optimizer state; values mirror <c>fu::optim::Kind</c>.</summary>
internal enum OptimizerKind
{
    Sgd = 0,
    Adam = 1,
    AdamW = 2,
}
