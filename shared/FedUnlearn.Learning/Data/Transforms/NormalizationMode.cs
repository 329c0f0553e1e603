namespace FedUnlearn.Learning.Data.Transforms;

/// <summary>Over which features one mean and standard deviation are shared.</summary>
public enum NormalizationMode
{
    /// <summary>One mean and deviation over every feature of every sample.</summary>
    Global,

    /// <summary>One per channel: per slice of the first dimension (<c>[C, H, W]</c> → C; <c>[d]</c> → d).</summary>
    PerChannel,

    /// <summary>One per feature position (the usual choice for tabular data).</summary>
    PerFeature,
}
