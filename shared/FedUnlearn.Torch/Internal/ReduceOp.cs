namespace FedUnlearn.Torch.Internal;

/// <summary>Mirrors <c>fu::Reduce</c> in native/src/ops.h (same order).</summary>
internal enum ReduceOp
{
    Sum, Mean, Amax, Amin, LogSumExp, Prod, All, Any, Norm, Var, Std,
}
