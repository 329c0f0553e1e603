namespace FedUnlearn.Learning.Models;

/// <summary>How <see cref="TinyVit"/> turns its tokens into one feature vector.</summary>
public enum VitPooling
{
    /// <summary>A learned class token is prepended; its final state is the feature.</summary>
    ClassToken,

    /// <summary>The mean of the patch tokens' final states.</summary>
    Mean,
}
