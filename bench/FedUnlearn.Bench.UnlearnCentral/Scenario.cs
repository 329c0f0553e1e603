using FedUnlearn.Learning.Data;
using FedUnlearn.Learning.Evaluation;

namespace FedUnlearn.Bench.UnlearnCentral;

/// <summary>
/// One forgetting task: the data the original adapter is fine-tuned on (<see cref="Train"/>), the
/// samples to forget (a subset of it) and the rest. Retraining trains on <see cref="Retain"/> alone.
/// </summary>
/// <param name="Key">s1, s2 or s3.</param>
/// <param name="Title">What is forgotten, for the table.</param>
/// <param name="Train">The original's fine-tune data (for S3 with the poisoned samples).</param>
/// <param name="Forget">The samples to forget, as they were trained on.</param>
/// <param name="Retain">Train minus Forget.</param>
/// <param name="ForgetClass">For class scope, the forgotten label.</param>
/// <param name="Backdoor">For the backdoor scenario, triggered test images and the trigger's target.</param>
internal sealed record Scenario(
    string Key,
    string Title,
    IDataset Train,
    IDataset Forget,
    IDataset Retain,
    int? ForgetClass,
    BackdoorProbe? Backdoor);
