namespace FedUnlearn.Learning.Unlearning;

/// <summary>A registered method: its name, a one-line summary and the factory that builds it from options.</summary>
/// <param name="Name">The registry name.</param>
/// <param name="Summary">What the method does, for <c>--help</c> and reports.</param>
/// <param name="Factory">Builds the method, reading (and validating) its options.</param>
public sealed record MethodDescriptor(string Name, string Summary, Func<MethodOptions, IUnlearningMethod> Factory);
