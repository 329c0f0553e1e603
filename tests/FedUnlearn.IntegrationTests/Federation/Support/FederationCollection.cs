namespace FedUnlearn.IntegrationTests.Federation.Support;

/// <summary>
/// The end-to-end training tests run alone (each is a whole federation busy on both cores, and their
/// accuracy figures are asserted) and share one weakly pre-trained base model.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FederationCollection : ICollectionFixture<WeakBaseFixture>
{
    public const string Name = "Federation end to end";
}
