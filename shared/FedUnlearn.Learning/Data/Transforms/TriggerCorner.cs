namespace FedUnlearn.Learning.Data.Transforms;

/// <summary>Where <see cref="BackdoorTrigger"/> stamps its patch.</summary>
public enum TriggerCorner
{
    /// <summary>Top-left corner.</summary>
    TopLeft,

    /// <summary>Top-right corner.</summary>
    TopRight,

    /// <summary>Bottom-left corner.</summary>
    BottomLeft,

    /// <summary>Bottom-right corner (the BadNets default).</summary>
    BottomRight,
}
