using System.Globalization;

namespace FedUnlearn.Bench.UnlearnCentral;

/// <summary>Command-line options of the centralised unlearning benchmark.</summary>
internal sealed record BenchOptions
{
    public IReadOnlyList<string> Models { get; init; } = ["mlp", "vit"];

    public IReadOnlyList<string> Scenarios { get; init; } = ["s1", "s2", "s3"];

    /// <summary>Unlearning methods to run (retrain and the original model are always measured); null: every planned method.</summary>
    public IReadOnlyList<string>? Methods { get; init; }

    /// <summary>libtorch intra-op threads.</summary>
    public int Threads { get; init; } = 1;

    /// <summary>Where pretrained base models are cached, keyed by their settings.</summary>
    public string CacheDirectory { get; init; } = Path.Combine(Path.GetTempPath(), "fedunlearn-bench-unlearn-central");

    /// <summary>The Markdown results file, or null to print only.</summary>
    public string? OutputPath { get; init; }

    /// <summary>Epochs of the original fine-tune (and so of retraining) for the MLP.</summary>
    public int MlpEpochs { get; init; } = 3;

    /// <summary>Epochs of the original fine-tune for the ViT (about 10× slower per step).</summary>
    public int VitEpochs { get; init; } = 2;

    /// <summary>Retained samples the approximate methods see (a seeded random subset, the same for every method).</summary>
    public int RetainBudget { get; init; } = 8000;

    /// <summary>Seed of the splits, the forget sets and every training run.</summary>
    public int Seed { get; init; } = 7;

    public static BenchOptions Parse(string[] args)
    {
        var o = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"Option {args[i]} needs a value.");
            o = args[i] switch
            {
                "--models" => o with { Models = List(value) },
                "--scenarios" => o with { Scenarios = List(value) },
                "--methods" => o with { Methods = value is "" or "all" ? null : List(value) },
                "--threads" => o with { Threads = Int(value) },
                "--cache" => o with { CacheDirectory = value },
                "--out" => o with { OutputPath = value },
                "--mlp-epochs" => o with { MlpEpochs = Int(value) },
                "--vit-epochs" => o with { VitEpochs = Int(value) },
                "--retain-budget" => o with { RetainBudget = Int(value) },
                "--seed" => o with { Seed = Int(value) },
                _ => throw new ArgumentException($"Unknown option {args[i]}; expected --models, --scenarios, --methods, --threads, --cache, --out, "
                    + "--mlp-epochs, --vit-epochs, --retain-budget or --seed."),
            };
            i++;
        }

        foreach (var m in o.Models)
        {
            if (m is not ("mlp" or "vit")) throw new ArgumentException($"Unknown model '{m}'; expected mlp and/or vit.");
        }

        foreach (var s in o.Scenarios)
        {
            if (s is not ("s1" or "s2" or "s3")) throw new ArgumentException($"Unknown scenario '{s}'; expected s1, s2 and/or s3.");
        }

        return o;
    }

    private static string[] List(string value) =>
        value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(v => v.ToLowerInvariant()).ToArray();

    private static int Int(string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v > 0
            ? v : throw new ArgumentException($"Expected a positive whole number, got '{value}'.");
}
