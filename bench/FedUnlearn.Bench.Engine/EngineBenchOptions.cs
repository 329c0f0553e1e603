namespace FedUnlearn.Bench.Engine;

/// <summary>Command-line options of the engine benchmark; the same flags as bench/engine/reference.py.</summary>
internal sealed record EngineBenchOptions
{
    /// <summary>libtorch intra-op threads, or null to keep libtorch's default.</summary>
    public int? Threads { get; init; } = 1;

    public int MlpSteps { get; init; } = 500;

    public int VitSteps { get; init; } = 100;

    public int Warmup { get; init; } = 30;

    public int Batch { get; init; } = 64;

    public IReadOnlyList<string> Models { get; init; } = ["mlp", "vit"];

    public static EngineBenchOptions Parse(string[] args)
    {
        var o = new EngineBenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"Option {args[i]} needs a value.");
            o = args[i] switch
            {
                "--threads" => o with { Threads = value == "default" ? null : int.Parse(value) },
                "--mlp-steps" => o with { MlpSteps = int.Parse(value) },
                "--vit-steps" => o with { VitSteps = int.Parse(value) },
                "--warmup" => o with { Warmup = int.Parse(value) },
                "--batch" => o with { Batch = int.Parse(value) },
                "--models" => o with { Models = value.Split(',', StringSplitOptions.RemoveEmptyEntries) },
                _ => throw new ArgumentException($"Unknown option {args[i]}; expected --threads, --mlp-steps, --vit-steps, --warmup, --batch or --models."),
            };
            i++;
        }

        return o;
    }
}
