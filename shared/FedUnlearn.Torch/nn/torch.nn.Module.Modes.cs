using FedUnlearn.Torch.Internal;

namespace FedUnlearn.Torch;

public static partial class torch
{
    public static partial class nn
    {
        public abstract partial class Module
        {
            /// <summary>Clears (<paramref name="setToNone"/>, PyTorch's default) or zeroes the gradient of every parameter.</summary>
            public void zero_grad(bool setToNone = true)
            {
                foreach (var p in parameters())
                {
                    p.zero_grad(setToNone);
                }
            }

            /// <summary>Sets the training flag of this module and every descendant (see the <c>train()</c>/<c>eval()</c> extensions).</summary>
            internal void SetTraining(bool mode)
            {
                foreach (var m in modules())
                {
                    m.training = mode;
                }
            }

            /// <summary>Sets <c>requires_grad</c> on every parameter of this subtree: false freezes it.</summary>
            internal void SetRequiresGrad(bool requiresGrad)
            {
                foreach (var p in parameters())
                {
                    p.requires_grad = requiresGrad;
                }
            }

            /// <summary>
            /// Converts every parameter and buffer in place (the same <see cref="Tensor"/> objects, so
            /// optimizers holding them stay valid), as PyTorch's <c>Module.to</c>. A dtype applies to
            /// floating-point tensors only; integer buffers keep theirs. Gradients are converted too.
            /// </summary>
            internal void Apply(ScalarType? dtype, Device? device)
            {
                if (dtype is { } d && !IsFloating(d))
                {
                    throw new ArgumentException($"Modules can only be converted to a floating-point dtype, not {d}.", nameof(dtype));
                }

                using var noGrad = no_grad();
                foreach (var (_, p) in named_parameters())
                {
                    Convert(p, dtype, device);
                }

                foreach (var (_, b) in named_buffers())
                {
                    Convert(b, dtype, device);
                }
            }

            private static void Convert(Tensor t, ScalarType? dtype, Device? device)
            {
                var targetType = dtype is { } d && IsFloating(t.dtype) ? d : t.dtype;
                var targetDevice = device ?? t.device;
                if (targetType == t.dtype && targetDevice == t.device)
                {
                    return;
                }

                using var grad = t.grad;
                using var data = t.to(targetType, targetDevice);
                using var newGrad = grad?.to(targetType, targetDevice);
                t.grad = null;
                NativeError.Check(Native.fu_nn_set_data(t.Handle, data.Handle));
                if (newGrad is not null)
                {
                    t.grad = newGrad;
                }
            }

            private static bool IsFloating(ScalarType t) => t is ScalarType.Float16 or ScalarType.Float32 or ScalarType.Float64;
        }
    }
}
