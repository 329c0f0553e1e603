namespace FedUnlearn.Learning.Unlearning.Rfa;

/// <summary>Where residual feature alignment moves the forget samples.</summary>
public enum RfaTarget
{
    /// <summary>
    /// <c>other-class-mean</c> (default): each forget sample's penultimate features are pulled to the
    /// teacher's mean feature of the other class nearest to the sample's own teacher feature (classes
    /// with retained samples only, the sample's label excluded).
    /// </summary>
    OtherClassMean,

    /// <summary>
    /// <c>random</c>: the teacher feature plus a random unit direction (one per class, seeded by the
    /// label and <see cref="RfaOptions.TargetSeed"/>) scaled to the root-mean-square norm of the
    /// retained teacher features.
    /// </summary>
    Random,

    /// <summary><c>uniform-kl</c>: KL(uniform ‖ softmax(head(features))) on forget samples: the head sees no class in them.</summary>
    UniformKl,
}
