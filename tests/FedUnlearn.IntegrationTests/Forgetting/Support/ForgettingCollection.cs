namespace FedUnlearn.IntegrationTests.Forgetting.Support;

/// <summary>
/// The end-to-end forgetting tests run one after another (each is a whole federation busy on both cores)
/// and share one pre-trained base model.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ForgettingCollection : ICollectionFixture<FederationFixture>
{
    public const string Name = "Forgetting end to end";
}
