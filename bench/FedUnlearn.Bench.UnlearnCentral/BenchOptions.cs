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

    /// <summary>Retained samples the approximate methods see on the MLP (a seeded random subset, the same for every method).</summary>
    public int MlpRetainBudget { get; init; } = 8000;

    /// <summary>Retained samples the approximate methods see on the ViT.</summary>
    public int VitRetainBudget { get; init; } = 4000;

    /// <summary>Seed of the splits, the forget sets and every training run.</summary>
    public int Seed { get; init; } = 7;

    /// <summary>Timed runs of retraining and of each stateless method on the MLP (fastest kept; they must agree bit for bit).</summary>
    public int MlpRepeats { get; init; } = 3;

    /// <summary>Timed runs on the ViT (each costs seconds to a minute, so one by default).</summary>
    public int VitRepeats { get; init; } = 1;

    /// <summary>Option overrides by method label, from <c>--set rfa.lambda=0.1</c>; applied in every scenario.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Overrides { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, string>>();

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
                "--mlp-budget" => o with { MlpRetainBudget = Int(value) },
                "--vit-budget" => o with { VitRetainBudget = Int(value) },
                "--seed" => o with { Seed = Int(value) },
                "--mlp-repeats" => o with { MlpRepeats = Int(value) },
                "--vit-repeats" => o with { VitRepeats = Int(value) },
                "--set" => o with { Overrides = WithOverride(o.Overrides, value) },
                _ => throw new ArgumentException($"Unknown option {args[i]}; expected --models, --scenarios, --methods, --threads, --cache, --out, "
                    + "--mlp-epochs, --vit-epochs, --mlp-budget, --vit-budget, --seed, --mlp-repeats, --vit-repeats or --set."),
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

    /// <summary>Adds <c>method.option=value</c> (e.g. <c>rfa.lambda=0.1</c>, <c>layer-wise.inner.tau=2</c>).</summary>
    private static Dictionary<string, IReadOnlyDictionary<string, string>> WithOverride(
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> current, string text)
    {
        var dot = text.IndexOf('.');
        var equals = text.IndexOf('=');
        if (dot <= 0 || equals < dot + 2) throw new ArgumentException($"--set expects method.option=value (e.g. rfa.lambda=0.1), got '{text}'.");
        var result = current.ToDictionary(kv => kv.Key, kv => kv.Value);
        var method = text[..dot].ToLowerInvariant();
        var options = result.TryGetValue(method, out var existing) ? existing.ToDictionary() : [];
        options[text[(dot + 1)..equals]] = text[(equals + 1)..];
        result[method] = options;
        return result;
    }

    private static string[] List(string value) =>
        value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(v => v.ToLowerInvariant()).ToArray();

    private static int Int(string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v > 0
            ? v : throw new ArgumentException($"Expected a positive whole number, got '{value}'.");
}
