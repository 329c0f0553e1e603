namespace FedUnlearn.Learning.Federated;

/// <summary>Progress of a local task: steps done out of the planned total, and the latest loss.</summary>
public readonly record struct LocalProgress(int Step, int TotalSteps, double Loss);
