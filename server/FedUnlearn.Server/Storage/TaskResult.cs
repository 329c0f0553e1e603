namespace FedUnlearn.Server.Storage;

/// <summary>One task's result for a batched submission.</summary>
/// <param name="TaskId">The task answered.</param>
/// <param name="Blob">Its staged parameters; null for results without parameters (evaluations).</param>
/// <param name="SampleCount">The sample count the client reported.</param>
public sealed record TaskResult(string TaskId, StagedBlob? Blob, long SampleCount);
