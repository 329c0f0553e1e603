namespace FedUnlearn.Torch.Internal;

/// <summary>Mirrors the fill kinds of native/src/creation.cpp.</summary>
internal enum FillKind
{
    Zeros, Ones, Empty, Full, Rand, Randn, Randint,
}
