namespace FedUnlearn.Torch;

/// <summary>Kinds of device; the values are libtorch's <c>c10::DeviceType</c> codes.</summary>
public enum DeviceType
{
    /// <summary>The host CPU.</summary>
    CPU = 0,

    /// <summary>An NVIDIA GPU (needs a CUDA build of libtorch).</summary>
    CUDA = 1,
}
