namespace FedUnlearn.Torch;

public static partial class torch
{
    public static partial class nn
    {
        /// <summary>A module with one input and one output, as TorchSharp's <c>Module&lt;T, TResult&gt;</c>.</summary>
        /// <typeparam name="T">The input, usually <see cref="Tensor"/>.</typeparam>
        /// <typeparam name="TResult">The output, usually <see cref="Tensor"/>.</typeparam>
        public abstract class Module<T, TResult> : Module
        {
            /// <summary>
            /// Computes the output. A returned tensor is new and owned by the caller (or the current dispose
            /// scope); intermediate tensors are freed inside (autograd keeps what backward needs).
            /// </summary>
            public abstract TResult forward(T input);

            /// <summary>Runs <see cref="forward"/> (the PyTorch <c>module(x)</c> call).</summary>
            public TResult call(T input) => forward(input);
        }
    }
}
