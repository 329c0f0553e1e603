using FedUnlearn.Torch.Optim;
using FedUnlearn.Torch.Optim.Schedulers;

namespace FedUnlearn.Torch;

public static partial class torch
{
    public static partial class optim
    {
        /// <summary>Learning-rate schedules, as <c>torch.optim.lr_scheduler</c>, plus the usual warm-up schedules.</summary>
        public static class lr_scheduler
        {
            /// <summary>Decays by <paramref name="gamma"/> every <paramref name="step_size"/> epochs.</summary>
            public static StepLR StepLR(Optimizer optimizer, int step_size, double gamma = 0.1) => new(optimizer, step_size, gamma);

            /// <summary>Cosine annealing to <paramref name="eta_min"/> over <paramref name="T_max"/> epochs.</summary>
            public static CosineAnnealingLR CosineAnnealingLR(Optimizer optimizer, int T_max, double eta_min = 0) => new(optimizer, T_max, eta_min);

            /// <summary>A linear factor from <paramref name="start_factor"/> to <paramref name="end_factor"/> over <paramref name="total_iters"/> epochs.</summary>
            public static LinearLR LinearLR(Optimizer optimizer, double start_factor = 1.0 / 3, double end_factor = 1.0, int total_iters = 5) =>
                new(optimizer, start_factor, end_factor, total_iters);

            /// <summary>Base rate times <paramref name="lr_lambda"/>(epoch).</summary>
            public static LambdaLR LambdaLR(Optimizer optimizer, Func<int, double> lr_lambda) => new(optimizer, lr_lambda);

            /// <summary>
            /// Linear warm-up from 0 to the base rate over <paramref name="num_warmup_steps"/>, then linear
            /// decay to 0 at <paramref name="num_training_steps"/> (Hugging Face's <c>get_linear_schedule_with_warmup</c>).
            /// Call <c>step()</c> once per optimizer step.
            /// </summary>
            public static LambdaLR get_linear_schedule_with_warmup(Optimizer optimizer, int num_warmup_steps, int num_training_steps)
            {
                CheckWarmup(num_warmup_steps, num_training_steps);
                return new(optimizer, step => step < num_warmup_steps
                    ? step / (double)Math.Max(1, num_warmup_steps)
                    : Math.Max(0.0, (num_training_steps - step) / (double)Math.Max(1, num_training_steps - num_warmup_steps)));
            }

            /// <summary>
            /// Linear warm-up, then a cosine decay to 0 over <paramref name="num_cycles"/> half-periods (0.5: one
            /// decay) ending at <paramref name="num_training_steps"/> (Hugging Face's <c>get_cosine_schedule_with_warmup</c>).
            /// </summary>
            public static LambdaLR get_cosine_schedule_with_warmup(Optimizer optimizer, int num_warmup_steps, int num_training_steps, double num_cycles = 0.5)
            {
                CheckWarmup(num_warmup_steps, num_training_steps);
                return new(optimizer, step =>
                {
                    if (step < num_warmup_steps)
                    {
                        return step / (double)Math.Max(1, num_warmup_steps);
                    }

                    var progress = (step - num_warmup_steps) / (double)Math.Max(1, num_training_steps - num_warmup_steps);
                    return Math.Max(0.0, 0.5 * (1.0 + Math.Cos(Math.PI * num_cycles * 2.0 * progress)));
                });
            }

            private static void CheckWarmup(int warmup, int total)
            {
                ArgumentOutOfRangeException.ThrowIfNegative(warmup, "num_warmup_steps");
                if (total < warmup || total < 1)
                {
                    throw new ArgumentOutOfRangeException("num_training_steps", total, "num_training_steps must be >= 1 and >= num_warmup_steps.");
                }
            }
        }
    }
}
