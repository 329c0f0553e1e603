using FedUnlearn.Torch.Internal;

namespace FedUnlearn.Torch;

public static partial class torch
{
    /// <summary>Functional autograd.</summary>
    public static class autograd
    {
        /// <summary>
        /// Gradients of <paramref name="outputs"/> with respect to <paramref name="inputs"/>, returned rather than
        /// accumulated into <c>.grad</c>. An entry is null when its input is unused and <paramref name="allowUnused"/> is set.
        /// </summary>
        public static unsafe Tensor?[] grad(IReadOnlyList<Tensor> outputs, IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor?>? gradOutputs = null,
            bool retainGraph = false, bool createGraph = false, bool allowUnused = false)
        {
            ArgumentNullException.ThrowIfNull(outputs);
            ArgumentNullException.ThrowIfNull(inputs);
            if (gradOutputs is not null && gradOutputs.Count != outputs.Count)
            {
                throw new ArgumentException($"{gradOutputs.Count} output gradients given for {outputs.Count} outputs.", nameof(gradOutputs));
            }

            var results = new IntPtr[inputs.Count];
            TensorHandles outs = default, ins = default, gouts = default;
            try
            {
                outs = new TensorHandles(outputs, nameof(outputs));
                ins = new TensorHandles(inputs, nameof(inputs));
                gouts = new TensorHandles(gradOutputs ?? [], nameof(gradOutputs), allowNull: true);
                fixed (IntPtr* o = outs.Pointers, i = ins.Pointers, g = gouts.Pointers, r = results)
                {
                    NativeError.Check(Native.fu_autograd_grad(o, gradOutputs is null ? null : g, outputs.Count, i, inputs.Count,
                        Native.Flag(retainGraph), Native.Flag(createGraph), Native.Flag(allowUnused), r));
                }
            }
            finally
            {
                outs.Release();
                ins.Release();
                gouts.Release();
            }

            var grads = new Tensor?[results.Length];
            for (var k = 0; k < results.Length; k++)
            {
                grads[k] = Tensor.WrapOrNull(results[k]);
            }

            return grads;
        }
    }
}
