namespace FedUnlearn.Learning.Data;

/// <summary>Which split of a dataset with a fixed train/test division to load.</summary>
public enum DatasetSplit
{
    /// <summary>The training split; ids are the sample's position in the split, from 0.</summary>
    Train,

    /// <summary>The test split; ids are <see cref="DatasetIds.TestIdOffset"/> plus the position.</summary>
    Test,
}
