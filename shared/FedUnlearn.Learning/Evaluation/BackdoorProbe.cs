using FedUnlearn.Learning.Data;

namespace FedUnlearn.Learning.Evaluation;

/// <summary>Samples stamped with a backdoor trigger (true labels kept) and the class the trigger steers towards.</summary>
/// <param name="Triggered">E.g. <c>trigger.StampAll(test)</c> (see <see cref="Data.Transforms.BackdoorTrigger"/>).</param>
/// <param name="TargetClass">The poisoned label.</param>
public sealed record BackdoorProbe(IDataset Triggered, int TargetClass);
