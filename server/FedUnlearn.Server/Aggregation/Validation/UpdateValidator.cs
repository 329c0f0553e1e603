using System.Globalization;
using FedUnlearn.Contracts.Parameters;
using FedUnlearn.Server.Aggregation.Internal;
using System.Numerics.Tensors;

namespace FedUnlearn.Server.Aggregation.Validation;

/// <summary>
/// Decides whether a client update may count: a sane sample count, the global adapter's exact
/// names and shapes, only finite values and, when configured, a delta norm within bound. The
/// reason it gives is precise enough to send back to the client as an INVALID_ARGUMENT message.
/// </summary>
public sealed class UpdateValidator
{
    private readonly UpdateValidatorOptions _options;

    /// <summary>Creates a validator; the options are checked and then read live.</summary>
    public UpdateValidator(UpdateValidatorOptions? options = null)
    {
        _options = options ?? new UpdateValidatorOptions();
        _options.Validate();
    }

    /// <summary>Validates <paramref name="update"/> against the round's <paramref name="global"/> adapter.</summary>
    public ValidationResult Validate(ParameterSet global, ClientUpdate update) => Validate(global, update, checkFinite: true);

    /// <summary>As <see cref="Validate(ParameterSet, ClientUpdate)"/>; an aggregator that checks finiteness in its own pass skips it here.</summary>
    internal ValidationResult Validate(ParameterSet global, ClientUpdate update, bool checkFinite)
    {
        ArgumentNullException.ThrowIfNull(global);
        ArgumentNullException.ThrowIfNull(update);
        if (string.IsNullOrWhiteSpace(update.ClientId))
            return ValidationResult.Invalid("the update carries no client id");
        if (update.SampleCount <= 0)
            return ValidationResult.Invalid(Format($"sample count {update.SampleCount} must be positive"));
        if (update.SampleCount > _options.MaxSampleCount)
            return ValidationResult.Invalid(Format($"sample count {update.SampleCount} exceeds the declared maximum {_options.MaxSampleCount}"));
        if (update.Parameters is null)
            return ValidationResult.Invalid("the update carries no parameters");
        if (global.DescribeLayoutMismatch(update.Parameters) is { } mismatch)
            return ValidationResult.Invalid($"layout differs from the global adapter: {mismatch}");
        if (checkFinite && DescribeNonFinite(update.Parameters) is { } nonFinite)
            return ValidationResult.Invalid(nonFinite);
        if (_options.MaxDeltaNorm is { } bound)
        {
            var norm = DeltaMath.Norm(global, update);
            if (norm > bound)
                return ValidationResult.Invalid(Format($"delta L2 norm {norm:G6} exceeds the bound {bound:G6}"));
        }
        return ValidationResult.Valid;
    }

    /// <summary>
    /// Null when every value of <paramref name="parameters"/> is finite; otherwise names each
    /// offending tensor with its count of NaN/infinite values and the first index.
    /// </summary>
    public static string? DescribeNonFinite(ParameterSet parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (AllFinite(parameters)) return null;
        List<string>? problems = null;
        foreach (var t in parameters)
        {
            if (TensorPrimitives.IsFiniteAll<float>(t.Data)) continue;
            int count = 0, first = -1;
            for (var i = 0; i < t.Data.Length; i++)
            {
                if (float.IsFinite(t.Data[i])) continue;
                if (count++ == 0) first = i;
            }
            var noun = count == 1 ? "value" : "values";
            (problems ??= []).Add($"tensor '{t.Name}' has {count} non-finite {noun} (first at index {first})");
        }
        return problems is null ? null : string.Join("; ", problems);
    }

    // Vectorised fast path; the precise message is only built for the rare bad update.
    private static bool AllFinite(ParameterSet parameters)
    {
        foreach (var t in parameters)
            if (!TensorPrimitives.IsFiniteAll<float>(t.Data)) return false;
        return true;
    }

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
